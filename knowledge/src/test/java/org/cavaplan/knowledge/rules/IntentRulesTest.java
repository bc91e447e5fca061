package org.cavaplan.knowledge.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cavaplan.core.plan.Status.CONDITIONAL;
import static org.cavaplan.core.plan.Status.CONSIDER;
import static org.cavaplan.core.plan.Status.NOT_RECOMMENDED;
import static org.cavaplan.core.plan.Status.RECOMMENDED;
import static org.cavaplan.knowledge.rules.CaseFixtures.missingPointers;
import static org.cavaplan.knowledge.rules.CaseFixtures.operated;
import static org.cavaplan.knowledge.rules.CaseFixtures.pretreatment;
import static org.cavaplan.knowledge.rules.CaseFixtures.rec;
import static org.cavaplan.knowledge.rules.CaseFixtures.statusOf;

import java.util.List;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.Recommendation;
import org.junit.jupiter.api.Test;

/** §3 Intent: emitted in every stage before the operation, in phase OPERATIVE. */
class IntentRulesTest {

    private static CaseFixtures metastatic() {
        return pretreatment().with("/imaging/0/distantMetastases", List.of("LUNG"));
    }

    @Test
    void curative_resection_is_recommended_with_curative_intent() {
        Recommendation r = rec(pretreatment().plan(), "intent.curative-resection");

        assertThat(r.status()).isEqualTo(RECOMMENDED);
        assertThat(r.phase()).isEqualTo(Phase.OPERATIVE);
    }

    @Test
    void curative_resection_is_still_recommended_after_neoadjuvant_therapy() {
        Plan plan = pretreatment().withJson("/neoadjuvant/radiotherapy", "{\"totalDoseGy\": 50}").plan();

        assertThat(statusOf(plan, "intent.curative-resection")).contains(RECOMMENDED);
    }

    /** Engine's choice: the contract is silent for UNDETERMINED; missing staging makes it CONDITIONAL. */
    @Test
    void curative_resection_is_conditional_on_staging_while_intent_is_undetermined() {
        Plan plan = pretreatment().without("/imaging/0/distantMetastases").plan();

        Recommendation r = rec(plan, "intent.curative-resection");
        assertThat(r.status()).isEqualTo(CONDITIONAL);
        assertThat(r.when()).hasValueSatisfying(w -> assertThat(w).contains("metastases"));
        assertThat(missingPointers(plan)).contains("/imaging/0/distantMetastases");
    }

    @Test
    void curative_resection_is_absent_with_palliative_intent() {
        assertThat(statusOf(metastatic().plan(), "intent.curative-resection")).isEmpty();
    }

    @Test
    void palliative_resection_is_considered_with_metastases_and_symptoms() {
        Plan plan = metastatic().with("/presentation/symptoms", List.of("ABDOMINAL_PAIN")).plan();

        assertThat(statusOf(plan, "intent.palliative-resection")).contains(CONSIDER);
    }

    @Test
    void palliative_resection_is_not_recommended_with_metastases_and_no_symptom() {
        assertThat(statusOf(metastatic().plan(), "intent.palliative-resection")).contains(NOT_RECOMMENDED);
    }

    @Test
    void palliative_resection_is_not_recommended_when_the_symptom_list_is_empty() {
        Plan plan = metastatic().with("/presentation/symptoms", List.of()).plan();

        assertThat(statusOf(plan, "intent.palliative-resection")).contains(NOT_RECOMMENDED);
    }

    @Test
    void palliative_resection_is_absent_with_curative_intent() {
        Plan plan = pretreatment().with("/presentation/symptoms", List.of("ABDOMINAL_PAIN")).plan();

        assertThat(statusOf(plan, "intent.palliative-resection")).isEmpty();
    }

    @Test
    void no_intent_recommendation_is_emitted_after_the_operation() {
        Plan curative = operated().plan();
        Plan palliative = operated().with("/operation/findings/liverMetastases", true)
                .with("/presentation/symptoms", List.of("ABDOMINAL_PAIN")).plan();

        assertThat(statusOf(curative, "intent.curative-resection")).isEmpty();
        assertThat(statusOf(palliative, "intent.palliative-resection")).isEmpty();
    }
}
