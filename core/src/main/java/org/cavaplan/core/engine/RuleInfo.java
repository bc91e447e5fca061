package org.cavaplan.core.engine;

import java.util.List;
import java.util.Optional;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.SourceRef;

/**
 * A rule as a clinician reviews it: its id, phase (none for prognostic factors), the condition for each status in plain words,
 * its evidence label, its sources and the names of the thresholds it reads.
 */
public record RuleInfo(
        String id, Optional<Phase> phase, String condition, String evidence, List<SourceRef> sources, List<String> thresholds) {
    public RuleInfo {
        sources = List.copyOf(sources);
        thresholds = List.copyOf(thresholds);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException(id + ": a rule names its sources");
        }
    }
}
