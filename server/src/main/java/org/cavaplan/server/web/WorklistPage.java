package org.cavaplan.server.web;

import java.util.List;

/**
 * The worklist ({@code worklist.jte}): the filters as given, what is wrong with them, the cases found
 * and the links to the pages before and after.
 *
 * @param frame the layout's frame
 * @param query the case id text of the filter, as given
 * @param filters the choice filters, in the form's order
 * @param errors what is wrong with the filters (nothing is listed then)
 * @param listed the filters could be used and the cases were looked up
 * @param rows the cases found, by case id
 * @param paging links to the first, previous or next page
 * @param home the home page: the next meeting and the user's actions are shown
 * @param nextMeeting the next tumor-board meeting (null when none is planned)
 * @param actions the user's actions of signed board decisions, overdue or due soon, soonest first
 * @param agenda the meeting whose agenda the list is narrowed to (null when it is not)
 */
public record WorklistPage(Frame frame, String query, List<Filter> filters, List<String> errors, boolean listed,
        List<Row> rows, List<PageLink> paging, boolean home, NextMeeting nextMeeting, List<ActionLine> actions,
        AgendaFilter agenda) {

    public WorklistPage {
        filters = List.copyOf(filters);
        errors = List.copyOf(errors);
        rows = List.copyOf(rows);
        paging = List.copyOf(paging);
        actions = List.copyOf(actions);
    }

    /** The next meeting: its page, date and title. */
    public record NextMeeting(String href, String date, String title) {}

    /** An action the user owns: what, when due, whether overdue, the case and the decision it comes from. */
    public record ActionLine(String text, String due, boolean overdue, String caseId, String decisionHref, String meeting) {}

    /** The meeting whose agenda the worklist shows: its id (for the filter form), page, title and date. */
    public record AgendaFilter(String id, String href, String title, String date) {}

    /** A filter chosen from a list ({@code name}: its query parameter). */
    public record Filter(String name, String label, List<Option> options) {
        public Filter {
            options = List.copyOf(options);
        }
    }

    /** An option of a filter: its value in the query, its words, and whether it is chosen. */
    public record Option(String value, String label, boolean selected) {}

    /**
     * A case: its id and the id as it goes in a path, whether it is synthetic, the version, and
     * each column as shown ("–" where not known).
     */
    public record Row(String caseId, String path, boolean synthetic, int version, String levels, String stage, String intent,
            String margin, String grade, String size, String operation, String vitalStatus) {}

    /** A link to another page of cases: its {@code rel}, address and words. */
    public record PageLink(String rel, String href, String label) {}
}
