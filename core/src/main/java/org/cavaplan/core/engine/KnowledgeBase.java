package org.cavaplan.core.engine;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.cavaplan.core.plan.FactLabels;
import org.cavaplan.core.plan.MissingData;
import org.cavaplan.core.plan.PlanSections;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.RedFlag;
import org.cavaplan.core.model.Case;

/**
 * A knowledge base the {@link Engine} runs: how to derive facts from a case, the header of a plan,
 * and the rules in their published order.
 *
 * @param <F> the derived facts, computed once per case and shared by all rules
 */
public interface KnowledgeBase<F> {

    /** The version printed on every plan. */
    String version();

    /** Derives the facts of one case as of one date. Pure. */
    F derive(Case kase, LocalDate asOf);

    /** The plan's header (stage, intent, classification, response) and its own findings. */
    Assessment assess(F facts);

    /**
     * What the board reads first: the key decisions among the recommendations (in the plan's order)
     * and the red flags, given those the assessment and the rules raised, in the order to show them.
     */
    Opening opening(F facts, List<Recommendation> recommendations, List<RedFlag> raised);

    /**
     * The typed sections of one plan that views render (see {@link PlanSections}), given its
     * recommendations in the plan's order and its missing data. Pure. A knowledge base that publishes
     * none returns {@link PlanSections#NONE}.
     */
    default PlanSections sections(F facts, List<Recommendation> recommendations, List<MissingData> missing) {
        return PlanSections.NONE;
    }

    /** The clinical words for the facts of one plan. */
    FactLabels labels(F facts);

    /** The assumptions whose values differ from the published ones, by name. */
    Map<String, Object> changedAssumptions();

    /** The rules, as a named list. */
    List<Rule<F>> rules();

    /** Every number the rules read. */
    List<Threshold> thresholds();

    /** The catalogue of sources the rules cite. */
    List<SourceInfo> sources();

    /** Corrections the knowledge base makes to its sources, in plain words. */
    List<String> errata();
}
