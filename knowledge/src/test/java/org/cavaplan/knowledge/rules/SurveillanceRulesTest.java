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
import org.assertj.core.api.InstanceOfAssertFactories;
import org.assertj.core.api.ListAssert;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.knowledge.Settings;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** §3 Surveillance: POSTOPERATIVE and FOLLOW_UP. The operated fixture is lower risk (grade 1, R0, level 1, 6 cm). */
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

        @ParameterizedTest
        @ValueSource(strings = {"R1", "R2"})
        void a_positive_margin_is_higher_risk(String margin) {
            assertThat(risk(operated().with("/pathology/margin", margin))).isEqualTo("higher");
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
    }

    @Nested
    class Conduit {

        private CaseFixtures graft() {
            return operated().with("/operation/ivcManagement", "INTERPOSITION_GRAFT");
        }

        @ParameterizedTest
        @ValueSource(strings = {"PATCH_CAVOPLASTY", "INTERPOSITION_GRAFT"})
        void conduit_patency_is_reported_after_a_patch_or_graft(String management) {
            Plan plan = operated().with("/operation/ivcManagement", management).plan();

            assertThat(statusOf(plan, "surveillance.conduit-patency")).contains(RECOMMENDED);
        }

        @Test
        void conduit_patency_is_absent_after_ligation() {
            assertThat(statusOf(operated().with("/operation/ivcManagement", "LIGATION").plan(), "surveillance.conduit-patency"))
                    .isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"PARTIAL_THROMBOSIS", "OCCLUDED"})
        void a_thrombosed_conduit_on_the_latest_follow_up_is_reviewed_outside_the_source(String status) {
            Plan plan = graft().add("/followUp", "{\"date\": \"2020-09-01\", \"conduit\": \"PATENT\"}")
                    .add("/followUp", "{\"date\": \"2021-03-01\", \"conduit\": \"" + status + "\"}").plan();

            Recommendation r = rec(plan, "surveillance.conduit-thrombosis-review");
            assertThat(r.status()).isEqualTo(RECOMMENDED);
            assertThat(r.evidence()).isEqualTo("outside the source");
        }

        @Test
        void no_thrombosis_review_when_the_latest_follow_up_shows_a_patent_conduit() {
            Plan plan = graft().add("/followUp", "{\"date\": \"2020-09-01\", \"conduit\": \"PARTIAL_THROMBOSIS\"}")
                    .add("/followUp", "{\"date\": \"2021-03-01\", \"conduit\": \"PATENT\"}").plan();

            assertThat(statusOf(plan, "surveillance.conduit-thrombosis-review")).isEmpty();
        }

        @Test
        void no_thrombosis_review_without_a_conduit_finding() {
            assertThat(statusOf(graft().add("/followUp", "{\"date\": \"2020-09-01\"}").plan(), "surveillance.conduit-thrombosis-review"))
                    .isEmpty();
        }

        @Test
        void follow_up_visits_are_read_in_date_order() {
            Plan plan = graft().add("/followUp", "{\"date\": \"2021-03-01\", \"conduit\": \"OCCLUDED\"}")
                    .add("/followUp", "{\"date\": \"2020-09-01\", \"conduit\": \"PATENT\"}").plan();

            assertThat(statusOf(plan, "surveillance.conduit-thrombosis-review")).contains(RECOMMENDED);
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
