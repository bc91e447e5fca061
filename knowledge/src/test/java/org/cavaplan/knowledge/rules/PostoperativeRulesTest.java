package org.cavaplan.knowledge.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cavaplan.core.plan.Status.CONDITIONAL;
import static org.cavaplan.core.plan.Status.CONSIDER;
import static org.cavaplan.core.plan.Status.RECOMMENDED;
import static org.cavaplan.core.plan.Verdict.CONCORDANT;
import static org.cavaplan.core.plan.Verdict.NOT_ASSESSABLE;
import static org.cavaplan.knowledge.rules.CaseFixtures.OPERATION_DATE;
import static org.cavaplan.knowledge.rules.CaseFixtures.missingPointers;
import static org.cavaplan.knowledge.rules.CaseFixtures.operated;
import static org.cavaplan.knowledge.rules.CaseFixtures.pointersRead;
import static org.cavaplan.knowledge.rules.CaseFixtures.pretreatment;
import static org.cavaplan.knowledge.rules.CaseFixtures.rec;
import static org.cavaplan.knowledge.rules.CaseFixtures.statusOf;
import static org.cavaplan.knowledge.rules.CaseFixtures.verdictOf;

import java.time.LocalDate;
import java.util.List;
import org.cavaplan.core.engine.Rule;
import org.cavaplan.core.plan.Concordance;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.knowledge.CavaPlanKnowledge;
import org.cavaplan.knowledge.Settings;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * §3 Postoperative (contract v2): POSTOPERATIVE and FOLLOW_UP. The operated fixture was operated on
 * 2020-03-02 (R0, grade 1, 6 cm) and records no IVC management and no venous thromboembolism.
 */
class PostoperativeRulesTest {

    private static final String PROPHYLAXIS = "postop.extended-vte-prophylaxis";
    private static final String ANTICOAGULATION = "postop.conduit-anticoagulation";
    private static final String LEG_CARE = "postop.ligation-leg-care";
    private static final String INFECTION = "postop.graft-infection-watch";
    private static final LocalDate OPERATED = LocalDate.parse(OPERATION_DATE);

    private static CaseFixtures reconstructed(String management) {
        return operated().with("/operation/ivcManagement", management);
    }

    private static CaseFixtures ptfeGraftWith(String... resected) {
        return reconstructed("INTERPOSITION_GRAFT").with("/operation/conduit", "RINGED_PTFE")
                .with("/operation/enBlocResections", List.of(resected));
    }

    private static CaseFixtures graftWithConduitOnFollowUp(String... states) {
        CaseFixtures f = reconstructed("INTERPOSITION_GRAFT").with("/operation/conduit", "RINGED_PTFE");
        for (int i = 0; i < states.length; i++) {
            String date = OPERATED.plusMonths(3L * (i + 1)).toString();
            f.add("/followUp", states[i].isEmpty() ? "{\"date\": \"" + date + "\"}"
                    : "{\"date\": \"" + date + "\", \"conduit\": \"" + states[i] + "\"}");
        }
        return f;
    }

    @Nested
    class ExtendedProphylaxis {

        @Test
        void low_molecular_weight_heparin_is_recommended_in_the_first_28_days_without_thromboembolism() {
            Recommendation r = rec(operated().plan(OPERATED.plusDays(10)), PROPHYLAXIS);

            assertThat(r.status()).isEqualTo(RECOMMENDED);
            assertThat(r.parameters()).containsEntry("agent", "low-molecular-weight heparin").containsEntry("until", "2020-03-30");
            assertThat(r.summary()).contains("28 days", "2020-03-30");
            assertThat(r.sources()).anySatisfy(s -> assertThat(s.id()).isEqualTo("ASCO VTE guideline 2023"));
            assertThat(pointersRead(r)).contains("/operation/date");
        }

        @Test
        void the_28th_day_is_still_within_the_prophylaxis_and_the_29th_is_not() {
            assertThat(statusOf(operated().plan(OPERATED.plusDays(28)), PROPHYLAXIS)).contains(RECOMMENDED);
            assertThat(statusOf(operated().plan(OPERATED.plusDays(29)), PROPHYLAXIS)).isEmpty();
        }

        @Test
        void nothing_is_said_of_prophylaxis_in_follow_up_months_later() {
            Plan plan = operated().add("/followUp", "{\"date\": \"2020-09-01\"}").plan();

            assertThat(statusOf(plan, PROPHYLAXIS)).isEmpty();
        }

        @Test
        void the_prophylaxis_window_is_read_by_name_and_printed_from_the_setting() {
            Settings longer = Settings.defaults().with("postop.extendedProphylaxisDays", 35);
            Plan plan = operated().plan(longer, OPERATED.plusDays(30));

            assertThat(statusOf(plan, PROPHYLAXIS)).contains(RECOMMENDED);
            assertThat(rec(plan, PROPHYLAXIS).summary()).contains("35 days");
            Rule<?> rule = CavaPlanKnowledge.create(longer).rules().stream()
                    .filter(x -> x.info().id().equals(PROPHYLAXIS)).findFirst().orElseThrow();
            assertThat(rule.info().condition()).contains("35 days").doesNotContain("28");
        }

        @Test
        void no_prophylaxis_row_when_a_pulmonary_embolism_is_recorded() {
            Plan plan = operated().with("/imaging/0/pulmonaryEmbolism", true).plan(OPERATED.plusDays(5));

            assertThat(statusOf(plan, PROPHYLAXIS)).isEmpty();
        }

        @Test
        void no_prophylaxis_row_when_a_deep_vein_thrombosis_is_a_presenting_symptom() {
            Plan plan = operated().with("/presentation/symptoms", List.of("DEEP_VEIN_THROMBOSIS")).plan(OPERATED.plusDays(5));

            assertThat(statusOf(plan, PROPHYLAXIS)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"WARFARIN", "DOAC"})
        void no_prophylaxis_row_when_full_anticoagulation_is_recorded(String drug) {
            Plan plan = operated().with("/postoperative/antithrombotics", List.of(drug)).plan(OPERATED.plusDays(5));

            assertThat(statusOf(plan, PROPHYLAXIS)).isEmpty();
        }

        @Test
        void recorded_low_molecular_weight_heparin_is_the_prophylaxis_itself_and_it_stays_recommended() {
            Plan plan = operated().with("/postoperative/antithrombotics", List.of("LMWH")).plan(OPERATED.plusDays(5));

            assertThat(statusOf(plan, PROPHYLAXIS)).contains(RECOMMENDED);
            assertThat(pointersRead(rec(plan, PROPHYLAXIS))).contains("/postoperative/antithrombotics");
        }

        @Test
        void the_dose_is_adjusted_when_the_egfr_is_below_30() {
            Recommendation r = rec(operated().with("/patient/egfrMlMin", 25).plan(OPERATED.plusDays(5)), PROPHYLAXIS);

            assertThat(r.parameters()).containsKey("renalDose");
            assertThat(r.detail()).contains("Renal dose", "25 mL/min/1.73 m²", "below 30 mL/min/1.73 m²");
            assertThat(pointersRead(r)).contains("/patient/egfrMlMin");
        }

        @Test
        void an_egfr_of_exactly_30_needs_no_dose_note() {
            Recommendation r = rec(operated().with("/patient/egfrMlMin", 30).plan(OPERATED.plusDays(5)), PROPHYLAXIS);

            assertThat(r.parameters()).doesNotContainKey("renalDose");
            assertThat(pointersRead(r)).doesNotContain("/patient/egfrMlMin");
        }

        @Test
        void the_dose_is_adjusted_after_a_nephrectomy() {
            Recommendation r = rec(operated().with("/operation/enBlocResections", List.of("RIGHT_KIDNEY"))
                    .plan(OPERATED.plusDays(5)), PROPHYLAXIS);

            assertThat(r.parameters()).containsKey("renalDose");
            assertThat(r.detail()).contains("kidney was removed");
            assertThat(pointersRead(r)).contains("/operation/enBlocResections");
        }

        @Test
        void no_prophylaxis_row_before_the_operation() {
            assertThat(statusOf(pretreatment().plan(), PROPHYLAXIS)).isEmpty();
        }

        @Test
        void prophylaxis_is_conditional_when_only_pathology_records_the_operation() {
            Plan plan = operated().without("/operation").plan(LocalDate.parse("2020-03-10"));

            Recommendation r = rec(plan, PROPHYLAXIS);
            assertThat(r.status()).isEqualTo(CONDITIONAL);
            assertThat(r.when()).hasValueSatisfying(w -> assertThat(w).contains("28 days"));
            assertThat(missingPointers(plan)).contains("/operation/date");
        }
    }

    @Nested
    class Aspirin {

        @ParameterizedTest
        @ValueSource(strings = {"PATCH_CAVOPLASTY", "INTERPOSITION_GRAFT"})
        void aspirin_is_considered_after_a_patch_or_graft(String management) {
            assertThat(statusOf(reconstructed(management).plan(), "postop.aspirin")).contains(CONSIDER);
        }

        @ParameterizedTest
        @ValueSource(strings = {"LIGATION", "PRIMARY_REPAIR", "NONE"})
        void no_aspirin_advice_without_a_conduit(String management) {
            assertThat(statusOf(reconstructed(management).plan(), "postop.aspirin")).isEmpty();
        }

        @Test
        void no_aspirin_advice_when_the_management_is_not_recorded() {
            assertThat(statusOf(operated().plan(), "postop.aspirin")).isEmpty();
        }

        @Test
        void aspirin_advice_continues_in_follow_up() {
            Plan plan = reconstructed("PATCH_CAVOPLASTY").add("/followUp", "{\"date\": \"2020-09-01\"}").plan();

            assertThat(statusOf(plan, "postop.aspirin")).contains(CONSIDER);
        }
    }

    @Nested
    class ConduitAnticoagulation {

        @ParameterizedTest
        @ValueSource(strings = {"PATCH_CAVOPLASTY", "INTERPOSITION_GRAFT"})
        void anticoagulation_is_the_centres_choice_after_a_patch_or_graft(String management) {
            Recommendation r = rec(reconstructed(management).plan(), ANTICOAGULATION);

            assertThat(r.status()).isEqualTo(CONSIDER);
            assertThat(r.summary()).contains("centre's protocol");
            assertThat(r.sources()).anySatisfy(s -> assertThat(s.locator()).contains("Anticoagulation"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"PARTIAL_THROMBOSIS", "OCCLUDED"})
        void anticoagulation_is_recommended_when_the_latest_follow_up_shows_the_conduit_thrombosed(String state) {
            Recommendation r = rec(graftWithConduitOnFollowUp("PATENT", state).plan(), ANTICOAGULATION);

            assertThat(r.status()).isEqualTo(RECOMMENDED);
            assertThat(r.summary()).contains("vascular review");
            assertThat(pointersRead(r)).contains("/followUp/1/conduit");
        }

        @Test
        void a_thrombosis_followed_by_a_patent_conduit_leaves_anticoagulation_to_the_centre() {
            assertThat(statusOf(graftWithConduitOnFollowUp("OCCLUDED", "PATENT").plan(), ANTICOAGULATION)).contains(CONSIDER);
        }

        @Test
        void a_later_visit_that_does_not_record_the_conduit_does_not_hide_its_thrombosis() {
            assertThat(statusOf(graftWithConduitOnFollowUp("PARTIAL_THROMBOSIS", "").plan(), ANTICOAGULATION))
                    .contains(RECOMMENDED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"LIGATION", "PRIMARY_REPAIR", "NONE"})
        void no_conduit_anticoagulation_row_or_verdict_without_a_conduit(String management) {
            Plan plan = reconstructed(management).with("/postoperative/antithrombotics", List.of("WARFARIN")).plan();

            assertThat(statusOf(plan, ANTICOAGULATION)).isEmpty();
            assertThat(verdictOf(plan, ANTICOAGULATION)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"WARFARIN", "DOAC", "LMWH"})
        void anticoagulation_without_an_indication_is_not_assessable_and_asks_for_the_reason(String drug) {
            Plan plan = reconstructed("INTERPOSITION_GRAFT").with("/postoperative/antithrombotics", List.of(drug, "ASPIRIN"))
                    .plan();

            Concordance c = plan.concordance().stream().filter(v -> v.id().equals(ANTICOAGULATION)).findFirst().orElseThrow();
            assertThat(c.verdict()).isEqualTo(NOT_ASSESSABLE);
            assertThat(c.note()).contains("centre protocol", "document the reason");
        }

        @Test
        void anticoagulation_after_a_graft_is_concordant_when_venous_thromboembolism_is_recorded() {
            Plan plan = reconstructed("INTERPOSITION_GRAFT").with("/imaging/0/pulmonaryEmbolism", true)
                    .with("/postoperative/antithrombotics", List.of("DOAC")).plan();

            assertThat(verdictOf(plan, ANTICOAGULATION)).contains(CONCORDANT);
        }

        @Test
        void anticoagulation_is_concordant_when_the_conduit_has_thrombosed() {
            Plan plan = graftWithConduitOnFollowUp("PARTIAL_THROMBOSIS").with("/postoperative/antithrombotics", List.of("WARFARIN"))
                    .plan();

            assertThat(verdictOf(plan, ANTICOAGULATION)).contains(CONCORDANT);
        }

        @Test
        void no_verdict_when_only_aspirin_was_given() {
            Plan plan = reconstructed("INTERPOSITION_GRAFT").with("/postoperative/antithrombotics", List.of("ASPIRIN")).plan();

            assertThat(verdictOf(plan, ANTICOAGULATION)).isEmpty();
        }

        @Test
        void the_old_routine_warfarin_row_is_gone() {
            Plan plan = reconstructed("INTERPOSITION_GRAFT").with("/postoperative/antithrombotics", List.of("WARFARIN")).plan();

            assertThat(statusOf(plan, "postop.warfarin")).isEmpty();
            assertThat(verdictOf(plan, "postop.warfarin")).isEmpty();
        }

        @Test
        void recorded_anticoagulation_is_still_judged_when_the_patient_has_died() {
            Plan plan = reconstructed("INTERPOSITION_GRAFT").with("/postoperative/antithrombotics", List.of("WARFARIN"))
                    .withJson("/outcome", "{\"vitalStatus\": \"DEAD\", \"lastContactDate\": \"2020-06-01\"}").plan();

            assertThat(statusOf(plan, ANTICOAGULATION)).isEmpty();
            assertThat(verdictOf(plan, ANTICOAGULATION)).contains(NOT_ASSESSABLE);
        }

        @Test
        void the_conduit_row_does_not_depend_on_the_histology() {
            Plan plan = reconstructed("INTERPOSITION_GRAFT").with("/histology/diagnosis", "OTHER_SARCOMA").plan();

            assertThat(statusOf(plan, ANTICOAGULATION)).contains(CONSIDER);
        }
    }

    @Nested
    class LigationLegCare {

        @Test
        void leg_care_is_recommended_after_ligation() {
            Recommendation r = rec(reconstructed("LIGATION").plan(), LEG_CARE);

            assertThat(r.status()).isEqualTo(RECOMMENDED);
            assertThat(r.summary()).contains("compartment syndrome");
            assertThat(pointersRead(r)).containsExactly("/operation/ivcManagement");
        }

        @ParameterizedTest
        @ValueSource(strings = {"PATCH_CAVOPLASTY", "INTERPOSITION_GRAFT", "PRIMARY_REPAIR", "NONE"})
        void no_leg_care_row_when_the_cava_was_not_ligated(String management) {
            assertThat(statusOf(reconstructed(management).plan(), LEG_CARE)).isEmpty();
        }

        @Test
        void leg_care_continues_in_follow_up() {
            Plan plan = reconstructed("LIGATION").add("/followUp", "{\"date\": \"2020-09-01\"}").plan();

            assertThat(statusOf(plan, LEG_CARE)).contains(RECOMMENDED);
        }
    }

    @Nested
    class GraftInfectionWatch {

        @ParameterizedTest
        @ValueSource(strings = {"DUODENUM", "SMALL_BOWEL", "COLON"})
        void graft_infection_is_watched_when_ptfe_lies_beside_a_bowel_resection(String bowel) {
            assertThat(statusOf(ptfeGraftWith(bowel, "RIGHT_KIDNEY").plan(), INFECTION)).contains(RECOMMENDED);
        }

        @Test
        void no_infection_watch_without_a_bowel_resection() {
            assertThat(statusOf(ptfeGraftWith("RIGHT_KIDNEY", "LIVER").plan(), INFECTION)).isEmpty();
        }

        @Test
        void no_infection_watch_for_an_autologous_vein_beside_bowel() {
            Plan plan = ptfeGraftWith("COLON").with("/operation/conduit", "AUTOLOGOUS_VEIN").plan();

            assertThat(statusOf(plan, INFECTION)).isEmpty();
        }

        @Test
        void no_infection_watch_for_a_bovine_pericardium_patch_beside_bowel() {
            Plan plan = reconstructed("PATCH_CAVOPLASTY").with("/operation/conduit", "BOVINE_PERICARDIUM")
                    .with("/operation/enBlocResections", List.of("COLON")).plan();

            assertThat(statusOf(plan, INFECTION)).isEmpty();
        }

        @Test
        void a_conduit_of_other_material_beside_bowel_is_conditional_on_being_prosthetic() {
            Plan plan = ptfeGraftWith("COLON").with("/operation/conduit", "OTHER").plan();

            Recommendation r = rec(plan, INFECTION);
            assertThat(r.status()).isEqualTo(CONDITIONAL);
            assertThat(r.when()).hasValueSatisfying(w -> assertThat(w).contains("prosthetic"));
            assertThat(missingPointers(plan)).contains("/operation/conduit");
        }

        @Test
        void no_infection_watch_after_ligation_with_bowel_resection() {
            Plan plan = reconstructed("LIGATION").with("/operation/enBlocResections", List.of("COLON")).plan();

            assertThat(statusOf(plan, INFECTION)).isEmpty();
        }
    }

    @Test
    void the_postoperative_rows_follow_the_catalogue_order() {
        Plan plan = ptfeGraftWith("COLON").plan(OPERATED.plusDays(3));

        assertThat(plan.recommendations().stream().filter(r -> r.phase() == Phase.POSTOPERATIVE).map(Recommendation::id))
                .containsExactly(PROPHYLAXIS, "postop.aspirin", ANTICOAGULATION, INFECTION);
    }
}
