package org.cavaplan.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelErrorsTest {
    private static final double[] TIME = {5, 8, 3, 9, 12, 4, 7, 10, 2, 6};
    private static final double[] EVENT = {1, 0, 1, 1, 0, 1, 1, 0, 1, 1};
    private static final double[] AGE = {61, 52, 70, 48, 45, 66, 58, 50, 72, 63};

    private static SurvivalData data() throws SurvivalException.InputException {
        return SurvivalData.of(TIME, EVENT).withCovariate("age", AGE);
    }

    @Test
    void a_constant_covariate_is_named() {
        double[] one = new double[TIME.length];
        java.util.Arrays.fill(one, 1);
        assertThatThrownBy(() -> Survival.cox(data().withCovariate("site", one)))
                .isInstanceOfSatisfying(SurvivalException.ConstantCovariate.class,
                        e -> assertThat(e.covariate()).isEqualTo("site"));
    }

    @Test
    void collinear_covariates_name_the_redundant_one() {
        double[] months = new double[AGE.length];
        for (int i = 0; i < AGE.length; i++) {
            months[i] = 12 * AGE[i] + 3;
        }
        assertThatThrownBy(() -> Survival.cox(data().withCovariate("ageMonths", months)))
                .isInstanceOfSatisfying(SurvivalException.CollinearCovariates.class,
                        e -> assertThat(e.covariates()).containsExactly("ageMonths"));
    }

    @Test
    void zero_events_cannot_fit_a_cox_model_or_a_log_rank_test() throws Exception {
        double[] none = new double[TIME.length];
        SurvivalData d = SurvivalData.of(TIME, none).withCovariate("age", AGE);
        assertThatThrownBy(() -> Survival.cox(d))
                .isInstanceOfSatisfying(SurvivalException.TooFewEvents.class,
                        e -> assertThat(e.events()).isZero());
        String[] arm = {"a", "b", "a", "b", "a", "b", "a", "b", "a", "b"};
        assertThatThrownBy(() -> Survival.logRank(d.withGroups("arm", arm)))
                .isInstanceOf(SurvivalException.TooFewEvents.class);
        // Kaplan-Meier is still defined: flat at 1.
        assertThat(Survival.kaplanMeier(d).get(0).table()).allMatch(r -> r.survival() == 1.0);
    }

    @Test
    void a_log_rank_test_needs_two_groups() throws Exception {
        String[] one = new String[TIME.length];
        java.util.Arrays.fill(one, "x");
        SurvivalData d = data().withGroups("arm", one);
        assertThatThrownBy(() -> Survival.logRank(d)).isInstanceOf(SurvivalException.TooFewGroups.class);
        assertThatThrownBy(() -> Survival.logRank(data()))
                .isInstanceOf(SurvivalException.TooFewGroups.class);
        assertThat(Survival.analyze(d).logRank()).isEmpty();
    }

    @Test
    void invalid_arrays_are_input_errors() {
        assertThatThrownBy(() -> SurvivalData.of(new double[] {1, -1}, new double[] {1, 1}))
                .isInstanceOfSatisfying(SurvivalException.NegativeTime.class,
                        e -> assertThat(e.line()).isEqualTo(2));
        assertThatThrownBy(() -> SurvivalData.of(new double[] {1, 2}, new double[] {1, 0.5}))
                .isInstanceOf(SurvivalException.InvalidEvent.class);
    }

    @Test
    void every_failure_is_either_an_input_or_a_model_exception() {
        for (Class<?> c : SurvivalException.class.getPermittedSubclasses()) {
            assertThat(c).isIn(SurvivalException.InputException.class,
                    SurvivalException.ModelException.class);
        }
        assertThat(SurvivalException.InputException.class.getPermittedSubclasses()).hasSize(8);
        assertThat(SurvivalException.ModelException.class.getPermittedSubclasses()).hasSize(6);
    }
}
