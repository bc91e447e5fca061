package org.cavaplan.survival;

import java.util.List;

/**
 * The restricted mean survival time up to a horizon tau: the area under the Kaplan-Meier curve from
 * 0 to tau, per group, with its standard error, as R's {@code print(survfit, rmean = tau)} reports
 * {@code rmean} and {@code se(rmean)}; and each group's difference from the first group.
 *
 * <p>The standard error is R's: {@code se^2 = sum over the distinct times t_k <= tau of
 * A_k^2 d_k / (n_k (n_k - d_k))}, where {@code A_k} is the area under the curve from {@code t_k} to
 * tau, {@code d_k} the events and {@code n_k} the number at risk at {@code t_k} (a term is 0 where
 * {@code n_k = d_k}). The difference of two groups is {@code m_g - m_ref}, its standard error
 * {@code sqrt(se_g^2 + se_ref^2)} (independent groups), its 95 % interval {@code difference -+ 1.96 se}.
 *
 * @param tau the horizon, in the unit of the times
 * @param groups one entry per group, in group order
 * @param differences each group after the first against the first; empty with one group
 */
public record Rmst(double tau, List<Group> groups, List<Difference> differences) {

    /** Copies the lists. */
    public Rmst {
        groups = List.copyOf(groups);
        differences = List.copyOf(differences);
    }

    /**
     * One group's restricted mean.
     *
     * @param group the label ({@code "all"} without a group column)
     * @param estimate the restricted mean survival time
     * @param se its standard error
     */
    public record Group(String group, double estimate, double se) {}

    /**
     * One group against the reference group.
     *
     * @param group the label
     * @param reference the first group's label
     * @param estimate {@code rmst(group) - rmst(reference)}
     * @param se its standard error
     * @param lower95 lower 95 % limit
     * @param upper95 upper 95 % limit
     */
    public record Difference(String group, String reference, double estimate, double se, double lower95,
            double upper95) {}

    /**
     * The restricted means of Kaplan-Meier curves.
     *
     * @param curves the curves (from {@link Survival#kaplanMeier}), the first is the reference
     * @param tau the horizon, {@code > 0}
     * @return the restricted means and the differences
     * @throws SurvivalException.InvalidHorizon when tau is not a finite number {@code > 0}
     */
    static Rmst of(List<KaplanMeier> curves, double tau) throws SurvivalException.InvalidHorizon {
        if (!(tau > 0 && tau < Double.POSITIVE_INFINITY)) {
            throw new SurvivalException.InvalidHorizon(tau);
        }
        Group[] groups = new Group[curves.size()];
        for (int g = 0; g < groups.length; g++) {
            groups[g] = restrictedMean(curves.get(g), tau);
        }
        Difference[] diffs = new Difference[Math.max(0, groups.length - 1)];
        for (int g = 1; g < groups.length; g++) {
            double d = groups[g].estimate() - groups[0].estimate();
            double se = Math.sqrt(groups[g].se() * groups[g].se() + groups[0].se() * groups[0].se());
            diffs[g - 1] = new Difference(groups[g].group(), groups[0].group(), d, se,
                    d - Distributions.Z_975 * se, d + Distributions.Z_975 * se);
        }
        return new Rmst(tau, List.of(groups), List.of(diffs));
    }

    /**
     * The area under one curve from 0 to tau by rectangles: S is 1 before the first time and keeps
     * its last value from the last time up to tau. Then the areas to the right of each time, summed
     * from tau backwards, weight the Greenwood terms of the variance.
     */
    private static Group restrictedMean(KaplanMeier km, double tau) {
        List<KaplanMeier.Row> table = km.table();
        int m = 0;
        while (m < table.size() && table.get(m).time() <= tau) {
            m++;
        }
        // rect[j]: area of the interval that ends at the j-th time (j = m: the one that ends at tau)
        double[] rect = new double[m + 1];
        double previousTime = 0;
        double previousSurv = 1;
        double mean = 0;
        for (int j = 0; j <= m; j++) {
            double t = j < m ? table.get(j).time() : tau;
            rect[j] = (t - previousTime) * previousSurv;
            mean += rect[j];
            previousTime = t;
            if (j < m) {
                previousSurv = table.get(j).survival();
            }
        }
        double variance = 0;
        double after = 0;
        for (int k = m - 1; k >= 0; k--) {
            after += rect[k + 1];
            KaplanMeier.Row r = table.get(k);
            double atRisk = r.nRisk();
            double d = r.nEvent();
            if (atRisk - d != 0) {
                variance += after * after * (d / (atRisk * (atRisk - d)));
            }
        }
        return new Group(km.group(), mean, Math.sqrt(variance));
    }
}
