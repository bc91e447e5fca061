package org.cavaplan.core.plan;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One recommendation of a plan. Invariants: a summary of at most {@value #MAX_SUMMARY} characters,
 * at least one source and one triggering fact, and a {@code when} exactly for {@link Status#CONDITIONAL}.
 * {@code parameters} keep their insertion order.
 */
public record Recommendation(
        String id,
        Phase phase,
        Status status,
        String summary,
        String detail,
        Optional<String> when,
        String evidence,
        List<SourceRef> sources,
        List<Fact> because,
        Map<String, Object> parameters,
        List<EvidenceUpdate> evidenceUpdates) implements Finding {

    /** The longest summary a CDS Hooks card can carry. */
    public static final int MAX_SUMMARY = 140;

    public Recommendation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(status, "status");
        if (summary == null || summary.isBlank() || summary.length() > MAX_SUMMARY) {
            throw new IllegalArgumentException(id + ": summary must have 1 to " + MAX_SUMMARY + " characters");
        }
        if (sources.isEmpty()) {
            throw new IllegalArgumentException(id + ": a recommendation names its sources");
        }
        if (because.isEmpty()) {
            throw new IllegalArgumentException(id + ": a recommendation names the facts that triggered it");
        }
        if (when.isPresent() != (status == Status.CONDITIONAL)) {
            throw new IllegalArgumentException(id + ": 'when' is given exactly for CONDITIONAL");
        }
        sources = List.copyOf(sources);
        because = List.copyOf(because);
        parameters = Parameters.copyOf(parameters);
        evidenceUpdates = List.copyOf(evidenceUpdates);
    }
}
