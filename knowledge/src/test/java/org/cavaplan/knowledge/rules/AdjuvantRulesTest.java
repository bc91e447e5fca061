package org.cavaplan.knowledge.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cavaplan.core.plan.Status.CONDITIONAL;
import static org.cavaplan.core.plan.Status.CONSIDER;
import static org.cavaplan.core.plan.Status.NOT_RECOMMENDED;
import static org.cavaplan.core.plan.Status.RECOMMENDED;
import static org.cavaplan.knowledge.rules.CaseFixtures.operated;
import static org.cavaplan.knowledge.rules.CaseFixtures.rec;
import static org.cavaplan.knowledge.rules.CaseFixtures.statusOf;
import static org.cavaplan.knowledge.rules.CaseFixtures.updateSources;

import java.util.List;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.knowledge.Settings;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** §3 Adjuvant: needs pathology. The operated fixture is R0 at 12 mm, grade 1, 6 cm: no risk factor. */
class AdjuvantRulesTest {

    private static final String RT = "adjuvant.radiotherapy";
    private static final String BOOST = "adjuvant.radiotherapy-boost";

    private static CaseFixtures margin(String margin) {
        return operated().with("/pathology/margin", margin);
    }

    private static CaseFixtures afterNeoadjuvantRt(CaseFixtures f) {
        return f.withJson("/neoadjuvant/radiotherapy", "{\"totalDoseGy\": 50, \"fractions\": 25, \"endDate\": \"2020-02-01\"}");
    }

    @Test
    void nothing_adjuvant_is_emitted_before_pathology() {
        Plan plan = operated().without("/pathology").plan();

        assertThat(plan.recommendations()).noneSatisfy(r -> assertThat(r.phase()).isEqualTo(Phase.ADJUVANT));
    }

    @Nested
    class Radiotherapy {

        @Test
        void radiotherapy_is_recommended_after_r1_without_neoadjuvant_radiotherapy() {
            Recommendation r = rec(margin("R1").plan(), RT);

            assertThat(r.status()).isEqualTo(RECOMMENDED);
            assertThat(r.evidence()).contains("2B");
            assertThat(updateSources(r)).anySatisfy(s -> assertThat(s).contains("NCCN"));
        }

        @Test
        void radiotherapy_is_recommended_after_r0_for_a_high_grade_tumor() {
            assertThat(statusOf(operated().with("/pathology/fnclccGrade", 2).plan(), RT)).contains(RECOMMENDED);
        }

        @Test
        void radiotherapy_is_recommended_after_r0_for_a_tumor_over_15_cm() {
            assertThat(statusOf(operated().with("/pathology/maxDiameterCm", 15.1).plan(), RT)).contains(RECOMMENDED);
        }

        @Test
        void a_tumor_of_exactly_15_cm_is_not_extremely_large() {
            assertThat(statusOf(operated().with("/pathology/maxDiameterCm", 15.0).plan(), RT)).contains(NOT_RECOMMENDED);
        }

        @Test
        void radiotherapy_is_recommended_after_r0_with_a_margin_under_10_mm() {
            assertThat(statusOf(operated().with("/pathology/closestMarginMm", 9.9).plan(), RT)).contains(RECOMMENDED);
        }

        @Test
        void a_margin_of_exactly_10_mm_is_not_close() {
            assertThat(statusOf(operated().with("/pathology/closestMarginMm", 10).plan(), RT)).contains(NOT_RECOMMENDED);
        }

        @Test
        void radiotherapy_is_not_recommended_after_r0_when_no_risk_factor_is_present_and_all_are_known() {
            Recommendation r = rec(operated().plan(), RT);

            assertThat(r.status()).isEqualTo(NOT_RECOMMENDED);
            assertThat(updateSources(r)).anySatisfy(s -> assertThat(s).contains("NCCN"));
        }

        @Test
        void radiotherapy_is_conditional_after_r0_when_no_factor_is_known_present_but_the_grade_is_unknown() {
            Plan plan = operated().without("/pathology/fnclccGrade").plan();

            Recommendation r = rec(plan, RT);
            assertThat(r.status()).isEqualTo(CONDITIONAL);
            assertThat(r.when()).isPresent();
            assertThat(plan.missingData()).anySatisfy(m -> {
                assertThat(m.pointer()).isEqualTo("/pathology/fnclccGrade");
                assertThat(m.affects()).contains(RT);
            });
        }

        @Test
        void radiotherapy_is_conditional_after_r0_when_the_margin_distance_is_unknown() {
            Plan plan = operated().without("/pathology/closestMarginMm").plan();

            assertThat(statusOf(plan, RT)).contains(CONDITIONAL);
            assertThat(plan.missingData()).anySatisfy(m -> assertThat(m.pointer()).isEqualTo("/pathology/closestMarginMm"));
        }

        @Test
        void radiotherapy_is_conditional_after_r0_when_the_size_is_unknown() {
            Plan plan = operated().without("/pathology/maxDiameterCm").without("/imaging/0/tumorDiametersCm").plan();

            assertThat(statusOf(plan, RT)).contains(CONDITIONAL);
        }

        @Test
        void one_known_risk_factor_is_enough_even_when_the_others_are_unknown() {
            Plan plan = operated().without("/pathology/fnclccGrade").without("/pathology/maxDiameterCm")
                    .without("/imaging/0/tumorDiametersCm").with("/pathology/closestMarginMm", 2).plan();

            assertThat(statusOf(plan, RT)).contains(RECOMMENDED);
        }

        @Test
        void the_size_falls_back_to_the_planning_baseline_when_pathology_has_none() {
            Plan plan = operated().without("/pathology/maxDiameterCm").with("/imaging/0/tumorDiametersCm", List.of(16.0)).plan();

            assertThat(statusOf(plan, RT)).contains(RECOMMENDED);
        }

        @Test
        void the_grade_falls_back_to_the_biopsy_when_pathology_has_none() {
            Plan plan = operated().without("/pathology/fnclccGrade").with("/histology/fnclccGrade", 3).plan();

            assertThat(statusOf(plan, RT)).contains(RECOMMENDED);
        }

        @Test
        void the_close_margin_threshold_is_read_by_name() {
            CaseFixtures eightMm = operated().with("/pathology/closestMarginMm", 8);

            assertThat(statusOf(eightMm.plan(), RT)).contains(RECOMMENDED);
            assertThat(statusOf(eightMm.plan(Settings.defaults().with("margin.closeBelowMm", 5)), RT)).contains(NOT_RECOMMENDED);
        }

        @Test
        void the_extremely_large_threshold_is_read_by_name() {
            CaseFixtures eighteenCm = operated().with("/pathology/maxDiameterCm", 18.0);

            assertThat(statusOf(eighteenCm.plan(), RT)).contains(RECOMMENDED);
            assertThat(statusOf(eighteenCm.plan(Settings.defaults().with("size.extremelyLargeAboveCm", 20)), RT))
                    .contains(NOT_RECOMMENDED);
        }

        /** Engine's choice where the contract is silent: after neoadjuvant RT a full course is not advised (boost only). */
        @Test
        void a_full_course_is_not_recommended_after_neoadjuvant_radiotherapy() {
            assertThat(statusOf(afterNeoadjuvantRt(margin("R1")).plan(), RT)).contains(NOT_RECOMMENDED);
        }

        /** Engine's choice where the contract is silent: R2 goes to the residual-disease review instead. */
        @Test
        void radiotherapy_is_left_to_the_residual_disease_review_after_r2() {
            assertThat(statusOf(margin("R2").plan(), RT)).isEmpty();
        }
    }

    @Nested
    class Boost {

        @Test
        void a_boost_of_10_to_16_gray_is_recommended_after_r1_following_neoadjuvant_radiotherapy() {
            Recommendation r = rec(afterNeoadjuvantRt(margin("R1")).plan(), BOOST);

            assertThat(r.status()).isEqualTo(RECOMMENDED);
            assertThat(r.parameters()).containsEntry("boostGy", List.of(10.0, 16.0));
        }

        @Test
        void a_boost_is_considered_after_r0_with_a_risk_factor_following_neoadjuvant_radiotherapy() {
            Plan plan = afterNeoadjuvantRt(operated().with("/pathology/closestMarginMm", 1)).plan();

            assertThat(statusOf(plan, BOOST)).contains(CONSIDER);
            assertThat(rec(plan, BOOST).parameters()).containsEntry("boostGy", List.of(10.0, 16.0));
        }

        @Test
        void no_boost_after_r0_without_risk_factor() {
            assertThat(statusOf(afterNeoadjuvantRt(operated()).plan(), BOOST)).isEmpty();
        }

        @Test
        void no_boost_without_neoadjuvant_radiotherapy() {
            assertThat(statusOf(margin("R1").plan(), BOOST)).isEmpty();
        }
    }

    // adjuvant.residual-disease-review

    @Test
    void residual_disease_is_reviewed_after_r2() {
        assertThat(statusOf(margin("R2").plan(), "adjuvant.residual-disease-review")).contains(RECOMMENDED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"R0", "R1"})
    void no_residual_disease_review_without_macroscopic_residue(String margin) {
        assertThat(statusOf(margin(margin).plan(), "adjuvant.residual-disease-review")).isEmpty();
    }

    // adjuvant.chemotherapy

    @ParameterizedTest
    @ValueSource(strings = {"R0", "R1", "R2"})
    void adjuvant_chemotherapy_is_not_recommended_once_pathology_is_known(String margin) {
        assertThat(statusOf(margin(margin).plan(), "adjuvant.chemotherapy")).contains(NOT_RECOMMENDED);
    }
}
