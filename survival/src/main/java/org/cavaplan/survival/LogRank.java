package org.cavaplan.survival;

import java.util.List;

/**
 * The log-rank test across groups, as R's {@code survdiff(Surv(time, event) ~ group)} (rho = 0).
 * Degrees of freedom are the number of groups with a positive expected count, minus one.
 *
 * @param groups observed and expected events per group, in group order
 * @param test the chi-square test
 */
public record LogRank(List<Group> groups, ChiSquareTest test) {

    /** Copies the group list. */
    public LogRank {
        groups = List.copyOf(groups);
    }

    /**
     * One group's counts.
     *
     * @param group the label
     * @param n number of rows
     * @param observed observed events
     * @param expected expected events under the null hypothesis of equal hazards
     */
    public record Group(String group, int n, double observed, double expected) {}
}
