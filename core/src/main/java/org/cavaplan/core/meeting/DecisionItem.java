package org.cavaplan.core.meeting;

import java.util.Objects;
import java.util.Optional;

/**
 * The board's verdict on one recommendation of the plan, named by its id ({@code ivc.ligation}).
 * A verdict other than ACCEPT carries a reason and a note (see {@link DecisionRules}); the
 * constructor only refuses nulls.
 */
public record DecisionItem(String recommendationId, Verdict verdict, Optional<OverrideReason> reason, Optional<String> note) {
    public DecisionItem {
        Objects.requireNonNull(recommendationId, "recommendationId");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(note, "note");
    }
}
