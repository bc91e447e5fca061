package org.cavaplan.knowledge.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cavaplan.core.plan.Status.CONDITIONAL;
import static org.cavaplan.core.plan.Status.CONSIDER;
import static org.cavaplan.core.plan.Status.NOT_RECOMMENDED;
import static org.cavaplan.core.plan.Status.RECOMMENDED;
import static org.cavaplan.knowledge.rules.CaseFixtures.missingPointers;
import static org.cavaplan.knowledge.rules.CaseFixtures.operated;
import static org.cavaplan.knowledge.rules.CaseFixtures.rec;
import static org.cavaplan.knowledge.rules.CaseFixtures.seed;
import static org.cavaplan.knowledge.rules.CaseFixtures.statusOf;

import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.knowledge.Settings;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** §3 Recurrence: FOLLOW_UP with a local recurrence or distant metastases. Operated on 2020-03-02. */
class RecurrenceRulesTest {

    private static final String RESECTION = "recurrence.resection";
    private static final String SYSTEMIC = "recurrence.systemic-therapy-review";

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

        @Test
        void resection_is_considered_when_resectability_is_not_recorded_because_only_false_excludes_it() {
            Plan plan = visit("2021-03-02", "\"localRecurrence\": true, \"ecog\": 1").plan();

            assertThat(statusOf(plan, RESECTION)).contains(CONSIDER);
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

            assertThat(statusOf(plan, RESECTION)).isEmpty();
            assertThat(statusOf(plan, SYSTEMIC)).isEmpty();
        }

        @Test
        void the_seed_case_lung_metastasis_judged_unresectable_is_not_resected() {
            Plan plan = seed().plan();

            assertThat(statusOf(plan, RESECTION)).contains(NOT_RECOMMENDED);
            assertThat(statusOf(plan, SYSTEMIC)).contains(RECOMMENDED);
        }
    }

    @Nested
    class SystemicTherapyReview {

        @Test
        void systemic_therapy_is_reviewed_when_resection_is_not_recommended() {
            Plan plan = visit("2021-06-02", "\"localRecurrence\": true, \"ecog\": 3").plan();

            assertThat(statusOf(plan, SYSTEMIC)).contains(RECOMMENDED);
        }

        @Test
        void no_systemic_review_when_resection_is_considered() {
            assertThat(statusOf(favourable().plan(), SYSTEMIC)).isEmpty();
        }

        @Test
        void no_systemic_review_while_resection_is_conditional() {
            Plan plan = visit("2021-06-02", "\"localRecurrence\": true, \"metastasesResectable\": true").plan();

            assertThat(statusOf(plan, SYSTEMIC)).isEmpty();
        }
    }
}
