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
import static org.cavaplan.knowledge.rules.CaseFixtures.seed;
import static org.cavaplan.knowledge.rules.CaseFixtures.statusOf;
import static org.cavaplan.knowledge.rules.CaseFixtures.warningCodes;

import java.util.ArrayList;
import java.util.List;
import org.cavaplan.core.engine.Rule;
import org.cavaplan.core.plan.KeyDecision;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.knowledge.CavaPlanKnowledge;
import org.cavaplan.knowledge.Settings;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** §3 Systemic therapy for advanced disease (v2, phase SYSTEMIC), §7.11, §7.13, §7.19, §7.22. */
class SystemicRulesTest {

    private static final String FIRST = "systemic.first-line";
    private static final String SUBSEQUENT = "systemic.subsequent-line";
    private static final String PALLIATIVE_CARE = "systemic.palliative-care";
    private static final String RESPONSE_IMAGING = "systemic.response-imaging";
    private static final List<String> ALL = List.of(FIRST, SUBSEQUENT, PALLIATIVE_CARE, RESPONSE_IMAGING);

    private static final String TRABECTEDIN = "doxorubicin + trabectedin, then trabectedin maintenance (LMS-04)";
    private static final String DACARBAZINE = "doxorubicin + dacarbazine";
    private static final String DOXORUBICIN = "doxorubicin";

    /** Lung metastases on the staging CT, before any treatment: palliative intent. */
    private static CaseFixtures metastatic(int ecog) {
        return pretreatment().with("/imaging/0/distantMetastases", List.of("LUNG")).with("/patient/ecog", ecog);
    }

    /** Operated with curative intent, then a lung recurrence on 2021-06-02 the team judged not resectable. */
    private static CaseFixtures unresectableRecurrence(int ecog) {
        return operated().add("/followUp", "{\"date\": \"2021-06-02\", \"distantMetastases\": [\"LUNG\"], \"ecog\": " + ecog
                + ", \"metastasesResectable\": false}");
    }

    /** Doxorubicin and dacarbazine before the operation, ending 2020-02-15. */
    private static CaseFixtures afterNeoadjuvant(CaseFixtures f, String regimen) {
        return f.withJson("/neoadjuvant/chemotherapy", "{\"regimen\": \"" + regimen + "\", \"endDate\": \"2020-02-15\"}");
    }

    /** Before the operation, 6 cm at baseline, 8 cm after chemotherapy ending 2020-04-01 (+33 %, 20 mm): RECIST PD. */
    private static CaseFixtures progressedOnNeoadjuvant(String newMetastases) {
        return pretreatment().with("/patient/ecog", 0)
                .withJson("/neoadjuvant/chemotherapy", "{\"regimen\": \"doxorubicin + dacarbazine\", \"endDate\": \"2020-04-01\"}")
                .add("/imaging", "{\"date\": \"2020-04-15\", \"modality\": \"CT\", \"chestIncluded\": true, "
                        + "\"tumorDiametersCm\": [8.0], \"distantMetastases\": " + newMetastases + "}");
    }

    /** A list parameter; fails the test when it is absent or not a list. */
    private static List<Object> list(Recommendation r, String parameter) {
        Object value = r.parameters().get(parameter);
        assertThat(value).as(parameter).isInstanceOf(List.class);
        return new ArrayList<>((List<?>) value);
    }

    @Nested
    class WhenItApplies {

        @Test
        void distant_metastases_at_presentation_call_for_a_first_line() {
            Plan plan = metastatic(0).plan();

            assertThat(statusOf(plan, FIRST)).contains(RECOMMENDED);
            assertThat(statusOf(plan, SUBSEQUENT)).isEmpty();
            assertThat(pointersRead(rec(plan, FIRST))).contains("/imaging/0/distantMetastases", "/patient/ecog");
            assertThat(rec(plan, FIRST).phase()).isEqualTo(Phase.SYSTEMIC);
        }

        @Test
        void macroscopic_residual_tumor_after_the_operation_calls_for_a_first_line() {
            Plan plan = operated().with("/pathology/margin", "R2").with("/patient/ecog", 1).plan();

            assertThat(plan.diseaseStatus().name()).isEqualTo("PERSISTENT");
            assertThat(statusOf(plan, FIRST)).contains(RECOMMENDED);
            assertThat(pointersRead(rec(plan, FIRST))).contains("/pathology/margin");
        }

        @Test
        void a_metastasis_found_at_the_operation_calls_for_a_first_line() {
            Plan plan = operated().with("/operation/findings/liverMetastases", true).with("/patient/ecog", 1).plan();

            assertThat(statusOf(plan, FIRST)).contains(RECOMMENDED);
            assertThat(pointersRead(rec(plan, FIRST))).contains("/operation/findings/liverMetastases");
        }

        @Test
        void a_recurrence_whose_resection_is_not_recommended_calls_for_a_first_line() {
            Plan plan = unresectableRecurrence(1).plan();

            assertThat(statusOf(plan, "recurrence.resection")).contains(NOT_RECOMMENDED);
            assertThat(statusOf(plan, FIRST)).contains(RECOMMENDED);
            assertThat(pointersRead(rec(plan, FIRST))).contains("/followUp/0/distantMetastases", "/followUp/0/metastasesResectable");
        }

        @Test
        void a_recurrence_considered_for_resection_gets_no_systemic_row() {
            Plan plan = operated().add("/followUp", "{\"date\": \"2021-06-02\", \"localRecurrence\": true, \"ecog\": 0, "
                    + "\"metastasesResectable\": true}").plan();

            assertThat(statusOf(plan, "recurrence.resection")).contains(CONSIDER);
            ALL.forEach(id -> assertThat(statusOf(plan, id)).as(id).isEmpty());
        }

        @Test
        void a_recurrence_whose_resection_is_only_conditional_gets_no_systemic_row() {
            Plan plan = operated().add("/followUp", "{\"date\": \"2021-06-02\", \"localRecurrence\": true, \"ecog\": 0}").plan();

            assertThat(statusOf(plan, "recurrence.resection")).contains(CONDITIONAL);
            ALL.forEach(id -> assertThat(statusOf(plan, id)).as(id).isEmpty());
        }

        @Test
        void a_patient_free_of_disease_gets_no_systemic_row() {
            Plan before = pretreatment().with("/patient/ecog", 0).plan();
            Plan after = operated().with("/patient/ecog", 0).add("/followUp", "{\"date\": \"2020-09-01\", \"localRecurrence\": false}")
                    .plan();

            ALL.forEach(id -> {
                assertThat(statusOf(before, id)).as(id).isEmpty();
                assertThat(statusOf(after, id)).as(id).isEmpty();
            });
        }

        @Test
        void a_deceased_patient_gets_no_systemic_row() {
            Plan plan = metastatic(0).withJson("/outcome", "{\"vitalStatus\": \"DEAD\", \"lastContactDate\": \"2020-02-01\", "
                    + "\"causeOfDeath\": \"DISEASE\"}").plan();

            ALL.forEach(id -> assertThat(statusOf(plan, id)).as(id).isEmpty());
        }

        @Test
        void another_histology_gets_no_systemic_row_from_this_pathway() {
            Plan plan = metastatic(0).with("/histology/diagnosis", "OTHER_SARCOMA").plan();

            ALL.forEach(id -> assertThat(statusOf(plan, id)).as(id).isEmpty());
        }

        @Test
        void the_seed_case_lung_metastasis_judged_unresectable_goes_to_a_first_line_conditional_on_ecog() {
            Plan plan = seed().plan();

            Recommendation r = rec(plan, FIRST);
            assertThat(r.status()).isEqualTo(CONDITIONAL);
            assertThat(r.when().orElseThrow()).contains("ECOG");
            assertThat(missingPointers(plan)).contains("/followUp/1/ecog");
            assertThat(statusOf(plan, PALLIATIVE_CARE)).contains(RECOMMENDED);
            assertThat(statusOf(plan, RESPONSE_IMAGING)).isEmpty();
        }

        @Test
        void the_first_line_is_a_key_decision() {
            Plan plan = metastatic(0).plan();

            assertThat(plan.keyDecisions()).extracting(KeyDecision::id).contains(FIRST);
        }
    }

    @Nested
    class FirstLineByEcog {

        @ParameterizedTest
        @ValueSource(ints = {0, 1})
        void ecog_0_or_1_is_recommended_with_the_lms04_combination_first(int ecog) {
            Recommendation r = rec(metastatic(ecog).plan(), FIRST);

            assertThat(r.status()).isEqualTo(RECOMMENDED);
            assertThat(list(r, "regimens")).containsExactly(TRABECTEDIN, DACARBAZINE, DOXORUBICIN);
            assertThat(list(r, "beforeStarting")).singleElement().asString().contains("ejection fraction");
            assertThat(r.evidence()).isEqualTo("randomized trial (LMS-04)");
            assertThat(r.sources()).extracting(s -> s.id()).contains("LMS-04");
        }

        @Test
        void ecog_2_is_recommended_with_doxorubicin_alone() {
            Recommendation r = rec(metastatic(2).plan(), FIRST);

            assertThat(r.status()).isEqualTo(RECOMMENDED);
            assertThat(list(r, "regimens")).containsExactly(DOXORUBICIN);
            assertThat(r.summary()).contains("doxorubicin alone");
        }

        @Test
        void ecog_3_is_considered_as_single_agent_therapy_only_when_the_tumor_causes_the_poor_status() {
            Recommendation r = rec(metastatic(3).plan(), FIRST);

            assertThat(r.status()).isEqualTo(CONSIDER);
            assertThat(list(r, "regimens")).containsExactly(DOXORUBICIN);
            assertThat(r.summary()).contains("single-agent").contains("tumor");
        }

        @Test
        void ecog_4_is_not_recommended_in_favour_of_best_supportive_care() {
            Plan plan = metastatic(4).plan();

            Recommendation r = rec(plan, FIRST);
            assertThat(r.status()).isEqualTo(NOT_RECOMMENDED);
            assertThat(r.summary()).contains("best supportive care");
            assertThat(r.parameters()).doesNotContainKey("regimens");
        }

        @Test
        void an_unknown_ecog_makes_the_first_line_conditional_and_names_where_ecog_belongs() {
            Plan plan = metastatic(0).without("/patient/ecog").plan();

            Recommendation r = rec(plan, FIRST);
            assertThat(r.status()).isEqualTo(CONDITIONAL);
            assertThat(r.when().orElseThrow()).contains("ECOG 2 or better");
            assertThat(plan.missingData()).anySatisfy(m -> {
                assertThat(m.pointer()).isEqualTo("/patient/ecog");
                assertThat(m.affects()).contains(FIRST);
            });
        }

        @Test
        void the_latest_follow_up_ecog_wins_over_the_presentation() {
            Plan plan = unresectableRecurrence(3).with("/patient/ecog", 0).plan();

            assertThat(statusOf(plan, FIRST)).contains(CONSIDER);
        }

        @Test
        void the_fitness_threshold_is_read_by_name() {
            Plan plan = metastatic(2).plan(Settings.defaults().with("fitness.fitMaxEcog", 1));

            assertThat(statusOf(plan, FIRST)).contains(CONSIDER);
        }

        @Test
        void limited_metastatic_disease_names_local_treatment_after_a_response() {
            Plan limited = operated().add("/followUp", "{\"date\": \"2021-06-02\", \"distantMetastases\": [\"LUNG\"], "
                    + "\"metastasisCount\": 2, \"ecog\": 1, \"metastasesResectable\": false}").plan();
            Plan widespread = operated().add("/followUp", "{\"date\": \"2021-06-02\", \"distantMetastases\": [\"LUNG\"], "
                    + "\"metastasisCount\": 12, \"ecog\": 1}").plan();

            assertThat(rec(limited, FIRST).detail()).contains("limited").contains("local treatment");
            assertThat(rec(widespread, FIRST).detail()).doesNotContain("local treatment");
        }
    }

    @Nested
    class LowEjectionFraction {

        @Test
        void an_ejection_fraction_below_50_percent_leaves_every_anthracycline_regimen_out_with_a_warning() {
            Plan plan = metastatic(0).with("/patient/lvefPct", 45).plan();

            Recommendation r = rec(plan, FIRST);
            assertThat(r.status()).isEqualTo(RECOMMENDED);
            assertThat(list(r, "regimens")).isEmpty();
            assertThat(list(r, "leftOut")).containsExactly(TRABECTEDIN, DACARBAZINE, DOXORUBICIN);
            assertThat(r.summary()).contains("without an anthracycline");
            assertThat(pointersRead(r)).contains("/patient/lvefPct");
            assertThat(warningCodes(plan)).contains("LOW_LVEF");
        }

        @Test
        void an_ejection_fraction_of_50_percent_keeps_the_regimens() {
            Plan plan = metastatic(0).with("/patient/lvefPct", 50).plan();

            assertThat(list(rec(plan, FIRST), "regimens")).containsExactly(TRABECTEDIN, DACARBAZINE, DOXORUBICIN);
            assertThat(warningCodes(plan)).doesNotContain("LOW_LVEF");
        }

        @Test
        void no_warning_when_the_row_lists_no_regimen() {
            Plan plan = metastatic(4).with("/patient/lvefPct", 30).plan();

            assertThat(warningCodes(plan)).doesNotContain("LOW_LVEF");
        }

        @Test
        void the_ejection_fraction_threshold_is_read_by_name() {
            Plan plan = metastatic(0).with("/patient/lvefPct", 45).plan(Settings.defaults().with("fitness.lowLvefBelowPct", 40));

            assertThat(list(rec(plan, FIRST), "regimens")).contains(TRABECTEDIN);
        }

        @Test
        void a_low_ejection_fraction_leaves_the_doxorubicin_option_of_a_subsequent_line_out() {
            Plan plan = afterNeoadjuvant(operated(), "gemcitabine + docetaxel").with("/pathology/margin", "R2")
                    .with("/patient/ecog", 1).with("/patient/lvefPct", 40).plan();

            Recommendation r = rec(plan, SUBSEQUENT);
            assertThat(list(r, "options")).noneSatisfy(o -> assertThat(o.toString()).contains("doxorubicin"));
            assertThat(warningCodes(plan)).contains("LOW_LVEF");
        }
    }

    @Nested
    class SubsequentLine {

        @Test
        void chemotherapy_before_the_operation_makes_it_a_subsequent_line() {
            Plan plan = afterNeoadjuvant(operated(), "doxorubicin + dacarbazine").with("/pathology/margin", "R2")
                    .with("/patient/ecog", 1).plan();

            Recommendation r = rec(plan, SUBSEQUENT);
            assertThat(r.status()).isEqualTo(RECOMMENDED);
            assertThat(statusOf(plan, FIRST)).isEmpty();
            assertThat(list(r, "options")).containsExactly("trabectedin", "gemcitabine with or without docetaxel", "pazopanib",
                    "a clinical trial");
            assertThat(r.parameters()).containsEntry("priorAnthracycline", true);
            assertThat(pointersRead(r)).contains("/neoadjuvant/chemotherapy/regimen");
            assertThat(r.sources()).extracting(s -> s.id()).contains("ESMO-EURACAN-GENTURIS 2021");
        }

        @Test
        void a_doxorubicin_based_regimen_is_an_option_when_none_was_given_before() {
            Plan plan = afterNeoadjuvant(operated(), "gemcitabine + docetaxel").with("/pathology/margin", "R2")
                    .with("/patient/ecog", 1).plan();

            Recommendation r = rec(plan, SUBSEQUENT);
            assertThat(list(r, "options")).first().asString().contains("doxorubicin").contains("none given before");
            assertThat(r.parameters()).containsEntry("priorAnthracycline", false);
        }

        @Test
        void after_adjuvant_chemotherapy_of_unrecorded_regimen_doxorubicin_is_listed_only_if_none_was_given() {
            Plan plan = unresectableRecurrence(1).with("/postoperative/adjuvantChemotherapy", true).plan();

            Recommendation r = rec(plan, SUBSEQUENT);
            assertThat(r.status()).isEqualTo(RECOMMENDED);
            assertThat(list(r, "options")).first().asString().contains("if none was given before");
            assertThat(r.parameters()).containsEntry("priorAnthracycline", "unknown");
            assertThat(pointersRead(r)).contains("/postoperative/adjuvantChemotherapy");
        }

        @Test
        void the_subsequent_line_follows_ecog_as_the_first_line_does() {
            CaseFixtures treated = unresectableRecurrence(0).with("/postoperative/adjuvantChemotherapy", true);

            assertThat(statusOf(treated.plan(), SUBSEQUENT)).contains(RECOMMENDED);
            assertThat(statusOf(unresectableRecurrence(3).with("/postoperative/adjuvantChemotherapy", true).plan(), SUBSEQUENT))
                    .contains(CONSIDER);
            assertThat(statusOf(unresectableRecurrence(4).with("/postoperative/adjuvantChemotherapy", true).plan(), SUBSEQUENT))
                    .contains(NOT_RECOMMENDED);
            Plan unknown = operated().with("/postoperative/adjuvantChemotherapy", true)
                    .add("/followUp", "{\"date\": \"2021-06-02\", \"distantMetastases\": [\"LUNG\"], \"metastasesResectable\": false}")
                    .plan();
            assertThat(statusOf(unknown, SUBSEQUENT)).contains(CONDITIONAL);
        }

        @Test
        void the_subsequent_line_is_a_key_decision() {
            Plan plan = unresectableRecurrence(1).with("/postoperative/adjuvantChemotherapy", true).plan();

            assertThat(plan.keyDecisions()).extracting(KeyDecision::id).contains(SUBSEQUENT);
        }
    }

    @Nested
    class ProgressionOnNeoadjuvantTherapy {

        @Test
        void progression_without_new_metastases_makes_the_line_conditional_on_the_board() {
            Plan plan = progressedOnNeoadjuvant("[]").plan();

            assertThat(plan.response().orElseThrow().category().name()).isEqualTo("PD");
            Recommendation r = rec(plan, SUBSEQUENT);
            assertThat(r.status()).isEqualTo(CONDITIONAL);
            assertThat(r.when()).contains("the board does not confirm resectability");
            assertThat(statusOf(plan, PALLIATIVE_CARE)).contains(RECOMMENDED);
            assertThat(statusOf(plan, RESPONSE_IMAGING)).isEmpty();
        }

        @Test
        void progression_on_radiotherapy_alone_makes_the_first_line_conditional() {
            Plan plan = progressedOnNeoadjuvant("[]").without("/neoadjuvant/chemotherapy")
                    .withJson("/neoadjuvant/radiotherapy", "{\"totalDoseGy\": 50, \"endDate\": \"2020-04-01\"}").plan();

            assertThat(statusOf(plan, FIRST)).contains(CONDITIONAL);
            assertThat(rec(plan, FIRST).summary()).startsWith("Unless the board confirms resectability");
        }

        @Test
        void progression_with_ecog_4_stays_not_recommended() {
            Plan plan = progressedOnNeoadjuvant("[]").with("/patient/ecog", 4).plan();

            assertThat(statusOf(plan, SUBSEQUENT)).contains(NOT_RECOMMENDED);
        }

        @Test
        void new_distant_metastases_make_the_intent_palliative_and_the_line_follows_ecog() {
            Plan plan = progressedOnNeoadjuvant("[\"LIVER\"]").plan();

            assertThat(statusOf(plan, SUBSEQUENT)).contains(RECOMMENDED);
            assertThat(statusOf(plan, RESPONSE_IMAGING)).contains(RECOMMENDED);
        }

        @Test
        void progression_before_an_operation_that_cleared_the_disease_is_no_longer_a_trigger() {
            Plan plan = progressedOnNeoadjuvant("[]").with("/operation/date", "2020-05-04")
                    .withJson("/pathology", "{\"margin\": \"R0\", \"closestMarginMm\": 12, \"fnclccGrade\": 2}").plan();

            assertThat(plan.diseaseStatus().name()).isEqualTo("NO_EVIDENCE_OF_DISEASE");
            ALL.forEach(id -> assertThat(statusOf(plan, id)).as(id).isEmpty());
        }
    }

    @Nested
    class PalliativeCareAndResponseImaging {

        @ParameterizedTest
        @ValueSource(ints = {0, 3, 4})
        void palliative_care_comes_with_every_status_of_the_line(int ecog) {
            Recommendation r = rec(metastatic(ecog).plan(), PALLIATIVE_CARE);

            assertThat(r.status()).isEqualTo(RECOMMENDED);
            assertThat(r.sources()).extracting(s -> s.id()).contains("ASCO palliative care guideline update 2024");
        }

        @Test
        void palliative_care_comes_with_a_conditional_line_too() {
            assertThat(statusOf(metastatic(0).without("/patient/ecog").plan(), PALLIATIVE_CARE)).contains(RECOMMENDED);
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 2, 3})
        void response_imaging_comes_with_a_recommended_or_considered_line(int ecog) {
            Recommendation r = rec(metastatic(ecog).plan(), RESPONSE_IMAGING);

            assertThat(r.status()).isEqualTo(RECOMMENDED);
            assertThat(r.summary()).contains("every 2-3 months").contains("RECIST 1.1");
            assertThat(r.parameters()).containsEntry("minIntervalMonths", 2).containsEntry("maxIntervalMonths", 3);
        }

        @Test
        void no_response_imaging_while_the_line_is_not_recommended_or_conditional() {
            assertThat(statusOf(metastatic(4).plan(), RESPONSE_IMAGING)).isEmpty();
            assertThat(statusOf(metastatic(0).without("/patient/ecog").plan(), RESPONSE_IMAGING)).isEmpty();
        }

        @Test
        void the_imaging_interval_is_read_by_name() {
            Plan plan = metastatic(0).plan(Settings.defaults().with("systemic.responseImagingMaxMonths", 4));

            assertThat(rec(plan, RESPONSE_IMAGING).summary()).contains("every 2-4 months");
        }

        @Test
        void response_imaging_replaces_surveillance_imaging_while_disease_is_present() {
            Plan plan = unresectableRecurrence(1).plan();

            assertThat(statusOf(plan, RESPONSE_IMAGING)).contains(RECOMMENDED);
            assertThat(statusOf(plan, "surveillance.imaging")).isEmpty();
        }
    }

    @Test
    void the_rows_come_in_the_catalogue_order() {
        Plan plan = metastatic(0).plan();

        assertThat(plan.recommendations()).extracting(Recommendation::id).filteredOn(id -> id.startsWith("systemic."))
                .containsExactly(FIRST, PALLIATIVE_CARE, RESPONSE_IMAGING);
        assertThat(CavaPlanKnowledge.create().rules()).extracting(r -> r.info().id()).filteredOn(id -> id.startsWith("systemic."))
                .containsExactly(FIRST, SUBSEQUENT, PALLIATIVE_CARE, RESPONSE_IMAGING);
    }

    @Test
    void the_printed_conditions_are_generated_from_the_thresholds() {
        String first = condition(CavaPlanKnowledge.create(Settings.defaults().with("fitness.lowLvefBelowPct", 45)), FIRST);
        String imaging = condition(CavaPlanKnowledge.create(), RESPONSE_IMAGING);

        assertThat(first).contains("up to ECOG 2").contains("up to ECOG 1").contains("below 45 %");
        assertThat(imaging).contains("every 2-3 months");
    }

    private static String condition(CavaPlanKnowledge kb, String id) {
        return kb.rules().stream().map(Rule::info).filter(i -> i.id().equals(id)).findFirst().orElseThrow().condition();
    }
}
