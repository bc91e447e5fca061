package org.cavaplan.server.web;

import java.util.List;

/**
 * The meetings page ({@code meetings.jte}): the meetings to come and those past, and the form that
 * creates one (date, title, chair, attendees with their disciplines).
 *
 * @param frame the layout's frame
 * @param upcoming meetings from today on, soonest first
 * @param past earlier meetings, latest first
 * @param form the creation form (its values, as sent when it is shown again)
 * @param errors what is wrong with the form as sent (empty on a fresh page)
 */
public record MeetingListPage(Frame frame, List<Row> upcoming, List<Row> past, CreateForm form, List<FormError> errors) {

    public MeetingListPage {
        upcoming = List.copyOf(upcoming);
        past = List.copyOf(past);
        errors = List.copyOf(errors);
    }

    /** A meeting: link, date, title, chair and how many attendees. */
    public record Row(String href, String date, String title, String chair, int attendees) {}

    /** The creation form's values and the messages of its fields (null where none). */
    public record CreateForm(String date, String dateError, String title, String titleError, String chair,
            String chairError, List<AttendeeRow> attendees, String attendeesError, List<Choice> disciplines) {
        public CreateForm {
            attendees = List.copyOf(attendees);
            disciplines = List.copyOf(disciplines);
        }
    }

    /** One attendee row of the form: the field names, values and messages. */
    public record AttendeeRow(int number, String nameField, String nameId, String name, String nameError,
            String disciplineField, String disciplineId, String discipline, String disciplineError) {}

    /** An option of a list: its value and its words. */
    public record Choice(String value, String label) {}
}
