package org.cavaplan.knowledge.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cavaplan.core.plan.Status.CONDITIONAL;
import static org.cavaplan.core.plan.Status.CONSIDER;
import static org.cavaplan.core.plan.Status.RECOMMENDED;
import static org.cavaplan.knowledge.rules.CaseFixtures.missingPointers;
import static org.cavaplan.knowledge.rules.CaseFixtures.operated;
import static org.cavaplan.knowledge.rules.CaseFixtures.pretreatment;
import static org.cavaplan.knowledge.rules.CaseFixtures.rec;
import static org.cavaplan.knowledge.rules.CaseFixtures.statusOf;
import static org.cavaplan.knowledge.rules.CaseFixtures.warningCodes;

import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.cavaplan.core.plan.KeyDecision;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.RedFlag;
import org.cavaplan.knowledge.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * §3 Operative approach (contract v2): before the operation, whenever a resection is planned;
 * level-dependent rows CONDITIONAL on the extents while they cannot tell (§7.12).
 */
class OperativeRulesTest {

    /** The catalogue's row order in the Operative approach table. */
    private static final List<String> CATALOGUE = List.of("op.en-bloc-resection", "op.sternotomy-laparotomy",
            "op.thoracoabdominal-incision", "op.midline-laparotomy", "op.explore-for-metastases", "op.hepatic-vascular-exclusion",
            "op.suprahepatic-control", "op.right-liver-mobilization", "op.medial-visceral-rotation", "op.renal-vessel-control",
            "op.left-iliac-vein-control", "op.preserve-collaterals", "op.systemic-heparin", "op.lumbar-vein-control",
            "op.conduit-flushing", "op.cover-conduit");

    private static final String[] LEVEL_DEPENDENT = {"op.sternotomy-laparotomy", "op.thoracoabdominal-incision",
        "op.midline-laparotomy", "op.hepatic-vascular-exclusion", "op.suprahepatic-control", "op.right-liver-mobilization",
        "op.medial-visceral-rotation", "op.left-iliac-vein-control"};

    private static CaseFixtures extents(String cranial, String caudal) {
        return pretreatment().with("/imaging/0/cranialExtent", cranial).with("/imaging/0/caudalExtent", caudal);
    }

    private static CaseFixtures noExtents() {
        return pretreatment().without("/imaging/0/cranialExtent").without("/imaging/0/caudalExtent");
    }

    private static CaseFixtures invaded(String... organs) {
        return pretreatment().with("/imaging/0/invadedOrgans", List.of(organs));
    }

    private static CaseFixtures circumference(double pct) {
        return pretreatment().with("/imaging/0/ivcCircumferenceInvolvedPct", pct);
    }

    private static List<String> operativeIds(Plan plan) {
        return plan.recommendations().stream().map(Recommendation::id).filter(id -> id.startsWith("op.")).toList();
    }

    // ---- gates -------------------------------------------------------------------------------------

    @Test
    void no_operative_step_is_emitted_when_no_resection_is_planned() {
        Plan plan = pretreatment().with("/imaging/0/distantMetastases", List.of("LUNG")).plan();

        assertThat(operativeIds(plan)).isEmpty();
    }

    @Test
    void no_operative_step_is_reissued_after_the_operation() {
        Plan plan = operated().with("/operation/ivcManagement", "INTERPOSITION_GRAFT").with("/imaging/0/invadedOrgans",
                List.of("RIGHT_KIDNEY")).plan();

        assertThat(operativeIds(plan)).isEmpty();
    }

    @Test
    void operative_steps_wait_for_the_fitness_assessment_when_the_patient_is_unfit() {
        Plan plan = pretreatment().with("/patient/ecog", 3).plan();

        assertThat(statusOf(plan, "op.explore-for-metastases")).contains(CONDITIONAL);
        assertThat(rec(plan, "op.explore-for-metastases").when()).hasValue("the fitness assessment supports a major resection");
    }

    @Test
    void operative_steps_follow_the_catalogue_order() {
        Plan plan = noExtents().with("/imaging/0/invadedOrgans", List.of("RIGHT_KIDNEY")).plan();

        assertThat(operativeIds(plan)).containsExactlyElementsOf(CATALOGUE);
    }

    // ---- en bloc resection (K) ---------------------------------------------------------------------

    @Test
    void en_bloc_resection_is_recommended_for_invaded_organs_named_in_words_and_parameters() {
        Plan plan = invaded("RIGHT_KIDNEY", "DUODENUM").plan();

        Recommendation r = rec(plan, "op.en-bloc-resection");
        assertThat(r.status()).isEqualTo(RECOMMENDED);
        assertThat(r.parameters().get("organs")).asInstanceOf(InstanceOfAssertFactories.LIST)
                .containsExactlyInAnyOrder("RIGHT_KIDNEY", "DUODENUM");
        assertThat(r.summary()).contains("right kidney").contains("duodenum").doesNotContain("_");
    }

    @Test
    void en_bloc_resection_is_a_key_decision() {
        Plan plan = invaded("LIVER").plan();

        assertThat(plan.keyDecisions()).extracting(KeyDecision::id).contains("op.en-bloc-resection");
    }

    @Test
    void en_bloc_resection_is_absent_when_no_organ_is_invaded() {
        Plan plan = invaded().plan();

        assertThat(statusOf(plan, "op.en-bloc-resection")).isEmpty();
        assertThat(plan.redFlags()).extracting(RedFlag::code).doesNotContain("AORTIC_INVASION");
    }

    @Test
    void aortic_invasion_alone_is_a_red_flag_and_no_en_bloc_recommendation() {
        Plan plan = invaded("AORTA").plan();

        assertThat(statusOf(plan, "op.en-bloc-resection")).isEmpty();
        assertThat(plan.redFlags()).extracting(RedFlag::code).containsOnlyOnce("AORTIC_INVASION");
        assertThat(warningCodes(plan)).doesNotContain("AORTIC_INVASION");
    }

    @Test
    void with_the_aorta_invaded_the_other_organs_are_resected_and_resectability_is_reassessed() {
        Plan plan = invaded("AORTA", "LIVER").plan();

        Recommendation r = rec(plan, "op.en-bloc-resection");
        assertThat(r.parameters().get("organs")).asInstanceOf(InstanceOfAssertFactories.LIST).containsExactly("LIVER");
        assertThat(r.detail()).contains("reassess resectability").contains("STRASS2");
        assertThat(r.sources()).extracting(s -> s.id()).contains("STRASS2");
        assertThat(plan.redFlags()).extracting(RedFlag::code).contains("AORTIC_INVASION");
    }

    @Test
    void many_invaded_organs_keep_the_summary_short() {
        Plan plan = invaded("LIVER", "RIGHT_KIDNEY", "LEFT_KIDNEY", "RIGHT_ADRENAL", "LEFT_ADRENAL", "DUODENUM", "SMALL_BOWEL",
                "COLON", "PANCREAS", "OTHER").plan();

        Recommendation r = rec(plan, "op.en-bloc-resection");
        assertThat(r.summary()).hasSizeLessThanOrEqualTo(Recommendation.MAX_SUMMARY).contains("10 invaded organs");
        assertThat(r.parameters().get("organs")).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(10);
    }

    // ---- incision (v2) -----------------------------------------------------------------------------

    @Test
    void a_tumor_in_the_right_atrium_needs_sternotomy_with_laparotomy() {
        Plan plan = extents("RIGHT_ATRIUM", "HEPATIC_VEINS").plan();

        assertThat(statusOf(plan, "op.sternotomy-laparotomy")).contains(RECOMMENDED);
        assertThat(statusOf(plan, "op.thoracoabdominal-incision")).isEmpty();
        assertThat(statusOf(plan, "op.midline-laparotomy")).isEmpty();
    }

    @Test
    void at_level_3_below_the_atrium_sternotomy_and_thoracoabdominal_incision_are_both_options() {
        Plan plan = extents("HEPATIC_VEINS", "SUPRARENAL").plan();

        assertThat(statusOf(plan, "op.sternotomy-laparotomy")).contains(CONSIDER);
        assertThat(statusOf(plan, "op.thoracoabdominal-incision")).contains(CONSIDER);
        assertThat(rec(plan, "op.thoracoabdominal-incision").parameters())
                .containsEntry("alternative", "median sternotomy with laparotomy");
        assertThat(statusOf(plan, "op.midline-laparotomy")).isEmpty();
    }

    @Test
    void without_level_3_a_midline_laparotomy_is_recommended_and_no_chest_incision() {
        Plan plan = extents("RENAL_VEINS", "INFRARENAL").plan();

        assertThat(statusOf(plan, "op.midline-laparotomy")).contains(RECOMMENDED);
        assertThat(statusOf(plan, "op.sternotomy-laparotomy")).isEmpty();
        assertThat(statusOf(plan, "op.thoracoabdominal-incision")).isEmpty();
    }

    @Test
    void exploration_for_metastases_is_recommended_for_every_planned_resection() {
        Recommendation r = rec(pretreatment().plan(), "op.explore-for-metastases");

        assertThat(r.status()).isEqualTo(RECOMMENDED);
        assertThat(r.phase()).isEqualTo(Phase.OPERATIVE);
    }

    // ---- exposure by level -------------------------------------------------------------------------

    @Test
    void hepatic_vascular_exclusion_is_considered_at_level_3_only() {
        assertThat(statusOf(extents("HEPATIC_VEINS", "HEPATIC_VEINS").plan(), "op.hepatic-vascular-exclusion")).contains(CONSIDER);
        assertThat(statusOf(extents("RIGHT_ATRIUM", "HEPATIC_VEINS").plan(), "op.hepatic-vascular-exclusion")).contains(CONSIDER);
        assertThat(statusOf(extents("SUPRARENAL", "INFRARENAL").plan(), "op.hepatic-vascular-exclusion")).isEmpty();
    }

    @Test
    void suprahepatic_control_is_recommended_only_with_level_3() {
        assertThat(statusOf(extents("SUPRAHEPATIC", "HEPATIC_VEINS").plan(), "op.suprahepatic-control")).contains(RECOMMENDED);
        assertThat(statusOf(extents("SUPRARENAL", "INFRARENAL").plan(), "op.suprahepatic-control")).isEmpty();
    }

    @Test
    void medial_visceral_rotation_is_recommended_for_level_1_or_2_and_absent_for_level_3_alone() {
        assertThat(statusOf(extents("INFRARENAL", "ILIAC_CONFLUENCE").plan(), "op.medial-visceral-rotation")).contains(RECOMMENDED);
        assertThat(statusOf(extents("SUPRARENAL", "RENAL_VEINS").plan(), "op.medial-visceral-rotation")).contains(RECOMMENDED);
        assertThat(statusOf(extents("SUPRAHEPATIC", "HEPATIC_VEINS").plan(), "op.medial-visceral-rotation")).isEmpty();
    }

    @Test
    void right_liver_mobilization_is_recommended_only_with_level_2() {
        assertThat(statusOf(extents("HEPATIC_VEINS", "RENAL_VEINS").plan(), "op.right-liver-mobilization")).contains(RECOMMENDED);
        assertThat(statusOf(extents("INFRARENAL", "ILIAC_CONFLUENCE").plan(), "op.right-liver-mobilization")).isEmpty();
        assertThat(statusOf(extents("SUPRAHEPATIC", "HEPATIC_VEINS").plan(), "op.right-liver-mobilization")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"op.sternotomy-laparotomy", "op.thoracoabdominal-incision", "op.midline-laparotomy",
        "op.hepatic-vascular-exclusion", "op.suprahepatic-control", "op.right-liver-mobilization", "op.medial-visceral-rotation",
        "op.renal-vessel-control", "op.left-iliac-vein-control"})
    void level_dependent_steps_are_conditional_on_the_extents_while_they_are_unknown(String id) {
        Plan plan = noExtents().plan();

        assertThat(statusOf(plan, id)).contains(CONDITIONAL);
        assertThat(rec(plan, id).when()).hasValueSatisfying(w -> assertThat(w).contains("extents"));
        assertThat(plan.missingData()).filteredOn(m -> m.pointer().equals("/imaging/0/cranialExtent"))
                .singleElement().satisfies(m -> assertThat(m.affects()).contains(id));
    }

    /** §7.12: the extents decide the approach even when the IVC is reported not involved. */
    @Test
    void unknown_extents_keep_the_approach_conditional_when_the_ivc_is_not_involved() {
        Plan plan = noExtents().with("/imaging/0/ivcInvolvement", "NONE").plan();

        for (String id : LEVEL_DEPENDENT) {
            assertThat(statusOf(plan, id)).as(id).contains(CONDITIONAL);
        }
        assertThat(statusOf(plan, "op.renal-vessel-control")).isEmpty();
        assertThat(statusOf(plan, "op.preserve-collaterals")).isEmpty();
    }

    @Test
    void a_known_cranial_extent_decides_the_upper_rows_while_the_caudal_one_is_missing() {
        Plan plan = pretreatment().with("/imaging/0/cranialExtent", "RENAL_VEINS").without("/imaging/0/caudalExtent").plan();

        assertThat(statusOf(plan, "op.midline-laparotomy")).contains(RECOMMENDED);
        assertThat(statusOf(plan, "op.suprahepatic-control")).isEmpty();
        assertThat(statusOf(plan, "op.right-liver-mobilization")).contains(RECOMMENDED);
        assertThat(statusOf(plan, "op.left-iliac-vein-control")).contains(CONDITIONAL);
        assertThat(missingPointers(plan)).contains("/imaging/0/caudalExtent").doesNotContain("/imaging/0/cranialExtent");
    }

    // ---- renal vessels (v2 wording) ----------------------------------------------------------------

    @Test
    void renal_vessel_control_is_recommended_when_the_ivc_may_be_resected_at_level_1() {
        Recommendation r = rec(pretreatment().plan(), "op.renal-vessel-control");

        assertThat(r.status()).isEqualTo(RECOMMENDED);
        assertThat(r.summary()).contains("advised").doesNotContain("whenever");
    }

    @Test
    void renal_vessel_control_is_recommended_when_involvement_is_unknown_at_level_2() {
        Plan plan = extents("RENAL_VEINS", "RENAL_VEINS").without("/imaging/0/ivcInvolvement").plan();

        assertThat(statusOf(plan, "op.renal-vessel-control")).contains(RECOMMENDED);
    }

    @Test
    void renal_vessel_control_is_absent_when_the_ivc_is_not_involved() {
        assertThat(statusOf(pretreatment().with("/imaging/0/ivcInvolvement", "NONE").plan(), "op.renal-vessel-control")).isEmpty();
    }

    @Test
    void renal_vessel_control_is_absent_for_level_3_alone() {
        assertThat(statusOf(extents("SUPRAHEPATIC", "HEPATIC_VEINS").plan(), "op.renal-vessel-control")).isEmpty();
    }

    // ---- left iliac vein ---------------------------------------------------------------------------

    @Test
    void left_iliac_vein_control_is_recommended_at_level_1_and_not_difficult_for_a_small_unirradiated_tumor() {
        Plan plan = pretreatment().with("/imaging/0/tumorDiametersCm", List.of(9.9)).plan();

        assertThat(statusOf(plan, "op.left-iliac-vein-control")).contains(RECOMMENDED);
        assertThat(rec(plan, "op.left-iliac-vein-control").parameters()).containsEntry("difficult", false);
    }

    @Test
    void left_iliac_vein_control_is_difficult_from_10_cm() {
        Plan plan = pretreatment().with("/imaging/0/tumorDiametersCm", List.of(10.0)).plan();

        assertThat(rec(plan, "op.left-iliac-vein-control").parameters()).containsEntry("difficult", true);
    }

    @Test
    void left_iliac_vein_control_is_difficult_after_neoadjuvant_radiotherapy() {
        Plan plan = pretreatment().with("/imaging/0/tumorDiametersCm", List.of(4.0))
                .withJson("/neoadjuvant/radiotherapy", "{\"totalDoseGy\": 50}").plan();

        assertThat(rec(plan, "op.left-iliac-vein-control").parameters()).containsEntry("difficult", true);
    }

    @Test
    void the_size_that_makes_iliac_control_difficult_is_read_by_name() {
        Plan plan = pretreatment().with("/imaging/0/tumorDiametersCm", List.of(10.0))
                .plan(Settings.defaults().with("op.leftIliacDifficultFromCm", 12));

        assertThat(rec(plan, "op.left-iliac-vein-control").parameters()).containsEntry("difficult", false);
    }

    @Test
    void left_iliac_vein_control_is_absent_without_level_1() {
        assertThat(statusOf(extents("SUPRARENAL", "RENAL_VEINS").plan(), "op.left-iliac-vein-control")).isEmpty();
    }

    // ---- steps of caval resection ------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"op.preserve-collaterals", "op.systemic-heparin", "op.lumbar-vein-control"})
    void caval_resection_steps_are_recommended_when_the_ivc_may_be_resected(String id) {
        assertThat(statusOf(pretreatment().plan(), id)).contains(RECOMMENDED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"op.preserve-collaterals", "op.systemic-heparin", "op.lumbar-vein-control"})
    void caval_resection_steps_are_recommended_when_involvement_is_unknown(String id) {
        assertThat(statusOf(pretreatment().without("/imaging/0/ivcInvolvement").plan(), id)).contains(RECOMMENDED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"op.preserve-collaterals", "op.systemic-heparin", "op.lumbar-vein-control"})
    void caval_resection_steps_are_absent_when_the_ivc_is_not_involved(String id) {
        assertThat(statusOf(pretreatment().with("/imaging/0/ivcInvolvement", "NONE").plan(), id)).isEmpty();
    }

    @Test
    void systemic_heparin_targets_an_act_of_250_seconds() {
        Recommendation r = rec(pretreatment().plan(), "op.systemic-heparin");

        assertThat(r.parameters()).containsEntry("actTargetSeconds", 250);
        assertThat(r.summary()).contains("250 s");
    }

    // ---- conduit handling --------------------------------------------------------------------------

    @Test
    void a_planned_graft_is_flushed_and_covered() {
        Plan plan = circumference(90).plan();

        assertThat(statusOf(plan, "op.conduit-flushing")).contains(RECOMMENDED);
        assertThat(statusOf(plan, "op.cover-conduit")).contains(RECOMMENDED);
    }

    @Test
    void a_planned_patch_is_covered_and_flushing_waits_for_a_graft() {
        Plan plan = circumference(40).plan();

        assertThat(statusOf(plan, "op.cover-conduit")).contains(RECOMMENDED);
        assertThat(statusOf(plan, "op.conduit-flushing")).contains(CONDITIONAL);
        assertThat(rec(plan, "op.conduit-flushing").when()).hasValue("an interposition graft is placed");
    }

    @Test
    void at_the_circumference_threshold_both_conduit_steps_are_conditional() {
        Plan plan = circumference(75).plan();

        assertThat(statusOf(plan, "op.conduit-flushing")).contains(CONDITIONAL);
        assertThat(statusOf(plan, "op.cover-conduit")).contains(CONDITIONAL);
    }

    @Test
    void where_a_primary_repair_is_an_option_covering_is_conditional_on_a_conduit() {
        Plan plan = circumference(20).plan();

        assertThat(statusOf(plan, "op.cover-conduit")).contains(CONDITIONAL);
        assertThat(rec(plan, "op.cover-conduit").when()).hasValue("a graft or patch is placed");
    }

    @Test
    void an_unknown_circumference_makes_both_conduit_steps_conditional_and_is_reported_missing() {
        Plan plan = pretreatment().plan();

        assertThat(statusOf(plan, "op.conduit-flushing")).contains(CONDITIONAL);
        assertThat(statusOf(plan, "op.cover-conduit")).contains(CONDITIONAL);
        assertThat(plan.missingData()).filteredOn(m -> m.pointer().equals("/imaging/0/ivcCircumferenceInvolvedPct"))
                .singleElement().satisfies(m -> assertThat(m.affects()).contains("op.conduit-flushing", "op.cover-conduit"));
    }

    /** v2: ligation is at most CONDITIONAL before the operation, so the reconstruction plan stands. */
    @Test
    void an_occluded_cava_with_collaterals_keeps_the_graft_steps_planned() {
        Plan plan = circumference(100).with("/imaging/0/ivcLumen", "OCCLUDED").with("/imaging/0/collaterals", "WELL_DEVELOPED")
                .plan();

        assertThat(statusOf(plan, "op.conduit-flushing")).contains(RECOMMENDED);
        assertThat(statusOf(plan, "op.cover-conduit")).contains(RECOMMENDED);
    }

    @Test
    void conduit_steps_are_absent_when_the_ivc_is_not_involved() {
        Plan plan = circumference(90).with("/imaging/0/ivcInvolvement", "NONE").plan();

        assertThat(statusOf(plan, "op.conduit-flushing")).isEmpty();
        assertThat(statusOf(plan, "op.cover-conduit")).isEmpty();
    }

    @Test
    void the_circumference_threshold_is_read_by_name() {
        Plan plan = circumference(70).plan(Settings.defaults().with("ivc.primaryRepairMaxPct", 72));

        assertThat(statusOf(plan, "op.cover-conduit")).contains(CONDITIONAL);
    }
}
