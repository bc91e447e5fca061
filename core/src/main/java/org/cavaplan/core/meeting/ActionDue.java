package org.cavaplan.core.meeting;

import java.time.LocalDate;
import java.util.Objects;

/** An action of a signed decision, with the meeting and case it belongs to, for its owner's home page. */
public record ActionDue(long meetingId, LocalDate meetingDate, String meetingTitle, String caseId, ActionItem action) {
    public ActionDue {
        Objects.requireNonNull(meetingDate, "meetingDate");
        Objects.requireNonNull(meetingTitle, "meetingTitle");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(action, "action");
    }

    /** True when the due date is before {@code today}. */
    public boolean overdue(LocalDate today) {
        return action.due().isBefore(today);
    }
}
