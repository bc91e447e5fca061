package org.cavaplan.knowledge.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cavaplan.core.plan.Status.CONDITIONAL;
import static org.cavaplan.core.plan.Status.CONSIDER;
import static org.cavaplan.core.plan.Status.NOT_RECOMMENDED;
import static org.cavaplan.core.plan.Status.RECOMMENDED;
import static org.cavaplan.knowledge.rules.CaseFixtures.missingPointers;
import static org.cavaplan.knowledge.rules.CaseFixtures.operated;
import static org.cavaplan.knowledge.rules.CaseFixtures.pointersRead;
import static org.cavaplan.knowledge.rules.CaseFixtures.pretreatment;
import static org.cavaplan.knowledge.rules.CaseFixtures.rec;
import static org.cavaplan.knowledge.rules.CaseFixtures.statusOf;

import java.util.List;
import org.cavaplan.core.engine.Rule;
import org.cavaplan.core.plan.KeyDecision;
import org.cavaplan.core.plan.MissingData;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.SourceRef;
import org.cavaplan.knowledge.CavaPlanKnowledge;
import org.cavaplan.knowledge.Settings;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * §3 Workup (contract v2): emitted in PRETREATMENT and POST_NEOADJUVANT only, in the catalogue's order.
 * The default fixture is a staged (curative) 6 cm infrarenal leiomyosarcoma at level 1, age 60, no ECOG.
 */
class WorkupRulesTest {

    private static final String REFERRAL = "workup.sarcoma-centre-referral";
    private static final String BIOPSY = "workup.core-biopsy";
    private static final String FITNESS = "workup.fitness-assessment";
    private static final String ECHO = "workup.echocardiography";
    private static final String RENAL = "workup.renal-function";
    private static final String LIVER = "workup.liver-assessment";
    private static final String DOPPLER = "workup.doppler-ultrasound";

    private static CaseFixtures symptoms(String... symptoms) {
        return pretreatment().with("/presentation/symptoms", List.of(symptoms));
    }

    private static CaseFixtures extents(String cranial, String caudal) {
        return pretreatment().with("/imaging/0/cranialExtent", cranial).with("/imaging/0/caudalExtent", caudal);
    }

    private static CaseFixtures withoutExtents() {
        return pretreatment().without("/imaging/0/cranialExtent").without("/imaging/0/caudalExtent");
    }

    private static CaseFixtures afterNeoadjuvantRadiotherapy(CaseFixtures kase) {
        return kase.withJson("/neoadjuvant/radiotherapy", "{\"totalDoseGy\": 50, \"endDate\": \"2020-03-01\"}");
    }

    private static boolean isKeyDecision(Plan plan, String id) {
        return plan.keyDecisions().stream().map(KeyDecision::id).anyMatch(id::equals);
    }

    private static List<String> affecting(Plan plan, String id) {
        return plan.missingData().stream().filter(m -> m.affects().contains(id)).map(MissingData::pointer).toList();
    }

    @Nested
    class SarcomaCentreReferral {

        @Test
        void referral_to_a_sarcoma_centre_is_a_recommended_key_decision_before_any_treatment() {
            Plan plan = pretreatment().plan();

            Recommendation r = rec(plan, REFERRAL);
            assertThat(r.status()).isEqualTo(RECOMMENDED);
            assertThat(r.phase()).isEqualTo(Phase.WORKUP);
            assertThat(isKeyDecision(plan, REFERRAL)).isTrue();
            assertThat(r.sources()).extracting(SourceRef::id).contains("TARPSWG 2021", "ESMO-EURACAN-GENTURIS 2021");
        }

        @Test
        void referral_includes_the_biopsy_when_histology_is_not_yet_known() {
            Recommendation r = rec(pretreatment().without("/histology").plan(), REFERRAL);

            assertThat(r.summary()).contains("biopsy");
            assertThat(pointersRead(r)).contains("/histology/diagnosis");
        }

        @Test
        void referral_is_not_reissued_once_neoadjuvant_therapy_was_given() {
            Plan plan = afterNeoadjuvantRadiotherapy(pretreatment()).plan();

            assertThat(statusOf(plan, REFERRAL)).isEmpty();
        }

        @Test
        void referral_stays_for_a_histology_other_than_leiomyosarcoma() {
            Plan plan = pretreatment().with("/histology/diagnosis", "OTHER_SARCOMA").plan();

            assertThat(statusOf(plan, REFERRAL)).contains(RECOMMENDED);
        }

        @Test
        void referral_is_not_reissued_after_the_operation() {
            assertThat(statusOf(operated().plan(), REFERRAL)).isEmpty();
        }
    }

    @Nested
    class CoreBiopsy {

        @Test
        void core_biopsy_is_a_recommended_key_decision_without_histology() {
            Plan plan = pretreatment().without("/histology").plan();

            Recommendation r = rec(plan, BIOPSY);
            assertThat(r.status()).isEqualTo(RECOMMENDED);
            assertThat(isKeyDecision(plan, BIOPSY)).isTrue();
            assertThat(r.summary()).contains("retroperitoneal route");
            assertThat(r.sources()).extracting(SourceRef::id).contains("seed", "TARPSWG 2021");
        }

        @Test
        void core_biopsy_is_recommended_after_a_non_diagnostic_biopsy() {
            Plan plan = pretreatment().with("/histology/diagnosis", "NON_DIAGNOSTIC").plan();

            assertThat(statusOf(plan, BIOPSY)).contains(RECOMMENDED);
            assertThat(rec(plan, BIOPSY).summary()).startsWith("Repeat");
        }

        @Test
        void core_biopsy_is_absent_once_leiomyosarcoma_is_diagnosed() {
            assertThat(statusOf(pretreatment().plan(), BIOPSY)).isEmpty();
        }

        @Test
        void core_biopsy_is_absent_once_another_sarcoma_is_diagnosed() {
            assertThat(statusOf(pretreatment().with("/histology/diagnosis", "OTHER_SARCOMA").plan(), BIOPSY)).isEmpty();
        }
    }

    @Nested
    class Imaging {

        @Test
        void cross_sectional_imaging_is_recommended_when_only_ultrasound_exists() {
            Plan plan = pretreatment().with("/imaging/0/modality", "ULTRASOUND").plan();

            assertThat(statusOf(plan, "workup.cross-sectional-imaging")).contains(RECOMMENDED);
            assertThat(plan.recommendation("workup.cross-sectional-imaging").orElseThrow().phase()).isEqualTo(Phase.WORKUP);
        }

        @Test
        void cross_sectional_imaging_is_absent_once_a_ct_exists() {
            assertThat(statusOf(pretreatment().plan(), "workup.cross-sectional-imaging")).isEmpty();
        }

        @Test
        void cross_sectional_imaging_is_absent_once_an_mri_exists() {
            Plan plan = pretreatment().with("/imaging/0/modality", "DOPPLER_ULTRASOUND")
                    .add("/imaging", "{\"date\": \"2020-01-20\", \"modality\": \"MRI\"}").plan();

            assertThat(statusOf(plan, "workup.cross-sectional-imaging")).isEmpty();
        }

        @Test
        void chest_staging_is_absent_when_a_preoperative_ct_included_the_chest() {
            assertThat(statusOf(pretreatment().plan(), "workup.chest-staging")).isEmpty();
        }

        @Test
        void chest_staging_is_absent_when_a_pet_ct_included_the_chest() {
            Plan plan = pretreatment().with("/imaging/0/modality", "PET_CT").plan();

            assertThat(statusOf(plan, "workup.chest-staging")).isEmpty();
        }

        @Test
        void chest_staging_is_recommended_when_the_ct_did_not_include_the_chest() {
            Plan plan = pretreatment().with("/imaging/0/chestIncluded", false).plan();

            assertThat(statusOf(plan, "workup.chest-staging")).contains(RECOMMENDED);
        }

        @Test
        void chest_staging_is_recommended_when_the_ct_does_not_say_whether_it_included_the_chest() {
            Plan plan = pretreatment().without("/imaging/0/chestIncluded").plan();

            assertThat(statusOf(plan, "workup.chest-staging")).contains(RECOMMENDED);
        }

        @Test
        void chest_staging_is_recommended_when_only_an_mri_covered_the_chest() {
            Plan plan = pretreatment().with("/imaging/0/modality", "MRI").plan();

            assertThat(statusOf(plan, "workup.chest-staging")).contains(RECOMMENDED);
        }

        @Test
        void mri_for_extent_is_considered_when_no_mri_exists() {
            assertThat(statusOf(pretreatment().plan(), "workup.mri-extent")).contains(CONSIDER);
        }

        @Test
        void mri_for_extent_is_absent_once_an_mri_exists() {
            Plan plan = pretreatment().add("/imaging", "{\"date\": \"2020-01-20\", \"modality\": \"MRI\"}").plan();

            assertThat(statusOf(plan, "workup.mri-extent")).isEmpty();
        }
    }

    @Nested
    class FitnessAssessment {

        @Test
        void fitness_assessment_is_recommended_for_a_curative_resection_when_ecog_is_not_recorded() {
            Plan plan = pretreatment().plan();

            Recommendation r = rec(plan, FITNESS);
            assertThat(r.status()).isEqualTo(RECOMMENDED);
            assertThat(r.parameters().get("reasons")).isEqualTo(List.of("performance status (ECOG) not recorded"));
            assertThat(r.parameters().get("assessments")).isEqualTo(List.of("anaesthetic review", "cardiopulmonary testing"));
            assertThat(affecting(plan, FITNESS)).containsExactly("/patient/ecog");
        }

        @Test
        void fitness_assessment_is_recommended_from_ecog_2() {
            Recommendation r = rec(pretreatment().with("/patient/ecog", 2).plan(), FITNESS);

            assertThat(r.status()).isEqualTo(RECOMMENDED);
            assertThat(r.parameters().get("reasons")).isEqualTo(List.of("ECOG 2"));
            assertThat(pointersRead(r)).contains("/patient/ecog");
        }

        @Test
        void fitness_assessment_is_absent_for_a_fit_patient_under_75() {
            assertThat(statusOf(pretreatment().with("/patient/ecog", 1).plan(), FITNESS)).isEmpty();
        }

        @Test
        void fitness_assessment_adds_a_geriatric_assessment_from_age_75_whatever_the_ecog() {
            Recommendation r = rec(pretreatment().with("/patient/ecog", 0).with("/patient/ageYears", 75).plan(), FITNESS);

            assertThat(r.status()).isEqualTo(RECOMMENDED);
            assertThat(r.parameters().get("reasons")).isEqualTo(List.of("age 75 years"));
            assertThat(r.parameters().get("assessments"))
                    .isEqualTo(List.of("anaesthetic review", "cardiopulmonary testing", "geriatric assessment"));
            assertThat(r.summary()).contains("geriatric");
            assertThat(pointersRead(r)).contains("/patient/ageYears");
        }

        @Test
        void fitness_assessment_is_recommended_while_an_unfit_patient_makes_the_curative_resection_conditional() {
            Plan plan = pretreatment().with("/patient/ecog", 3).plan();

            assertThat(statusOf(plan, "intent.curative-resection")).contains(CONDITIONAL);
            assertThat(statusOf(plan, FITNESS)).contains(RECOMMENDED);
        }

        @Test
        void fitness_assessment_is_recommended_while_the_curative_resection_waits_on_a_biopsy() {
            Plan plan = pretreatment().without("/histology").plan();

            assertThat(statusOf(plan, "intent.curative-resection")).contains(CONDITIONAL);
            assertThat(statusOf(plan, FITNESS)).contains(RECOMMENDED);
        }

        @Test
        void fitness_assessment_is_absent_before_staging_even_for_a_poor_performance_status() {
            Plan plan = pretreatment().without("/imaging/0/distantMetastases").with("/patient/ecog", 3).plan();

            assertThat(statusOf(plan, FITNESS)).isEmpty();
        }

        @Test
        void fitness_assessment_is_recommended_when_a_palliative_resection_is_considered() {
            Plan plan = pretreatment().with("/imaging/0/distantMetastases", List.of("LUNG")).with("/patient/ecog", 2)
                    .with("/presentation/symptoms", List.of("ABDOMINAL_PAIN")).plan();

            assertThat(statusOf(plan, "intent.palliative-resection")).contains(CONSIDER);
            assertThat(statusOf(plan, FITNESS)).contains(RECOMMENDED);
        }

        @Test
        void fitness_assessment_is_absent_when_a_palliative_resection_is_not_recommended() {
            Plan noSymptom = pretreatment().with("/imaging/0/distantMetastases", List.of("LUNG")).with("/patient/ecog", 2).plan();
            Plan unfit = pretreatment().with("/imaging/0/distantMetastases", List.of("LUNG")).with("/patient/ecog", 3)
                    .with("/presentation/symptoms", List.of("ABDOMINAL_PAIN")).plan();

            assertThat(statusOf(noSymptom, "intent.palliative-resection")).contains(NOT_RECOMMENDED);
            assertThat(statusOf(noSymptom, FITNESS)).isEmpty();
            assertThat(statusOf(unfit, "intent.palliative-resection")).contains(NOT_RECOMMENDED);
            assertThat(statusOf(unfit, FITNESS)).isEmpty();
        }

        /** The curative resection row is not emitted for another histology, so no resection is considered (§7.6). */
        @Test
        void fitness_assessment_is_absent_for_a_histology_other_than_leiomyosarcoma() {
            Plan plan = pretreatment().with("/histology/diagnosis", "OTHER_SARCOMA").with("/patient/ecog", 3).plan();

            assertThat(statusOf(plan, FITNESS)).isEmpty();
        }

        @Test
        void fitness_assessment_follows_a_centre_s_own_age_threshold_in_its_decision_and_its_printed_condition() {
            Settings seventy = Settings.defaults().with("fitness.assessmentFromAgeYears", 70);
            CaseFixtures seventyTwo = pretreatment().with("/patient/ecog", 0).with("/patient/ageYears", 72);

            assertThat(statusOf(seventyTwo.plan(), FITNESS)).isEmpty();
            Recommendation r = rec(seventyTwo.plan(seventy), FITNESS);
            assertThat(r.parameters().get("assessments"))
                    .isEqualTo(List.of("anaesthetic review", "cardiopulmonary testing", "geriatric assessment"));
            assertThat(r.detail()).contains("from age 70 years");
            String condition = CavaPlanKnowledge.create(seventy).rules().stream().map(Rule::info)
                    .filter(i -> i.id().equals(FITNESS)).findFirst().orElseThrow().condition();
            assertThat(condition).contains("age 70 years or more").contains("ECOG 2 or worse").doesNotContain("{");
        }
    }

    @Nested
    class Echocardiography {

        @Test
        void echocardiography_is_recommended_for_intracardiac_extension() {
            Plan plan = pretreatment().with("/imaging/0/cranialExtent", "RIGHT_ATRIUM").plan();

            assertThat(statusOf(plan, ECHO)).contains(RECOMMENDED);
        }

        @Test
        void echocardiography_is_recommended_for_a_suprahepatic_cranial_extent() {
            Plan plan = pretreatment().with("/imaging/0/cranialExtent", "SUPRAHEPATIC").plan();

            Recommendation r = rec(plan, ECHO);
            assertThat(r.status()).isEqualTo(RECOMMENDED);
            assertThat(pointersRead(r)).contains("/imaging/0/cranialExtent");
        }

        @Test
        void echocardiography_is_absent_when_the_tumor_stops_at_the_hepatic_veins() {
            assertThat(statusOf(extents("HEPATIC_VEINS", "INFRARENAL").plan(), ECHO)).isEmpty();
        }

        @Test
        void echocardiography_is_recommended_for_arrhythmia_at_any_level() {
            assertThat(statusOf(symptoms("CARDIAC_ARRHYTHMIA").plan(), ECHO)).contains(RECOMMENDED);
        }

        @Test
        void echocardiography_is_conditional_on_the_cranial_extent_while_it_is_unknown() {
            Plan plan = withoutExtents().plan();

            Recommendation r = rec(plan, ECHO);
            assertThat(r.status()).isEqualTo(CONDITIONAL);
            assertThat(r.when()).hasValueSatisfying(w -> assertThat(w).contains("above the hepatic veins"));
            assertThat(affecting(plan, ECHO)).containsExactly("/imaging/0/cranialExtent");
        }

        @Test
        void echocardiography_is_conditional_on_the_extent_also_when_the_ivc_is_reported_not_involved() {
            Plan plan = withoutExtents().with("/imaging/0/ivcInvolvement", "NONE").plan();

            assertThat(statusOf(plan, ECHO)).contains(CONDITIONAL);
        }

        @Test
        void echocardiography_is_recommended_when_only_a_suprahepatic_caudal_extent_is_known() {
            Plan plan = withoutExtents().with("/imaging/0/caudalExtent", "SUPRAHEPATIC").plan();

            assertThat(statusOf(plan, ECHO)).contains(RECOMMENDED);
        }

        @Test
        void echocardiography_is_recommended_for_arrhythmia_when_the_extent_is_unknown() {
            Plan plan = withoutExtents().with("/presentation/symptoms", List.of("CARDIAC_ARRHYTHMIA")).plan();

            assertThat(statusOf(plan, ECHO)).contains(RECOMMENDED);
        }
    }

    @Nested
    class RenalFunction {

        @Test
        void renal_function_is_absent_for_a_tumor_confined_to_level_1() {
            assertThat(statusOf(pretreatment().plan(), RENAL)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"RENAL_VEINS", "SUPRARENAL", "HEPATIC_VEINS"})
        void renal_function_is_recommended_when_level_2_is_involved(String cranial) {
            Recommendation r = rec(extents(cranial, "INFRARENAL").plan(), RENAL);

            assertThat(r.status()).isEqualTo(RECOMMENDED);
            assertThat(r.parameters().get("tests"))
                    .isEqualTo(List.of("serum creatinine and eGFR", "split renal function (renal scintigraphy)"));
        }

        @Test
        void renal_function_is_recommended_when_the_renal_veins_are_the_caudal_extent() {
            assertThat(statusOf(extents("HEPATIC_VEINS", "RENAL_VEINS").plan(), RENAL)).contains(RECOMMENDED);
        }

        @Test
        void renal_function_is_absent_for_a_tumor_confined_to_level_3() {
            assertThat(statusOf(extents("SUPRAHEPATIC", "HEPATIC_VEINS").plan(), RENAL)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"RIGHT_KIDNEY", "LEFT_KIDNEY"})
        void renal_function_is_recommended_when_a_kidney_is_invaded_at_level_1(String kidney) {
            Plan plan = pretreatment().with("/imaging/0/invadedOrgans", List.of(kidney)).plan();

            Recommendation r = rec(plan, RENAL);
            assertThat(r.status()).isEqualTo(RECOMMENDED);
            assertThat(pointersRead(r)).contains("/imaging/0/invadedOrgans");
        }

        @Test
        void renal_function_is_recommended_with_renal_vein_thrombosis_at_level_1() {
            Plan plan = pretreatment().with("/imaging/0/renalVeinThrombosis", true).plan();

            assertThat(statusOf(plan, RENAL)).contains(RECOMMENDED);
        }

        @Test
        void renal_function_is_absent_when_another_organ_is_invaded_at_level_1() {
            Plan plan = pretreatment().with("/imaging/0/invadedOrgans", List.of("COLON")).plan();

            assertThat(statusOf(plan, RENAL)).isEmpty();
        }

        @Test
        void renal_function_is_conditional_on_the_extents_while_they_are_unknown() {
            Plan plan = withoutExtents().plan();

            Recommendation r = rec(plan, RENAL);
            assertThat(r.status()).isEqualTo(CONDITIONAL);
            assertThat(r.when()).hasValueSatisfying(w -> assertThat(w).contains("level 2"));
            assertThat(affecting(plan, RENAL)).containsExactlyInAnyOrder("/imaging/0/cranialExtent", "/imaging/0/caudalExtent");
        }

        @Test
        void renal_function_asks_only_for_the_caudal_extent_when_the_tumor_reaches_level_3() {
            Plan plan = pretreatment().with("/imaging/0/cranialExtent", "HEPATIC_VEINS").without("/imaging/0/caudalExtent").plan();

            assertThat(statusOf(plan, RENAL)).contains(CONDITIONAL);
            assertThat(affecting(plan, RENAL)).containsExactly("/imaging/0/caudalExtent");
        }

        @Test
        void renal_function_is_absent_when_the_known_cranial_extent_is_below_the_renal_veins() {
            Plan plan = pretreatment().without("/imaging/0/caudalExtent").plan();

            assertThat(statusOf(plan, RENAL)).isEmpty();
        }

        @Test
        void renal_function_shows_a_recorded_egfr_among_its_facts() {
            Plan plan = extents("RENAL_VEINS", "INFRARENAL").with("/patient/egfrMlMin", 45).plan();

            assertThat(pointersRead(rec(plan, RENAL))).contains("/patient/egfrMlMin");
        }
    }

    @Nested
    class LiverAssessment {

        @Test
        void liver_assessment_is_absent_for_a_tumor_below_the_hepatic_veins() {
            assertThat(statusOf(extents("SUPRARENAL", "INFRARENAL").plan(), LIVER)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"HEPATIC_VEINS", "SUPRAHEPATIC", "RIGHT_ATRIUM"})
        void liver_assessment_is_recommended_when_the_tumor_reaches_the_hepatic_veins_or_above(String cranial) {
            Recommendation r = rec(extents(cranial, "INFRARENAL").plan(), LIVER);

            assertThat(r.status()).isEqualTo(RECOMMENDED);
            assertThat(r.parameters().get("tests")).isEqualTo(List.of("liver function tests", "hepatology review"));
        }

        @Test
        void liver_assessment_is_recommended_for_budd_chiari_syndrome() {
            assertThat(statusOf(symptoms("BUDD_CHIARI").plan(), LIVER)).contains(RECOMMENDED);
        }

        @Test
        void liver_assessment_is_recommended_for_hepatic_vein_thrombosis() {
            assertThat(statusOf(pretreatment().with("/imaging/0/hepaticVeinThrombosis", true).plan(), LIVER)).contains(RECOMMENDED);
        }

        @Test
        void liver_assessment_is_recommended_when_the_liver_is_invaded() {
            Plan plan = pretreatment().with("/imaging/0/invadedOrgans", List.of("LIVER", "RIGHT_ADRENAL")).plan();

            Recommendation r = rec(plan, LIVER);
            assertThat(r.status()).isEqualTo(RECOMMENDED);
            assertThat(pointersRead(r)).contains("/imaging/0/invadedOrgans");
        }

        @Test
        void liver_assessment_is_conditional_on_the_cranial_extent_while_it_is_unknown() {
            Plan plan = pretreatment().without("/imaging/0/cranialExtent").plan();

            Recommendation r = rec(plan, LIVER);
            assertThat(r.status()).isEqualTo(CONDITIONAL);
            assertThat(r.when()).hasValueSatisfying(w -> assertThat(w).contains("hepatic veins"));
            assertThat(affecting(plan, LIVER)).containsExactly("/imaging/0/cranialExtent");
        }

        @Test
        void liver_assessment_is_recommended_for_budd_chiari_even_when_the_extent_is_unknown() {
            Plan plan = withoutExtents().with("/presentation/symptoms", List.of("BUDD_CHIARI")).plan();

            assertThat(statusOf(plan, LIVER)).contains(RECOMMENDED);
        }
    }

    @Nested
    class Doppler {

        @Test
        void doppler_is_absent_when_the_lumen_is_known_at_level_1_without_budd_chiari() {
            assertThat(statusOf(pretreatment().plan(), DOPPLER)).isEmpty();
        }

        @Test
        void doppler_is_considered_when_the_baseline_has_no_lumen_finding() {
            Plan plan = pretreatment().without("/imaging/0/ivcLumen").plan();

            assertThat(statusOf(plan, DOPPLER)).contains(CONSIDER);
        }

        @Test
        void doppler_is_considered_for_budd_chiari() {
            assertThat(statusOf(symptoms("BUDD_CHIARI").plan(), DOPPLER)).contains(CONSIDER);
        }

        @Test
        void doppler_is_considered_when_vein_thrombosis_is_unknown_with_level_2_involved() {
            Plan plan = pretreatment().with("/imaging/0/cranialExtent", "RENAL_VEINS").plan();

            assertThat(statusOf(plan, DOPPLER)).contains(CONSIDER);
        }

        @Test
        void doppler_is_considered_when_vein_thrombosis_is_unknown_with_level_3_involved() {
            assertThat(statusOf(extents("HEPATIC_VEINS", "HEPATIC_VEINS").plan(), DOPPLER)).contains(CONSIDER);
        }

        @Test
        void doppler_is_absent_at_level_2_once_both_vein_thromboses_are_known() {
            Plan plan = pretreatment().with("/imaging/0/cranialExtent", "RENAL_VEINS")
                    .with("/imaging/0/hepaticVeinThrombosis", false).with("/imaging/0/renalVeinThrombosis", false).plan();

            assertThat(statusOf(plan, DOPPLER)).isEmpty();
        }

        /** Reading of "hepatic/renal vein thrombosis is unknown": either one unknown is enough. */
        @Test
        void doppler_is_considered_at_level_2_when_only_renal_vein_thrombosis_is_unknown() {
            Plan plan = pretreatment().with("/imaging/0/cranialExtent", "RENAL_VEINS")
                    .with("/imaging/0/hepaticVeinThrombosis", false).plan();

            assertThat(statusOf(plan, DOPPLER)).contains(CONSIDER);
        }

        @Test
        void doppler_is_conditional_on_the_extents_when_only_the_level_clause_could_apply() {
            Plan plan = withoutExtents().plan();

            Recommendation r = rec(plan, DOPPLER);
            assertThat(r.status()).isEqualTo(CONDITIONAL);
            assertThat(r.when()).hasValueSatisfying(w -> assertThat(w).contains("level 2 or 3"));
            assertThat(affecting(plan, DOPPLER)).containsExactlyInAnyOrder("/imaging/0/cranialExtent", "/imaging/0/caudalExtent");
        }

        @Test
        void doppler_is_absent_with_unknown_extents_once_both_vein_thromboses_are_known() {
            Plan plan = withoutExtents().with("/imaging/0/hepaticVeinThrombosis", false)
                    .with("/imaging/0/renalVeinThrombosis", false).plan();

            assertThat(statusOf(plan, DOPPLER)).isEmpty();
        }
    }

    @Nested
    class VenousDuplex {

        @ParameterizedTest
        @ValueSource(strings = {"LOWER_EXTREMITY_EDEMA", "DEEP_VEIN_THROMBOSIS"})
        void venous_duplex_is_recommended_for_leg_edema_or_deep_vein_thrombosis(String symptom) {
            assertThat(statusOf(symptoms(symptom, "BACK_PAIN").plan(), "workup.venous-duplex")).contains(RECOMMENDED);
        }

        @Test
        void venous_duplex_is_absent_for_other_symptoms() {
            assertThat(statusOf(symptoms("BACK_PAIN", "PULMONARY_EMBOLISM").plan(), "workup.venous-duplex")).isEmpty();
        }
    }

    @Nested
    class StagesAndOrder {

        @Test
        void workup_is_still_emitted_after_neoadjuvant_therapy() {
            Plan plan = afterNeoadjuvantRadiotherapy(pretreatment().without("/histology")).plan();

            assertThat(statusOf(plan, BIOPSY)).contains(RECOMMENDED);
            assertThat(statusOf(plan, "workup.mri-extent")).contains(CONSIDER);
        }

        @Test
        void no_workup_is_emitted_after_the_operation() {
            Plan plan = operated().without("/histology").with("/imaging/0/modality", "ULTRASOUND")
                    .with("/imaging/0/cranialExtent", "RIGHT_ATRIUM").with("/patient/ecog", 3)
                    .with("/presentation/symptoms", List.of("LOWER_EXTREMITY_EDEMA", "CARDIAC_ARRHYTHMIA", "BUDD_CHIARI")).plan();

            assertThat(plan.recommendations()).noneSatisfy(r -> assertThat(r.phase()).isEqualTo(Phase.WORKUP));
        }

        @Test
        void workup_rows_stay_for_a_histology_other_than_leiomyosarcoma() {
            Plan plan = pretreatment().with("/histology/diagnosis", "NON_SARCOMA")
                    .with("/imaging/0/cranialExtent", "RIGHT_ATRIUM").plan();

            assertThat(statusOf(plan, ECHO)).contains(RECOMMENDED);
            assertThat(statusOf(plan, RENAL)).contains(RECOMMENDED);
            assertThat(statusOf(plan, LIVER)).contains(RECOMMENDED);
        }

        @Test
        void workup_rows_follow_the_catalogue_order() {
            Plan plan = pretreatment().without("/histology").with("/imaging/0/modality", "ULTRASOUND")
                    .with("/imaging/0/cranialExtent", "RIGHT_ATRIUM")
                    .with("/presentation/symptoms", List.of("LOWER_EXTREMITY_EDEMA", "BUDD_CHIARI")).plan();

            assertThat(plan.recommendations().stream().filter(r -> r.phase() == Phase.WORKUP).map(Recommendation::id))
                    .containsExactly(REFERRAL, BIOPSY, "workup.cross-sectional-imaging", "workup.chest-staging",
                            "workup.mri-extent", FITNESS, ECHO, RENAL, LIVER, DOPPLER, "workup.venous-duplex");
        }

        @Test
        void every_workup_recommendation_names_its_sources_and_facts() {
            Plan plan = pretreatment().without("/histology").with("/imaging/0/modality", "ULTRASOUND")
                    .with("/imaging/0/cranialExtent", "RIGHT_ATRIUM")
                    .with("/presentation/symptoms", List.of("LOWER_EXTREMITY_EDEMA", "BUDD_CHIARI")).plan();

            assertThat(plan.recommendations().stream().filter(r -> r.phase() == Phase.WORKUP))
                    .allSatisfy(r -> {
                        assertThat(r.sources()).isNotEmpty();
                        assertThat(r.because()).isNotEmpty();
                        assertThat(r.summary()).doesNotContain("workup.").doesNotContain("_");
                    });
        }
    }

    @Test
    void a_missing_extent_is_named_once_with_every_row_it_affects() {
        Plan plan = withoutExtents().plan();

        assertThat(missingPointers(plan)).containsOnlyOnce("/imaging/0/cranialExtent");
        assertThat(affecting(plan, ECHO)).contains("/imaging/0/cranialExtent");
        assertThat(affecting(plan, LIVER)).contains("/imaging/0/cranialExtent");
    }
}
