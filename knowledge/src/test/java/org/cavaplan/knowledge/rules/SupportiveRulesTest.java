package org.cavaplan.knowledge.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cavaplan.core.plan.Status.CONDITIONAL;
import static org.cavaplan.core.plan.Status.CONSIDER;
import static org.cavaplan.core.plan.Status.RECOMMENDED;
import static org.cavaplan.knowledge.rules.CaseFixtures.missingPointers;
import static org.cavaplan.knowledge.rules.CaseFixtures.operated;
import static org.cavaplan.knowledge.rules.CaseFixtures.pointersRead;
import static org.cavaplan.knowledge.rules.CaseFixtures.pretreatment;
import static org.cavaplan.knowledge.rules.CaseFixtures.rec;
import static org.cavaplan.knowledge.rules.CaseFixtures.statusOf;
import static org.cavaplan.knowledge.rules.CaseFixtures.verdictOf;

import java.time.LocalDate;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.cavaplan.core.engine.RuleInfo;
import org.cavaplan.core.plan.KeyDecision;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.SourceRef;
import org.cavaplan.core.plan.Verdict;
import org.cavaplan.knowledge.CavaPlanKnowledge;
import org.junit.jupiter.api.Test;

/**
 * §3 Supportive (contract v2, second review): a recorded venous thromboembolism is treated with
 * therapeutic anticoagulation in every stage and intent, whatever the histology (ASCO VTE 2023).
 */
class SupportiveRulesTest {

    private static final String ID = "vte.therapeutic-anticoagulation";

    /** The operation of {@link CaseFixtures#operated()} is on 2020-03-02; six months later is 2020-09-02. */
    private static final LocalDate SIX_MONTHS_AFTER = LocalDate.of(2020, 9, 2);

    private static CaseFixtures withDvt(CaseFixtures fixture) {
        return fixture.with("/presentation/symptoms", List.of("DEEP_VEIN_THROMBOSIS"));
    }

    private static List<String> keyIds(Plan plan) {
        return plan.keyDecisions().stream().map(KeyDecision::id).toList();
    }

    @Test
    void no_anticoagulation_row_without_a_recorded_thromboembolism() {
        assertThat(statusOf(pretreatment().plan(), ID)).isEmpty();
        assertThat(statusOf(operated().plan(LocalDate.of(2020, 4, 1)), ID)).isEmpty();
    }

    @Test
    void therapeutic_anticoagulation_is_recommended_for_a_pulmonary_embolism_before_any_treatment() {
        Plan plan = pretreatment().with("/presentation/symptoms", List.of("PULMONARY_EMBOLISM")).plan();

        Recommendation r = rec(plan, ID);
        assertThat(r.status()).isEqualTo(RECOMMENDED);
        assertThat(r.phase()).isEqualTo(Phase.SUPPORTIVE);
        assertThat(r.sources()).extracting(SourceRef::id).containsExactly("ASCO VTE guideline 2023");
        assertThat(r.parameters()).containsEntry("minimumMonths", 6);
        assertThat(r.summary()).contains("6 months");
        assertThat(pointersRead(r)).contains("/presentation/symptoms");
    }

    @Test
    void the_agents_prefer_low_molecular_weight_heparin_and_qualify_the_oral_ones() {
        Recommendation r = rec(withDvt(pretreatment()).plan(), ID);

        assertThat(r.parameters().get("agents")).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(2).satisfies(agents -> {
            assertThat((String) agents.get(0)).contains("low-molecular-weight heparin").contains("preferred");
            assertThat((String) agents.get(1)).contains("direct oral anticoagulant").contains("bowel resection")
                    .contains("bleeding");
        });
    }

    @Test
    void an_embolism_seen_on_imaging_is_a_recorded_thromboembolism() {
        Recommendation r = rec(pretreatment().with("/imaging/0/pulmonaryEmbolism", true).plan(), ID);

        assertThat(r.status()).isEqualTo(RECOMMENDED);
        assertThat(pointersRead(r)).contains("/imaging/0/pulmonaryEmbolism");
    }

    @Test
    void therapeutic_anticoagulation_is_a_key_decision() {
        assertThat(keyIds(withDvt(pretreatment()).plan())).contains(ID);
    }

    @Test
    void therapeutic_anticoagulation_is_recommended_up_to_six_months_after_the_operation() {
        assertThat(statusOf(withDvt(operated()).plan(SIX_MONTHS_AFTER), ID)).contains(RECOMMENDED);
    }

    @Test
    void continuing_is_reviewed_after_six_months_with_no_evidence_of_disease() {
        Recommendation r = rec(withDvt(operated()).plan(SIX_MONTHS_AFTER.plusDays(1)), ID);

        assertThat(r.status()).isEqualTo(CONSIDER);
        assertThat(r.summary()).contains("Review whether to continue").contains("no evidence of disease");
        assertThat(pointersRead(r)).contains("/operation/date");
    }

    @Test
    void therapeutic_anticoagulation_stays_recommended_while_disease_persists() {
        Plan plan = withDvt(operated()).with("/pathology/margin", "R2").without("/pathology/closestMarginMm")
                .plan(LocalDate.of(2021, 6, 1));

        Recommendation r = rec(plan, ID);
        assertThat(r.status()).isEqualTo(RECOMMENDED);
        assertThat(pointersRead(r)).contains("/pathology/margin");
    }

    @Test
    void therapeutic_anticoagulation_is_recommended_again_on_recurrence() {
        Plan plan = withDvt(operated())
                .add("/followUp", "{\"date\": \"2021-05-01\", \"localRecurrence\": true}")
                .plan(LocalDate.of(2021, 6, 1));

        assertThat(statusOf(plan, ID)).contains(RECOMMENDED);
    }

    @Test
    void continuing_is_reviewed_after_six_months_when_the_disease_status_is_unknown() {
        Recommendation r = rec(withDvt(operated()).without("/imaging/0/distantMetastases").plan(LocalDate.of(2021, 6, 1)), ID);

        assertThat(r.status()).isEqualTo(CONSIDER);
        assertThat(r.summary()).contains("disease status unknown");
    }

    /** Reading: the minimum months run from a thromboembolism found after the operation too. */
    @Test
    void an_embolism_found_after_the_operation_is_treated_for_six_months_from_that_study() {
        CaseFixtures fixture = operated().add("/imaging",
                "{\"date\": \"2021-03-01\", \"modality\": \"CT\", \"pulmonaryEmbolism\": true, \"distantMetastases\": []}");

        Recommendation within = rec(fixture.plan(LocalDate.of(2021, 4, 1)), ID);
        assertThat(within.status()).isEqualTo(RECOMMENDED);
        assertThat(pointersRead(within)).contains("/imaging/1/pulmonaryEmbolism", "/imaging/1/date");
        assertThat(statusOf(fixture.plan(LocalDate.of(2021, 9, 2)), ID)).contains(CONSIDER);
    }

    @Test
    void without_an_operation_date_after_pathology_the_months_cannot_be_counted() {
        Plan plan = withDvt(pretreatment()).withJson("/pathology", "{\"margin\": \"R0\", \"closestMarginMm\": 12}").plan();

        Recommendation r = rec(plan, ID);
        assertThat(r.status()).isEqualTo(CONDITIONAL);
        assertThat(r.when()).hasValueSatisfying(w -> assertThat(w).contains("6 months"));
        assertThat(missingPointers(plan)).contains("/operation/date");
    }

    @Test
    void therapeutic_anticoagulation_does_not_depend_on_the_histology() {
        Plan plan = withDvt(pretreatment()).with("/histology/diagnosis", "OTHER_SARCOMA").plan();

        assertThat(statusOf(plan, ID)).contains(RECOMMENDED);
    }

    @Test
    void therapeutic_anticoagulation_is_recommended_with_palliative_intent() {
        Plan plan = withDvt(pretreatment()).with("/imaging/0/distantMetastases", List.of("LUNG")).plan();

        assertThat(statusOf(plan, ID)).contains(RECOMMENDED);
    }

    @Test
    void the_agents_warn_against_oral_anticoagulants_after_a_bowel_resection() {
        Recommendation r = rec(withDvt(operated()).with("/operation/enBlocResections", List.of("COLON"))
                .plan(LocalDate.of(2020, 4, 1)), ID);

        assertThat(r.parameters().get("agents")).asInstanceOf(InstanceOfAssertFactories.LIST)
                .anySatisfy(a -> assertThat((String) a).contains("not advised after this bowel resection"));
        assertThat(pointersRead(r)).contains("/operation/enBlocResections");
    }

    // ---- concordance -----------------------------------------------------------------------------------

    @Test
    void warfarin_recorded_for_a_thromboembolism_is_concordant() {
        Plan plan = withDvt(operated()).with("/postoperative/antithrombotics", List.of("WARFARIN", "ASPIRIN"))
                .plan(LocalDate.of(2020, 4, 1));

        assertThat(verdictOf(plan, ID)).contains(Verdict.CONCORDANT);
    }

    @Test
    void a_direct_oral_anticoagulant_recorded_for_a_thromboembolism_is_concordant() {
        Plan plan = withDvt(operated()).with("/postoperative/antithrombotics", List.of("DOAC")).plan(LocalDate.of(2020, 4, 1));

        assertThat(verdictOf(plan, ID)).contains(Verdict.CONCORDANT);
    }

    @Test
    void low_molecular_weight_heparin_cannot_be_judged_without_its_dose() {
        Plan plan = withDvt(operated()).with("/postoperative/antithrombotics", List.of("LMWH")).plan(LocalDate.of(2020, 4, 1));

        assertThat(verdictOf(plan, ID)).contains(Verdict.NOT_ASSESSABLE);
        assertThat(plan.concordance()).filteredOn(c -> c.id().equals(ID)).singleElement()
                .satisfies(c -> assertThat(c.note()).contains("dose"));
    }

    @Test
    void aspirin_alone_or_no_thromboembolism_gives_no_anticoagulation_verdict() {
        Plan aspirin = withDvt(operated()).with("/postoperative/antithrombotics", List.of("ASPIRIN")).plan(LocalDate.of(2020, 4, 1));
        Plan noVte = operated().with("/postoperative/antithrombotics", List.of("WARFARIN")).plan(LocalDate.of(2020, 4, 1));

        assertThat(verdictOf(aspirin, ID)).isEmpty();
        assertThat(verdictOf(noVte, ID)).isEmpty();
    }

    @Test
    void a_deceased_patient_gets_no_anticoagulation_advice_but_the_verdict_stays() {
        Plan plan = withDvt(operated()).with("/postoperative/antithrombotics", List.of("WARFARIN"))
                .withJson("/outcome", "{\"vitalStatus\": \"DEAD\", \"lastContactDate\": \"2020-06-01\", \"causeOfDeath\": \"DISEASE\"}")
                .plan(LocalDate.of(2020, 7, 1));

        assertThat(statusOf(plan, ID)).isEmpty();
        assertThat(verdictOf(plan, ID)).contains(Verdict.CONCORDANT);
    }

    @Test
    void the_printed_condition_names_the_minimum_months() {
        RuleInfo info = CavaPlanKnowledge.create().rules().stream().map(rule -> rule.info()).filter(i -> i.id().equals(ID))
                .findFirst().orElseThrow();

        assertThat(info.key()).isTrue();
        assertThat(info.condition()).contains("within 6 months of the operation").doesNotContain("{");
    }
}
