package org.cavaplan.knowledge;

import java.util.List;
import java.util.Optional;
import org.cavaplan.core.engine.Rule;
import org.cavaplan.core.engine.RuleInfo;
import org.cavaplan.core.plan.Finding;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.SourceRef;

/** A rule of this knowledge base: its published description and one small decision function. */
record KbRule(RuleInfo info, Logic logic) implements Rule<Facts> {

    /** One decision: reads the facts, fills a fresh draft, returns its findings. */
    @FunctionalInterface
    interface Logic {
        List<Finding> decide(Facts facts, Draft draft);
    }

    @Override
    public List<Finding> evaluate(Facts facts) {
        return logic.decide(facts, new Draft(info));
    }

    static KbRule rule(String id, Phase phase, String condition, String evidence, List<SourceRef> sources,
            List<String> thresholds, Logic logic) {
        return new KbRule(new RuleInfo(id, Optional.of(phase), condition, evidence, sources, thresholds), logic);
    }

    static KbRule factor(String id, String condition, List<SourceRef> sources, Logic logic) {
        return new KbRule(new RuleInfo(id, Optional.empty(), condition, "single review article", sources, List.of()), logic);
    }
}
