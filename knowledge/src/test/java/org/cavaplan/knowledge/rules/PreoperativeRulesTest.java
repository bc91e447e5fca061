package org.cavaplan.knowledge.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cavaplan.core.plan.Status.CONDITIONAL;
import static org.cavaplan.core.plan.Status.RECOMMENDED;
import static org.cavaplan.knowledge.rules.CaseFixtures.missingPointers;
import static org.cavaplan.knowledge.rules.CaseFixtures.operated;
import static org.cavaplan.knowledge.rules.CaseFixtures.pretreatment;
import static org.cavaplan.knowledge.rules.CaseFixtures.rec;
import static org.cavaplan.knowledge.rules.CaseFixtures.statusOf;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.Recommendation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * §3 Preoperative (contract v2): before the operation, whenever a resection is planned; CONDITIONAL
 * with the plan's {@code when} while the resection is only conditional; level-dependent rows
 * CONDITIONAL on the extents while they cannot tell (§7.12).
 */
class PreoperativeRulesTest {

    /** The catalogue's row order in the Preoperative table. */
    private static final List<String> CATALOGUE = List.of("preop.anticoagulation-plan", "preop.antibiotics",
            "preop.mechanical-prophylaxis", "preop.heparin-sc", "preop.cardiac-team", "preop.cardiopulmonary-bypass",
            "preop.transesophageal-echo", "preop.position-supine", "preop.position-left-lateral-decubitus",
            "preop.central-venous-catheter", "preop.arterial-line", "preop.urinary-catheter");

    private static final String[] STANDARD = {"preop.antibiotics", "preop.mechanical-prophylaxis", "preop.heparin-sc",
        "preop.central-venous-catheter", "preop.arterial-line", "preop.urinary-catheter"};

    /** The fixture's CT date: a pulmonary embolism on it is dated 2020-01-10. */
    private static final LocalDate CT_DATE = LocalDate.parse("2020-01-10");

    private static CaseFixtures cranial(String landmark) {
        return pretreatment().with("/imaging/0/cranialExtent", landmark);
    }

    private static CaseFixtures noExtents() {
        return pretreatment().without("/imaging/0/cranialExtent").without("/imaging/0/caudalExtent");
    }

    private static CaseFixtures embolismOnCt() {
        return pretreatment().with("/imaging/0/pulmonaryEmbolism", true);
    }

    private static List<String> preoperativeIds(Plan plan) {
        return plan.recommendations().stream().filter(r -> r.phase() == Phase.PREOPERATIVE).map(Recommendation::id).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> agent(Recommendation r, String name) {
        List<Map<String, Object>> agents = (List<Map<String, Object>>) r.parameters().get("agents");
        return agents.stream().filter(a -> a.get("agent").equals(name)).findFirst().orElseThrow();
    }

    // ---- gates -------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"preop.antibiotics", "preop.mechanical-prophylaxis", "preop.heparin-sc", "preop.central-venous-catheter",
        "preop.arterial-line", "preop.urinary-catheter"})
    void every_planned_resection_gets_the_standard_preparation(String id) {
        Recommendation r = rec(pretreatment().plan(), id);

        assertThat(r.status()).isEqualTo(RECOMMENDED);
        assertThat(r.phase()).isEqualTo(Phase.PREOPERATIVE);
        assertThat(r.because()).isNotEmpty();
    }

    @Test
    void preparation_is_absent_while_intent_is_undetermined() {
        Plan plan = pretreatment().without("/imaging/0/distantMetastases").plan();

        assertThat(preoperativeIds(plan)).isEmpty();
    }

    @Test
    void preparation_is_absent_with_metastases_and_no_symptom_a_resection_could_relieve() {
        Plan plan = pretreatment().with("/imaging/0/distantMetastases", List.of("LUNG")).plan();

        assertThat(preoperativeIds(plan)).isEmpty();
    }

    @Test
    void preparation_waits_for_the_board_when_a_palliative_resection_is_considered() {
        Plan plan = pretreatment().with("/imaging/0/distantMetastases", List.of("LUNG"))
                .with("/presentation/symptoms", List.of("ABDOMINAL_PAIN")).plan();

        for (String id : STANDARD) {
            Recommendation r = rec(plan, id);
            assertThat(r.status()).as(id).isEqualTo(CONDITIONAL);
            assertThat(r.when()).as(id).hasValue("the board decides on a palliative resection");
        }
    }

    @Test
    void preparation_is_conditional_on_the_biopsy_while_histology_is_not_confirmed() {
        Plan plan = pretreatment().without("/histology").plan();

        assertThat(statusOf(plan, "preop.antibiotics")).contains(CONDITIONAL);
        assertThat(rec(plan, "preop.antibiotics").when()).hasValue("a biopsy confirms leiomyosarcoma");
    }

    @Test
    void nothing_preoperative_is_reissued_after_the_operation() {
        Plan plan = operated().with("/imaging/0/pulmonaryEmbolism", true).with("/imaging/0/cranialExtent", "RIGHT_ATRIUM").plan();

        assertThat(preoperativeIds(plan)).isEmpty();
    }

    @Test
    void preoperative_rows_follow_the_catalogue_order() {
        Plan withEmbolism = embolismOnCt().with("/imaging/0/cranialExtent", "RIGHT_ATRIUM").plan(CT_DATE);
        Plan withoutExtents = noExtents().plan();

        assertThat(CATALOGUE).containsSubsequence(preoperativeIds(withEmbolism));
        assertThat(preoperativeIds(withEmbolism)).hasSize(10).startsWith("preop.anticoagulation-plan");
        assertThat(preoperativeIds(withoutExtents)).containsExactlyElementsOf(CATALOGUE.subList(1, CATALOGUE.size()));
    }

    // ---- anticoagulation plan (v2) -----------------------------------------------------------------

    @Test
    void a_recorded_pulmonary_embolism_gets_an_anticoagulation_plan_instead_of_subcutaneous_heparin() {
        Plan plan = embolismOnCt().plan();

        Recommendation r = rec(plan, "preop.anticoagulation-plan");
        assertThat(r.status()).isEqualTo(RECOMMENDED);
        assertThat(CaseFixtures.pointersRead(r)).contains("/imaging/0/pulmonaryEmbolism");
        assertThat(r.sources()).extracting(s -> s.id()).contains("CHEST perioperative guideline 2022");
        assertThat(statusOf(plan, "preop.heparin-sc")).isEmpty();
        assertThat(statusOf(plan, "preop.mechanical-prophylaxis")).contains(RECOMMENDED);
    }

    @Test
    void a_presenting_deep_vein_thrombosis_also_gets_the_anticoagulation_plan() {
        Plan plan = pretreatment().with("/presentation/symptoms", List.of("DEEP_VEIN_THROMBOSIS")).plan();

        assertThat(statusOf(plan, "preop.anticoagulation-plan")).contains(RECOMMENDED);
        assertThat(CaseFixtures.pointersRead(rec(plan, "preop.anticoagulation-plan"))).contains("/presentation/symptoms");
        assertThat(statusOf(plan, "preop.heparin-sc")).isEmpty();
    }

    @Test
    void without_thromboembolism_there_is_no_anticoagulation_plan_and_heparin_is_given() {
        Plan plan = pretreatment().with("/imaging/0/pulmonaryEmbolism", false).plan();

        assertThat(statusOf(plan, "preop.anticoagulation-plan")).isEmpty();
        assertThat(statusOf(plan, "preop.heparin-sc")).contains(RECOMMENDED);
    }

    @Test
    void the_anticoagulation_plan_interrupts_each_agent_its_own_way() {
        Recommendation r = rec(embolismOnCt().plan(LocalDate.parse("2020-06-01")), "preop.anticoagulation-plan");

        assertThat(r.parameters().get("agents")).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(3);
        assertThat(agent(r, "therapeutic low-molecular-weight heparin").get("beforeSurgery").toString()).contains("24 h");
        assertThat(agent(r, "apixaban, rivaroxaban or edoxaban").get("beforeSurgery").toString())
                .contains("2–3 days").contains("renal function");
        assertThat(agent(r, "apixaban, rivaroxaban or edoxaban").get("bridge")).isEqualTo("no heparin bridge");
        assertThat(agent(r, "warfarin").get("beforeSurgery").toString()).contains("5 days");
        assertThat(r.parameters().get("afterSurgery")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("prophylacticDose", "6–24 h after surgery, once haemostasis is secure")
                .containsEntry("therapeuticDose", "from 48–72 h after surgery");
    }

    @Test
    void a_pulmonary_embolism_under_three_months_old_asks_the_board_to_discuss_deferring_surgery() {
        Recommendation r = rec(embolismOnCt().plan(LocalDate.parse("2020-03-01")), "preop.anticoagulation-plan");

        assertThat(r.status()).isEqualTo(RECOMMENDED);
        assertThat(r.summary()).contains("under 3 months").contains("deferring");
        assertThat(r.detail()).contains("CT of 2020-01-10").contains("deferring it until 2020-04-10");
        assertThat(r.parameters()).containsEntry("recentThrombosis", "yes").containsEntry("recentUntil", "2020-04-10")
                .containsEntry("thrombosisDate", "2020-01-10").containsEntry("recentMonths", 3);
        assertThat(agent(r, "warfarin").get("bridge").toString()).startsWith("heparin bridge");
    }

    @Test
    void a_pulmonary_embolism_three_months_old_is_no_longer_recent_and_warfarin_is_not_bridged() {
        Recommendation r = rec(embolismOnCt().plan(LocalDate.parse("2020-04-10")), "preop.anticoagulation-plan");

        assertThat(r.summary()).doesNotContain("deferring");
        assertThat(r.parameters()).containsEntry("recentThrombosis", "no").doesNotContainKey("recentUntil");
        assertThat(agent(r, "warfarin").get("bridge").toString()).startsWith("no heparin bridge");
    }

    /** Reading chosen: a presenting symptom has no date, so its age is unknown and the plan says so. */
    @Test
    void a_thrombosis_known_only_as_a_presenting_symptom_has_an_unknown_age() {
        Recommendation r = rec(pretreatment().with("/presentation/symptoms", List.of("PULMONARY_EMBOLISM")).plan(),
                "preop.anticoagulation-plan");

        assertThat(r.status()).isEqualTo(RECOMMENDED);
        assertThat(r.parameters()).containsEntry("recentThrombosis", "unknown").containsEntry("thrombosisDate", "not recorded");
        assertThat(r.detail()).contains("without a date").contains("under 3 months old");
        assertThat(agent(r, "warfarin").get("bridge").toString()).contains("only if");
    }

    @Test
    void a_recent_dated_embolism_decides_even_when_a_presenting_symptom_is_undated() {
        Recommendation r = rec(embolismOnCt().with("/presentation/symptoms", List.of("DEEP_VEIN_THROMBOSIS"))
                .plan(LocalDate.parse("2020-02-01")), "preop.anticoagulation-plan");

        assertThat(r.parameters()).containsEntry("recentThrombosis", "yes");
    }

    @Test
    void the_anticoagulation_plan_waits_for_the_biopsy_like_the_resection() {
        Plan plan = embolismOnCt().without("/histology").plan();

        assertThat(statusOf(plan, "preop.anticoagulation-plan")).contains(CONDITIONAL);
    }

    // ---- antibiotics and heparin -------------------------------------------------------------------

    @Test
    void antibiotics_are_given_within_the_60_minutes_before_incision_not_at_that_moment() {
        Recommendation r = rec(pretreatment().plan(), "preop.antibiotics");

        assertThat(r.parameters()).containsEntry("minutesBeforeIncision", 60).containsEntry("timing", "within, not at");
        assertThat(r.summary()).contains("within").contains("60 minutes");
    }

    @Test
    void subcutaneous_heparin_is_5000_units_before_incision() {
        Recommendation r = rec(pretreatment().plan(), "preop.heparin-sc");

        assertThat(r.parameters()).containsEntry("units", 5000).containsEntry("route", "subcutaneous");
        assertThat(r.summary()).contains("5000 IU");
    }

    // ---- cardiac team, bypass and TEE --------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"preop.cardiac-team", "preop.cardiopulmonary-bypass"})
    void the_cardiac_team_and_bypass_are_planned_for_a_tumor_in_the_right_atrium(String id) {
        Recommendation r = rec(cranial("RIGHT_ATRIUM").plan(), id);

        assertThat(r.status()).isEqualTo(RECOMMENDED);
        assertThat(CaseFixtures.pointersRead(r)).contains("/imaging/0/cranialExtent");
    }

    @ParameterizedTest
    @ValueSource(strings = {"preop.cardiac-team", "preop.cardiopulmonary-bypass"})
    void the_cardiac_team_and_bypass_are_absent_below_the_right_atrium(String id) {
        assertThat(statusOf(cranial("SUPRAHEPATIC").plan(), id)).isEmpty();
        assertThat(statusOf(pretreatment().plan(), id)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"preop.cardiac-team", "preop.cardiopulmonary-bypass"})
    void the_cardiac_team_and_bypass_are_conditional_while_the_cranial_extent_is_unknown(String id) {
        Plan plan = pretreatment().without("/imaging/0/cranialExtent").plan();

        assertThat(statusOf(plan, id)).contains(CONDITIONAL);
        assertThat(rec(plan, id).when()).hasValueSatisfying(w -> assertThat(w).contains("right atrium"));
        assertThat(plan.missingData()).filteredOn(m -> m.pointer().equals("/imaging/0/cranialExtent"))
                .singleElement().satisfies(m -> assertThat(m.affects()).contains(id));
    }

    @Test
    void transesophageal_echo_is_recommended_when_level_3_is_involved() {
        assertThat(statusOf(cranial("HEPATIC_VEINS").plan(), "preop.transesophageal-echo")).contains(RECOMMENDED);
        assertThat(statusOf(cranial("RIGHT_ATRIUM").plan(), "preop.transesophageal-echo")).contains(RECOMMENDED);
    }

    @Test
    void transesophageal_echo_is_absent_without_level_3() {
        assertThat(statusOf(cranial("SUPRARENAL").plan(), "preop.transesophageal-echo")).isEmpty();
    }

    @Test
    void transesophageal_echo_is_conditional_while_the_extents_cannot_tell_level_3() {
        Plan plan = pretreatment().without("/imaging/0/cranialExtent").plan();

        assertThat(statusOf(plan, "preop.transesophageal-echo")).contains(CONDITIONAL);
    }

    @Test
    void transesophageal_echo_is_recommended_when_the_caudal_extent_alone_places_the_tumor_at_level_3() {
        Plan plan = pretreatment().without("/imaging/0/cranialExtent").with("/imaging/0/caudalExtent", "HEPATIC_VEINS").plan();

        assertThat(statusOf(plan, "preop.transesophageal-echo")).contains(RECOMMENDED);
        assertThat(statusOf(plan, "preop.cardiac-team")).contains(CONDITIONAL);
    }

    // ---- position (v2) -----------------------------------------------------------------------------

    @Test
    void supine_is_recommended_without_level_3_and_no_lateral_position_is_offered() {
        Plan plan = pretreatment().plan();

        assertThat(statusOf(plan, "preop.position-supine")).contains(RECOMMENDED);
        assertThat(statusOf(plan, "preop.position-left-lateral-decubitus")).isEmpty();
    }

    @Test
    void at_level_3_without_the_atrium_both_positions_depend_on_the_incision_chosen() {
        Plan plan = cranial("HEPATIC_VEINS").plan();

        assertThat(statusOf(plan, "preop.position-supine")).contains(CONDITIONAL);
        assertThat(rec(plan, "preop.position-supine").when()).hasValue("laparotomy with sternotomy is chosen");
        assertThat(statusOf(plan, "preop.position-left-lateral-decubitus")).contains(CONDITIONAL);
        assertThat(rec(plan, "preop.position-left-lateral-decubitus").when()).hasValue("a thoracoabdominal incision is chosen");
    }

    @Test
    void a_tumor_in_the_right_atrium_is_operated_supine_never_in_lateral_decubitus() {
        Plan plan = cranial("RIGHT_ATRIUM").plan();

        assertThat(statusOf(plan, "preop.position-supine")).contains(RECOMMENDED);
        assertThat(statusOf(plan, "preop.position-left-lateral-decubitus")).isEmpty();
    }

    @Test
    void both_positions_are_conditional_on_the_extents_while_they_are_unknown() {
        Plan plan = noExtents().plan();

        assertThat(statusOf(plan, "preop.position-supine")).contains(CONDITIONAL);
        assertThat(statusOf(plan, "preop.position-left-lateral-decubitus")).contains(CONDITIONAL);
        assertThat(missingPointers(plan)).contains("/imaging/0/cranialExtent", "/imaging/0/caudalExtent");
    }

    /** §7.12: the extents decide the approach even when the IVC is reported not involved. */
    @Test
    void positions_stay_conditional_on_unknown_extents_when_the_ivc_is_not_involved() {
        Plan plan = noExtents().with("/imaging/0/ivcInvolvement", "NONE").plan();

        assertThat(statusOf(plan, "preop.position-supine")).contains(CONDITIONAL);
        assertThat(statusOf(plan, "preop.position-left-lateral-decubitus")).contains(CONDITIONAL);
        assertThat(statusOf(plan, "preop.transesophageal-echo")).contains(CONDITIONAL);
    }
}
