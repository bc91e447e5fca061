package org.cavaplan.knowledge.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cavaplan.core.plan.Status.CONDITIONAL;
import static org.cavaplan.core.plan.Status.RECOMMENDED;
import static org.cavaplan.knowledge.rules.CaseFixtures.missingPointers;
import static org.cavaplan.knowledge.rules.CaseFixtures.operated;
import static org.cavaplan.knowledge.rules.CaseFixtures.pointersRead;
import static org.cavaplan.knowledge.rules.CaseFixtures.pretreatment;
import static org.cavaplan.knowledge.rules.CaseFixtures.rec;
import static org.cavaplan.knowledge.rules.CaseFixtures.statusOf;

import java.time.LocalDate;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.assertj.core.api.ListAssert;
import org.cavaplan.core.engine.Rule;
import org.cavaplan.core.plan.DiseaseStatus;
import org.cavaplan.core.plan.KeyDecision;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.knowledge.CavaPlanKnowledge;
import org.cavaplan.knowledge.Settings;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * §3 Surveillance (v2): POSTOPERATIVE and FOLLOW_UP. The operated fixture is lower risk (grade 1, R0,
 * level 1, 6 cm), operated on 2020-03-02.
 */
class SurveillanceRulesTest {

    private static final String IMAGING = "surveillance.imaging";

    /** Operated on the last day of a 31-day month, so that every shorter month clamps. */
    private static CaseFixtures operatedOnAugust31() {
        return operated().with("/operation/date", "2020-08-31");
    }

    private static ListAssert<Object> schedule(Recommendation r) {
        return assertThat(r.parameters().get("schedule")).asInstanceOf(InstanceOfAssertFactories.LIST);
    }

    private static Object risk(CaseFixtures f) {
        return rec(f.plan(), IMAGING).parameters().get("risk");
    }

    @Nested
    class Imaging {

        @Test
        void higher_risk_is_every_3_months_to_2_years_then_6_monthly_to_5_years_then_yearly_clamped_to_month_ends() {
            Recommendation r = rec(operatedOnAugust31().with("/pathology/fnclccGrade", 2).plan(LocalDate.parse("2020-09-01")),
                    IMAGING);

            assertThat(r.status()).isEqualTo(RECOMMENDED);
            assertThat(r.parameters()).containsEntry("risk", "higher");
            schedule(r).startsWith("2020-11-30", "2021-02-28", "2021-05-31", "2021-08-31", "2021-11-30", "2022-02-28",
                    "2022-05-31", "2022-08-31", // 24 months
                    "2023-02-28", "2023-08-31", "2024-02-29", "2024-08-31", "2025-02-28", "2025-08-31", // to 60 months
                    "2026-08-31", "2027-08-31");
        }

        @Test
        void lower_risk_is_every_6_months_to_3_years_then_yearly() {
            Recommendation r = rec(operatedOnAugust31().plan(LocalDate.parse("2020-09-01")), IMAGING);

            assertThat(r.parameters()).containsEntry("risk", "lower");
            schedule(r).startsWith("2021-02-28", "2021-08-31", "2022-02-28", "2022-08-31", "2023-02-28", "2023-08-31", // 36 months
                    "2024-08-31", "2025-08-31");
        }

        @Test
        void the_first_due_date_of_an_operation_on_august_31_is_november_30() {
            Recommendation r = rec(operatedOnAugust31().with("/pathology/margin", "R1").plan(LocalDate.parse("2020-09-01")),
                    IMAGING);

            assertThat(r.parameters()).containsEntry("nextDue", "2020-11-30");
        }

        @Test
        void next_due_is_strictly_after_as_of() {
            CaseFixtures higher = operatedOnAugust31().with("/pathology/fnclccGrade", 3);

            assertThat(rec(higher.plan(LocalDate.parse("2020-11-29")), IMAGING).parameters()).containsEntry("nextDue", "2020-11-30");
            assertThat(rec(higher.plan(LocalDate.parse("2020-11-30")), IMAGING).parameters()).containsEntry("nextDue", "2021-02-28");
        }

        /** "then yearly" has no end: ten years on, the next due date is still a date on the operation's day. */
        @Test
        void next_due_is_still_a_date_after_ten_years() {
            Plan plan = operated().plan(LocalDate.parse("2031-01-01"));

            assertThat(rec(plan, IMAGING).parameters()).containsEntry("nextDue", "2031-03-02");
        }

        @Test
        void next_due_follows_the_latest_date_of_the_case_by_default() {
            Plan plan = operatedOnAugust31().add("/followUp", "{\"date\": \"2021-03-01\", \"localRecurrence\": false}").plan();

            assertThat(rec(plan, IMAGING).parameters()).containsEntry("nextDue", "2021-08-31");
        }

        @Test
        void a_grade_2_or_3_tumor_is_higher_risk() {
            assertThat(risk(operated().with("/pathology/fnclccGrade", 2))).isEqualTo("higher");
        }

        @Test
        void an_unknown_grade_is_higher_risk() {
            assertThat(risk(operated().without("/pathology/fnclccGrade"))).isEqualTo("higher");
        }

        @Test
        void an_r1_margin_is_higher_risk() {
            assertThat(risk(operated().with("/pathology/margin", "R1"))).isEqualTo("higher");
        }

        @Test
        void level_3_involvement_is_higher_risk() {
            assertThat(risk(operated().with("/imaging/0/cranialExtent", "HEPATIC_VEINS"))).isEqualTo("higher");
        }

        @Test
        void a_tumor_over_10_cm_is_higher_risk_and_10_cm_is_not() {
            assertThat(risk(operated().with("/pathology/maxDiameterCm", 10.1))).isEqualTo("higher");
            assertThat(risk(operated().with("/pathology/maxDiameterCm", 10.0))).isEqualTo("lower");
        }

        @Test
        void the_higher_risk_size_is_read_by_name() {
            assertThat(risk(operated())).isEqualTo("lower");
            assertThat(rec(operated().plan(Settings.defaults().with("surveillance.higherRiskAboveCm", 5)), IMAGING).parameters())
                    .containsEntry("risk", "higher");
        }

        /** Contract: higher risk is "grade 2–3 or grade unknown, R1/R2, level 3, or > 10 cm"; unknown levels are not listed. */
        @Test
        void unknown_levels_count_as_higher_risk_until_level_3_is_ruled_out() {
            // CavaPlan's choice (closing note of the engine issue): the contract names only an unknown grade; an
            // unknown level, margin or size is treated the same way, the safe side for a schedule.
            assertThat(risk(operated().without("/imaging/0/cranialExtent").without("/imaging/0/caudalExtent"))).isEqualTo("higher");
        }

        /** CavaPlan's choice: an operation without pathology yet may be R1/R2, so the schedule stays on the safe side. */
        @Test
        void an_unknown_margin_counts_as_higher_risk() {
            Plan plan = operated().without("/pathology").with("/histology/fnclccGrade", 1).plan();

            assertThat(rec(plan, IMAGING).parameters()).containsEntry("risk", "higher");
            assertThat(rec(plan, IMAGING).parameters().get("riskReasons").toString()).contains("margin unknown");
        }

        /** Engine's choice: without an operation date the schedule cannot be dated. */
        @Test
        void imaging_is_conditional_on_the_operation_date_when_only_pathology_is_recorded() {
            Plan plan = pretreatment().withJson("/pathology", "{\"margin\": \"R0\", \"closestMarginMm\": 12, \"fnclccGrade\": 1}").plan();

            assertThat(statusOf(plan, IMAGING)).contains(CONDITIONAL);
            assertThat(missingPointers(plan)).contains("/operation/date");
        }

        @Test
        void surveillance_imaging_is_absent_before_the_operation() {
            assertThat(statusOf(pretreatment().plan(), IMAGING)).isEmpty();
        }

        @Test
        void surveillance_imaging_continues_in_follow_up() {
            Plan plan = operated().add("/followUp", "{\"date\": \"2020-09-01\"}").plan();

            assertThat(statusOf(plan, IMAGING)).contains(RECOMMENDED);
        }

        @Test
        void surveillance_imaging_is_a_key_decision() {
            assertThat(operated().plan().keyDecisions()).extracting(KeyDecision::id).contains(IMAGING);
        }
    }

    /** v2: surveillance imaging only while there is no evidence of disease (or it is unknown). */
    @Nested
    class DiseaseStatusGate {

        @Test
        void no_surveillance_imaging_after_an_r2_resection() {
            Plan plan = operated().with("/pathology/margin", "R2").plan();

            assertThat(plan.diseaseStatus()).isEqualTo(DiseaseStatus.PERSISTENT);
            assertThat(statusOf(plan, IMAGING)).isEmpty();
        }

        @Test
        void no_surveillance_imaging_once_the_disease_has_recurred() {
            Plan plan = operated().add("/followUp", "{\"date\": \"2021-06-02\", \"localRecurrence\": true}").plan();

            assertThat(plan.diseaseStatus()).isEqualTo(DiseaseStatus.RECURRENT);
            assertThat(statusOf(plan, IMAGING)).isEmpty();
        }

        @Test
        void surveillance_imaging_stays_while_the_disease_status_is_unknown() {
            Plan noPathology = operated().without("/pathology").plan();
            Plan notStaged = operated().without("/imaging/0/distantMetastases").plan();

            for (Plan plan : List.of(noPathology, notStaged)) {
                assertThat(plan.diseaseStatus()).isEqualTo(DiseaseStatus.UNKNOWN);
                assertThat(statusOf(plan, IMAGING)).contains(RECOMMENDED);
            }
        }
    }

    /** v2 date rule: a study due before the plan's date and not recorded is listed as overdue. */
    @Nested
    class Overdue {

        /** Lower risk: due 2020-09-02, 2021-03-02, 2021-09-02... */
        @Test
        void every_study_due_before_the_plan_date_without_a_record_is_overdue() {
            Recommendation r = rec(operated().plan(LocalDate.parse("2021-04-01")), IMAGING);

            assertThat(r.parameters()).containsEntry("overdue", List.of("2020-09-02", "2021-03-02"))
                    .containsEntry("nextDue", "2021-09-02");
            assertThat(r.summary()).contains("2 surveillance CTs due since 2020-09-02 are not recorded");
        }

        @Test
        void a_follow_up_visit_near_each_due_date_leaves_nothing_overdue() {
            Recommendation r = rec(operated().add("/followUp", "{\"date\": \"2020-09-10\", \"localRecurrence\": false}")
                    .add("/followUp", "{\"date\": \"2021-02-20\"}").plan(LocalDate.parse("2021-04-01")), IMAGING);

            assertThat(r.parameters()).containsEntry("overdue", List.of());
            assertThat(r.summary()).startsWith("CT chest, abdomen and pelvis every 6 months");
        }

        @Test
        void a_ct_after_the_operation_counts_as_a_surveillance_study() {
            Recommendation r = rec(operated().add("/imaging", "{\"date\": \"2020-08-20\", \"modality\": \"CT\"}")
                    .add("/followUp", "{\"date\": \"2021-03-05\"}").plan(LocalDate.parse("2021-04-01")), IMAGING);

            assertThat(r.parameters()).containsEntry("overdue", List.of());
        }

        @Test
        void one_study_counts_for_one_due_date_only() {
            Recommendation r = rec(operated().add("/followUp", "{\"date\": \"2021-03-01\"}").plan(LocalDate.parse("2021-04-01")),
                    IMAGING);

            assertThat(r.parameters()).containsEntry("overdue", List.of("2020-09-02"));
            assertThat(r.summary()).startsWith("Surveillance CT of chest, abdomen and pelvis due 2020-09-02 is not recorded");
            assertThat(r.detail()).contains("every 6 months to 3 years");
        }

        @Test
        void a_study_due_on_the_plan_date_is_not_yet_overdue() {
            assertThat(rec(operated().plan(LocalDate.parse("2020-09-02")), IMAGING).parameters()).containsEntry("overdue", List.of());
            assertThat(rec(operated().plan(LocalDate.parse("2020-09-03")), IMAGING).parameters())
                    .containsEntry("overdue", List.of("2020-09-02"));
        }

        @Test
        void studies_due_past_the_listed_horizon_can_be_overdue_too() {
            Recommendation r = rec(operated().plan(LocalDate.parse("2031-04-01")), IMAGING);

            assertThat(r.parameters().get("overdue")).asInstanceOf(InstanceOfAssertFactories.list(String.class))
                    .endsWith("2030-03-02", "2031-03-02");
        }
    }

    /** The schedule's words and the printed rule come from the thresholds. */
    @Nested
    class ScheduleText {

        @Test
        void the_summary_follows_a_changed_interval() {
            Plan plan = operated().with("/pathology/fnclccGrade", 3)
                    .plan(Settings.defaults().with("surveillance.higherRiskEarlyIntervalMonths", 4));

            assertThat(rec(plan, IMAGING).summary()).startsWith("CT chest, abdomen and pelvis every 4 months to 2 years");
        }

        @Test
        void the_printed_condition_follows_a_changed_interval() {
            String condition = CavaPlanKnowledge.create(Settings.defaults().with("surveillance.higherRiskEarlyIntervalMonths", 4))
                    .rules().stream().map(Rule::info).filter(i -> i.id().equals(IMAGING)).findFirst().orElseThrow().condition();

            assertThat(condition).contains("every 4 months up to 24 months").contains("larger than 10 cm")
                    .contains("FNCLCC grade 2 or higher");
        }
    }

    @Nested
    class Conduit {

        private static final String PATENCY = "surveillance.conduit-patency";
        private static final String REVIEW = "surveillance.conduit-thrombosis-review";

        private CaseFixtures graft() {
            return operated().with("/operation/ivcManagement", "INTERPOSITION_GRAFT");
        }

        @ParameterizedTest
        @ValueSource(strings = {"PATCH_CAVOPLASTY", "INTERPOSITION_GRAFT"})
        void conduit_patency_is_watched_after_a_patch_or_graft(String management) {
            Plan plan = operated().with("/operation/ivcManagement", management).plan();

            Recommendation r = rec(plan, PATENCY);
            assertThat(r.status()).isEqualTo(RECOMMENDED);
            assertThat(r.parameters().get("watch")).asInstanceOf(InstanceOfAssertFactories.list(String.class))
                    .anySatisfy(w -> assertThat(w).contains("renal function").contains("renal vein ligation or reimplantation"))
                    .anySatisfy(w -> assertThat(w).contains("leg swelling"));
        }

        @Test
        void within_the_first_month_the_early_duplex_or_ct_venography_is_dated() {
            Recommendation r = rec(graft().plan(LocalDate.parse("2020-03-10")), PATENCY);

            assertThat(r.parameters()).containsEntry("earlyStudyBy", "2020-04-02")
                    .containsEntry("earlyStudy", "duplex ultrasound or CT venography");
            assertThat(r.summary()).contains("duplex ultrasound or CT venography by 2020-04-02");
        }

        @Test
        void after_the_first_month_without_a_conduit_finding_the_check_is_asked_for_now() {
            Recommendation r = rec(graft().plan(LocalDate.parse("2020-06-01")), PATENCY);

            assertThat(r.summary()).startsWith("No conduit patency is recorded since the operation").contains("now");
        }

        @Test
        void once_the_conduit_is_recorded_patency_is_reported_on_every_study() {
            Recommendation r = rec(graft().add("/followUp", "{\"date\": \"2020-03-25\", \"conduit\": \"PATENT\"}")
                    .plan(LocalDate.parse("2020-06-01")), PATENCY);

            assertThat(r.parameters()).containsEntry("latestConduitStatus", "patent");
            assertThat(r.summary()).contains("every study");
            assertThat(pointersRead(r)).contains("/followUp/0/conduit");
        }

        @Test
        void conduit_patency_is_absent_after_ligation() {
            assertThat(statusOf(operated().with("/operation/ivcManagement", "LIGATION").plan(), PATENCY)).isEmpty();
        }

        /** §7.10: only surveillance imaging is gated by disease status; the conduit rows continue while the patient lives. */
        @Test
        void the_conduit_rows_continue_while_disease_persists_or_recurs() {
            Plan persistent = graft().with("/pathology/margin", "R2")
                    .add("/followUp", "{\"date\": \"2020-09-01\", \"conduit\": \"OCCLUDED\"}").plan();
            Plan recurrent = graft().add("/followUp", "{\"date\": \"2021-06-01\", \"conduit\": \"OCCLUDED\", "
                    + "\"localRecurrence\": true}").plan();

            for (Plan plan : List.of(persistent, recurrent)) {
                assertThat(statusOf(plan, IMAGING)).isEmpty();
                assertThat(statusOf(plan, PATENCY)).contains(RECOMMENDED);
                assertThat(statusOf(plan, REVIEW)).contains(RECOMMENDED);
            }
        }

        @Test
        void the_conduit_rows_stop_when_the_patient_has_died() {
            Plan plan = graft().add("/followUp", "{\"date\": \"2020-09-01\", \"conduit\": \"OCCLUDED\"}")
                    .withJson("/outcome", "{\"vitalStatus\": \"DEAD\", \"lastContactDate\": \"2020-10-01\"}").plan();

            assertThat(statusOf(plan, PATENCY)).isEmpty();
            assertThat(statusOf(plan, REVIEW)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"PARTIAL_THROMBOSIS", "OCCLUDED"})
        void a_thrombosed_conduit_on_the_latest_follow_up_is_reviewed_outside_the_source(String status) {
            Plan plan = graft().add("/followUp", "{\"date\": \"2020-09-01\", \"conduit\": \"PATENT\"}")
                    .add("/followUp", "{\"date\": \"2021-03-01\", \"conduit\": \"" + status + "\"}").plan();

            Recommendation r = rec(plan, REVIEW);
            assertThat(r.status()).isEqualTo(RECOMMENDED);
            assertThat(r.evidence()).isEqualTo("outside the source");
            assertThat(r.summary()).contains("2021-03-01");
            assertThat(r.sources()).extracting(s -> s.id()).containsExactly("cavaplan-assumption");
            assertThat(plan.keyDecisions()).extracting(KeyDecision::id).contains(REVIEW);
        }

        @Test
        void no_thrombosis_review_when_the_latest_follow_up_shows_a_patent_conduit() {
            Plan plan = graft().add("/followUp", "{\"date\": \"2020-09-01\", \"conduit\": \"PARTIAL_THROMBOSIS\"}")
                    .add("/followUp", "{\"date\": \"2021-03-01\", \"conduit\": \"PATENT\"}").plan();

            assertThat(statusOf(plan, REVIEW)).isEmpty();
        }

        /** §7.17: the latest follow-up that records the conduit, not the latest follow-up. */
        @Test
        void a_later_visit_that_does_not_record_the_conduit_does_not_hide_a_thrombosis() {
            Plan plan = graft().add("/followUp", "{\"date\": \"2020-09-01\", \"conduit\": \"OCCLUDED\"}")
                    .add("/followUp", "{\"date\": \"2021-03-01\", \"ecog\": 0}").plan();

            assertThat(statusOf(plan, REVIEW)).contains(RECOMMENDED);
        }

        @Test
        void no_thrombosis_review_without_a_conduit_finding() {
            assertThat(statusOf(graft().add("/followUp", "{\"date\": \"2020-09-01\"}").plan(), REVIEW)).isEmpty();
        }

        /** CavaPlan's reading: a conduit finding after ligation or primary repair has no conduit to review. */
        @Test
        void no_thrombosis_review_when_the_operation_placed_no_conduit() {
            Plan plan = operated().with("/operation/ivcManagement", "LIGATION")
                    .add("/followUp", "{\"date\": \"2020-09-01\", \"conduit\": \"OCCLUDED\"}").plan();

            assertThat(statusOf(plan, REVIEW)).isEmpty();
        }

        @Test
        void follow_up_visits_are_read_in_date_order() {
            Plan plan = graft().add("/followUp", "{\"date\": \"2021-03-01\", \"conduit\": \"OCCLUDED\"}")
                    .add("/followUp", "{\"date\": \"2020-09-01\", \"conduit\": \"PATENT\"}").plan();

            assertThat(statusOf(plan, REVIEW)).contains(RECOMMENDED);
        }
    }

    @Test
    void the_schedule_is_in_date_order_and_after_the_operation() {
        Recommendation r = rec(operated().plan(), IMAGING);

        assertThat(r.parameters().get("schedule")).asInstanceOf(InstanceOfAssertFactories.list(String.class))
                .isSortedAccordingTo(String::compareTo)
                .allSatisfy(d -> assertThat(LocalDate.parse(d)).isAfter(LocalDate.parse(CaseFixtures.OPERATION_DATE)));
    }
}
