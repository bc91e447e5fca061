package org.cavaplan.core.meeting;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A meeting to be created (see {@link Meeting}, which is this with its id). {@code chair} is the
 * user name, in the registry, of the person who chairs it and signs its decisions. Checked by
 * {@link MeetingRules#check(NewMeeting)}; the constructor only refuses nulls.
 */
public record NewMeeting(LocalDate date, String title, String chair, List<Attendee> attendees) {
    public NewMeeting {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(chair, "chair");
        attendees = List.copyOf(attendees);
    }
}
