package org.cavaplan.server.web;

import java.util.List;

/**
 * The audit log page ({@code audit.jte}): the filters as typed, each with what is wrong with it, and
 * the entries found in an auditor's words, newest first.
 *
 * @param frame the layout's frame
 * @param target the filter on what an entry is about
 * @param user the filter on who acted
 * @param action the filter on the action
 * @param from the first day
 * @param to the last day
 * @param refused a filter could not be read, so nothing was looked up
 * @param filtered at least one filter was given
 * @param entries the entries found
 * @param more the link that shows more entries (null: no more to show)
 * @param moreCount how many more that link adds
 */
public record AuditPage(Frame frame, Input target, Input user, Select action, Input from, Input to, boolean refused,
        boolean filtered, List<Entry> entries, String more, int moreCount) {

    public AuditPage {
        entries = List.copyOf(entries);
    }

    /** The table's caption: how many entries, and whether they are the filters' matches. */
    public String caption() {
        return entries.size() + (entries.size() == 1 ? " entry" : " entries") + (filtered ? " that match the filters" : "");
    }

    /** A text field: its name, label, input type, value as typed, longest value and what is wrong (null: nothing). */
    public record Input(String name, String label, String type, String value, int maxLength, String error) {}

    /** The list of actions, the one chosen marked, and what is wrong with the choice (null: nothing). */
    public record Select(List<Option> options, String error) {
        public Select {
            options = List.copyOf(options);
        }
    }

    /** An action: its name in the query and its words. */
    public record Option(String value, String label, boolean selected) {}

    /**
     * An entry: the outcome's name for the row's class, the instant (ISO) with its day and time, who
     * acted (name, role, from where), the action (its name and its words), what it was about, the
     * outcome in words, and the detail.
     */
    public record Entry(String outcomeClass, String at, String day, String time, String actor, String role, String origin,
            String actionName, String action, String target, String outcome, String detail) {

        /**
         * The detail in parts, a word with a hyphen in it ({@code 2026-01-22}, {@code dr-versions}) kept
         * whole: a browser would otherwise break the line after its hyphen.
         */
        public List<DetailPart> detailParts() {
            List<DetailPart> parts = new java.util.ArrayList<>();
            java.util.regex.Matcher m = HYPHENATED.matcher(detail);
            int from = 0;
            while (m.find()) {
                if (m.start() > from) {
                    parts.add(new DetailPart(detail.substring(from, m.start()), false));
                }
                parts.add(new DetailPart(m.group(), true));
                from = m.end();
            }
            if (from < detail.length()) {
                parts.add(new DetailPart(detail.substring(from), false));
            }
            return parts;
        }
    }

    private static final java.util.regex.Pattern HYPHENATED = java.util.regex.Pattern.compile("\\S*-\\S*");

    /** A part of an entry's detail; {@code keep}: a word not to be broken across lines. */
    public record DetailPart(String text, boolean keep) {}
}
