package org.cavaplan.server.web;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.cavaplan.registry.AuditEntry;
import org.cavaplan.registry.AuditQuery;

/**
 * The audit log page's record ({@link AuditPage}): filters (case id or user name the entry is about, the user who acted,
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

        /** The filters as a query string, with another limit. */
        String link(int newLimit) {
            StringBuilder out = new StringBuilder("/admin/audit?");
            List<String> values = List.of(target, user, action, from, to);
            for (int i = 0; i < PARAMETERS.size(); i++) {
                if (!values.get(i).isEmpty()) {
                    out.append(PARAMETERS.get(i)).append('=').append(WebPages.encode(values.get(i))).append('&');
                }
            }
            return out.append("limit=").append(newLimit).toString();
        }
    }

    /** The page for {@code filters}, what cannot be read in them ({@code errors}) and the {@code entries} found. */
    static AuditPage page(Frame frame, Filters filters, Map<String, String> errors, List<AuditEntry> entries) {
        List<AuditPage.Option> actions = new ArrayList<>();
        for (AuditEntry.Action a : AuditEntry.Action.values()) {
            actions.add(new AuditPage.Option(a.name(), a.words(), a.name().equals(filters.action())));
        }
        boolean more = entries.size() >= filters.limit() && filters.limit() < MAX;
        return new AuditPage(frame,
                input("target", "Case id or user name it is about", "search", filters.target(), errors),
                input("user", "Done by (user name)", "search", filters.user(), errors),
                new AuditPage.Select(actions, errors.get("action")),
                input("from", "From day (UTC)", "date", filters.from(), errors),
                input("to", "To day (UTC, included)", "date", filters.to(), errors),
                !errors.isEmpty(), filters.any(), errors.isEmpty() ? entries.stream().map(AuditView::entry).toList() : List.of(),
                more ? filters.link(Math.min(MAX, filters.limit() + PAGE)) : null, PAGE);
    }

    private static AuditPage.Input input(String name, String label, String type, String value, Map<String, String> errors) {
        return new AuditPage.Input(name, label, type, value, MAX_TEXT, errors.get(name));
    }

    private static AuditPage.Entry entry(AuditEntry e) {
        return new AuditPage.Entry(e.outcome().name().toLowerCase(Locale.ROOT), e.at().toString(), DAY.format(e.at()),
                TIME.format(e.at()), e.actor(), e.role().map(Frame::role).orElse("no signed-in user"), e.origin(),
                e.action().name(), e.action().words(), e.target().equals("*") ? "the registry" : e.target(),
                e.outcome().words(), e.detail());
    }
}
