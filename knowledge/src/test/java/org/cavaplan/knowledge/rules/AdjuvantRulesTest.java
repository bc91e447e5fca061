package org.cavaplan.knowledge.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cavaplan.core.plan.Status.CONDITIONAL;
import static org.cavaplan.core.plan.Status.CONSIDER;
import static org.cavaplan.core.plan.Status.NOT_RECOMMENDED;
import static org.cavaplan.core.plan.Status.RECOMMENDED;
import static org.cavaplan.core.plan.Verdict.CONCORDANT;
import static org.cavaplan.core.plan.Verdict.DISCORDANT;
import static org.cavaplan.core.plan.Verdict.NOT_ASSESSABLE;
import static org.cavaplan.knowledge.rules.CaseFixtures.OPERATION_DATE;
import static org.cavaplan.knowledge.rules.CaseFixtures.missingPointers;
import static org.cavaplan.knowledge.rules.CaseFixtures.operated;
import static org.cavaplan.knowledge.rules.CaseFixtures.pointersRead;
import static org.cavaplan.knowledge.rules.CaseFixtures.rec;
import static org.cavaplan.knowledge.rules.CaseFixtures.statusOf;
import static org.cavaplan.knowledge.rules.CaseFixtures.updateSources;
import static org.cavaplan.knowledge.rules.CaseFixtures.verdictOf;
import static org.cavaplan.knowledge.rules.CaseFixtures.warningCodes;

import java.time.LocalDate;
import java.util.List;
import org.cavaplan.core.plan.Concordance;
import org.cavaplan.core.plan.KeyDecision;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.knowledge.Settings;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * §3 Adjuvant (contract v2): needs pathology; only within 112 days of the operation, but recorded
 * adjuvant therapy is judged in every post-operative stage (§7.8). The operated fixture was operated on
 * 2020-03-02: R0 at 12 mm, grade 1, 6 cm, no ECOG recorded.
 */
class AdjuvantRulesTest {

    private static final String RT = "adjuvant.radiotherapy";
    private static final String BOOST = "adjuvant.radiotherapy-boost";
    private static final String RESIDUAL = "adjuvant.residual-disease-review";
    private static final String CHEMO = "adjuvant.chemotherapy";
    private static final LocalDate OPERATED = LocalDate.parse(OPERATION_DATE);

    private static CaseFixtures margin(String margin) {
        return operated().with("/pathology/margin", margin);
    }

    private static CaseFixtures afterNeoadjuvantRt(CaseFixtures f) {
        return f.withJson("/neoadjuvant/radiotherapy", "{\"totalDoseGy\": 50, \"fractions\": 25, \"endDate\": \"2020-02-01\"}");
    }

    /** The operated fixture with a grade, a size (cm) and an ECOG at presentation. */
    private static CaseFixtures tumour(int grade, double sizeCm, int ecog) {
        return operated().with("/pathology/fnclccGrade", grade).with("/pathology/maxDiameterCm", sizeCm).with("/patient/ecog", ecog);
    }

    private static Concordance verdict(Plan plan, String id) {
        return plan.concordance().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void nothing_adjuvant_is_emitted_before_pathology() {
        Plan plan = operated().without("/pathology").plan();

        assertThat(plan.recommendations()).noneSatisfy(r -> assertThat(r.phase()).isEqualTo(Phase.ADJUVANT));
    }

    @Test
    void adjuvant_rows_stop_after_the_112_day_window() {
        CaseFixtures highRisk = tumour(3, 12.0, 0).with("/pathology/margin", "R1");

        assertThat(statusOf(highRisk.plan(OPERATED.plusDays(112)), RT)).contains(CONSIDER);
        assertThat(statusOf(highRisk.plan(OPERATED.plusDays(112)), CHEMO)).contains(CONSIDER);
        assertThat(statusOf(highRisk.plan(OPERATED.plusDays(113)), RT)).isEmpty();
        assertThat(statusOf(highRisk.plan(OPERATED.plusDays(113)), CHEMO)).isEmpty();
    }

    @Nested
    class Radiotherapy {

        @Test
        void postoperative_radiotherapy_is_not_recommended_after_r0_and_the_board_sees_it_first() {
            Plan plan = operated().plan();
            Recommendation r = rec(plan, RT);

            assertThat(r.status()).isEqualTo(NOT_RECOMMENDED);
            assertThat(r.sources()).extracting(s -> s.id()).contains("TARPSWG 2021", "ESMO-EURACAN-GENTURIS 2021");
            assertThat(updateSources(r)).contains("TARPSWG 2021");
            assertThat(plan.keyDecisions()).extracting(KeyDecision::id).contains(RT);
        }

        @Test
        void r0_stays_not_recommended_with_the_articles_risk_factors_which_the_detail_names_as_history() {
            Plan plan = operated().with("/pathology/fnclccGrade", 3).with("/pathology/maxDiameterCm", 18.0)
                    .with("/pathology/closestMarginMm", 2).plan();
            Recommendation r = rec(plan, RT);

            assertThat(r.status()).isEqualTo(NOT_RECOMMENDED);
            assertThat(r.detail()).contains("2B", "larger than 15 cm", "closer than 10 mm", "grade 3", "18 cm", "margin 2 mm");
            assertThat(pointersRead(r)).contains("/pathology/margin", "/pathology/fnclccGrade", "/pathology/closestMarginMm");
        }

        @Test
        void the_history_in_the_detail_is_printed_from_the_settings() {
            Settings centre = Settings.defaults().with("margin.closeBelowMm", 5).with("size.extremelyLargeAboveCm", 20);
            Recommendation r = rec(operated().plan(centre), RT);

            assertThat(r.detail()).contains("closer than 5 mm", "larger than 20 cm");
        }

        @Test
        void r0_after_neoadjuvant_radiotherapy_is_not_recommended_either() {
            assertThat(statusOf(afterNeoadjuvantRt(operated()).plan(), RT)).contains(NOT_RECOMMENDED);
        }

        @Test
        void after_r1_without_neoadjuvant_radiotherapy_it_is_considered_only_after_specialist_review() {
            Recommendation r = rec(margin("R1").plan(), RT);

            assertThat(r.status()).isEqualTo(CONSIDER);
            assertThat(r.summary()).contains("radiation oncologist", "bowel");
            assertThat(r.parameters()).containsEntry("requires",
                    List.of("review by a sarcoma radiation oncologist", "bowel dose constraints"));
            assertThat(r.detail()).contains("2B");
        }

        @Test
        void after_r1_with_neoadjuvant_radiotherapy_the_boost_row_speaks_instead() {
            Plan plan = afterNeoadjuvantRt(margin("R1")).plan();

            assertThat(statusOf(plan, RT)).isEmpty();
            assertThat(statusOf(plan, BOOST)).contains(NOT_RECOMMENDED);
        }

        @Test
        void after_r2_radiotherapy_is_left_to_the_residual_disease_review() {
            assertThat(statusOf(margin("R2").plan(), RT)).isEmpty();
        }

        @Test
        void recorded_radiotherapy_after_r0_is_discordant_and_nothing_is_recommended() {
            Plan plan = operated().with("/postoperative/adjuvantRadiotherapyGy", 50.4).plan();

            assertThat(statusOf(plan, RT)).isEmpty();
            Concordance c = verdict(plan, RT);
            assertThat(c.verdict()).isEqualTo(DISCORDANT);
            assertThat(c.note()).contains("50.4 Gy", "R0", "document the reason");
        }

        @Test
        void recorded_radiotherapy_after_r1_without_neoadjuvant_radiotherapy_is_concordant() {
            Plan plan = margin("R1").with("/postoperative/adjuvantRadiotherapyGy", 50.4).plan();

            assertThat(statusOf(plan, RT)).isEmpty();
            assertThat(verdictOf(plan, RT)).contains(CONCORDANT);
        }

        @Test
        void recorded_radiotherapy_is_judged_long_after_the_adjuvant_window() {
            Plan plan = operated().with("/postoperative/adjuvantRadiotherapyGy", 45)
                    .add("/followUp", "{\"date\": \"2021-03-01\", \"localRecurrence\": false}").plan();

            assertThat(verdictOf(plan, RT)).contains(DISCORDANT);
        }

        @Test
        void recorded_radiotherapy_after_r1_with_neoadjuvant_radiotherapy_is_the_radiation_oncologists_decision() {
            Plan plan = afterNeoadjuvantRt(margin("R1")).with("/postoperative/adjuvantRadiotherapyGy", 16).plan();

            assertThat(verdictOf(plan, RT)).isEmpty();
            Concordance c = verdict(plan, BOOST);
            assertThat(c.verdict()).isEqualTo(NOT_ASSESSABLE);
            assertThat(c.note()).contains("radiation oncologist's decision", "document the reason");
            assertThat(statusOf(plan, BOOST)).isEmpty();
        }

        @Test
        void recorded_radiotherapy_after_r2_is_not_assessable() {
            Plan plan = margin("R2").with("/postoperative/adjuvantRadiotherapyGy", 50).plan();

            assertThat(verdictOf(plan, RT)).contains(NOT_ASSESSABLE);
        }
    }

    @Nested
    class Boost {

        @Test
        void a_routine_boost_is_not_recommended_after_r1_following_neoadjuvant_radiotherapy() {
            Recommendation r = rec(afterNeoadjuvantRt(margin("R1")).plan(), BOOST);

            assertThat(r.status()).isEqualTo(NOT_RECOMMENDED);
            assertThat(r.detail()).contains("10 to 16 Gy", "radiation oncologist");
            assertThat(r.sources()).extracting(s -> s.id()).contains("ASTRO 2021");
            assertThat(r.parameters()).doesNotContainKey("boostGy");
            assertThat(pointersRead(r)).contains("/pathology/margin", "/neoadjuvant/radiotherapy/totalDoseGy");
        }

        @Test
        void the_boost_range_in_the_detail_comes_from_the_thresholds() {
            Recommendation r = rec(afterNeoadjuvantRt(margin("R1")).plan(), BOOST);

            assertThat(r.detail()).doesNotContain("10-16");
        }

        @Test
        void no_boost_after_r0_even_with_a_close_margin_following_neoadjuvant_radiotherapy() {
            Plan plan = afterNeoadjuvantRt(operated().with("/pathology/closestMarginMm", 1).with("/pathology/fnclccGrade", 3)).plan();

            assertThat(statusOf(plan, BOOST)).isEmpty();
        }

        @Test
        void no_boost_without_neoadjuvant_radiotherapy() {
            assertThat(statusOf(margin("R1").plan(), BOOST)).isEmpty();
        }

        @Test
        void no_boost_after_r2() {
            assertThat(statusOf(afterNeoadjuvantRt(margin("R2")).plan(), BOOST)).isEmpty();
        }
    }

    @Nested
    class ResidualDisease {

        @Test
        void residual_disease_is_reviewed_after_r2() {
            assertThat(statusOf(margin("R2").plan(), RESIDUAL)).contains(RECOMMENDED);
        }

        @Test
        void the_review_stays_after_the_adjuvant_window_while_disease_persists() {
            Plan plan = margin("R2").add("/followUp", "{\"date\": \"2021-03-01\"}").plan();

            assertThat(statusOf(plan, RESIDUAL)).contains(RECOMMENDED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"R0", "R1"})
        void no_residual_disease_review_without_macroscopic_residue(String margin) {
            assertThat(statusOf(margin(margin).plan(), RESIDUAL)).isEmpty();
        }
    }

    @Nested
    class Chemotherapy {

        @Test
        void chemotherapy_is_considered_for_grade_3_with_good_performance_status() {
            Recommendation r = rec(tumour(3, 6.0, 1).plan(), CHEMO);

            assertThat(r.status()).isEqualTo(CONSIDER);
            assertThat(r.sources()).extracting(s -> s.id()).contains("J Surg Oncol 2024");
            assertThat(r.parameters()).containsEntry("regimens", List.of("doxorubicin + dacarbazine", "doxorubicin"))
                    .containsEntry("beforeStarting",
                            List.of("left ventricular ejection fraction (echocardiography)", "fertility counselling under 45"));
            assertThat(pointersRead(r)).contains("/pathology/fnclccGrade", "/patient/ecog");
        }

        @Test
        void chemotherapy_is_considered_for_grade_2_larger_than_10_cm() {
            assertThat(statusOf(tumour(2, 10.5, 0).plan(), CHEMO)).contains(CONSIDER);
        }

        @Test
        void grade_2_of_exactly_10_cm_is_not_recommended() {
            Recommendation r = rec(tumour(2, 10.0, 0).plan(), CHEMO);

            assertThat(r.status()).isEqualTo(NOT_RECOMMENDED);
            assertThat(r.summary()).contains("grade 2", "10 cm");
        }

        @Test
        void grade_1_is_not_recommended_at_any_size() {
            assertThat(statusOf(tumour(1, 25.0, 0).plan(), CHEMO)).contains(NOT_RECOMMENDED);
        }

        @Test
        void ecog_3_is_not_recommended_even_for_grade_3() {
            Recommendation r = rec(tumour(3, 12.0, 3).plan(), CHEMO);

            assertThat(r.status()).isEqualTo(NOT_RECOMMENDED);
            assertThat(r.summary()).contains("ECOG 3");
        }

        @Test
        void grade_1_is_not_recommended_although_ecog_is_unknown() {
            Plan plan = operated().plan();

            assertThat(statusOf(plan, CHEMO)).contains(NOT_RECOMMENDED);
            assertThat(plan.missingData()).noneSatisfy(m -> assertThat(m.affects()).contains(CHEMO));
        }

        @Test
        void grade_3_with_unknown_ecog_is_conditional_on_performance_status() {
            Plan plan = operated().with("/pathology/fnclccGrade", 3).plan();

            Recommendation r = rec(plan, CHEMO);
            assertThat(r.status()).isEqualTo(CONDITIONAL);
            assertThat(r.when()).hasValueSatisfying(w -> assertThat(w).contains("ECOG 1 or better"));
            assertThat(missingPointers(plan)).contains("/patient/ecog");
        }

        @Test
        void grade_3_with_ecog_2_is_conditional_on_recovery() {
            Plan plan = tumour(3, 8.0, 2).plan();

            Recommendation r = rec(plan, CHEMO);
            assertThat(r.status()).isEqualTo(CONDITIONAL);
            assertThat(r.when()).hasValueSatisfying(w -> assertThat(w).contains("recovers", "now ECOG 2"));
            assertThat(plan.missingData()).noneSatisfy(m -> assertThat(m.affects()).contains(CHEMO));
        }

        @Test
        void an_unknown_grade_is_conditional_and_named_as_missing() {
            Plan plan = operated().without("/pathology/fnclccGrade").with("/patient/ecog", 0).plan();

            assertThat(statusOf(plan, CHEMO)).contains(CONDITIONAL);
            assertThat(missingPointers(plan)).contains("/pathology/fnclccGrade");
        }

        @Test
        void grade_2_without_any_size_is_conditional() {
            Plan plan = tumour(2, 6.0, 0).without("/pathology/maxDiameterCm").without("/imaging/0/tumorDiametersCm").plan();

            assertThat(statusOf(plan, CHEMO)).contains(CONDITIONAL);
            assertThat(missingPointers(plan)).contains("/pathology/maxDiameterCm");
        }

        @Test
        void the_latest_ecog_of_follow_up_is_read() {
            Plan plan = tumour(3, 8.0, 0).add("/followUp", "{\"date\": \"2020-04-01\", \"ecog\": 3}").plan();

            assertThat(statusOf(plan, CHEMO)).contains(NOT_RECOMMENDED);
        }

        @Test
        void no_adjuvant_chemotherapy_row_while_disease_persists() {
            assertThat(statusOf(tumour(3, 12.0, 0).with("/pathology/margin", "R2").plan(), CHEMO)).isEmpty();
            assertThat(statusOf(tumour(3, 12.0, 0).with("/operation/findings/liverMetastases", true).plan(), CHEMO)).isEmpty();
        }

        @Test
        void the_size_and_ecog_thresholds_are_read_by_name() {
            Settings centre = Settings.defaults().with("adjuvant.chemotherapyGrade2AboveCm", 15)
                    .with("adjuvant.chemotherapyMaxEcog", 2);

            assertThat(statusOf(tumour(2, 12.0, 0).plan(), CHEMO)).contains(CONSIDER);
            assertThat(statusOf(tumour(2, 12.0, 0).plan(centre), CHEMO)).contains(NOT_RECOMMENDED);
            assertThat(statusOf(tumour(3, 8.0, 2).plan(centre), CHEMO)).contains(CONSIDER);
        }

        @Test
        void a_low_ejection_fraction_leaves_the_anthracyclines_out_with_a_warning() {
            Plan plan = tumour(3, 8.0, 0).with("/patient/lvefPct", 40).plan();

            Recommendation r = rec(plan, CHEMO);
            assertThat(r.status()).isEqualTo(CONSIDER);
            assertThat(r.parameters()).containsEntry("regimens", List.of());
            assertThat(warningCodes(plan)).contains("LOW_LVEF");
            assertThat(pointersRead(r)).contains("/patient/lvefPct");
        }

        @Test
        void an_ejection_fraction_of_exactly_50_keeps_the_regimens() {
            Plan plan = tumour(3, 8.0, 0).with("/patient/lvefPct", 50).plan();

            assertThat(rec(plan, CHEMO).parameters()).containsEntry("regimens", List.of("doxorubicin + dacarbazine", "doxorubicin"));
            assertThat(warningCodes(plan)).doesNotContain("LOW_LVEF");
        }

        @Test
        void no_low_ejection_fraction_warning_when_chemotherapy_is_not_recommended() {
            Plan plan = tumour(1, 8.0, 0).with("/patient/lvefPct", 40).plan();

            assertThat(warningCodes(plan)).doesNotContain("LOW_LVEF");
        }

        @Test
        void recorded_chemotherapy_for_a_high_risk_tumour_is_concordant_and_nothing_is_recommended() {
            Plan plan = tumour(3, 8.0, 0).with("/postoperative/adjuvantChemotherapy", true).plan();

            assertThat(statusOf(plan, CHEMO)).isEmpty();
            assertThat(verdictOf(plan, CHEMO)).contains(CONCORDANT);
        }

        @Test
        void recorded_chemotherapy_for_grade_1_is_discordant_with_the_reason_asked_for() {
            Plan plan = tumour(1, 8.0, 0).with("/postoperative/adjuvantChemotherapy", true).plan();

            Concordance c = verdict(plan, CHEMO);
            assertThat(c.verdict()).isEqualTo(DISCORDANT);
            assertThat(c.note()).contains("grade 1", "document the reason");
        }

        @Test
        void recorded_chemotherapy_is_not_assessable_while_ecog_is_unknown() {
            Plan plan = operated().with("/pathology/fnclccGrade", 3).with("/postoperative/adjuvantChemotherapy", true).plan();

            assertThat(verdictOf(plan, CHEMO)).contains(NOT_ASSESSABLE);
        }

        @Test
        void recorded_chemotherapy_while_disease_persists_is_judged_as_systemic_therapy() {
            Plan plan = tumour(3, 8.0, 0).with("/pathology/margin", "R2").with("/postoperative/adjuvantChemotherapy", true).plan();

            assertThat(verdictOf(plan, CHEMO)).contains(NOT_ASSESSABLE);
        }

        @Test
        void recorded_chemotherapy_is_judged_long_after_the_adjuvant_window() {
            Plan plan = tumour(1, 8.0, 0).with("/postoperative/adjuvantChemotherapy", true)
                    .add("/followUp", "{\"date\": \"2021-06-01\", \"localRecurrence\": false}").plan();

            assertThat(statusOf(plan, CHEMO)).isEmpty();
            assertThat(verdictOf(plan, CHEMO)).contains(DISCORDANT);
        }

        @Test
        void chemotherapy_recorded_as_not_given_leaves_the_recommendation_and_gives_no_verdict() {
            Plan plan = tumour(3, 8.0, 0).with("/postoperative/adjuvantChemotherapy", false).plan();

            assertThat(statusOf(plan, CHEMO)).contains(CONSIDER);
            assertThat(verdictOf(plan, CHEMO)).isEmpty();
        }
    }

    @Test
    void the_adjuvant_rows_follow_the_catalogue_order() {
        Plan plan = afterNeoadjuvantRt(tumour(3, 8.0, 0)).with("/pathology/margin", "R1").plan();

        assertThat(plan.recommendations().stream().filter(r -> r.phase() == Phase.ADJUVANT).map(Recommendation::id))
                .containsExactly(BOOST, CHEMO);
        Plan r0 = tumour(3, 8.0, 0).plan();
        assertThat(r0.recommendations().stream().filter(r -> r.phase() == Phase.ADJUVANT).map(Recommendation::id))
                .containsExactly(RT, CHEMO);
    }
}
