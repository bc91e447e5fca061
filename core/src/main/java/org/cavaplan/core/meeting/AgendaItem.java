package org.cavaplan.core.meeting;

import java.util.Objects;

/**
 * A case on the agenda of a meeting: the question the board is asked about it, who presents it,
 * and its place in the agenda ({@code order}, from 1, in the order the cases were added). A case is
 * on a meeting's agenda at most once.
 */
public record AgendaItem(long meetingId, String caseId, String question, String presenter, int order) {
    public AgendaItem {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(presenter, "presenter");
        if (order < 1) {
            throw new IllegalArgumentException("an agenda's order starts at 1, not " + order);
        }
    }
}
