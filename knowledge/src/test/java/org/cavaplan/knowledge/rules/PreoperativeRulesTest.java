package org.cavaplan.knowledge.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cavaplan.core.plan.Status.CONDITIONAL;
import static org.cavaplan.core.plan.Status.RECOMMENDED;
import static org.cavaplan.knowledge.rules.CaseFixtures.missingPointers;
import static org.cavaplan.knowledge.rules.CaseFixtures.operated;
import static org.cavaplan.knowledge.rules.CaseFixtures.pretreatment;
import static org.cavaplan.knowledge.rules.CaseFixtures.rec;
import static org.cavaplan.knowledge.rules.CaseFixtures.statusOf;

import java.util.List;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Plan;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** §3 Preoperative: whenever a resection is planned (curative intent) or done (an operation exists). */
class PreoperativeRulesTest {

    private static final String[] ALWAYS = {"preop.antibiotics", "preop.mechanical-prophylaxis", "preop.heparin-sc",
        "preop.urinary-catheter", "preop.central-venous-catheter", "preop.arterial-line"};

    private static CaseFixtures upperSegment() {
        return pretreatment().with("/imaging/0/cranialExtent", "HEPATIC_VEINS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"preop.antibiotics", "preop.mechanical-prophylaxis", "preop.heparin-sc", "preop.urinary-catheter",
        "preop.central-venous-catheter", "preop.arterial-line"})
    void every_planned_resection_gets_the_standard_preparation(String id) {
        assertThat(statusOf(pretreatment().plan(), id)).contains(RECOMMENDED);
        assertThat(rec(pretreatment().plan(), id).phase()).isEqualTo(Phase.PREOPERATIVE);
    }

    @Test
    void antibiotics_are_given_60_minutes_before_incision() {
        assertThat(rec(pretreatment().plan(), "preop.antibiotics").parameters()).containsEntry("minutesBeforeIncision", 60);
    }

    @Test
    void subcutaneous_heparin_is_5000_units_before_incision() {
        assertThat(rec(pretreatment().plan(), "preop.heparin-sc").parameters()).containsEntry("units", 5000)
                .containsEntry("route", "subcutaneous");
    }

    @Test
    void preparation_is_absent_while_intent_is_undetermined_and_nothing_was_operated() {
        Plan plan = pretreatment().without("/imaging/0/distantMetastases").plan();

        assertThat(plan.recommendations()).noneSatisfy(r -> assertThat(r.phase()).isEqualTo(Phase.PREOPERATIVE));
    }

    @Test
    void preparation_is_absent_with_palliative_intent_and_no_operation() {
        Plan plan = pretreatment().with("/imaging/0/distantMetastases", List.of("LUNG")).plan();

        assertThat(plan.recommendations()).noneSatisfy(r -> assertThat(r.phase()).isEqualTo(Phase.PREOPERATIVE));
    }

    @Test
    void preparation_is_kept_when_an_operation_is_recorded_even_with_palliative_intent() {
        Plan plan = operated().with("/operation/findings/peritonealMetastases", true).plan();

        for (String id : ALWAYS) {
            assertThat(statusOf(plan, id)).as(id).contains(RECOMMENDED);
        }
    }

    // positioning

    @Test
    void supine_position_is_recommended_without_level_3() {
        Plan plan = pretreatment().plan();

        assertThat(statusOf(plan, "preop.position-supine")).contains(RECOMMENDED);
        assertThat(statusOf(plan, "preop.position-left-lateral-decubitus")).isEmpty();
    }

    @Test
    void left_lateral_decubitus_is_recommended_with_level_3() {
        Plan plan = upperSegment().plan();

        assertThat(statusOf(plan, "preop.position-left-lateral-decubitus")).contains(RECOMMENDED);
        assertThat(statusOf(plan, "preop.position-supine")).isEmpty();
    }

    /** Engine's choice where the extent is unknown: both positions CONDITIONAL, cranial extent reported missing. */
    @Test
    void both_positions_are_conditional_while_the_cranial_extent_is_unknown() {
        Plan plan = pretreatment().without("/imaging/0/cranialExtent").without("/imaging/0/caudalExtent").plan();

        assertThat(statusOf(plan, "preop.position-supine")).contains(CONDITIONAL);
        assertThat(statusOf(plan, "preop.position-left-lateral-decubitus")).contains(CONDITIONAL);
        assertThat(missingPointers(plan)).contains("/imaging/0/cranialExtent");
    }

    // cardiopulmonary bypass

    @Test
    void bypass_is_recommended_for_intracardiac_extension() {
        Plan plan = pretreatment().with("/imaging/0/cranialExtent", "RIGHT_ATRIUM").plan();

        assertThat(statusOf(plan, "preop.cardiopulmonary-bypass")).contains(RECOMMENDED);
    }

    @Test
    void bypass_is_absent_below_the_right_atrium() {
        assertThat(statusOf(pretreatment().with("/imaging/0/cranialExtent", "SUPRAHEPATIC").plan(), "preop.cardiopulmonary-bypass"))
                .isEmpty();
    }
}
