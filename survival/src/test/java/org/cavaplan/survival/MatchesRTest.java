package org.cavaplan.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every number against R's survival package (fixtures from {@code src/test/r/make-fixtures.R}) at
 * 1e-6 relative, 1e-12 absolute.
 */
class MatchesRTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"aml", "veteran", "veteran-celltype", "ovarian", "lung", "lung-ecog",
            "book-test1", "flat", "flat-groups", "synthetic", "separation", "nonconvergence"})
    void kaplan_meier_table_matches_summary_survfit_row_by_row(String name) throws Exception {
        RFixture f = RFixture.load(name);
        List<KaplanMeier> curves = Survival.kaplanMeier(f.data());
        assertThat(curves).extracting(KaplanMeier::group)
                .containsExactly(f.text("km.groups").split("\\|"));
        int row = 0;
        for (KaplanMeier km : curves) {
            for (KaplanMeier.Row r : km.table()) {
                String[] e = f.kmTable.get(row++);
                String where = name + " group " + km.group() + " time " + r.time();
                assertThat(e[0]).as(where).isEqualTo(km.group());
                RFixture.close(where + " time", r.time(), RFixture.parse(e[1]));
                assertThat((double) r.nRisk()).as(where + " n.risk").isEqualTo(RFixture.parse(e[2]));
                assertThat((double) r.nEvent()).as(where + " n.event").isEqualTo(RFixture.parse(e[3]));
                assertThat((double) r.nCensor()).as(where + " n.censor").isEqualTo(RFixture.parse(e[4]));
                RFixture.close(where + " surv", r.survival(), RFixture.parse(e[5]));
                RFixture.close(where + " std.err", r.stdErr(), RFixture.parse(e[6]));
                RFixture.close(where + " lower", r.lower95(), RFixture.parse(e[7]));
                RFixture.close(where + " upper", r.upper95(), RFixture.parse(e[8]));
            }
        }
        assertThat(row).as(name + " number of KM rows").isEqualTo(f.kmTable.size());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"aml", "veteran", "veteran-celltype", "ovarian", "lung", "lung-ecog",
            "book-test1", "flat", "flat-groups", "synthetic"})
    void median_and_its_limits_follow_print_survfit(String name) throws Exception {
        RFixture f = RFixture.load(name);
        for (KaplanMeier km : Survival.kaplanMeier(f.data())) {
            String k = "km." + km.group();
            f.check(k + ".n", km.n());
            f.check(k + ".events", km.events());
            f.check(k + ".median", km.median().estimate());
            f.check(k + ".median.lower", km.median().lower95());
            f.check(k + ".median.upper", km.median().upper95());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"aml", "veteran", "veteran-celltype", "ovarian", "lung", "lung-ecog",
            "flat-groups", "synthetic"})
    void log_rank_chi_square_df_and_p_match_survdiff(String name) throws Exception {
        RFixture f = RFixture.load(name);
        LogRank lr = Survival.logRank(f.data());
        f.check("logrank.chisq", lr.test().chiSquare());
        f.check("logrank.df", lr.test().df());
        f.check("logrank.p", lr.test().p());
        for (LogRank.Group g : lr.groups()) {
            f.check("logrank." + g.group() + ".observed", g.observed());
            f.check("logrank." + g.group() + ".expected", g.expected());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"aml", "veteran", "veteran-celltype", "ovarian", "lung", "lung-ecog",
            "book-test1", "synthetic"})
    void cox_efron_fit_matches_coxph(String name) throws Exception {
        RFixture f = RFixture.load(name);
        assertThat(f.text("cox.warnings")).isEqualTo("none");
        CoxModel m = Survival.cox(f.data());
        assertThat(m.ties()).isEqualTo("efron");
        for (CoxModel.Coefficient c : m.coefficients()) {
            String k = "cox." + c.name();
            f.check(k + ".coef", c.coef());
            f.check(k + ".hr", c.hr());
            f.check(k + ".se", c.se());
            f.check(k + ".z", c.z());
            f.check(k + ".p", c.p());
            f.check(k + ".lower", c.lower95());
            f.check(k + ".upper", c.upper95());
        }
        f.check("cox.n", m.n());
        f.check("cox.events", m.events());
        f.check("cox.dropped", m.dropped());
        f.check("cox.iterations", m.iterations());
        f.check("cox.loglik.null", m.logLikelihoodNull());
        f.check("cox.loglik.fitted", m.logLikelihood());
        f.check("cox.lr.chisq", m.likelihoodRatio().chiSquare());
        f.check("cox.lr.df", m.likelihoodRatio().df());
        f.check("cox.lr.p", m.likelihoodRatio().p());
        f.check("cox.wald.chisq", m.wald().chiSquare());
        f.check("cox.wald.p", m.wald().p());
        f.check("cox.score.chisq", m.score().chiSquare());
        f.check("cox.score.p", m.score().p());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"aml", "veteran", "veteran-celltype", "ovarian", "lung", "lung-ecog",
            "book-test1", "synthetic"})
    void concordance_and_its_standard_error_match_coxph(String name) throws Exception {
        RFixture f = RFixture.load(name);
        CoxModel.Concordance c = Survival.cox(f.data()).concordance();
        f.check("cox.concordance", c.value());
        f.check("cox.concordance.se", c.stdErr());
        f.check("cox.concordant", c.concordant());
        f.check("cox.discordant", c.discordant());
        f.check("cox.tied.risk", c.tiedRisk());
        f.check("cox.tied.time", c.tiedTime());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lung", "lung-ecog", "book-test1"})
    void rows_with_missing_values_are_dropped_and_counted_as_r_does(String name) throws Exception {
        RFixture f = RFixture.load(name);
        SurvivalData data = f.data();
        Analysis a = Survival.analyze(data);
        f.check("km.dropped", a.kmDropped());
        assertThat(a.cox()).isPresent();
        f.check("cox.dropped", a.cox().orElseThrow().dropped());
        f.check("cox.n", data.rows() - a.cox().orElseThrow().dropped());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"separation"})
    void a_diverging_coefficient_is_reported_where_r_warns_it_may_be_infinite(String name) throws Exception {
        RFixture f = RFixture.load(name);
        assertThat(f.text("cox.warnings")).isEqualTo("infinite");
        SurvivalData data = f.data();
        assertThatThrownBy(() -> Survival.cox(data))
                .isInstanceOf(SurvivalException.InfiniteCoefficient.class)
                .hasMessageContaining("x");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nonconvergence"})
    void running_out_of_iterations_is_reported_where_r_warns_it_did_not_converge(String name)
            throws Exception {
        RFixture f = RFixture.load(name);
        assertThat(f.text("cox.warnings")).startsWith("nonconvergence");
        SurvivalData data = f.data();
        assertThatThrownBy(() -> Survival.cox(data))
                .isInstanceOf(SurvivalException.NonConvergence.class)
                .hasMessageContaining("20 iterations");
    }
}
