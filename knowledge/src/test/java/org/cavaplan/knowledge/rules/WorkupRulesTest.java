package org.cavaplan.knowledge.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cavaplan.core.plan.Status.CONSIDER;
import static org.cavaplan.core.plan.Status.RECOMMENDED;
import static org.cavaplan.knowledge.rules.CaseFixtures.operated;
import static org.cavaplan.knowledge.rules.CaseFixtures.pretreatment;
import static org.cavaplan.knowledge.rules.CaseFixtures.statusOf;

import java.util.List;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** §3 Workup: emitted in PRETREATMENT and POST_NEOADJUVANT only. */
class WorkupRulesTest {

    private static CaseFixtures symptoms(String... symptoms) {
        return pretreatment().with("/presentation/symptoms", List.of(symptoms));
    }

    // workup.cross-sectional-imaging

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

    // workup.chest-staging

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

    // workup.mri-extent

    @Test
    void mri_for_extent_is_considered_when_no_mri_exists() {
        assertThat(statusOf(pretreatment().plan(), "workup.mri-extent")).contains(CONSIDER);
    }

    @Test
    void mri_for_extent_is_absent_once_an_mri_exists() {
        Plan plan = pretreatment().add("/imaging", "{\"date\": \"2020-01-20\", \"modality\": \"MRI\"}").plan();

        assertThat(statusOf(plan, "workup.mri-extent")).isEmpty();
    }

    // workup.doppler-ultrasound

    @Test
    void doppler_is_absent_when_the_lumen_is_known_at_level_1_without_budd_chiari() {
        assertThat(statusOf(pretreatment().plan(), "workup.doppler-ultrasound")).isEmpty();
    }

    @Test
    void doppler_is_considered_when_the_baseline_has_no_lumen_finding() {
        Plan plan = pretreatment().without("/imaging/0/ivcLumen").plan();

        assertThat(statusOf(plan, "workup.doppler-ultrasound")).contains(CONSIDER);
    }

    @Test
    void doppler_is_considered_for_budd_chiari() {
        assertThat(statusOf(symptoms("BUDD_CHIARI").plan(), "workup.doppler-ultrasound")).contains(CONSIDER);
    }

    @Test
    void doppler_is_considered_when_vein_thrombosis_is_unknown_with_level_2_involved() {
        Plan plan = pretreatment().with("/imaging/0/cranialExtent", "RENAL_VEINS").plan();

        assertThat(statusOf(plan, "workup.doppler-ultrasound")).contains(CONSIDER);
    }

    @Test
    void doppler_is_considered_when_vein_thrombosis_is_unknown_with_level_3_involved() {
        Plan plan = pretreatment().with("/imaging/0/cranialExtent", "HEPATIC_VEINS")
                .with("/imaging/0/caudalExtent", "HEPATIC_VEINS").plan();

        assertThat(statusOf(plan, "workup.doppler-ultrasound")).contains(CONSIDER);
    }

    @Test
    void doppler_is_absent_at_level_2_once_both_vein_thromboses_are_known() {
        Plan plan = pretreatment().with("/imaging/0/cranialExtent", "RENAL_VEINS")
                .with("/imaging/0/hepaticVeinThrombosis", false).with("/imaging/0/renalVeinThrombosis", false).plan();

        assertThat(statusOf(plan, "workup.doppler-ultrasound")).isEmpty();
    }

    /** Engine's reading of "hepatic/renal vein thrombosis is unknown": either one unknown is enough. */
    @Test
    void doppler_is_considered_at_level_2_when_only_renal_vein_thrombosis_is_unknown() {
        Plan plan = pretreatment().with("/imaging/0/cranialExtent", "RENAL_VEINS")
                .with("/imaging/0/hepaticVeinThrombosis", false).plan();

        assertThat(statusOf(plan, "workup.doppler-ultrasound")).contains(CONSIDER);
    }

    // workup.core-biopsy

    @Test
    void core_biopsy_is_recommended_without_histology() {
        assertThat(statusOf(pretreatment().without("/histology").plan(), "workup.core-biopsy")).contains(RECOMMENDED);
    }

    @Test
    void core_biopsy_is_recommended_after_a_non_diagnostic_biopsy() {
        Plan plan = pretreatment().with("/histology/diagnosis", "NON_DIAGNOSTIC").plan();

        assertThat(statusOf(plan, "workup.core-biopsy")).contains(RECOMMENDED);
    }

    @Test
    void core_biopsy_is_absent_once_leiomyosarcoma_is_diagnosed() {
        assertThat(statusOf(pretreatment().plan(), "workup.core-biopsy")).isEmpty();
    }

    // workup.venous-duplex

    @ParameterizedTest
    @ValueSource(strings = {"LOWER_EXTREMITY_EDEMA", "DEEP_VEIN_THROMBOSIS"})
    void venous_duplex_is_recommended_for_leg_edema_or_deep_vein_thrombosis(String symptom) {
        assertThat(statusOf(symptoms(symptom, "BACK_PAIN").plan(), "workup.venous-duplex")).contains(RECOMMENDED);
    }

    @Test
    void venous_duplex_is_absent_for_other_symptoms() {
        assertThat(statusOf(symptoms("BACK_PAIN", "PULMONARY_EMBOLISM").plan(), "workup.venous-duplex")).isEmpty();
    }

    // workup.echocardiography

    @Test
    void echocardiography_is_recommended_for_intracardiac_extension() {
        Plan plan = pretreatment().with("/imaging/0/cranialExtent", "RIGHT_ATRIUM").plan();

        assertThat(statusOf(plan, "workup.echocardiography")).contains(RECOMMENDED);
    }

    @Test
    void echocardiography_is_recommended_for_arrhythmia() {
        assertThat(statusOf(symptoms("CARDIAC_ARRHYTHMIA").plan(), "workup.echocardiography")).contains(RECOMMENDED);
    }

    @Test
    void echocardiography_is_absent_for_a_suprahepatic_tumor_without_arrhythmia() {
        Plan plan = pretreatment().with("/imaging/0/cranialExtent", "SUPRAHEPATIC").plan();

        assertThat(statusOf(plan, "workup.echocardiography")).isEmpty();
    }

    // stages

    @Test
    void workup_is_still_emitted_after_neoadjuvant_therapy() {
        Plan plan = pretreatment().without("/histology")
                .withJson("/neoadjuvant/radiotherapy", "{\"totalDoseGy\": 50, \"endDate\": \"2020-03-01\"}").plan();

        assertThat(statusOf(plan, "workup.core-biopsy")).contains(RECOMMENDED);
        assertThat(statusOf(plan, "workup.mri-extent")).contains(CONSIDER);
    }

    @Test
    void no_workup_is_emitted_after_the_operation() {
        Plan plan = operated().without("/histology").with("/imaging/0/modality", "ULTRASOUND")
                .with("/presentation/symptoms", List.of("LOWER_EXTREMITY_EDEMA", "CARDIAC_ARRHYTHMIA", "BUDD_CHIARI")).plan();

        assertThat(plan.recommendations()).noneSatisfy(r -> assertThat(r.phase()).isEqualTo(Phase.WORKUP));
    }
}
