package org.cavaplan.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.cavaplan.core.vocabulary.Vocabulary;
import org.cavaplan.io.Json;
import org.cavaplan.registry.CaseVersion;
import org.cavaplan.server.web.HistoryPage.Change;
import org.cavaplan.server.web.HistoryPage.Diff;
import org.cavaplan.server.web.HistoryPage.FieldChange;
import org.cavaplan.server.web.HistoryPage.Picker;
import org.cavaplan.server.web.HistoryPage.Value;
import org.cavaplan.server.web.HistoryPage.VersionRow;
import org.cavaplan.server.web.HistoryPage.WholeItem;

/**
 * The history of one case ({@link HistoryPage}, written by {@code history.jte}): every version (when,
 * who, why, retired), a small form to pick two versions, and the differences between them field by
 * field in clinical words with their old and new values ({@link CaseDiff}; the JSON pointer only as
 * hover text).
 */
public final class HistoryView {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private HistoryView() {}

    /**
     * The page. {@code versions}: all versions of the case; {@code leftJson}/{@code rightJson}: the
     * content of versions {@code left} and {@code right} (empty when there is nothing to compare,
     * e.g. a case with one version).
     */
    public static HistoryPage page(Frame frame, String caseId, List<CaseVersion> versions, Optional<String> leftJson,
            Optional<String> rightJson, int left, int right) {
        String base = "/cases/" + segment(caseId);
        List<VersionRow> rows = new ArrayList<>();
        for (CaseVersion v : versions) {
            rows.add(new VersionRow(base + "/versions/" + v.version(), v.version(), v.recordedAt().toString(),
                    WHEN.format(v.recordedAt()), v.author(), change(v.change()), v.reason(), v.retired(), v.retired() ? "yes" : "no"));
        }
        Picker picker = versions.size() > 1
                ? new Picker(base + "/history", versions.stream().map(CaseVersion::version).toList(), left, right) : null;
        return new HistoryPage(frame, caseId, rows, picker, diff(versions, leftJson, rightJson, left, right));
    }

    private static String change(CaseVersion.Change change) {
        return switch (change) {
            case CREATED -> "created";
            case UPDATED -> "updated";
            case RETIRED -> "retired";
        };
    }

    private static Diff diff(List<CaseVersion> versions, Optional<String> leftJson, Optional<String> rightJson, int left,
            int right) {
        if (leftJson.isEmpty() || rightJson.isEmpty()) {
            return new Diff("Changes", versions.size() < 2 ? "Only one version: nothing to compare yet."
                    : "Pick two versions to compare.", null, null, List.of());
        }
        String title = "Changes from version " + left + " to version " + right;
        JsonNode a;
        JsonNode b;
        try {
            a = Json.mapper().readTree(leftJson.get());
            b = Json.mapper().readTree(rightJson.get());
        } catch (JsonProcessingException e) {
            return new Diff(title, null, "A stored version could not be read as JSON.", null, List.of());
        }
        if (left == right) {
            return new Diff(title, "These are the same version.", null, null, List.of());
        }
        List<CaseDiff.Line> lines = CaseDiff.diff(a, b);
        List<Change> changes = new ArrayList<>();
        for (CaseDiff.Line line : lines) {
            changes.add(change(line));
        }
        return new Diff(title, null, null, CaseDiff.count(lines.size())
                + (lines.isEmpty() ? ": the two versions have the same content." : "."), changes);
    }

    private static Change change(CaseDiff.Line line) {
        String kind = line.kind().name().toLowerCase(Locale.ROOT);
        if (line.field().isEmpty() && line.kind() != CaseDiff.Kind.CHANGED) {
            boolean added = line.kind() == CaseDiff.Kind.ADDED;
            return new WholeItem(kind, line.pointer(), line.where(), added ? "added" : "removed",
                    new Value(added ? "after" : "before", added ? line.after() : line.before()));
        }
        boolean where = !line.where().isEmpty();
        return new FieldChange(kind, line.pointer(), where ? line.where() : null,
                where ? CaseDiff.inSentence(line.field()) : line.field(), value("before", line.before()),
                value("after", line.after()));
    }

    private static Value value(String side, String words) {
        return new Value(words.equals(Vocabulary.NOT_RECORDED) ? side + " absent" : side, words);
    }

    private static String segment(String caseId) {
        return URLEncoder.encode(caseId == null ? "" : caseId, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
