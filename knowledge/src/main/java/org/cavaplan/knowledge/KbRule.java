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
        if (!StageRule.admits(facts, info)) {
            // a silenced rule still judges what was done, if it is one that can
            return StageRule.judgesWhatWasDone(info) ? StageRule.judgedOnly(logic.decide(facts, new Draft(info))) : List.of();
        }
        if (StageRule.awaitsAResectionPlan(facts, info)) {
            // before the operation with no resection planned: an operative row has nothing to say yet
            return List.of();
        }
        List<Finding> findings = logic.decide(facts, new Draft(info));
        return findings.isEmpty() ? findings : StageRule.followResectionPlan(facts, info, findings);
    }

    /** This rule with its printed condition resolved against these settings (see {@link RuleTexts}). */
    KbRule resolved(Settings settings) {
        RuleInfo i = info;
        return new KbRule(new RuleInfo(i.id(), i.phase(), RuleTexts.resolve(i.condition(), settings), i.evidence(), i.sources(),
                i.thresholds(), i.key()), logic);
    }

    /** This rule, its recommendation marked as a key decision (K in the catalogue). */
    KbRule key() {
        return new KbRule(info.asKey(), logic);
    }

    static KbRule rule(String id, Phase phase, String condition, String evidence, List<SourceRef> sources,
            List<String> thresholds, Logic logic) {
        return new KbRule(new RuleInfo(id, Optional.of(phase), condition, evidence, sources, thresholds), logic);
    }

    static KbRule factor(String id, String condition, List<SourceRef> sources, Logic logic) {
        return new KbRule(new RuleInfo(id, Optional.empty(), condition, "single review article", sources, List.of()), logic);
    }
}
