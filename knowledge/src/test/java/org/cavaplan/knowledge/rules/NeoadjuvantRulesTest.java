package org.cavaplan.knowledge.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cavaplan.core.plan.Status.CONDITIONAL;
import static org.cavaplan.core.plan.Status.CONSIDER;
import static org.cavaplan.core.plan.Status.NOT_RECOMMENDED;
import static org.cavaplan.core.plan.Status.RECOMMENDED;
import static org.cavaplan.knowledge.rules.CaseFixtures.missingPointers;
import static org.cavaplan.knowledge.rules.CaseFixtures.number;
import static org.cavaplan.knowledge.rules.CaseFixtures.operated;
import static org.cavaplan.knowledge.rules.CaseFixtures.pointersRead;
import static org.cavaplan.knowledge.rules.CaseFixtures.pretreatment;
import static org.cavaplan.knowledge.rules.CaseFixtures.rec;
import static org.cavaplan.knowledge.rules.CaseFixtures.statusOf;
import static org.cavaplan.knowledge.rules.CaseFixtures.updateSources;
import static org.cavaplan.knowledge.rules.CaseFixtures.warningCodes;

import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.cavaplan.core.engine.RuleInfo;
import org.cavaplan.core.plan.KeyDecision;
import org.cavaplan.core.plan.MissingData;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.SourceRef;
import org.cavaplan.knowledge.CavaPlanKnowledge;
import org.cavaplan.knowledge.Settings;
import org.junit.jupiter.api.Test;

/**
 * §3 Neoadjuvant (contract v2, §7.3, §7.4, §7.18, §7.22): chemotherapy and STRASS2 screening before any
 * treatment, no routine preoperative radiotherapy, then restaging, surgery or a board review.
 */
class NeoadjuvantRulesTest {

    private static final String RT_ENDING_MARCH = "{\"totalDoseGy\": 50, \"endDate\": \"2020-03-01\"}";
    private static final String CHEMO_ENDING_MARCH = "{\"regimen\": \"doxorubicin + dacarbazine\", \"cycles\": 3, "
            + "\"endDate\": \"2020-03-01\"}";

    /** The pretreatment fixture (staged, 6 cm leiomyosarcoma, infrarenal) with ECOG 1 and no invaded organ recorded on imaging. */
    private static CaseFixtures fitAndStaged() {
        return pretreatment().with("/patient/ecog", 1).with("/imaging/0/invadedOrgans", List.of());
    }

    /** After radiotherapy ending 2020-03-01: baseline 10 cm on 2020-01-10, restaging on 2020-04-01. */
    private static CaseFixtures restagedAt(double afterCm) {
        return pretreatment().with("/patient/ecog", 1).with("/imaging/0/tumorDiametersCm", List.of(10.0))
                .withJson("/neoadjuvant/radiotherapy", RT_ENDING_MARCH)
                .add("/imaging", "{\"date\": \"2020-04-01\", \"modality\": \"CT\", \"distantMetastases\": []}")
                .with("/imaging/1/tumorDiametersCm", List.of(afterCm));
    }

    private static List<String> keyIds(Plan plan) {
        return plan.keyDecisions().stream().map(KeyDecision::id).toList();
    }

    private static List<String> sourceIds(Recommendation r) {
        return r.sources().stream().map(SourceRef::id).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> criteria(Recommendation r) {
        return (List<Map<String, Object>>) r.parameters().get("criteria");
    }

    private static Map<String, Object> criterion(Recommendation r, String startsWith) {
        return criteria(r).stream().filter(c -> ((String) c.get("criterion")).startsWith(startsWith)).findFirst()
                .orElseThrow(() -> new AssertionError("no criterion starting with '" + startsWith + "' in " + criteria(r)));
    }

    private static RuleInfo ruleInfo(String id) {
        return CavaPlanKnowledge.create().rules().stream().map(rule -> rule.info()).filter(i -> i.id().equals(id)).findFirst()
                .orElseThrow();
    }

    @Test
    void the_neoadjuvant_rows_follow_the_catalogue_order() {
        Plan plan = fitAndStaged().plan();

        assertThat(plan.recommendations().stream().filter(r -> r.phase() == Phase.NEOADJUVANT).map(Recommendation::id))
                .containsExactly("neoadjuvant.chemotherapy", "trial.strass2", "neoadjuvant.radiotherapy");
    }

    // ---- neoadjuvant.chemotherapy ---------------------------------------------------------------------

    @Test
    void preoperative_chemotherapy_is_considered_for_a_fit_patient_with_a_confirmed_leiomyosarcoma_of_six_cm() {
        Recommendation r = rec(fitAndStaged().plan(), "neoadjuvant.chemotherapy");

        assertThat(r.status()).isEqualTo(CONSIDER);
        assertThat(r.evidence()).isEqualTo("not standard; randomized trial ongoing (STRASS2); retrospective series");
        assertThat(r.parameters()).containsEntry("regimen", "doxorubicin + dacarbazine")
                .containsEntry("cycles", "per the STRASS2 protocol (3 cycles)")
                .containsEntry("beforeStarting",
                        List.of("left ventricular ejection fraction (echocardiography)", "fertility counselling under 45"));
        assertThat(sourceIds(r)).contains("seed", "STRASS2");
        assertThat(r.sources()).contains(new SourceRef("seed", "Chemotherapy"));
        assertThat(updateSources(r)).contains("STRASS2");
        assertThat(pointersRead(r)).contains("/patient/ecog", "/imaging/0/tumorDiametersCm", "/histology/diagnosis");
    }

    @Test
    void the_article_s_category_2b_wording_stays_in_the_detail_of_preoperative_chemotherapy() {
        Recommendation r = rec(fitAndStaged().plan(), "neoadjuvant.chemotherapy");

        assertThat(r.detail()).contains("2B").contains("NCCN");
    }

    @Test
    void preoperative_chemotherapy_is_a_key_decision() {
        assertThat(keyIds(fitAndStaged().plan())).contains("neoadjuvant.chemotherapy");
    }

    @Test
    void preoperative_chemotherapy_is_not_recommended_at_ecog_3() {
        Recommendation r = rec(fitAndStaged().with("/patient/ecog", 3).plan(), "neoadjuvant.chemotherapy");

        assertThat(r.status()).isEqualTo(NOT_RECOMMENDED);
        assertThat(pointersRead(r)).contains("/patient/ecog");
        assertThat(r.parameters()).doesNotContainKey("regimen");
    }

    @Test
    void preoperative_chemotherapy_is_not_recommended_below_five_cm_even_at_grade_3() {
        Recommendation r = rec(fitAndStaged().with("/imaging/0/tumorDiametersCm", List.of(4.9))
                .with("/histology/fnclccGrade", 3).plan(), "neoadjuvant.chemotherapy");

        assertThat(r.status()).isEqualTo(NOT_RECOMMENDED);
        assertThat(r.summary()).contains("4.9 cm").contains("5 cm");
        assertThat(pointersRead(r)).contains("/imaging/0/tumorDiametersCm");
    }

    @Test
    void a_tumor_of_exactly_five_cm_is_not_below_the_size_for_preoperative_chemotherapy() {
        Plan plan = fitAndStaged().with("/imaging/0/tumorDiametersCm", List.of(5.0)).plan();

        assertThat(statusOf(plan, "neoadjuvant.chemotherapy")).contains(CONSIDER);
    }

    @Test
    void preoperative_chemotherapy_is_not_recommended_when_the_tumor_reaches_the_right_atrium() {
        Recommendation r = rec(fitAndStaged().with("/imaging/0/cranialExtent", "RIGHT_ATRIUM").plan(), "neoadjuvant.chemotherapy");

        assertThat(r.status()).isEqualTo(NOT_RECOMMENDED);
        assertThat(r.summary()).contains("right atrium");
        assertThat(pointersRead(r)).contains("/imaging/0/cranialExtent");
    }

    @Test
    void a_reason_against_preoperative_chemotherapy_wins_over_an_unconfirmed_histology_and_unknown_ecog() {
        Plan plan = pretreatment().with("/histology/diagnosis", "NON_DIAGNOSTIC")
                .with("/imaging/0/tumorDiametersCm", List.of(3.0)).plan();

        assertThat(statusOf(plan, "neoadjuvant.chemotherapy")).contains(NOT_RECOMMENDED);
    }

    @Test
    void preoperative_chemotherapy_is_conditional_on_a_biopsy_while_the_histology_is_non_diagnostic() {
        Plan plan = fitAndStaged().with("/histology/diagnosis", "NON_DIAGNOSTIC").plan();

        Recommendation r = rec(plan, "neoadjuvant.chemotherapy");
        assertThat(r.status()).isEqualTo(CONDITIONAL);
        assertThat(r.when()).hasValueSatisfying(w -> assertThat(w).contains("biopsy confirms leiomyosarcoma"));
        assertThat(missingPointers(plan)).contains("/histology/diagnosis");
    }

    @Test
    void preoperative_chemotherapy_is_conditional_on_a_biopsy_when_no_histology_is_recorded() {
        Recommendation r = rec(fitAndStaged().without("/histology").plan(), "neoadjuvant.chemotherapy");

        assertThat(r.status()).isEqualTo(CONDITIONAL);
        assertThat(r.when()).hasValueSatisfying(w -> assertThat(w).contains("biopsy"));
    }

    @Test
    void preoperative_chemotherapy_is_conditional_while_ecog_is_not_recorded() {
        Plan plan = pretreatment().plan();

        Recommendation r = rec(plan, "neoadjuvant.chemotherapy");
        assertThat(r.status()).isEqualTo(CONDITIONAL);
        assertThat(r.when()).hasValueSatisfying(w -> assertThat(w).contains("ECOG 2 or better"));
        assertThat(plan.missingData()).anySatisfy(m -> {
            assertThat(m.pointer()).isEqualTo("/patient/ecog");
            assertThat(m.affects()).contains("neoadjuvant.chemotherapy");
        });
    }

    @Test
    void preoperative_chemotherapy_is_conditional_while_the_pretreatment_size_is_unknown() {
        Plan plan = fitAndStaged().without("/imaging/0/tumorDiametersCm").plan();

        assertThat(statusOf(plan, "neoadjuvant.chemotherapy")).contains(CONDITIONAL);
        assertThat(missingPointers(plan)).contains("/imaging/0/tumorDiametersCm");
    }

    @Test
    void preoperative_chemotherapy_is_conditional_on_the_board_when_the_tumor_reaches_the_suprahepatic_cava() {
        Recommendation r = rec(fitAndStaged().with("/imaging/0/cranialExtent", "SUPRAHEPATIC").plan(), "neoadjuvant.chemotherapy");

        assertThat(r.status()).isEqualTo(CONDITIONAL);
        assertThat(r.when()).contains("the board judges that progression toward the atrium would not make it unresectable");
    }

    /** Reading: an unknown upper end cannot rule out the atrium, which would make the row NOT_RECOMMENDED (§7.12). */
    @Test
    void preoperative_chemotherapy_is_conditional_while_the_cranial_extent_is_unknown() {
        Plan plan = fitAndStaged().without("/imaging/0/cranialExtent").plan();

        Recommendation r = rec(plan, "neoadjuvant.chemotherapy");
        assertThat(r.status()).isEqualTo(CONDITIONAL);
        assertThat(r.when()).hasValueSatisfying(w -> assertThat(w).contains("right atrium"));
        assertThat(missingPointers(plan)).contains("/imaging/0/cranialExtent");
    }

    @Test
    void preoperative_chemotherapy_is_conditional_on_staging_while_intent_is_undetermined() {
        Plan plan = fitAndStaged().without("/imaging/0/distantMetastases").plan();

        Recommendation r = rec(plan, "neoadjuvant.chemotherapy");
        assertThat(r.status()).isEqualTo(CONDITIONAL);
        assertThat(r.when()).hasValueSatisfying(w -> assertThat(w).contains("staging shows no distant metastases"));
        MissingData staging = plan.missingData().stream().filter(m -> m.pointer().equals("/imaging/0/distantMetastases"))
                .findFirst().orElseThrow();
        assertThat(staging.affects()).contains("intent.curative-resection", "neoadjuvant.chemotherapy", "trial.strass2")
                .doesNotContain("neoadjuvant.radiotherapy");
    }

    /** Reading: staging cannot make chemotherapy right for an ECOG 4 patient, so §7.4's first match wins over §7.3. */
    @Test
    void preoperative_chemotherapy_stays_not_recommended_at_ecog_4_while_intent_is_undetermined() {
        Plan plan = fitAndStaged().with("/patient/ecog", 4).without("/imaging/0/distantMetastases").plan();

        assertThat(statusOf(plan, "neoadjuvant.chemotherapy")).contains(NOT_RECOMMENDED);
    }

    /** Reading: with metastases systemic therapy replaces a preoperative course. */
    @Test
    void preoperative_chemotherapy_is_absent_with_palliative_intent() {
        Plan plan = fitAndStaged().with("/imaging/0/distantMetastases", List.of("LUNG")).plan();

        assertThat(statusOf(plan, "neoadjuvant.chemotherapy")).isEmpty();
    }

    @Test
    void preoperative_chemotherapy_is_absent_once_neoadjuvant_therapy_was_given_and_after_the_operation() {
        assertThat(statusOf(fitAndStaged().withJson("/neoadjuvant/chemotherapy", CHEMO_ENDING_MARCH).plan(),
                "neoadjuvant.chemotherapy")).isEmpty();
        assertThat(statusOf(operated().with("/patient/ecog", 1).plan(), "neoadjuvant.chemotherapy")).isEmpty();
    }

    @Test
    void no_neoadjuvant_option_is_given_for_another_sarcoma() {
        Plan plan = fitAndStaged().with("/histology/diagnosis", "OTHER_SARCOMA").plan();

        assertThat(statusOf(plan, "neoadjuvant.chemotherapy")).isEmpty();
        assertThat(statusOf(plan, "trial.strass2")).isEmpty();
        assertThat(statusOf(plan, "neoadjuvant.radiotherapy")).isEmpty();
    }

    @Test
    void a_low_ejection_fraction_leaves_the_anthracycline_regimen_out_with_a_warning() {
        Plan plan = fitAndStaged().with("/patient/lvefPct", 40).plan();

        Recommendation r = rec(plan, "neoadjuvant.chemotherapy");
        assertThat(warningCodes(plan)).contains("LOW_LVEF");
        assertThat(r.parameters()).doesNotContainKey("regimen").containsKey("beforeStarting");
        assertThat(r.summary()).contains("ejection fraction");
        assertThat(pointersRead(r)).contains("/patient/lvefPct");
        assertThat(plan.warnings()).filteredOn(w -> w.code().equals("LOW_LVEF"))
                .singleElement().satisfies(w -> assertThat(w.message()).contains("40 %").contains("50 %"));
    }

    @Test
    void an_ejection_fraction_of_exactly_50_percent_is_not_low() {
        Plan plan = fitAndStaged().with("/patient/lvefPct", 50).plan();

        assertThat(warningCodes(plan)).doesNotContain("LOW_LVEF");
        assertThat(rec(plan, "neoadjuvant.chemotherapy").parameters()).containsEntry("regimen", "doxorubicin + dacarbazine");
    }

    @Test
    void the_low_ejection_fraction_threshold_is_the_centre_s_assumption() {
        Plan plan = fitAndStaged().with("/patient/lvefPct", 45).plan(Settings.defaults().with("fitness.lowLvefBelowPct", 40));

        assertThat(warningCodes(plan)).doesNotContain("LOW_LVEF");
    }

    @Test
    void no_low_ejection_fraction_warning_when_chemotherapy_is_advised_against() {
        Plan plan = fitAndStaged().with("/patient/lvefPct", 40).with("/patient/ecog", 3).plan();

        assertThat(warningCodes(plan)).doesNotContain("LOW_LVEF");
    }

    @Test
    void the_printed_condition_of_preoperative_chemotherapy_follows_a_changed_assumption() {
        RuleInfo info = ruleInfo("neoadjuvant.chemotherapy");
        String changed = CavaPlanKnowledge.create(Settings.defaults().with("fitness.lowLvefBelowPct", 45)).rules().stream()
                .map(rule -> rule.info()).filter(i -> i.id().equals("neoadjuvant.chemotherapy")).findFirst().orElseThrow()
                .condition();

        assertThat(info.key()).isTrue();
        assertThat(info.condition()).contains("ECOG is above 2").contains("below 5 cm").contains("below 50 %").doesNotContain("{");
        assertThat(changed).contains("below 45 %");
    }

    // ---- trial.strass2 --------------------------------------------------------------------------------

    @Test
    void strass2_screening_is_considered_when_every_recorded_criterion_is_met() {
        Recommendation r = rec(fitAndStaged().plan(), "trial.strass2");

        assertThat(r.status()).isEqualTo(CONSIDER);
        assertThat(r.phase()).isEqualTo(Phase.NEOADJUVANT);
        assertThat(r.evidence()).isEqualTo("trial eligibility (registry record of 2025): check recruitment");
        assertThat(sourceIds(r)).containsExactly("STRASS2");
        assertThat(criteria(r)).hasSize(10).allSatisfy(c -> assertThat(c).containsEntry("verdict", "met").containsKey("value"));
        assertThat(criterion(r, "age at least 18 years")).containsEntry("value", 60);
        assertThat(criterion(r, "pretreatment size at least 5 cm")).containsEntry("value", 6.0);
        assertThat(criterion(r, "ECOG at most 2")).containsEntry("value", 1);
        assertThat(criterion(r, "at most 1 invaded major organ")).containsEntry("value", "none");
    }

    @Test
    void an_unrecorded_asa_class_is_listed_to_check_and_does_not_make_strass2_conditional() {
        Recommendation r = rec(fitAndStaged().plan(), "trial.strass2");

        assertThat(r.status()).isEqualTo(CONSIDER);
        assertThat(r.parameters().get("toCheck")).isEqualTo(List.of("ASA class at most 2", "a single (unifocal) tumor",
                "measurable disease (RECIST 1.1)",
                "no involvement of the superior mesenteric artery, coeliac trunk or portal vein"));
    }

    @Test
    void a_recorded_asa_class_of_2_is_a_met_criterion_and_no_longer_to_check() {
        Recommendation r = rec(fitAndStaged().with("/patient/asaClass", 2).plan(), "trial.strass2");

        assertThat(r.status()).isEqualTo(CONSIDER);
        assertThat(criterion(r, "ASA class at most 2")).containsEntry("value", 2).containsEntry("verdict", "met");
        assertThat(r.parameters().get("toCheck")).asInstanceOf(InstanceOfAssertFactories.LIST).doesNotContain("ASA class at most 2");
    }

    @Test
    void strass2_is_silent_with_a_recorded_asa_class_of_3() {
        assertThat(statusOf(fitAndStaged().with("/patient/asaClass", 3).plan(), "trial.strass2")).isEmpty();
    }

    @Test
    void strass2_is_conditional_while_the_invaded_organs_are_not_recorded() {
        Plan plan = pretreatment().with("/patient/ecog", 1).plan();

        Recommendation r = rec(plan, "trial.strass2");
        assertThat(r.status()).isEqualTo(CONDITIONAL);
        assertThat(r.when()).hasValueSatisfying(w -> assertThat(w).contains("no invasion of the aorta"));
        assertThat(criterion(r, "no invasion of the aorta")).containsEntry("verdict", "unknown").containsEntry("value", "not recorded");
        assertThat(missingPointers(plan)).contains("/imaging/0/invadedOrgans");
    }

    @Test
    void strass2_is_conditional_while_ecog_is_not_recorded() {
        Recommendation r = rec(fitAndStaged().without("/patient/ecog").plan(), "trial.strass2");

        assertThat(r.status()).isEqualTo(CONDITIONAL);
        assertThat(criterion(r, "ECOG at most 2")).containsEntry("verdict", "unknown");
    }

    @Test
    void strass2_is_conditional_while_intent_is_undetermined() {
        Recommendation r = rec(fitAndStaged().without("/imaging/0/distantMetastases").plan(), "trial.strass2");

        assertThat(r.status()).isEqualTo(CONDITIONAL);
        assertThat(criterion(r, "no distant metastases")).containsEntry("verdict", "unknown");
    }

    @Test
    void strass2_is_conditional_while_the_histology_is_non_diagnostic() {
        Recommendation r = rec(fitAndStaged().with("/histology/diagnosis", "NON_DIAGNOSTIC").plan(), "trial.strass2");

        assertThat(r.status()).isEqualTo(CONDITIONAL);
        assertThat(criterion(r, "leiomyosarcoma confirmed")).containsEntry("verdict", "unknown");
    }

    @Test
    void strass2_is_silent_when_one_criterion_fails() {
        assertThat(statusOf(fitAndStaged().with("/patient/ageYears", 17).plan(), "trial.strass2")).isEmpty();
        assertThat(statusOf(fitAndStaged().with("/imaging/0/tumorDiametersCm", List.of(4.5)).plan(), "trial.strass2")).isEmpty();
        assertThat(statusOf(fitAndStaged().with("/patient/ecog", 3).plan(), "trial.strass2")).isEmpty();
        assertThat(statusOf(fitAndStaged().with("/imaging/0/distantMetastases", List.of("LIVER")).plan(), "trial.strass2")).isEmpty();
        assertThat(statusOf(fitAndStaged().with("/imaging/0/cranialExtent", "RIGHT_ATRIUM").plan(), "trial.strass2")).isEmpty();
        assertThat(statusOf(fitAndStaged().with("/imaging/0/cranialExtent", "SUPRAHEPATIC").plan(), "trial.strass2")).isEmpty();
        assertThat(statusOf(fitAndStaged().with("/imaging/0/invadedOrgans", List.of("AORTA")).plan(), "trial.strass2")).isEmpty();
        assertThat(statusOf(fitAndStaged().with("/imaging/0/invadedOrgans", List.of("LIVER", "COLON")).plan(), "trial.strass2"))
                .isEmpty();
    }

    @Test
    void strass2_is_silent_even_with_an_unknown_criterion_once_another_fails() {
        assertThat(statusOf(pretreatment().with("/patient/ecog", 3).plan(), "trial.strass2")).isEmpty();
    }

    @Test
    void one_invaded_major_organ_and_an_adrenal_still_allow_strass2() {
        Recommendation r = rec(fitAndStaged().with("/imaging/0/invadedOrgans", List.of("RIGHT_KIDNEY", "RIGHT_ADRENAL")).plan(),
                "trial.strass2");

        assertThat(r.status()).isEqualTo(CONSIDER);
        assertThat(criterion(r, "at most 1 invaded major organ")).containsEntry("value", "right kidney");
    }

    @Test
    void strass2_is_absent_once_neoadjuvant_therapy_was_given() {
        assertThat(statusOf(fitAndStaged().withJson("/neoadjuvant/chemotherapy", CHEMO_ENDING_MARCH).plan(), "trial.strass2"))
                .isEmpty();
    }

    @Test
    void strass2_is_not_a_key_decision() {
        assertThat(keyIds(fitAndStaged().plan())).doesNotContain("trial.strass2");
    }

    // ---- neoadjuvant.radiotherapy ---------------------------------------------------------------------

    @Test
    void preoperative_radiotherapy_is_not_recommended_routinely_after_strass() {
        Recommendation r = rec(fitAndStaged().plan(), "neoadjuvant.radiotherapy");

        assertThat(r.status()).isEqualTo(NOT_RECOMMENDED);
        assertThat(r.evidence()).isEqualTo("randomized trial (STRASS)");
        assertThat(sourceIds(r)).contains("seed", "STRASS 2020");
        assertThat(updateSources(r)).contains("STRASS 2020");
        assertThat(r.when()).isEmpty();
    }

    @Test
    void the_detail_of_preoperative_radiotherapy_keeps_the_article_s_2b_option_for_the_team() {
        Recommendation r = rec(fitAndStaged().plan(), "neoadjuvant.radiotherapy");

        assertThat(r.detail()).contains("2B").contains("trial").contains("margin");
    }

    @Test
    void advice_against_preoperative_radiotherapy_is_a_key_decision() {
        assertThat(keyIds(fitAndStaged().plan())).contains("neoadjuvant.radiotherapy");
    }

    @Test
    void preoperative_radiotherapy_stays_not_recommended_while_intent_is_undetermined() {
        Recommendation r = rec(fitAndStaged().without("/imaging/0/distantMetastases").plan(), "neoadjuvant.radiotherapy");

        assertThat(r.status()).isEqualTo(NOT_RECOMMENDED);
        assertThat(r.when()).isEmpty();
    }

    @Test
    void preoperative_radiotherapy_is_absent_with_palliative_intent() {
        assertThat(statusOf(fitAndStaged().with("/imaging/0/distantMetastases", List.of("BONE")).plan(), "neoadjuvant.radiotherapy"))
                .isEmpty();
    }

    /** Reading: once radiotherapy was given, advising against it helps no one; the adjuvant rows take over. */
    @Test
    void preoperative_radiotherapy_is_absent_once_it_was_given() {
        assertThat(statusOf(fitAndStaged().withJson("/neoadjuvant/radiotherapy", RT_ENDING_MARCH).plan(), "neoadjuvant.radiotherapy"))
                .isEmpty();
    }

    /** Reading: the row is a pre-treatment decision (the table's heading); after neoadjuvant therapy it is not repeated. */
    @Test
    void advice_against_preoperative_radiotherapy_is_not_repeated_after_neoadjuvant_chemotherapy() {
        assertThat(statusOf(fitAndStaged().withJson("/neoadjuvant/chemotherapy", CHEMO_ENDING_MARCH).plan(),
                "neoadjuvant.radiotherapy")).isEmpty();
    }

    @Test
    void preoperative_radiotherapy_is_absent_after_the_operation() {
        assertThat(statusOf(operated().plan(), "neoadjuvant.radiotherapy")).isEmpty();
    }

    // ---- neoadjuvant.restaging ------------------------------------------------------------------------

    @Test
    void restaging_is_recommended_when_no_study_follows_the_end_of_neoadjuvant_therapy() {
        Recommendation r = rec(pretreatment().withJson("/neoadjuvant/radiotherapy", RT_ENDING_MARCH).plan(),
                "neoadjuvant.restaging");

        assertThat(r.status()).isEqualTo(RECOMMENDED);
        assertThat(r.parameters()).containsEntry("afterDate", "2020-03-01");
        assertThat(r.detail()).contains("poor measure of response");
    }

    @Test
    void restaging_is_recommended_after_neoadjuvant_chemotherapy_too() {
        Recommendation r = rec(pretreatment().withJson("/neoadjuvant/chemotherapy", CHEMO_ENDING_MARCH).plan(),
                "neoadjuvant.restaging");

        assertThat(r.status()).isEqualTo(RECOMMENDED);
        assertThat(pointersRead(r)).contains("/neoadjuvant/chemotherapy/endDate");
        assertThat(r.parameters()).doesNotContainKey("priorRadiotherapy");
    }

    /** 55 Gy in 25 fractions: 2.2 Gy each; BED = 55 × (1 + 2.2/4) = 85.25 Gy; EQD2 = 55 × 6.2/6 = 56.83 Gy. */
    @Test
    void restaging_reports_eqd2_and_bed_of_the_prior_radiotherapy() {
        Recommendation r = rec(pretreatment().withJson("/neoadjuvant/radiotherapy",
                "{\"totalDoseGy\": 55, \"fractions\": 25, \"endDate\": \"2020-03-01\"}").plan(), "neoadjuvant.restaging");

        Object prior = r.parameters().get("priorRadiotherapy");
        assertThat(number(prior, "dosePerFractionGy")).isEqualTo(2.2);
        assertThat(number(prior, "bedGy")).isEqualTo(85.25);
        assertThat(number(prior, "eqd2Gy")).isEqualTo(56.83);
        assertThat(number(prior, "alphaBetaGy")).isEqualTo(4.0);
    }

    /** At alpha/beta 10 Gy: BED = 55 × 1.22 = 67.1 Gy; EQD2 = 55 × 12.2/12 = 55.92 Gy. */
    @Test
    void restaging_radiobiology_follows_a_changed_alpha_beta() {
        Recommendation r = rec(pretreatment().withJson("/neoadjuvant/radiotherapy",
                        "{\"totalDoseGy\": 55, \"fractions\": 25, \"endDate\": \"2020-03-01\"}")
                .plan(Settings.defaults().with("radiobiology.alphaBetaGy", 10)), "neoadjuvant.restaging");

        Object prior = r.parameters().get("priorRadiotherapy");
        assertThat(number(prior, "bedGy")).isEqualTo(67.1);
        assertThat(number(prior, "eqd2Gy")).isEqualTo(55.92);
    }

    @Test
    void restaging_is_conditional_when_the_end_of_neoadjuvant_therapy_is_not_recorded() {
        Plan plan = pretreatment().withJson("/neoadjuvant/radiotherapy", "{\"totalDoseGy\": 50}").plan();

        assertThat(statusOf(plan, "neoadjuvant.restaging")).contains(CONDITIONAL);
        assertThat(missingPointers(plan)).contains("/neoadjuvant/radiotherapy/endDate");
    }

    @Test
    void restaging_is_still_recommended_when_the_latest_study_is_on_the_end_date() {
        Plan plan = pretreatment().withJson("/neoadjuvant/radiotherapy", RT_ENDING_MARCH)
                .add("/imaging", "{\"date\": \"2020-03-01\", \"modality\": \"CT\"}").plan();

        assertThat(statusOf(plan, "neoadjuvant.restaging")).contains(RECOMMENDED);
    }

    @Test
    void restaging_is_absent_once_a_study_follows_the_end_of_neoadjuvant_therapy() {
        assertThat(statusOf(restagedAt(9.0).plan(), "neoadjuvant.restaging")).isEmpty();
    }

    @Test
    void restaging_is_absent_before_neoadjuvant_therapy_and_after_the_operation() {
        assertThat(statusOf(pretreatment().plan(), "neoadjuvant.restaging")).isEmpty();
        assertThat(statusOf(operated().withJson("/neoadjuvant/radiotherapy", RT_ENDING_MARCH).plan(), "neoadjuvant.restaging"))
                .isEmpty();
    }

    // ---- neoadjuvant.proceed-to-surgery ---------------------------------------------------------------

    @Test
    void proceed_to_surgery_is_recommended_after_a_partial_response() {
        Recommendation r = rec(restagedAt(6.0).plan(), "neoadjuvant.proceed-to-surgery");

        assertThat(r.status()).isEqualTo(RECOMMENDED);
        assertThat(r.parameters()).containsEntry("response", "PR");
    }

    @Test
    void proceed_to_surgery_is_recommended_with_stable_disease() {
        Recommendation r = rec(restagedAt(11.0).plan(), "neoadjuvant.proceed-to-surgery");

        assertThat(r.status()).isEqualTo(RECOMMENDED);
        assertThat(r.parameters()).containsEntry("response", "SD");
    }

    @Test
    void proceeding_to_surgery_is_a_key_decision() {
        assertThat(keyIds(restagedAt(6.0).plan())).contains("neoadjuvant.proceed-to-surgery");
    }

    /** The contract reports radiobiology on the restaging recommendation only. */
    @Test
    void proceed_to_surgery_does_not_repeat_the_radiobiology() {
        Recommendation r = rec(restagedAt(6.0).withJson("/neoadjuvant/radiotherapy",
                "{\"totalDoseGy\": 50, \"fractions\": 25, \"endDate\": \"2020-03-01\"}").plan(), "neoadjuvant.proceed-to-surgery");

        assertThat(r.parameters()).doesNotContainKey("priorRadiotherapy");
    }

    @Test
    void proceed_to_surgery_is_absent_on_progression() {
        assertThat(statusOf(restagedAt(13.0).plan(), "neoadjuvant.proceed-to-surgery")).isEmpty();
    }

    @Test
    void proceed_to_surgery_is_absent_when_restaging_shows_new_metastases() {
        Plan plan = restagedAt(6.0).with("/imaging/1/distantMetastases", List.of("LUNG")).plan();

        assertThat(statusOf(plan, "neoadjuvant.proceed-to-surgery")).isEmpty();
    }

    @Test
    void proceed_to_surgery_is_conditional_until_restaging_is_measured() {
        Recommendation r = rec(pretreatment().with("/patient/ecog", 1).withJson("/neoadjuvant/radiotherapy", RT_ENDING_MARCH).plan(),
                "neoadjuvant.proceed-to-surgery");

        assertThat(r.status()).isEqualTo(CONDITIONAL);
        assertThat(r.when()).hasValueSatisfying(w -> assertThat(w).contains("restaging"));
    }

    /** Reading: surgery follows the curative resection's own conditions (§7.6): an unfit patient needs the assessment first. */
    @Test
    void proceed_to_surgery_is_conditional_on_the_fitness_assessment_at_ecog_3() {
        Recommendation r = rec(restagedAt(6.0).with("/patient/ecog", 3).plan(), "neoadjuvant.proceed-to-surgery");

        assertThat(r.status()).isEqualTo(CONDITIONAL);
        assertThat(r.when()).hasValueSatisfying(w -> assertThat(w).contains("fitness assessment supports a major resection"));
    }

    @Test
    void proceed_to_surgery_is_conditional_on_staging_while_intent_is_undetermined() {
        Plan plan = restagedAt(6.0).without("/imaging/0/distantMetastases").without("/imaging/1/distantMetastases").plan();

        Recommendation r = rec(plan, "neoadjuvant.proceed-to-surgery");
        assertThat(r.status()).isEqualTo(CONDITIONAL);
        assertThat(r.when()).hasValueSatisfying(w -> assertThat(w).contains("staging shows no distant metastases"));
    }

    // ---- neoadjuvant.progression-review ---------------------------------------------------------------

    @Test
    void progression_review_is_recommended_on_progression() {
        Plan plan = restagedAt(13.0).plan();

        Recommendation r = rec(plan, "neoadjuvant.progression-review");
        assertThat(r.status()).isEqualTo(RECOMMENDED);
        assertThat(r.parameters()).containsEntry("response", "PD").doesNotContainKey("priorRadiotherapy");
        assertThat(r.detail()).contains("poor measure of response");
        assertThat(keyIds(plan)).contains("neoadjuvant.progression-review");
    }

    @Test
    void progression_review_is_recommended_for_new_metastases_despite_shrinkage() {
        Plan plan = restagedAt(6.0).with("/imaging/1/distantMetastases", List.of("LUNG")).plan();

        assertThat(statusOf(plan, "neoadjuvant.progression-review")).contains(RECOMMENDED);
    }

    @Test
    void progression_review_is_absent_with_stable_disease_or_response() {
        assertThat(statusOf(restagedAt(11.0).plan(), "neoadjuvant.progression-review")).isEmpty();
        assertThat(statusOf(restagedAt(6.0).plan(), "neoadjuvant.progression-review")).isEmpty();
    }
}
