package org.cavaplan.server.web;

import java.util.List;

/**
 * One meeting's page ({@code meeting.jte}): the meeting, its attendees, the agenda (question and
 * presenter per case, links to the preparation, the decision and the presentation), the readiness
 * checklist and the form that adds a case to the agenda.
 *
 * @param frame the layout's frame
 * @param heading the meeting
 * @param attendees each attendee with their discipline in words
 * @param agenda the agenda in order
 * @param notReady the agenda cases that are not ready, each with why
 * @param recentImagingDays the window before the meeting in which a case needs an imaging study
 * @param worklistHref the worklist filtered to this agenda
 * @param presentHref the presentation of the first case (null for an empty agenda)
 * @param add the form that adds a case
 * @param errors what is wrong with the form as sent (empty on a fresh page)
 */
public record MeetingPage(Frame frame, Heading heading, List<Person> attendees, List<AgendaRow> agenda,
        List<NotReady> notReady, int recentImagingDays, String worklistHref, String presentHref, AddForm add,
        List<FormError> errors) {

    public MeetingPage {
        attendees = List.copyOf(attendees);
        agenda = List.copyOf(agenda);
        notReady = List.copyOf(notReady);
        errors = List.copyOf(errors);
    }

    /** A meeting as its pages head it. */
    public record Heading(long id, String href, String date, String title, String chair) {}

    /** A person of the board and their discipline in words. */
    public record Person(String name, String discipline) {}

    /**
     * A case on the agenda: position, case id (as a path segment too), question, presenter, the
     * decision's status in words ("no decision yet", "draft", "signed") and the checklist counts.
     */
    public record AgendaRow(int order, String caseId, String prepareHref, String decisionHref, String presentHref,
            String question, String presenter, String decision, boolean ready, int missingData) {}

    /** A case that is not ready for the board, and why, in words. */
    public record NotReady(int order, String caseId, String prepareHref, List<String> reasons) {
        public NotReady {
            reasons = List.copyOf(reasons);
        }
    }

    /** The form that adds a case: values and messages (null where none). */
    public record AddForm(String action, String caseId, String caseIdError, String question, String questionError,
            String presenter, String presenterError) {}
}
