package org.cavaplan.server.web;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.cavaplan.registry.AuditEntry;

/** The audit log page's body: a filter by target, the latest entries, and a link to show more. */
final class AuditView {

    /** Entries shown at first, and added by "show more". */
    static final int PAGE = 100;

    /** The most entries one page shows. */
    static final int MAX = 5000;

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private AuditView() {}

    static String body(String target, int limit, List<AuditEntry> entries) {
        StringBuilder out = new StringBuilder(16 * 1024);
        out.append("<h1>Audit log</h1>\n<p>Every read and change of patient data, every export and every sign-in ")
                .append("attempt, newest first. Reading this log is itself recorded.</p>\n")
                .append("<form method=\"get\" action=\"/admin/audit\" class=\"filters\">\n")
                .append("<p><label for=\"target\">Case id or user name</label>\n")
                .append("<input id=\"target\" name=\"target\" type=\"search\" maxlength=\"200\" value=\"")
                .append(Html.attr(target)).append("\"></p>\n")
                .append("<p><button type=\"submit\">Show</button> <a href=\"/admin/audit\">All entries</a></p>\n</form>\n");
        if (entries.isEmpty()) {
            out.append("<p>No entries.</p>\n");
            return out.toString();
        }
        out.append("<table class=\"audit\">\n<caption>").append(entries.size()).append(entries.size() == 1 ? " entry" : " entries")
                .append(target.isEmpty() ? "" : " about " + Html.text(target)).append("</caption>\n<thead><tr>")
                .append("<th scope=\"col\">When</th><th scope=\"col\">Who</th><th scope=\"col\">Role</th>")
                .append("<th scope=\"col\">From</th><th scope=\"col\">Action</th><th scope=\"col\">Target</th>")
                .append("<th scope=\"col\">Outcome</th><th scope=\"col\">Detail</th></tr></thead>\n<tbody>\n");
        for (AuditEntry e : entries) {
            out.append("<tr class=\"outcome-").append(e.outcome().name().toLowerCase(Locale.ROOT)).append("\">")
                    .append("<td><time datetime=\"").append(Html.attr(e.at().toString())).append("\">")
                    .append(Html.text(WHEN.format(e.at()))).append("</time></td><td>").append(Html.text(e.actor()))
                    .append("</td><td>").append(e.role().map(r -> Html.text(Layout.role(r))).orElse("–"))
                    .append("</td><td>").append(Html.text(e.origin())).append("</td><td>").append(Html.text(e.action()))
                    .append("</td><td>").append(Html.text(e.target())).append("</td><td>").append(Html.text(e.outcome()))
                    .append("</td><td>").append(Html.text(e.detail())).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n");
        if (entries.size() >= limit && limit < MAX) {
            out.append("<p><a href=\"/admin/audit?").append(target.isEmpty() ? "" : "target=" + Html.attr(WebPages.encode(target)) + "&amp;")
                    .append("limit=").append(Math.min(MAX, limit + PAGE)).append("\">Show ").append(PAGE)
                    .append(" more</a></p>\n");
        }
        return out.toString();
    }
}
