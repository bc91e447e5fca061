package org.cavaplan.survival;

/**
 * A chi-square test result.
 *
 * @param chiSquare the statistic
 * @param df degrees of freedom
 * @param p upper-tail probability {@code P(X > chiSquare)} for {@code X ~ chi-square(df)}
 */
public record ChiSquareTest(double chiSquare, int df, double p) {

    static ChiSquareTest of(double chiSquare, int df) {
        return new ChiSquareTest(chiSquare, df, Distributions.chiSquareUpperTail(chiSquare, df));
    }
}
