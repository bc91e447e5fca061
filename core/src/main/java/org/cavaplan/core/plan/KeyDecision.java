package org.cavaplan.core.plan;

import java.util.Objects;

/** One of the decisions a tumor board reads first: a recommendation of the plan, in short. */
public record KeyDecision(String id, Status status, String summary) {
    public KeyDecision {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(summary, "summary");
    }

    /** The key decision that a recommendation makes. */
    public static KeyDecision of(Recommendation r) {
        return new KeyDecision(r.id(), r.status(), r.summary());
    }
}
