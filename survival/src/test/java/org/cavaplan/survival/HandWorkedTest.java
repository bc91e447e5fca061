package org.cavaplan.survival;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The hand-worked examples of Therneau and Grambsch's appendix, as used by R survival's own tests
 * (tests/book1.R and tests/book2.R): data set 1, with one missing status.
 */
class HandWorkedTest {
    // time, status (NaN = missing), x
    private static final double[] TIME = {9, 3, 1, 1, 6, 6, 8};
    private static final double[] STATUS = {1, Double.NaN, 1, 0, 1, 1, 0};
    private static final double[] X = {0, 2, 1, 1, 1, 0, 0};

    private static SurvivalData test1() throws SurvivalException.InputException {
        return SurvivalData.of(TIME, STATUS).withCovariate("x", X);
    }

    @Test
    void kaplan_meier_of_test1_is_the_product_limit_by_hand() throws Exception {
        KaplanMeier km = Survival.kaplanMeier(test1()).get(0);
        assertThat(km.group()).isEqualTo("all");
        assertThat(km.n()).isEqualTo(6);
        assertThat(km.events()).isEqualTo(4);
        List<KaplanMeier.Row> t = km.table();
        assertThat(t).extracting(KaplanMeier.Row::time).containsExactly(1.0, 6.0, 8.0, 9.0);
        assertThat(t).extracting(KaplanMeier.Row::nRisk).containsExactly(6, 4, 2, 1);
        assertThat(t.get(0).survival()).isCloseTo(5.0 / 6, Offset.offset(1e-15));
        assertThat(t.get(1).survival()).isCloseTo(5.0 / 12, Offset.offset(1e-15));
        assertThat(t.get(3).survival()).isZero();
        // Greenwood: S * sqrt(1/(6*5) + 2/(4*2))
        assertThat(t.get(1).stdErr())
                .isCloseTo(5.0 / 12 * Math.sqrt(1.0 / 30 + 2.0 / 8), Offset.offset(1e-15));
        assertThat(t.get(3).stdErr()).isNaN();
        assertThat(t.get(3).lower95()).isNaN();
        // S = 5/12 < 0.5 at time 6.
        assertThat(km.median().estimate()).hasValue(6.0);
    }

    @Test
    void efron_fit_of_test1_matches_the_closed_form_of_book2() throws Exception {
        CoxModel m = Survival.cox(test1());
        double beta = Math.log(Math.cos(Math.acos((45.0 / 23) * Math.sqrt(3.0 / 23)) / 3)
                * 2 * Math.sqrt(23.0 / 3));
        double r = Math.exp(beta);
        double loglik = 2 * beta - (Math.log(3 * r + 3) + Math.log((r + 5) / 2) + Math.log(r + 3));
        double imat = tfun(r / (r + 1)) + tfun(r / (r + 5)) + tfun(r / (r + 3));
        assertThat(m.coefficients().get(0).coef()).isCloseTo(beta, Offset.offset(1e-6 * beta));
        assertThat(m.logLikelihood()).isCloseTo(loglik, Offset.offset(1e-9 * Math.abs(loglik)));
        assertThat(m.covariance()[0][0]).isCloseTo(1 / imat, Offset.offset(1e-6 / imat));
        // At beta = 0: loglik = -(log 6 + log 3 + log 4)
        assertThat(m.logLikelihoodNull())
                .isCloseTo(-(Math.log(6) + Math.log(3) + Math.log(4)), Offset.offset(1e-14));
        assertThat(m.n()).isEqualTo(6);
        assertThat(m.dropped()).isEqualTo(1);
    }

    private static double tfun(double x) {
        return x - x * x;
    }

    @Test
    void median_is_the_midpoint_when_the_curve_sits_at_one_half() throws Exception {
        // Six deaths in a row: S(3) = 0.5 exactly until time 4.
        double[] t = {1, 2, 3, 4, 5, 6};
        double[] e = {1, 1, 1, 1, 1, 1};
        KaplanMeier km = Survival.kaplanMeier(SurvivalData.of(t, e)).get(0);
        assertThat(km.median().estimate()).hasValue(3.5);
    }

    @Test
    void median_is_empty_when_the_curve_never_reaches_one_half() throws Exception {
        double[] t = {1, 2, 3, 4};
        double[] e = {1, 0, 0, 0};
        KaplanMeier km = Survival.kaplanMeier(SurvivalData.of(t, e)).get(0);
        assertThat(km.median().estimate()).isEmpty();
        assertThat(km.median().upper95()).isEmpty();
    }

    @Test
    void times_equal_up_to_rounding_are_merged_like_r_timefix() throws Exception {
        double[] t = {1.0, 0.1 + 0.2, 0.3, 2.0};
        double[] e = {1, 1, 1, 0};
        KaplanMeier km = Survival.kaplanMeier(SurvivalData.of(t, e)).get(0);
        assertThat(km.table()).hasSize(3);
        assertThat(km.table().get(0).nEvent()).isEqualTo(2);
    }
}
