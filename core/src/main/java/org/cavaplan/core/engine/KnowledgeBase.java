package org.cavaplan.core.engine;

import java.time.LocalDate;
import java.util.List;
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

    /** The rules, as a named list. */
    List<Rule<F>> rules();

    /** Every number the rules read. */
    List<Threshold> thresholds();

    /** The catalogue of sources the rules cite. */
    List<SourceInfo> sources();

    /** Corrections the knowledge base makes to its sources, in plain words. */
    List<String> errata();
}
