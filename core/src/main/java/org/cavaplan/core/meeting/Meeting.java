package org.cavaplan.core.meeting;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A tumor-board meeting as the registry keeps it: its id (from 1), the day it meets, a title, the
 * chair (a user name of the registry: the chair signs the decisions, an administrator may sign on
 * their behalf) and the attendees expected, in the order given. Meetings are not edited.
 */
public record Meeting(long id, LocalDate date, String title, String chair, List<Attendee> attendees) {
    public Meeting {
        if (id < 1) {
            throw new IllegalArgumentException("a meeting id is positive, not " + id);
        }
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(chair, "chair");
        attendees = List.copyOf(attendees);
    }

    /** The stored meeting {@code id} of what was asked for. */
    public static Meeting of(long id, NewMeeting meeting) {
        return new Meeting(id, meeting.date(), meeting.title(), meeting.chair(), meeting.attendees());
    }

    /** The attendee of this name, compared as written apart from case and surrounding blanks. */
    public Optional<Attendee> attendee(String name) {
        return attendees.stream().filter(a -> MeetingRules.sameName(a.name(), name)).findFirst();
    }
}
