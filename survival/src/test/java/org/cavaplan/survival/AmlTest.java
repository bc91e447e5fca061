package org.cavaplan.survival;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Readable spot checks on R's classic aml data (the full comparison is in MatchesRTest). */
class AmlTest {

    @Test
    void greenwood_standard_error_matches_r_on_aml() throws Exception {
        RFixture f = RFixture.load("aml");
        List<KaplanMeier> km = Survival.kaplanMeier(f.data());
        // summary(survfit(Surv(time, status) ~ x, aml))$std.err, Maintained at time 23
        KaplanMeier.Row r = km.get(0).table().get(3);
        assertThat(r.time()).isEqualTo(23.0);
        RFixture.close("std.err", r.stdErr(), 0.152632331027312);
        RFixture.close("lower", r.lower95(), 0.37686705950167976);
        RFixture.close("upper", r.upper95(), 0.99915760022847266);
    }

    @Test
    void median_survival_on_aml_is_31_and_23_weeks_with_open_upper_limits() throws Exception {
        List<KaplanMeier> km = Survival.kaplanMeier(RFixture.load("aml").data());
        assertThat(km.get(0).median().estimate()).hasValue(31.0);
        assertThat(km.get(0).median().lower95()).hasValue(18.0);
        assertThat(km.get(0).median().upper95()).isEmpty();
        assertThat(km.get(1).median().estimate()).hasValue(23.0);
    }

    @Test
    void log_rank_on_aml_matches_survdiff() throws Exception {
        LogRank lr = Survival.logRank(RFixture.load("aml").data());
        RFixture.close("chisq", lr.test().chiSquare(), 3.3963886989776011);
        assertThat(lr.test().df()).isEqualTo(1);
        RFixture.close("p", lr.test().p(), 0.065339322040505132);
    }

    @Test
    void cox_on_aml_matches_coxph_with_efron_ties() throws Exception {
        CoxModel m = Survival.cox(RFixture.load("aml").data());
        CoxModel.Coefficient c = m.coefficients().get(0);
        RFixture.close("coef", c.coef(), -0.91553257501471752);
        RFixture.close("se", c.se(), 0.5119342751720054);
        RFixture.close("hr", c.hr(), 0.40030337773319791);
        RFixture.close("loglik", m.logLikelihood(), -41.032615596458385);
        RFixture.close("concordance", m.concordance().value(), 0.61904761904761907);
    }
}
