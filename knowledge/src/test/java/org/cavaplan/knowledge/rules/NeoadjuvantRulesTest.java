package org.cavaplan.knowledge.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cavaplan.core.plan.Status.CONDITIONAL;
import static org.cavaplan.core.plan.Status.CONSIDER;
import static org.cavaplan.core.plan.Status.RECOMMENDED;
import static org.cavaplan.knowledge.rules.CaseFixtures.operated;
import static org.cavaplan.knowledge.rules.CaseFixtures.pretreatment;
import static org.cavaplan.knowledge.rules.CaseFixtures.rec;
import static org.cavaplan.knowledge.rules.CaseFixtures.statusOf;
import static org.cavaplan.knowledge.rules.CaseFixtures.updateSources;

import java.util.List;
import org.cavaplan.core.plan.MissingData;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.Recommendation;
import org.junit.jupiter.api.Test;

/** §3 Neoadjuvant: options in PRETREATMENT with curative intent, restaging in POST_NEOADJUVANT. */
class NeoadjuvantRulesTest {

    private static final String RT_ENDING_MARCH = "{\"totalDoseGy\": 50, \"endDate\": \"2020-03-01\"}";

    /** After radiotherapy ending 2020-03-01: baseline 10 cm on 2020-01-10, restaging on 2020-04-01. */
    private static CaseFixtures restagedAt(double afterCm) {
        return pretreatment().with("/imaging/0/tumorDiametersCm", List.of(10.0))
                .withJson("/neoadjuvant/radiotherapy", RT_ENDING_MARCH)
                .add("/imaging", "{\"date\": \"2020-04-01\", \"modality\": \"CT\", \"distantMetastases\": []}")
                .with("/imaging/1/tumorDiametersCm", List.of(afterCm));
    }

    // neoadjuvant.radiotherapy and neoadjuvant.chemotherapy

    @Test
    void preoperative_radiotherapy_is_considered_with_curative_intent_and_qualified_by_strass() {
        Recommendation r = rec(pretreatment().plan(), "neoadjuvant.radiotherapy");

        assertThat(r.status()).isEqualTo(CONSIDER);
        assertThat(r.evidence()).contains("2B");
        assertThat(updateSources(r)).contains("STRASS 2020");
    }

    @Test
    void preoperative_chemotherapy_is_considered_with_curative_intent_and_qualified_by_strass2() {
        Recommendation r = rec(pretreatment().plan(), "neoadjuvant.chemotherapy");

        assertThat(r.status()).isEqualTo(CONSIDER);
        assertThat(r.evidence()).contains("2B");
        assertThat(updateSources(r)).contains("STRASS2");
    }

    @Test
    void neoadjuvant_options_are_absent_with_palliative_intent() {
        Plan plan = pretreatment().with("/imaging/0/distantMetastases", List.of("BONE")).plan();

        assertThat(statusOf(plan, "neoadjuvant.radiotherapy")).isEmpty();
        assertThat(statusOf(plan, "neoadjuvant.chemotherapy")).isEmpty();
    }

    @Test
    void neoadjuvant_options_are_absent_once_neoadjuvant_therapy_was_given() {
        Plan plan = pretreatment().withJson("/neoadjuvant/radiotherapy", RT_ENDING_MARCH).plan();

        assertThat(statusOf(plan, "neoadjuvant.radiotherapy")).isEmpty();
        assertThat(statusOf(plan, "neoadjuvant.chemotherapy")).isEmpty();
    }

    @Test
    void neoadjuvant_options_are_absent_after_the_operation() {
        Plan plan = operated().plan();

        assertThat(statusOf(plan, "neoadjuvant.radiotherapy")).isEmpty();
        assertThat(statusOf(plan, "neoadjuvant.chemotherapy")).isEmpty();
    }

    /** Engine's choice for undetermined intent: CONDITIONAL on staging (the contract names CURATIVE only). */
    @Test
    void neoadjuvant_options_are_conditional_on_staging_while_intent_is_undetermined() {
        Plan plan = pretreatment().without("/imaging/0/distantMetastases").plan();

        assertThat(statusOf(plan, "neoadjuvant.radiotherapy")).contains(CONDITIONAL);
        assertThat(statusOf(plan, "neoadjuvant.chemotherapy")).contains(CONDITIONAL);
        assertThat(rec(plan, "neoadjuvant.radiotherapy").when()).isPresent();
    }

    /** "Missing data is reported ... and emits the affected recommendations as CONDITIONAL": affects names them. */
    @Test
    void missing_staging_lists_every_recommendation_it_makes_conditional() {
        Plan plan = pretreatment().without("/imaging/0/distantMetastases").plan();

        MissingData staging = plan.missingData().stream().filter(m -> m.pointer().equals("/imaging/0/distantMetastases"))
                .findFirst().orElseThrow();
        assertThat(staging.affects())
                .contains("intent.curative-resection", "neoadjuvant.radiotherapy", "neoadjuvant.chemotherapy");
    }

    // neoadjuvant.restaging

    @Test
    void restaging_is_recommended_when_no_study_follows_the_end_of_neoadjuvant_therapy() {
        Recommendation r = rec(pretreatment().withJson("/neoadjuvant/radiotherapy", RT_ENDING_MARCH).plan(),
                "neoadjuvant.restaging");

        assertThat(r.status()).isEqualTo(RECOMMENDED);
        assertThat(r.parameters()).containsEntry("afterDate", "2020-03-01");
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

    // neoadjuvant.proceed-to-surgery

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
    void proceed_to_surgery_is_absent_on_progression() {
        assertThat(statusOf(restagedAt(13.0).plan(), "neoadjuvant.proceed-to-surgery")).isEmpty();
    }

    @Test
    void proceed_to_surgery_is_absent_when_restaging_shows_new_metastases() {
        Plan plan = restagedAt(6.0).with("/imaging/1/distantMetastases", List.of("LUNG")).plan();

        assertThat(statusOf(plan, "neoadjuvant.proceed-to-surgery")).isEmpty();
    }

    /** Engine's choice: before restaging is measured, proceeding is CONDITIONAL with a when. */
    @Test
    void proceed_to_surgery_is_conditional_until_restaging_is_measured() {
        Recommendation r = rec(pretreatment().withJson("/neoadjuvant/radiotherapy", RT_ENDING_MARCH).plan(),
                "neoadjuvant.proceed-to-surgery");

        assertThat(r.status()).isEqualTo(CONDITIONAL);
        assertThat(r.when()).isPresent();
    }

    // neoadjuvant.progression-review

    @Test
    void progression_review_is_recommended_on_progression() {
        Recommendation r = rec(restagedAt(13.0).plan(), "neoadjuvant.progression-review");

        assertThat(r.status()).isEqualTo(RECOMMENDED);
        assertThat(r.parameters()).containsEntry("response", "PD");
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
