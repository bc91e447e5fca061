package org.cavaplan.survival;

import java.util.List;
import java.util.Optional;

/**
 * Everything {@link Survival#analyze(SurvivalData)} computes for one data set.
 *
 * @param rows rows in the input
 * @param kmDropped rows left out of the Kaplan-Meier curves and the log-rank test because the
 *     time, event or group was missing
 * @param kaplanMeier one curve per group in group order ({@code "all"} without a group column)
 * @param logRank the log-rank test, present when there are two or more groups
 * @param cox the Cox model, present when covariates were given
 * @param rmst the restricted mean survival time, present when a horizon was given
 * @param competingRisks cumulative incidence and Gray's test, present for competing-risk data
 */
public record Analysis(
        int rows,
        int kmDropped,
        List<KaplanMeier> kaplanMeier,
        Optional<LogRank> logRank,
        Optional<CoxModel> cox,
        Optional<Rmst> rmst,
        Optional<CompetingRisks> competingRisks) {

    /** Copies the list. */
    public Analysis {
        kaplanMeier = List.copyOf(kaplanMeier);
    }

    /** Curves, test and model only (no RMST, no competing risks). */
    public Analysis(int rows, int kmDropped, List<KaplanMeier> kaplanMeier, Optional<LogRank> logRank,
            Optional<CoxModel> cox) {
        this(rows, kmDropped, kaplanMeier, logRank, cox, Optional.empty(), Optional.empty());
    }
}
