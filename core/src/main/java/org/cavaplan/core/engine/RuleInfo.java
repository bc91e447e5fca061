package org.cavaplan.core.engine;

import java.util.List;
import java.util.Optional;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.SourceRef;

/**
 * A rule as a clinician reviews it: its id, phase (none for prognostic factors), the condition for each status in plain words,
 * its evidence label, its sources, the names of the thresholds it reads, and whether its recommendation is a key decision
 * (marked K in the catalogue: a board reads it first).
 */
public record RuleInfo(
        String id, Optional<Phase> phase, String condition, String evidence, List<SourceRef> sources, List<String> thresholds,
        boolean key) {

    /** A rule whose recommendation is not a key decision. */
    public RuleInfo(String id, Optional<Phase> phase, String condition, String evidence, List<SourceRef> sources,
            List<String> thresholds) {
        this(id, phase, condition, evidence, sources, thresholds, false);
    }

    /** The same rule marked as a key decision. */
    public RuleInfo asKey() {
        return new RuleInfo(id, phase, condition, evidence, sources, thresholds, true);
    }

    public RuleInfo {
        sources = List.copyOf(sources);
        thresholds = List.copyOf(thresholds);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException(id + ": a rule names its sources");
        }
    }
}
