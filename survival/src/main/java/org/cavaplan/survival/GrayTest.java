package org.cavaplan.survival;

/**
 * Gray's test (1988) that the cumulative incidence of one cause is the same in every group, as
 * R's {@code cmprsk::cuminc} reports it in {@code Tests} (rho = 0, one stratum): a score per group,
 * its variance matrix, and the quadratic form on the first k - 1 groups, chi-square with k - 1
 * degrees of freedom. The statistic is NaN when the variance matrix is singular (where {@code
 * cuminc} reports -1).
 *
 * @param cause 1 (the event of interest) or 2 (the competing event)
 * @param test the statistic, its degrees of freedom (groups - 1) and the upper-tail p-value
 */
public record GrayTest(int cause, ChiSquareTest test) {}
