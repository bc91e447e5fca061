package org.cavaplan.server.web;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.cavaplan.registry.AuditEntry;
import org.cavaplan.registry.AuditQuery;

/**
 * The audit log page's body: filters (case id or user name the entry is about, the user who acted,
 * the action, a range of days), the latest entries that match, in an auditor's words, and a link to
 * show more. A filter that cannot be read is named beside its field, and nothing is looked up.
 */
final class AuditView {

    /** Entries shown at first, and added by "show more". */
    static final int PAGE = 100;

    /** The most entries one page shows. */
    static final int MAX = 5000;

    private static final int MAX_TEXT = 200;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private AuditView() {}

    /**
     * The filters as typed ({@code target}, {@code user}, {@code action}: the name of an
     * {@link AuditEntry.Action}, {@code from} and {@code to}: ISO dates), and how many entries to show.
     */
    record Filters(String target, String user, String action, String from, String to, int limit) {

        /** The query parameters of the audit page, in the order of its form. */
        static final List<String> PARAMETERS = List.of("target", "user", "action", "from", "to");

        /** Reads the filters through {@code param} (null: not given); text longer than 200 characters is cut. */
        static Filters of(Function<String, String> param) {
            return new Filters(text(param, "target"), text(param, "user"), text(param, "action"), text(param, "from"),
                    text(param, "to"), limit(param.apply("limit")));
        }

        private static String text(Function<String, String> param, String name) {
            String value = Optional.ofNullable(param.apply(name)).map(String::strip).orElse("");
            return value.length() > MAX_TEXT ? value.substring(0, MAX_TEXT) : value;
        }

        private static int limit(String text) {
            int n;
            try {
                n = text == null ? PAGE : Integer.parseInt(text.strip());
            } catch (NumberFormatException e) {
                n = PAGE;
            }
            return n < 1 ? PAGE : Math.min(n, MAX);
        }

        /** What cannot be read, by parameter name, in words for beside the field; empty when all can. */
        Map<String, String> errors() {
            Map<String, String> errors = new LinkedHashMap<>();
            if (!action.isEmpty() && actionConstant().isEmpty()) {
                errors.put("action", "Choose an action from the list.");
            }
            Optional<LocalDate> start = date(from);
            Optional<LocalDate> end = date(to);
            if (!from.isEmpty() && start.isEmpty()) {
                errors.put("from", "Write the first day as a date, for example 2026-01-31.");
            }
            if (!to.isEmpty() && end.isEmpty()) {
                errors.put("to", "Write the last day as a date, for example 2026-01-31.");
            }
            if (start.isPresent() && end.isPresent() && start.get().isAfter(end.get())) {
                errors.put("to", "The last day is before the first day (" + from + ").");
            }
            return errors;
        }

        /** The registry's query; only when {@link #errors()} is empty. */
        AuditQuery query() {
            AuditQuery query = AuditQuery.latest(limit);
            if (!target.isEmpty()) {
                query = query.about(target);
            }
            if (!user.isEmpty()) {
                query = query.by(user);
            }
            if (actionConstant().isPresent()) {
                query = query.of(actionConstant().get());
            }
            return query.between(date(from), date(to));
        }

        boolean any() {
            return !(target.isEmpty() && user.isEmpty() && action.isEmpty() && from.isEmpty() && to.isEmpty());
        }

        private Optional<AuditEntry.Action> actionConstant() {
            for (AuditEntry.Action a : AuditEntry.Action.values()) {
                if (a.name().equals(action)) {
                    return Optional.of(a);
                }
            }
            return Optional.empty();
        }

        private static Optional<LocalDate> date(String text) {
            if (text.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(LocalDate.parse(text));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }

        /** The filters as a query string (escaped for an attribute), with another limit. */
        String link(int newLimit) {
            StringBuilder out = new StringBuilder("/admin/audit?");
            List<String> values = List.of(target, user, action, from, to);
            for (int i = 0; i < PARAMETERS.size(); i++) {
                if (!values.get(i).isEmpty()) {
                    out.append(PARAMETERS.get(i)).append('=').append(WebPages.encode(values.get(i))).append('&');
                }
            }
            return Html.attr(out.append("limit=").append(newLimit).toString());
        }
    }

    static String body(Filters filters, Map<String, String> errors, List<AuditEntry> entries) {
        StringBuilder out = new StringBuilder(16 * 1024);
        out.append("<div class=\"audit-log\">\n<h1>Audit log</h1>\n<p>Every read and change of patient data, every ")
                .append("export and analysis, and every sign-in attempt, newest first. Reading this log is itself ")
                .append("recorded. Times are in UTC.</p>\n");
        form(out, filters, errors);
        if (!errors.isEmpty()) {
            out.append("<p class=\"error-message\" role=\"alert\">Nothing was looked up: correct the filters marked ")
                    .append("above.</p>\n</div>\n");
            return out.toString();
        }
        if (entries.isEmpty()) {
            out.append("<p>No entries").append(filters.any() ? " match these filters" : "").append(".</p>\n</div>\n");
            return out.toString();
        }
        out.append("<div class=\"table-scroll\">\n<table class=\"audit\">\n<caption>").append(entries.size())
                .append(entries.size() == 1 ? " entry" : " entries").append(filters.any() ? " that match the filters" : "")
                .append("</caption>\n<thead><tr>")
                .append("<th scope=\"col\" class=\"at\">When</th><th scope=\"col\" class=\"who\">Who (role, from)</th>")
                .append("<th scope=\"col\" class=\"action\">Action</th><th scope=\"col\" class=\"target\">About</th>")
                .append("<th scope=\"col\" class=\"outcome\">Outcome</th><th scope=\"col\" class=\"detail\">Detail</th>")
                .append("</tr></thead>\n<tbody>\n");
        for (AuditEntry e : entries) {
            out.append("<tr class=\"outcome-").append(e.outcome().name().toLowerCase(Locale.ROOT)).append("\">")
                    .append("<td class=\"at\"><time datetime=\"").append(Html.attr(e.at().toString())).append("\">")
                    .append("<span class=\"day\">").append(Html.text(DAY.format(e.at()))).append("</span> ")
                    .append("<span class=\"time\">").append(Html.text(TIME.format(e.at()))).append("</span></time></td>")
                    .append("<td class=\"who\"><span class=\"name\">").append(Html.text(e.actor()))
                    .append("</span> <span class=\"role\">").append(e.role().map(r -> Html.text(Frame.role(r)))
                            .orElse("no signed-in user"))
                    .append("</span> <span class=\"origin\">").append(Html.text(e.origin()))
                    .append("</span></td><td class=\"action\" title=\"").append(e.action().name()).append("\">")
                    .append(Html.text(e.action().words()))
                    .append("</td><td class=\"target\">").append(Html.text(e.target().equals("*") ? "the registry" : e.target()))
                    .append("</td><td class=\"outcome\">").append(Html.text(e.outcome().words()))
                    .append("</td><td class=\"detail\">").append(Html.text(e.detail())).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n</div>\n");
        if (entries.size() >= filters.limit() && filters.limit() < MAX) {
            out.append("<p><a href=\"").append(filters.link(Math.min(MAX, filters.limit() + PAGE))).append("\">Show ")
                    .append(PAGE).append(" more</a></p>\n");
        }
        return out.append("</div>\n").toString();
    }

    private static void form(StringBuilder out, Filters filters, Map<String, String> errors) {
        out.append("<form method=\"get\" action=\"/admin/audit\" class=\"filters audit-filters\">\n");
        input(out, "target", "Case id or user name it is about", "search", filters.target(), errors);
        input(out, "user", "Done by (user name)", "search", filters.user(), errors);
        out.append("<p><label for=\"action\">Action</label>\n");
        error(out, "action", errors);
        out.append("<select id=\"action\" name=\"action\"").append(described("action", errors)).append(">\n")
                .append("<option value=\"\">any action</option>\n");
        for (AuditEntry.Action a : AuditEntry.Action.values()) {
            out.append("<option value=\"").append(a.name()).append('"').append(a.name().equals(filters.action()) ? " selected" : "")
                    .append('>').append(Html.text(a.words())).append("</option>\n");
        }
        out.append("</select></p>\n");
        input(out, "from", "From day (UTC)", "date", filters.from(), errors);
        input(out, "to", "To day (UTC, included)", "date", filters.to(), errors);
        out.append("<p><button type=\"submit\">Show</button> <a href=\"/admin/audit\">All entries</a></p>\n</form>\n");
    }

    private static void input(StringBuilder out, String name, String label, String type, String value,
            Map<String, String> errors) {
        out.append("<p><label for=\"").append(name).append("\">").append(Html.text(label)).append("</label>\n");
        error(out, name, errors);
        out.append("<input id=\"").append(name).append("\" name=\"").append(name).append("\" type=\"").append(type)
                .append("\" maxlength=\"").append(MAX_TEXT).append("\" value=\"").append(Html.attr(value)).append('"')
                .append(described(name, errors)).append("></p>\n");
    }

    private static void error(StringBuilder out, String name, Map<String, String> errors) {
        if (errors.containsKey(name)) {
            out.append("<span class=\"field-error\" id=\"").append(name).append("-error\">")
                    .append(Html.text(errors.get(name))).append("</span>\n");
        }
    }

    private static String described(String name, Map<String, String> errors) {
        return errors.containsKey(name) ? " aria-invalid=\"true\" aria-describedby=\"" + name + "-error\"" : "";
    }
}
