package org.cavaplan.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.cavaplan.io.Json;
import org.cavaplan.registry.CaseVersion;

/**
 * The history of one case as an HTML fragment: every version (when, who, why, retired), a small
 * form to pick two versions, and the differences between them field by field in clinical words with
 * their old and new values ({@link CaseDiff}; the JSON pointer only as hover text). Everything from
 * the registry goes through {@link Html}.
 */
public final class HistoryView {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private HistoryView() {}

    /**
     * The page body. {@code versions}: all versions of the case; {@code leftJson}/{@code rightJson}:
     * the content of versions {@code left} and {@code right} (empty when there is nothing to compare,
     * e.g. a case with one version).
     */
    public static String body(String caseId, List<CaseVersion> versions, Optional<String> leftJson,
            Optional<String> rightJson, int left, int right) {
        StringBuilder out = new StringBuilder(8 * 1024);
        String base = "/cases/" + segment(caseId);
        out.append("<div class=\"history\">\n<h1>History of case <span class=\"case-id\">").append(Html.text(caseId))
                .append("</span></h1>\n");
        versions(out, base, versions);
        if (versions.size() > 1) {
            picker(out, base, versions, left, right);
        }
        diff(out, versions, leftJson, rightJson, left, right);
        out.append("</div>\n");
        return out.toString();
    }

    private static void versions(StringBuilder out, String base, List<CaseVersion> versions) {
        if (versions.isEmpty()) {
            out.append("<p>This case has no stored version.</p>\n");
            return;
        }
        out.append("<table class=\"versions\">\n<caption>Versions of the case, oldest first</caption>\n<thead><tr>")
                .append("<th scope=\"col\">Version</th><th scope=\"col\">Recorded</th><th scope=\"col\">By</th>")
                .append("<th scope=\"col\">Change</th><th scope=\"col\">Reason</th><th scope=\"col\">Retired</th>")
                .append("</tr></thead>\n<tbody>\n");
        for (CaseVersion v : versions) {
            out.append("<tr").append(v.retired() ? " class=\"retired\"" : "").append("><th scope=\"row\"><a href=\"")
                    .append(Html.attr(base + "/versions/" + v.version())).append("\">Version ").append(v.version())
                    .append("</a></th><td><time datetime=\"").append(Html.attr(v.recordedAt().toString())).append("\">")
                    .append(Html.text(WHEN.format(v.recordedAt()))).append("</time></td><td>").append(Html.text(v.author()))
                    .append("</td><td>").append(Html.text(change(v.change()))).append("</td><td>")
                    .append(Html.text(v.reason())).append("</td><td>").append(v.retired() ? "yes" : "no").append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    private static String change(CaseVersion.Change change) {
        return switch (change) {
            case CREATED -> "created";
            case UPDATED -> "updated";
            case RETIRED -> "retired";
        };
    }

    private static void picker(StringBuilder out, String base, List<CaseVersion> versions, int left, int right) {
        out.append("<form method=\"get\" action=\"").append(Html.attr(base + "/history")).append("\" class=\"compare\">\n")
                .append("<label for=\"compare-left\">Compare version</label>\n");
        select(out, "compare-left", "left", versions, left);
        out.append("<label for=\"compare-right\">with version</label>\n");
        select(out, "compare-right", "right", versions, right);
        out.append("<button type=\"submit\">Compare</button>\n</form>\n");
    }

    private static void select(StringBuilder out, String id, String name, List<CaseVersion> versions, int chosen) {
        out.append("<select id=\"").append(id).append("\" name=\"").append(name).append("\">\n");
        for (CaseVersion v : versions) {
            out.append("<option value=\"").append(v.version()).append('"').append(v.version() == chosen ? " selected" : "")
                    .append('>').append(v.version()).append("</option>\n");
        }
        out.append("</select>\n");
    }

    private static void diff(StringBuilder out, List<CaseVersion> versions, Optional<String> leftJson,
            Optional<String> rightJson, int left, int right) {
        out.append("<section class=\"diff\" aria-labelledby=\"diff-title\">\n<h2 id=\"diff-title\">");
        if (leftJson.isEmpty() || rightJson.isEmpty()) {
            out.append("Changes</h2>\n<p>").append(versions.size() < 2 ? "Only one version: nothing to compare yet."
                    : "Pick two versions to compare.").append("</p>\n</section>\n");
            return;
        }
        out.append("Changes from version ").append(left).append(" to version ").append(right).append("</h2>\n");
        JsonNode a;
        JsonNode b;
        try {
            a = Json.mapper().readTree(leftJson.get());
            b = Json.mapper().readTree(rightJson.get());
        } catch (JsonProcessingException e) {
            out.append("<p class=\"error-message\">A stored version could not be read as JSON.</p>\n</section>\n");
            return;
        }
        if (left == right) {
            out.append("<p>These are the same version.</p>\n</section>\n");
            return;
        }
        List<CaseDiff.Line> lines = CaseDiff.diff(a, b);
        out.append("<p class=\"diff-count\">").append(CaseDiff.count(lines.size()))
                .append(lines.isEmpty() ? ": the two versions have the same content." : ".").append("</p>\n");
        if (lines.isEmpty()) {
            out.append("</section>\n");
            return;
        }
        out.append("<ul class=\"changes\">\n");
        for (CaseDiff.Line line : lines) {
            String kind = line.kind().name().toLowerCase(Locale.ROOT);
            out.append("<li class=\"").append(kind).append("\" title=\"").append(Html.attr(line.pointer())).append("\">");
            if (line.field().isEmpty() && line.kind() != CaseDiff.Kind.CHANGED) {
                out.append("<span class=\"where\">").append(Html.text(line.where())).append("</span> <span class=\"kind\">")
                        .append(line.kind() == CaseDiff.Kind.ADDED ? "added" : "removed").append("</span>: ")
                        .append("<span class=\"").append(line.kind() == CaseDiff.Kind.ADDED ? "after" : "before")
                        .append("\">").append(Html.text(line.kind() == CaseDiff.Kind.ADDED ? line.after() : line.before()))
                        .append("</span>");
            } else {
                if (!line.where().isEmpty()) {
                    out.append("<span class=\"where\">").append(Html.text(line.where())).append(":</span> ")
                            .append(Html.text(CaseDiff.inSentence(line.field())));
                } else {
                    out.append(Html.text(line.field()));
                }
                out.append(' ');
                value(out, "before", line.before());
                out.append(" <span class=\"arrow\" aria-label=\"changed to\">\u2192</span> ");
                value(out, "after", line.after());
            }
            out.append("</li>\n");
        }
        out.append("</ul>\n</section>\n");
    }

    private static void value(StringBuilder out, String side, String words) {
        boolean absent = words.equals(org.cavaplan.core.vocabulary.Vocabulary.NOT_RECORDED);
        out.append("<span class=\"").append(side).append(absent ? " absent" : "").append("\">").append(Html.text(words))
                .append("</span>");
    }

    private static String segment(String caseId) {
        return URLEncoder.encode(caseId == null ? "" : caseId, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
