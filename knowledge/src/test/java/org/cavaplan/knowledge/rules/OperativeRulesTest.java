package org.cavaplan.knowledge.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cavaplan.core.plan.Status.CONDITIONAL;
import static org.cavaplan.core.plan.Status.RECOMMENDED;
import static org.cavaplan.knowledge.rules.CaseFixtures.operated;
import static org.cavaplan.knowledge.rules.CaseFixtures.pretreatment;
import static org.cavaplan.knowledge.rules.CaseFixtures.rec;
import static org.cavaplan.knowledge.rules.CaseFixtures.statusOf;
import static org.cavaplan.knowledge.rules.CaseFixtures.warningCodes;

import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.knowledge.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** §3 Operative approach: same condition as Preoperative (a resection planned or done). */
class OperativeRulesTest {

    private static CaseFixtures extents(String cranial, String caudal) {
        return pretreatment().with("/imaging/0/cranialExtent", cranial).with("/imaging/0/caudalExtent", caudal);
    }

    private static CaseFixtures invaded(String... organs) {
        return pretreatment().with("/imaging/0/invadedOrgans", List.of(organs));
    }

    @Test
    void no_operative_step_is_emitted_when_no_resection_is_planned_or_done() {
        Plan plan = pretreatment().with("/imaging/0/distantMetastases", List.of("LUNG")).plan();

        assertThat(plan.recommendations()).noneSatisfy(r -> assertThat(r.id()).startsWith("op."));
    }

    // incision

    @Test
    void midline_laparotomy_is_recommended_without_level_3() {
        Plan plan = extents("RENAL_VEINS", "INFRARENAL").plan();

        assertThat(statusOf(plan, "op.midline-laparotomy")).contains(RECOMMENDED);
        assertThat(statusOf(plan, "op.thoracoabdominal-incision")).isEmpty();
    }

    @Test
    void thoracoabdominal_incision_is_recommended_with_level_3_and_names_the_alternative() {
        Plan plan = extents("HEPATIC_VEINS", "SUPRARENAL").plan();

        assertThat(statusOf(plan, "op.thoracoabdominal-incision")).contains(RECOMMENDED);
        assertThat(rec(plan, "op.thoracoabdominal-incision").parameters()).containsEntry("alternative", "laparotomy with sternotomy");
        assertThat(statusOf(plan, "op.midline-laparotomy")).isEmpty();
    }

    @Test
    void exploration_for_metastases_is_recommended_for_every_resection() {
        assertThat(statusOf(pretreatment().plan(), "op.explore-for-metastases")).contains(RECOMMENDED);
        assertThat(statusOf(operated().plan(), "op.explore-for-metastases")).contains(RECOMMENDED);
        assertThat(rec(pretreatment().plan(), "op.explore-for-metastases").phase()).isEqualTo(Phase.OPERATIVE);
    }

    // exposure by level

    @Test
    void suprahepatic_control_is_recommended_only_with_level_3() {
        assertThat(statusOf(extents("SUPRAHEPATIC", "HEPATIC_VEINS").plan(), "op.suprahepatic-control")).contains(RECOMMENDED);
        assertThat(statusOf(extents("SUPRARENAL", "INFRARENAL").plan(), "op.suprahepatic-control")).isEmpty();
    }

    @Test
    void medial_visceral_rotation_is_recommended_for_level_1() {
        assertThat(statusOf(extents("INFRARENAL", "ILIAC_CONFLUENCE").plan(), "op.medial-visceral-rotation")).contains(RECOMMENDED);
    }

    @Test
    void medial_visceral_rotation_is_recommended_for_level_2() {
        assertThat(statusOf(extents("SUPRARENAL", "RENAL_VEINS").plan(), "op.medial-visceral-rotation")).contains(RECOMMENDED);
    }

    @Test
    void medial_visceral_rotation_is_absent_for_level_3_alone() {
        assertThat(statusOf(extents("SUPRAHEPATIC", "HEPATIC_VEINS").plan(), "op.medial-visceral-rotation")).isEmpty();
    }

    @Test
    void right_liver_mobilization_is_recommended_only_with_level_2() {
        assertThat(statusOf(extents("HEPATIC_VEINS", "RENAL_VEINS").plan(), "op.right-liver-mobilization")).contains(RECOMMENDED);
        assertThat(statusOf(extents("INFRARENAL", "ILIAC_CONFLUENCE").plan(), "op.right-liver-mobilization")).isEmpty();
        assertThat(statusOf(extents("SUPRAHEPATIC", "HEPATIC_VEINS").plan(), "op.right-liver-mobilization")).isEmpty();
    }

    /** Engine's choice: with unknown extents the level-dependent steps are CONDITIONAL. */
    @Test
    void level_dependent_steps_are_conditional_while_the_extents_are_unknown() {
        Plan plan = pretreatment().without("/imaging/0/cranialExtent").without("/imaging/0/caudalExtent").plan();

        assertThat(statusOf(plan, "op.midline-laparotomy")).contains(CONDITIONAL);
        assertThat(statusOf(plan, "op.right-liver-mobilization")).contains(CONDITIONAL);
        assertThat(rec(plan, "op.right-liver-mobilization").when()).isPresent();
    }

    // en bloc resection

    @Test
    void en_bloc_resection_is_recommended_for_invaded_organs_named_in_parameters() {
        Plan plan = invaded("RIGHT_KIDNEY", "DUODENUM").plan();

        assertThat(statusOf(plan, "op.en-bloc-resection")).contains(RECOMMENDED);
        assertThat(rec(plan, "op.en-bloc-resection").parameters().get("organs"))
                .asInstanceOf(InstanceOfAssertFactories.LIST).containsExactlyInAnyOrder("RIGHT_KIDNEY", "DUODENUM");
    }

    @Test
    void en_bloc_resection_is_absent_when_no_organ_is_invaded() {
        Plan plan = invaded().plan();

        assertThat(statusOf(plan, "op.en-bloc-resection")).isEmpty();
        assertThat(warningCodes(plan)).doesNotContain("AORTIC_INVASION");
    }

    @Test
    void aortic_invasion_alone_gives_a_warning_and_no_en_bloc_recommendation() {
        Plan plan = invaded("AORTA").plan();

        assertThat(statusOf(plan, "op.en-bloc-resection")).isEmpty();
        assertThat(warningCodes(plan)).contains("AORTIC_INVASION");
    }

    @Test
    void aortic_invasion_is_warned_and_left_out_of_the_organs_to_resect() {
        Plan plan = invaded("AORTA", "LIVER").plan();

        assertThat(rec(plan, "op.en-bloc-resection").parameters().get("organs")).asInstanceOf(InstanceOfAssertFactories.LIST).containsExactly("LIVER");
        assertThat(warningCodes(plan)).contains("AORTIC_INVASION");
    }

    // renal vessels

    @Test
    void renal_vessel_control_is_recommended_when_the_ivc_may_be_resected_at_level_1() {
        assertThat(statusOf(pretreatment().plan(), "op.renal-vessel-control")).contains(RECOMMENDED);
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

    // left iliac vein

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

    // steps of caval resection

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
        assertThat(rec(pretreatment().plan(), "op.systemic-heparin").parameters()).containsEntry("actTargetSeconds", 250);
    }

    // conduit handling

    @Test
    void conduit_flushing_is_recommended_when_a_graft_was_placed() {
        Plan plan = operated().with("/operation/ivcManagement", "INTERPOSITION_GRAFT").plan();

        assertThat(statusOf(plan, "op.conduit-flushing")).contains(RECOMMENDED);
    }

    @Test
    void conduit_flushing_is_recommended_when_the_rules_call_for_a_graft() {
        Plan plan = pretreatment().with("/imaging/0/ivcCircumferenceInvolvedPct", 90).plan();

        assertThat(statusOf(plan, "op.conduit-flushing")).contains(RECOMMENDED);
    }

    @Test
    void conduit_flushing_is_conditional_when_a_graft_may_be_placed() {
        Plan unknown = pretreatment().plan();
        Plan atThreshold = pretreatment().with("/imaging/0/ivcCircumferenceInvolvedPct", 75).plan();

        assertThat(statusOf(unknown, "op.conduit-flushing")).contains(CONDITIONAL);
        assertThat(rec(unknown, "op.conduit-flushing").when()).isPresent();
        assertThat(statusOf(atThreshold, "op.conduit-flushing")).contains(CONDITIONAL);
    }

    /** "Missing data is reported ... and emits the affected recommendations as CONDITIONAL": affects names them. */
    @Test
    void a_missing_circumference_lists_the_conduit_steps_it_makes_conditional() {
        Plan plan = pretreatment().plan();

        assertThat(plan.missingData()).filteredOn(m -> m.pointer().equals("/imaging/0/ivcCircumferenceInvolvedPct"))
                .singleElement().satisfies(m -> assertThat(m.affects()).contains("op.conduit-flushing", "op.cover-conduit"));
    }

    @Test
    void conduit_flushing_is_absent_when_a_patch_is_enough_or_was_placed() {
        assertThat(statusOf(pretreatment().with("/imaging/0/ivcCircumferenceInvolvedPct", 40).plan(), "op.conduit-flushing"))
                .isEmpty();
        assertThat(statusOf(operated().with("/operation/ivcManagement", "PATCH_CAVOPLASTY").plan(), "op.conduit-flushing"))
                .isEmpty();
    }

    @Test
    void conduit_flushing_is_absent_when_ligation_is_recommended() {
        Plan plan = pretreatment().with("/imaging/0/ivcLumen", "OCCLUDED").with("/imaging/0/collaterals", "WELL_DEVELOPED")
                .with("/imaging/0/ivcCircumferenceInvolvedPct", 100).plan();

        assertThat(statusOf(plan, "op.conduit-flushing")).isEmpty();
        assertThat(statusOf(plan, "op.cover-conduit")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PATCH_CAVOPLASTY", "INTERPOSITION_GRAFT"})
    void the_conduit_is_covered_when_a_patch_or_graft_was_placed(String management) {
        assertThat(statusOf(operated().with("/operation/ivcManagement", management).plan(), "op.cover-conduit"))
                .contains(RECOMMENDED);
    }

    @Test
    void covering_is_recommended_when_the_rules_call_for_a_patch() {
        Plan plan = pretreatment().with("/imaging/0/ivcCircumferenceInvolvedPct", 40).plan();

        assertThat(statusOf(plan, "op.cover-conduit")).contains(RECOMMENDED);
    }

    @Test
    void covering_is_conditional_when_a_conduit_may_be_placed() {
        Plan plan = pretreatment().plan();

        assertThat(statusOf(plan, "op.cover-conduit")).contains(CONDITIONAL);
        assertThat(rec(plan, "op.cover-conduit").when()).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"LIGATION", "PRIMARY_REPAIR", "NONE"})
    void covering_is_absent_when_no_conduit_was_placed(String management) {
        assertThat(statusOf(operated().with("/operation/ivcManagement", management).plan(), "op.cover-conduit")).isEmpty();
    }
}
