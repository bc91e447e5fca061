package org.cavaplan.server.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.cavaplan.core.model.Margin;
import org.cavaplan.core.plan.Intent;
import org.cavaplan.core.plan.Stage;
import org.cavaplan.registry.CaseSummary;
import org.cavaplan.registry.Page;
import org.cavaplan.server.CaseListQuery;

/**
 * The worklist's body: the filters (a GET form over the parameters of {@link CaseListQuery}), a
 * table of the cases with a link to each one's plan, and paging. Paging is by case id: the next page
 * starts after the last id shown; the way back is carried in the links as the list {@code back} of
 * the pages' starting ids ({@value #FIRST} for the first page), at most {@value #MAX_BACK} deep.
 */
final class WorklistView {

    /** Marks the first page in {@code back} (a case id never starts with "-"). */
    static final String FIRST = "-";
    static final int MAX_BACK = 50;

    private WorklistView() {}

    /**
     * {@code params}: the filters as given (name to value, blank ones left out); {@code back}: the
     * way back; {@code page}: the cases found (empty when the filters were not valid);
     * {@code errors}: what is wrong with the filters.
     */
    static String body(Map<String, String> params, List<String> back, Optional<Page> page, List<String> errors) {
        StringBuilder out = new StringBuilder(16 * 1024);
        out.append("<div class=\"worklist\">\n<h1>Worklist</h1>\n<p class=\"actions\"><a class=\"button\" href=\"/cases/new\">")
                .append("New case</a></p>\n");
        filters(out, params);
        if (!errors.isEmpty()) {
            out.append("<div class=\"error-summary\" role=\"alert\"><p>The filters could not be used:</p><ul>\n");
            for (String error : errors) {
                out.append("<li>").append(Html.text(error)).append("</li>\n");
            }
            out.append("</ul></div>\n");
        }
        page.ifPresent(p -> {
            table(out, p);
            paging(out, params, back, p);
        });
        out.append("</div>\n");
        return out.toString();
    }

    private static void filters(StringBuilder out, Map<String, String> params) {
        out.append("<form method=\"get\" action=\"/cases\" class=\"filters\" aria-label=\"Filter the cases\">\n")
                .append("<p><label for=\"q\">Case id contains</label>\n<input id=\"q\" name=\"q\" type=\"search\" ")
                .append("maxlength=\"64\" value=\"").append(Html.attr(params.getOrDefault("q", ""))).append("\"></p>\n");
        select(out, "level", "Highest IVC level reached", List.of("1", "2", "3"), params);
        select(out, "stage", "Stage of the pathway", CaseListQuery.names(Stage.class), params);
        select(out, "intent", "Intent", CaseListQuery.names(Intent.class), params);
        select(out, "margin", "Resection margin", CaseListQuery.names(Margin.class), params);
        out.append("<p class=\"buttons\"><button type=\"submit\">Filter</button> <a href=\"/cases\">Clear the filters</a></p>\n")
                .append("</form>\n");
    }

    private static void select(StringBuilder out, String name, String label, List<String> options, Map<String, String> params) {
        String chosen = params.getOrDefault(name, "");
        out.append("<p><label for=\"").append(name).append("\">").append(label).append("</label>\n<select id=\"")
                .append(name).append("\" name=\"").append(name).append("\">\n<option value=\"\">any</option>\n");
        for (String option : options) {
            out.append("<option value=\"").append(Html.attr(option)).append('"')
                    .append(option.equalsIgnoreCase(chosen) ? " selected" : "").append('>').append(Html.text(label(option)))
                    .append("</option>\n");
        }
        out.append("</select></p>\n");
    }

    private static String label(String name) {
        String lower = name.replace('_', ' ').toLowerCase(Locale.ROOT);
        return name.length() <= 2 ? name : Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    private static void table(StringBuilder out, Page page) {
        if (page.cases().isEmpty()) {
            out.append("<p class=\"empty\">No case matches these filters.</p>\n");
            return;
        }
        out.append("<table class=\"cases\">\n<caption>Cases, by case id</caption>\n<thead><tr>")
                .append("<th scope=\"col\">Case</th><th scope=\"col\">Version</th><th scope=\"col\">IVC levels</th>")
                .append("<th scope=\"col\">Stage</th><th scope=\"col\">Intent</th><th scope=\"col\">Margin</th>")
                .append("<th scope=\"col\">Grade</th><th scope=\"col\">Size (cm)</th><th scope=\"col\">Operation</th>")
                .append("<th scope=\"col\">Vital status</th></tr></thead>\n<tbody>\n");
        for (CaseSummary c : page.cases()) {
            out.append("<tr><th scope=\"row\"><a href=\"/cases/").append(Html.attr(WebPages.encode(c.caseId()))).append("\">")
                    .append(Html.text(c.caseId())).append("</a>").append(c.synthetic() ? " <span class=\"tag\">synthetic</span>" : "")
                    .append("</th><td>").append(c.version()).append("</td><td>")
                    .append(c.ivcLevels().isEmpty() ? "unknown" : Html.text(join(c.ivcLevels()))).append("</td><td>")
                    .append(Html.text(label(c.stage().name()))).append("</td><td>").append(Html.text(label(c.intent().name())))
                    .append("</td><td>").append(c.margin().map(m -> Html.text(m.name())).orElse("–")).append("</td><td>")
                    .append(c.grade().map(String::valueOf).orElse("–")).append("</td><td>")
                    .append(c.sizeCm().map(s -> String.format(Locale.ROOT, "%.1f", s)).orElse("–")).append("</td><td>")
                    .append(c.operationDate().map(d -> Html.text(d.toString())).orElse("–")).append("</td><td>")
                    .append(c.vitalStatus().map(v -> Html.text(label(v.name()))).orElse("–")).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    private static String join(List<Integer> levels) {
        List<String> parts = new ArrayList<>();
        for (Integer level : levels) {
            parts.add(String.valueOf(level));
        }
        return String.join(", ", parts);
    }

    private static void paging(StringBuilder out, Map<String, String> params, List<String> back, Page page) {
        String cursor = params.get("cursor");
        List<String> trail = new ArrayList<>(back.size() > MAX_BACK ? back.subList(back.size() - MAX_BACK, back.size()) : back);
        List<String> links = new ArrayList<>();
        if (cursor != null) {
            if (trail.isEmpty()) {
                links.add(link(params, null, List.of(), "First page", "first"));
            } else {
                String previous = trail.get(trail.size() - 1);
                links.add(link(params, previous.equals(FIRST) ? null : previous, trail.subList(0, trail.size() - 1),
                        "Previous page", "prev"));
            }
        }
        if (page.nextAfter().isPresent()) {
            List<String> nextTrail = new ArrayList<>(trail);
            nextTrail.add(cursor == null ? FIRST : cursor);
            if (nextTrail.size() > MAX_BACK) {
                nextTrail.remove(0);
            }
            links.add(link(params, page.nextAfter().get(), nextTrail, "Next page", "next"));
        }
        if (!links.isEmpty()) {
            out.append("<nav class=\"paging\" aria-label=\"Pages of cases\"><ul>\n");
            for (String l : links) {
                out.append("<li>").append(l).append("</li>\n");
            }
            out.append("</ul></nav>\n");
        }
    }

    private static String link(Map<String, String> params, String cursor, List<String> back, String label, String rel) {
        StringBuilder href = new StringBuilder("/cases?");
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (!e.getKey().equals("cursor")) {
                href.append(e.getKey()).append('=').append(WebPages.encode(e.getValue())).append('&');
            }
        }
        if (cursor != null) {
            href.append("cursor=").append(WebPages.encode(cursor)).append('&');
        }
        for (String b : back) {
            href.append("back=").append(WebPages.encode(b)).append('&');
        }
        href.setLength(href.length() - 1);
        return "<a rel=\"" + rel + "\" href=\"" + Html.attr(href) + "\">" + label + "</a>";
    }
}
