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

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.cavaplan.core.engine.Rule;
import org.cavaplan.core.engine.RuleInfo;
import org.cavaplan.core.plan.DiseaseStatus;
import org.cavaplan.core.plan.KeyDecision;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.knowledge.CavaPlanKnowledge;
import org.cavaplan.knowledge.Settings;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * §3 Recurrence (v2): FOLLOW_UP with a local recurrence or distant metastases, only while the disease
 * status is RECURRENT. Operated on 2020-03-02 (R0, curative intent).
 */
class RecurrenceRulesTest {

    private static final String RESTAGING = "recurrence.restaging";
    private static final String RESECTION = "recurrence.resection";
    /** The v1 row, replaced by systemic.first-line and systemic.subsequent-line. */
    private static final String OLD_SYSTEMIC_REVIEW = "recurrence.systemic-therapy-review";

    /** One follow-up visit on {@code date} with these extra members, e.g. {@code "localRecurrence": true}. */
    private static CaseFixtures visit(String date, String members) {
        return operated().add("/followUp", "{\"date\": \"" + date + "\", " + members + "}");
    }

    /** A local recurrence 12 months after the operation, ECOG 1, judged resectable: every criterion met. */
    private static CaseFixtures favourable() {
        return visit("2021-03-02", "\"localRecurrence\": true, \"ecog\": 1, \"metastasesResectable\": true");
    }

    @Nested
    class Resection {

        @Test
        void resection_of_a_recurrence_is_considered_when_every_criterion_is_met() {
            Recommendation r = rec(favourable().plan(), RESECTION);

            assertThat(r.status()).isEqualTo(CONSIDER);
            assertThat(r.parameters()).containsEntry("diseaseFreeMonths", 12L);
        }

        /** v2: an unrecorded judgement of resectability is unknown, never "met". */
        @Test
        void resection_is_conditional_when_the_team_has_not_judged_resectability() {
            Plan plan = visit("2021-03-02", "\"localRecurrence\": true, \"ecog\": 1").plan();

            Recommendation r = rec(plan, RESECTION);
            assertThat(r.status()).isEqualTo(CONDITIONAL);
            assertThat(r.when().orElseThrow()).contains("judges the recurrence resectable");
            assertThat(plan.missingData()).anySatisfy(m -> {
                assertThat(m.pointer()).isEqualTo("/followUp/0/metastasesResectable");
                assertThat(m.affects()).contains(RESECTION);
            });
        }

        @Test
        void the_criteria_list_each_criterion_with_its_value_and_verdict() {
            Recommendation r = rec(visit("2021-06-02", "\"distantMetastases\": [\"LUNG\"], \"metastasisCount\": 2, \"ecog\": 2")
                    .plan(), RESECTION);

            assertThat(r.status()).isEqualTo(NOT_RECOMMENDED);
            assertThat(r.parameters().get("criteria")).asInstanceOf(InstanceOfAssertFactories.list(Map.class))
                    .extracting(c -> c.get("criterion") + " = " + c.get("value") + ": " + c.get("verdict"))
                    .containsExactly("disease-free interval of at least 12 months = 15 months: met",
                            "limited disease: a local recurrence only, or at most 3 metastases = 2 metastases: met",
                            "performance status ECOG 1 or better = ECOG 2: not met",
                            "judged resectable by the sarcoma team = not recorded: unknown");
        }

        @Test
        void every_criterion_met_lists_four_verdicts_met() {
            Recommendation r = rec(favourable().plan(), RESECTION);

            assertThat(r.parameters().get("criteria")).asInstanceOf(InstanceOfAssertFactories.list(Map.class))
                    .extracting(c -> c.get("verdict")).containsExactly("met", "met", "met", "met");
        }

        @Test
        void resection_is_not_recommended_after_a_disease_free_interval_under_12_months() {
            Plan plan = visit("2021-03-01", "\"localRecurrence\": true, \"ecog\": 1, \"metastasesResectable\": true").plan();

            assertThat(statusOf(plan, RESECTION)).contains(NOT_RECOMMENDED);
        }

        @Test
        void the_interval_runs_to_the_first_visit_that_records_recurrence() {
            Plan plan = operated()
                    .add("/followUp", "{\"date\": \"2020-09-02\", \"localRecurrence\": false}")
                    .add("/followUp", "{\"date\": \"2020-12-02\", \"localRecurrence\": true}")
                    .add("/followUp", "{\"date\": \"2022-03-02\", \"localRecurrence\": true, \"ecog\": 0, \"metastasesResectable\": true}")
                    .plan();

            assertThat(statusOf(plan, RESECTION)).contains(NOT_RECOMMENDED);
            assertThat(rec(plan, RESECTION).parameters()).containsEntry("diseaseFreeMonths", 9L);
        }

        @Test
        void three_metastases_are_limited_disease() {
            Plan plan = visit("2021-06-02", "\"distantMetastases\": [\"LUNG\"], \"metastasisCount\": 3, \"ecog\": 0, "
                    + "\"metastasesResectable\": true").plan();

            assertThat(statusOf(plan, RESECTION)).contains(CONSIDER);
        }

        @Test
        void four_metastases_are_not_limited_disease() {
            Plan plan = visit("2021-06-02", "\"distantMetastases\": [\"LUNG\"], \"metastasisCount\": 4, \"ecog\": 0, "
                    + "\"metastasesResectable\": true").plan();

            assertThat(statusOf(plan, RESECTION)).contains(NOT_RECOMMENDED);
        }

        @Test
        void resection_is_conditional_when_the_number_of_metastases_is_unknown() {
            Plan plan = visit("2021-06-02", "\"distantMetastases\": [\"LIVER\"], \"ecog\": 0, \"metastasesResectable\": true")
                    .plan();

            Recommendation r = rec(plan, RESECTION);
            assertThat(r.status()).isEqualTo(CONDITIONAL);
            assertThat(r.when()).isPresent();
            assertThat(missingPointers(plan)).contains("/followUp/0/metastasisCount");
        }

        @Test
        void resection_is_not_recommended_with_ecog_above_1() {
            Plan plan = visit("2021-06-02", "\"localRecurrence\": true, \"ecog\": 2, \"metastasesResectable\": true").plan();

            assertThat(statusOf(plan, RESECTION)).contains(NOT_RECOMMENDED);
        }

        @Test
        void the_latest_follow_up_ecog_wins_over_the_presentation() {
            Plan worse = visit("2021-06-02", "\"localRecurrence\": true, \"ecog\": 2, \"metastasesResectable\": true")
                    .with("/patient/ecog", 0).plan();
            Plan better = visit("2021-06-02", "\"localRecurrence\": true, \"ecog\": 1, \"metastasesResectable\": true")
                    .with("/patient/ecog", 3).plan();

            assertThat(statusOf(worse, RESECTION)).contains(NOT_RECOMMENDED);
            assertThat(statusOf(better, RESECTION)).contains(CONSIDER);
        }

        @Test
        void the_presentation_ecog_is_used_when_no_follow_up_records_one() {
            Plan plan = visit("2021-06-02", "\"localRecurrence\": true, \"metastasesResectable\": true").with("/patient/ecog", 1)
                    .plan();

            assertThat(statusOf(plan, RESECTION)).contains(CONSIDER);
        }

        @Test
        void resection_is_conditional_when_ecog_is_unknown() {
            Plan plan = visit("2021-06-02", "\"localRecurrence\": true, \"metastasesResectable\": true").plan();

            assertThat(statusOf(plan, RESECTION)).contains(CONDITIONAL);
            assertThat(plan.missingData()).anySatisfy(m -> {
                assertThat(m.pointer()).endsWith("/ecog");
                assertThat(m.affects()).contains(RESECTION);
            });
        }

        @Test
        void resection_is_conditional_on_the_operation_date_when_only_pathology_is_recorded() {
            Plan plan = pretreatment().withJson("/pathology", "{\"margin\": \"R0\", \"closestMarginMm\": 12, \"fnclccGrade\": 1}")
                    .add("/followUp", "{\"date\": \"2021-06-02\", \"localRecurrence\": true, \"ecog\": 0, "
                            + "\"metastasesResectable\": true}").plan();

            Recommendation r = rec(plan, RESECTION);
            assertThat(r.status()).isEqualTo(CONDITIONAL);
            assertThat(r.parameters()).containsEntry("diseaseFreeMonths", "unknown");
            assertThat(missingPointers(plan)).contains("/operation/date");
        }

        @Test
        void resection_is_not_recommended_when_judged_unresectable_even_if_other_criteria_are_unknown() {
            Plan plan = visit("2021-06-02", "\"distantMetastases\": [\"LIVER\"], \"metastasesResectable\": false").plan();

            assertThat(statusOf(plan, RESECTION)).contains(NOT_RECOMMENDED);
        }

        @Test
        void the_minimum_disease_free_interval_is_read_by_name() {
            CaseFixtures eighteenMonths = visit("2021-09-02", "\"localRecurrence\": true, \"ecog\": 0, \"metastasesResectable\": true");

            assertThat(statusOf(eighteenMonths.plan(), RESECTION)).contains(CONSIDER);
            Plan stricter = eighteenMonths.plan(Settings.defaults().with("recurrence.minDiseaseFreeMonths", 24));
            assertThat(statusOf(stricter, RESECTION)).contains(NOT_RECOMMENDED);
            assertThat(rec(stricter, RESECTION).parameters()).containsEntry("minDiseaseFreeMonths", 24);
        }

        @Test
        void the_limit_on_metastases_is_read_by_name() {
            CaseFixtures five = visit("2021-06-02", "\"distantMetastases\": [\"LUNG\"], \"metastasisCount\": 5, \"ecog\": 0, "
                    + "\"metastasesResectable\": true");

            assertThat(statusOf(five.plan(Settings.defaults().with("recurrence.maxMetastases", 5)), RESECTION)).contains(CONSIDER);
        }

        @Test
        void nothing_is_said_about_recurrence_without_one() {
            Plan plan = visit("2021-06-02", "\"localRecurrence\": false, \"distantMetastases\": []").plan();

            assertThat(statusOf(plan, RESTAGING)).isEmpty();
            assertThat(statusOf(plan, RESECTION)).isEmpty();
        }

        @Test
        void the_seed_case_lung_metastasis_judged_unresectable_is_not_resected_and_goes_to_systemic_therapy() {
            Plan plan = seed().plan();

            assertThat(statusOf(plan, RESECTION)).contains(NOT_RECOMMENDED);
            assertThat(statusOf(plan, "systemic.first-line")).isPresent();
            assertThat(statusOf(plan, OLD_SYSTEMIC_REVIEW)).isEmpty();
        }

        @Test
        void a_considered_resection_is_a_key_decision() {
            assertThat(favourable().plan().keyDecisions()).extracting(KeyDecision::id).contains(RESECTION);
        }
    }

    /** v2: a patient never free of disease has no disease-free interval; systemic therapy instead. */
    @Nested
    class PersistentDisease {

        @Test
        void no_recurrence_rows_after_an_r2_resection_whatever_follow_up_shows() {
            Plan plan = operated().with("/pathology/margin", "R2").add("/followUp", "{\"date\": \"2021-06-02\", "
                    + "\"distantMetastases\": [\"LUNG\"], \"metastasisCount\": 1, \"ecog\": 0, \"metastasesResectable\": true}")
                    .plan();

            assertThat(plan.diseaseStatus()).isEqualTo(DiseaseStatus.PERSISTENT);
            assertThat(statusOf(plan, RESECTION)).isEmpty();
            assertThat(statusOf(plan, RESTAGING)).isEmpty();
            assertThat(statusOf(plan, "systemic.first-line")).contains(RECOMMENDED);
        }

        @Test
        void no_recurrence_rows_when_a_metastasis_was_found_at_the_operation() {
            Plan plan = operated().with("/operation/findings/peritonealMetastases", true)
                    .add("/followUp", "{\"date\": \"2021-06-02\", \"localRecurrence\": true, \"ecog\": 0, "
                            + "\"metastasesResectable\": true}")
                    .plan();

            assertThat(plan.diseaseStatus()).isEqualTo(DiseaseStatus.PERSISTENT);
            assertThat(statusOf(plan, RESECTION)).isEmpty();
            assertThat(statusOf(plan, RESTAGING)).isEmpty();
        }

        @Test
        void no_recurrence_rows_with_metastases_on_pre_operative_staging() {
            Plan plan = operated().with("/imaging/0/distantMetastases", List.of("LIVER"))
                    .add("/followUp", "{\"date\": \"2021-06-02\", \"distantMetastases\": [\"LIVER\"], \"ecog\": 0}").plan();

            assertThat(plan.diseaseStatus()).isEqualTo(DiseaseStatus.PERSISTENT);
            assertThat(statusOf(plan, RESECTION)).isEmpty();
        }
    }

    @Nested
    class Restaging {

        @Test
        void a_recurrence_is_restaged_within_4_weeks_and_reviewed_at_the_sarcoma_team() {
            Plan plan = visit("2021-03-02", "\"localRecurrence\": true").plan();

            Recommendation r = rec(plan, RESTAGING);
            assertThat(r.status()).isEqualTo(RECOMMENDED);
            assertThat(r.parameters()).containsEntry("withinWeeks", 4).containsEntry("dueBy", "2021-03-30")
                    .containsEntry("modality", "CT chest, abdomen and pelvis");
            assertThat(r.summary()).contains("2021-03-30").contains("sarcoma team");
            assertThat(r.sources()).extracting(s -> s.id()).contains("TARPSWG 2021");
            assertThat(pointersRead(r)).contains("/followUp/0/localRecurrence", "/followUp/0/date");
        }

        @Test
        void a_restaging_date_before_the_plan_date_is_named_overdue() {
            Plan plan = visit("2021-03-02", "\"localRecurrence\": true").plan(LocalDate.parse("2021-05-01"));

            Recommendation r = rec(plan, RESTAGING);
            assertThat(r.parameters()).containsEntry("overdue", true);
            assertThat(r.summary()).contains("was due by 2021-03-30").contains("not recorded");
        }

        @Test
        void a_chest_ct_after_the_recurrence_is_reviewed_rather_than_ordered_again() {
            Plan plan = visit("2021-03-02", "\"localRecurrence\": true")
                    .add("/imaging", "{\"date\": \"2021-03-12\", \"modality\": \"CT\", \"chestIncluded\": true}").plan();

            Recommendation r = rec(plan, RESTAGING);
            assertThat(r.parameters()).containsEntry("restagedOn", "2021-03-12");
            assertThat(r.summary()).startsWith("Review the restaging CT of 2021-03-12");
        }

        @Test
        void an_abdominal_study_without_the_chest_is_not_a_restaging() {
            Plan plan = visit("2021-03-02", "\"localRecurrence\": true")
                    .add("/imaging", "{\"date\": \"2021-03-12\", \"modality\": \"MRI\"}").plan();

            assertThat(rec(plan, RESTAGING).parameters()).doesNotContainKey("restagedOn");
        }

        @Test
        void the_printed_condition_states_the_weeks_from_the_threshold() {
            RuleInfo info = CavaPlanKnowledge.create().rules().stream().map(Rule::info).filter(i -> i.id().equals(RESTAGING))
                    .findFirst().orElseThrow();

            assertThat(info.condition()).contains("within 4 weeks");
            assertThat(info.thresholds()).containsExactly("recurrence.restagingWithinWeeks");
        }
    }

    @Test
    void the_recurrence_rows_come_in_the_catalogue_order() {
        Plan plan = favourable().plan();

        assertThat(plan.recommendations()).extracting(Recommendation::id).filteredOn(id -> id.startsWith("recurrence."))
                .containsExactly(RESTAGING, RESECTION);
    }
}
