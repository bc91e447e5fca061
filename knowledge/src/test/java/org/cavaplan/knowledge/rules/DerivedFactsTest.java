package org.cavaplan.knowledge.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.cavaplan.knowledge.rules.CaseFixtures.number;
import static org.cavaplan.knowledge.rules.CaseFixtures.operated;
import static org.cavaplan.knowledge.rules.CaseFixtures.pointersRead;
import static org.cavaplan.knowledge.rules.CaseFixtures.pretreatment;
import static org.cavaplan.knowledge.rules.CaseFixtures.rec;
import static org.cavaplan.knowledge.rules.CaseFixtures.seed;
import static org.cavaplan.knowledge.rules.CaseFixtures.statusOf;
import static org.cavaplan.knowledge.rules.CaseFixtures.warningCodes;

import java.time.LocalDate;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.cavaplan.core.plan.Intent;
import org.cavaplan.core.plan.Concordance;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.Verdict;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.Response;
import org.cavaplan.core.plan.ResponseCategory;
import org.cavaplan.core.plan.Stage;
import org.cavaplan.core.plan.Status;
import org.cavaplan.io.ReadResult;
import org.cavaplan.knowledge.Settings;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** §2 of the plan contract: the facts every rule reads. */
class DerivedFactsTest {

    private static CaseFixtures extents(String cranial, String caudal) {
        return pretreatment().with("/imaging/0/cranialExtent", cranial).with("/imaging/0/caudalExtent", caudal);
    }

    @Nested
    class IvcLevels {

        @ParameterizedTest(name = "{0} is level {1}")
        @CsvSource({"RIGHT_ATRIUM, 3", "SUPRAHEPATIC, 3", "HEPATIC_VEINS, 3", "SUPRARENAL, 2", "RENAL_VEINS, 2",
                "INFRARENAL, 1", "ILIAC_CONFLUENCE, 1"})
        void each_landmark_belongs_to_its_level(String landmark, int level) {
            assertThat(extents(landmark, landmark).plan().classification().ivcLevels()).containsExactly(level);
        }

        @Test
        void the_levels_run_from_the_cranial_to_the_caudal_extent_sorted() {
            assertThat(extents("SUPRAHEPATIC", "ILIAC_CONFLUENCE").plan().classification().ivcLevels()).containsExactly(1, 2, 3);
            assertThat(extents("RENAL_VEINS", "INFRARENAL").plan().classification().ivcLevels()).containsExactly(1, 2);
            assertThat(extents("HEPATIC_VEINS", "SUPRARENAL").plan().classification().ivcLevels()).containsExactly(2, 3);
        }

        @Test
        void the_levels_are_empty_when_an_extent_is_unknown() {
            Plan plan = pretreatment().without("/imaging/0/caudalExtent").plan();

            assertThat(plan.classification().ivcLevels()).isEmpty();
        }

        @Test
        void a_cranial_extent_below_the_caudal_extent_is_an_input_error() {
            ReadResult result = extents("INFRARENAL", "HEPATIC_VEINS").read();

            assertThat(result).isInstanceOf(ReadResult.Invalid.class);
            assertThat(((ReadResult.Invalid) result).errors()).anySatisfy(e ->
                    assertThat(e.pointer()).isEqualTo("/imaging/0/cranialExtent"));
        }

        @Test
        void the_extension_is_intracardiac_only_when_the_cranial_extent_is_the_right_atrium() {
            assertThat(extents("RIGHT_ATRIUM", "HEPATIC_VEINS").plan().classification().intracardiacExtension()).isTrue();
            assertThat(extents("SUPRAHEPATIC", "HEPATIC_VEINS").plan().classification().intracardiacExtension()).isFalse();
        }
    }

    @Nested
    class StageOfThePathway {

        @Test
        void a_case_with_imaging_only_is_pretreatment() {
            assertThat(pretreatment().plan().stage()).isEqualTo(Stage.PRETREATMENT);
        }

        @Test
        void an_empty_neoadjuvant_section_keeps_the_case_pretreatment() {
            assertThat(pretreatment().withJson("/neoadjuvant", "{}").plan().stage()).isEqualTo(Stage.PRETREATMENT);
        }

        @Test
        void a_neoadjuvant_therapy_makes_the_case_post_neoadjuvant() {
            Plan plan = pretreatment().withJson("/neoadjuvant/chemotherapy", "{\"regimen\": \"doxorubicin\"}").plan();

            assertThat(plan.stage()).isEqualTo(Stage.POST_NEOADJUVANT);
        }

        @Test
        void an_operation_makes_the_case_postoperative() {
            assertThat(pretreatment().with("/operation/date", "2020-03-02").plan().stage()).isEqualTo(Stage.POSTOPERATIVE);
        }

        @Test
        void pathology_alone_makes_the_case_postoperative() {
            assertThat(pretreatment().with("/pathology/margin", "R0").plan().stage()).isEqualTo(Stage.POSTOPERATIVE);
        }

        @Test
        void any_follow_up_visit_makes_the_case_follow_up() {
            Plan plan = operated().add("/followUp", "{\"date\": \"2020-09-01\"}").plan();

            assertThat(plan.stage()).isEqualTo(Stage.FOLLOW_UP);
        }
    }

    @Nested
    class IntentOfTreatment {

        @Test
        void an_empty_list_of_metastases_means_staged_and_curative() {
            assertThat(pretreatment().plan().intent()).isEqualTo(Intent.CURATIVE);
        }

        @Test
        void intent_is_undetermined_while_no_study_records_distant_metastases() {
            assertThat(pretreatment().without("/imaging/0/distantMetastases").plan().intent()).isEqualTo(Intent.UNDETERMINED);
        }

        @Test
        void metastases_on_a_preoperative_study_make_the_intent_palliative() {
            assertThat(pretreatment().with("/imaging/0/distantMetastases", List.of("LUNG")).plan().intent())
                    .isEqualTo(Intent.PALLIATIVE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"liverMetastases", "peritonealMetastases", "frozenSectionConfirmedMetastasis"})
        void a_metastasis_found_at_operation_makes_the_intent_palliative(String finding) {
            assertThat(operated().with("/operation/findings/" + finding, true).plan().intent()).isEqualTo(Intent.PALLIATIVE);
        }

        @Test
        void operative_findings_recorded_as_false_keep_the_intent_curative() {
            Plan plan = operated().with("/operation/findings/liverMetastases", false)
                    .with("/operation/findings/peritonealMetastases", false).plan();

            assertThat(plan.intent()).isEqualTo(Intent.CURATIVE);
        }

        @Test
        void metastases_on_a_study_after_the_operation_do_not_change_the_intent() {
            Plan plan = operated().add("/imaging", """
                    { "date": "2020-06-01", "modality": "CT", "distantMetastases": ["LIVER"] }""").plan();

            assertThat(plan.intent()).isEqualTo(Intent.CURATIVE);
        }

        @Test
        void a_recurrence_in_follow_up_does_not_change_the_intent_of_the_primary_treatment() {
            Plan plan = operated().add("/followUp", """
                    { "date": "2021-06-01", "distantMetastases": ["LUNG"] }""").plan();

            assertThat(plan.intent()).isEqualTo(Intent.CURATIVE);
        }
    }

    @Nested
    class Grade {

        @Test
        void the_pathology_grade_takes_precedence_over_the_biopsy_grade() {
            Plan plan = operated().with("/histology/fnclccGrade", 3).with("/pathology/fnclccGrade", 1).plan();

            assertThat(plan.classification().fnclccGrade()).contains(1);
        }

        @Test
        void the_biopsy_grade_is_used_while_pathology_has_none() {
            Plan plan = operated().with("/histology/fnclccGrade", 2).without("/pathology/fnclccGrade").plan();

            assertThat(plan.classification().fnclccGrade()).contains(2);
        }

        @Test
        void the_grade_is_null_when_nothing_records_it() {
            assertThat(pretreatment().plan().classification().fnclccGrade()).isEmpty();
        }
    }

    @Nested
    class AjccEighthEdition {

        private Plan staged(double sizeCm, Integer grade) {
            CaseFixtures f = pretreatment().with("/imaging/0/tumorDiametersCm", List.of(sizeCm));
            return (grade == null ? f : f.with("/histology/fnclccGrade", grade)).plan();
        }

        @ParameterizedTest(name = "{0} cm, grade {1} is stage {2}")
        @CsvSource(nullValues = "X", value = {
            "5.0, 1, IA", "5.0, X, IA", "3.0, 1, IA",
            "5.1, 1, IB", "10.0, 1, IB", "10.1, X, IB", "15.0, 1, IB", "15.1, 1, IB", "40.0, X, IB",
            "5.0, 2, II", "2.0, 3, II",
            "5.1, 2, IIIA", "10.0, 3, IIIA",
            "10.1, 2, IIIB", "15.0, 3, IIIB", "15.1, 2, IIIB", "30.0, 3, IIIB"})
        void every_t_and_grade_combination_has_its_stage(double sizeCm, Integer grade, String stage) {
            assertThat(staged(sizeCm, grade).classification().ajccStage()).contains(stage);
        }

        @Test
        void a_staged_tumor_warns_that_n0_is_assumed() {
            assertThat(warningCodes(staged(6.0, 2))).contains("AJCC_N0_ASSUMED");
        }

        @Test
        void metastases_on_preoperative_imaging_are_stage_iv_whatever_the_size_and_grade() {
            Plan plan = pretreatment().with("/imaging/0/tumorDiametersCm", List.of(3.0))
                    .with("/imaging/0/distantMetastases", List.of("LUNG")).plan();

            assertThat(plan.classification().ajccStage()).contains("IV");
        }

        @Test
        void a_metastasis_confirmed_at_operation_makes_the_pathological_stage_iv_but_not_the_clinical_stage() {
            Plan plan = operated().with("/operation/findings/frozenSectionConfirmedMetastasis", true).plan();

            assertThat(plan.classification().ajccPathologicalStage()).contains("IV");
            assertThat(plan.classification().ajccStage()).contains("IB");
        }

        @Test
        void the_clinical_stage_reads_the_pretreatment_size_and_the_pathological_stage_the_specimen() {
            Plan plan = operated().with("/imaging/0/tumorDiametersCm", List.of(4.0))
                    .with("/pathology/maxDiameterCm", 12.0).with("/pathology/fnclccGrade", 3).plan();

            assertThat(plan.classification().ajccStage()).contains("IA");
            assertThat(plan.classification().ajccPathologicalStage()).contains("IIIB");
        }

        @Test
        void the_clinical_stage_uses_the_study_before_neoadjuvant_therapy_not_the_restaging() {
            Plan plan = pretreatment().with("/imaging/0/tumorDiametersCm", List.of(11.0)).with("/histology/fnclccGrade", 2)
                    .withJson("/neoadjuvant/radiotherapy", "{\"totalDoseGy\": 50, \"endDate\": \"2020-03-01\"}")
                    .add("/imaging", "{\"date\": \"2020-04-01\", \"modality\": \"CT\", \"tumorDiametersCm\": [4.0], "
                            + "\"distantMetastases\": []}").plan();

            assertThat(plan.classification().ajccStage()).contains("IIIB");
        }

        @Test
        void suspicious_regional_nodes_make_stage_iiib_and_recorded_nodes_lift_the_n0_warning() {
            Plan plan = pretreatment().with("/imaging/0/tumorDiametersCm", List.of(4.0)).with("/histology/fnclccGrade", 1)
                    .with("/imaging/0/regionalNodes", "N1").plan();

            assertThat(plan.classification().ajccStage()).contains("IIIB");
            assertThat(warningCodes(plan)).doesNotContain("AJCC_N0_ASSUMED");
        }

        @Test
        void the_size_is_the_largest_diameter_of_the_planning_baseline() {
            Plan plan = pretreatment().with("/imaging/0/tumorDiametersCm", List.of(4.0, 11.0, 6.0))
                    .with("/histology/fnclccGrade", 2).plan();

            assertThat(plan.classification().ajccStage()).contains("IIIB");
        }

        /** Engine's choice where the contract is silent: without staging (M unknown) no stage is given. */
        @Test
        void the_stage_is_null_while_staging_for_metastases_is_not_recorded() {
            Plan plan = pretreatment().without("/imaging/0/distantMetastases").plan();

            assertThat(plan.classification().ajccStage()).isEmpty();
        }
    }

    @Nested
    class PlanningBaseline {

        private CaseFixtures twoStudies() {
            return pretreatment().with("/imaging/0/ivcLumen", "OCCLUDED").with("/imaging/0/collaterals", "WELL_DEVELOPED")
                    .add("/imaging", """
                            { "date": "2020-02-01", "modality": "MRI", "ivcLumen": "OCCLUDED",
                              "ivcInvolvement": "WALL", "cranialExtent": "INFRARENAL", "caudalExtent": "INFRARENAL" }""");
        }

        /** Before the operation ligation waits for the operation's findings; imaging only makes it likely (v2). */
        private static boolean likelyFromImaging(Recommendation ligation) {
            assertThat(ligation.status()).isEqualTo(Status.CONDITIONAL);
            return Boolean.TRUE.equals(ligation.parameters().get("likelyFromImaging"));
        }

        /** After the operation a recorded ligation is judged against the baseline; the verdict shows what was read. */
        private static Concordance ligationJudged(Plan plan) {
            return plan.concordance().stream().filter(c -> c.id().equals("ivc.ligation")).findFirst().orElseThrow();
        }

        private static List<String> pointers(Concordance c) {
            return c.because().stream().map(Fact::pointer).toList();
        }

        @Test
        void a_later_study_without_a_field_does_not_hide_an_earlier_value() {
            Recommendation ligation = rec(twoStudies().plan(), "ivc.ligation");

            assertThat(likelyFromImaging(ligation)).isTrue();
            assertThat(pointersRead(ligation)).contains("/imaging/0/collaterals", "/imaging/1/ivcLumen");
        }

        @Test
        void the_latest_study_with_the_field_wins() {
            Plan plan = twoStudies().with("/imaging/1/ivcLumen", "PATENT").plan();

            assertThat(statusOf(plan, "ivc.ligation")).contains(Status.NOT_RECOMMENDED);
            assertThat(pointersRead(rec(plan, "ivc.ligation"))).contains("/imaging/1/ivcLumen");
        }

        @Test
        void studies_are_ordered_by_date_not_by_position_and_cited_by_position() {
            Plan plan = pretreatment().with("/imaging/0/date", "2020-02-01").with("/imaging/0/ivcLumen", "OCCLUDED")
                    .with("/imaging/0/collaterals", "WELL_DEVELOPED")
                    .add("/imaging", """
                            { "date": "2019-12-01", "modality": "MRI", "ivcLumen": "PATENT" }""").plan();

            assertThat(likelyFromImaging(rec(plan, "ivc.ligation"))).isTrue();
            assertThat(pointersRead(rec(plan, "ivc.ligation"))).contains("/imaging/0/ivcLumen");
        }

        @Test
        void a_study_after_the_operation_is_never_the_planning_baseline() {
            Plan plan = operated().with("/operation/ivcManagement", "LIGATION").add("/imaging", """
                    { "date": "2020-04-01", "modality": "CT", "ivcInvolvement": "WALL", "ivcLumen": "OCCLUDED",
                      "collaterals": "WELL_DEVELOPED", "cranialExtent": "INFRARENAL", "caudalExtent": "INFRARENAL" }""").plan();

            Concordance judged = ligationJudged(plan);
            assertThat(judged.verdict()).isNotEqualTo(Verdict.CONCORDANT);
            assertThat(pointers(judged)).doesNotContain("/imaging/1/ivcLumen", "/imaging/1/collaterals");
        }

        @Test
        void a_study_on_the_day_of_the_operation_still_counts_as_baseline() {
            Plan plan = operated().with("/imaging/0/date", CaseFixtures.OPERATION_DATE).with("/imaging/0/ivcLumen", "OCCLUDED")
                    .with("/imaging/0/collaterals", "WELL_DEVELOPED").with("/operation/ivcManagement", "LIGATION").plan();

            assertThat(ligationJudged(plan).verdict()).isEqualTo(Verdict.CONCORDANT);
        }

        @Test
        void intraoperative_lumen_and_collaterals_override_imaging() {
            Plan plan = operated().with("/imaging/0/ivcLumen", "PATENT").with("/imaging/0/collaterals", "NONE")
                    .with("/operation/findings/ivcLumen", "OCCLUDED")
                    .with("/operation/findings/collaterals", "WELL_DEVELOPED").with("/operation/ivcManagement", "LIGATION").plan();

            Concordance judged = ligationJudged(plan);
            assertThat(judged.verdict()).isEqualTo(Verdict.CONCORDANT);
            assertThat(pointers(judged)).contains("/operation/findings/ivcLumen", "/operation/findings/collaterals");
        }

        @Test
        void an_intraoperative_finding_overrides_only_its_own_field() {
            Plan plan = operated().with("/imaging/0/ivcLumen", "OCCLUDED").with("/imaging/0/collaterals", "MINIMAL")
                    .with("/operation/findings/collaterals", "WELL_DEVELOPED").with("/operation/ivcManagement", "LIGATION").plan();

            Concordance judged = ligationJudged(plan);
            assertThat(judged.verdict()).isEqualTo(Verdict.CONCORDANT);
            assertThat(pointers(judged)).contains("/imaging/0/ivcLumen", "/operation/findings/collaterals");
        }
    }

    @Nested
    class Recist {

        /** Measured before (2020-01-10, CT) and after (2020-04-01, CT) radiotherapy ending 2020-03-01. */
        private CaseFixtures measured(List<Double> before, List<Double> after) {
            return pretreatment().with("/imaging/0/tumorDiametersCm", before)
                    .withJson("/neoadjuvant/radiotherapy", "{\"totalDoseGy\": 50, \"endDate\": \"2020-03-01\"}")
                    .add("/imaging", "{\"date\": \"2020-04-01\", \"modality\": \"CT\", \"distantMetastases\": []}")
                    .with("/imaging/1/tumorDiametersCm", after);
        }

        private Response response(double before, double after) {
            return measured(List.of(before), List.of(after)).plan().response().orElseThrow();
        }

        @Test
        void a_shrinkage_of_exactly_30_percent_is_a_partial_response() {
            Response r = response(10.0, 7.0);

            assertThat(r.category()).isEqualTo(ResponseCategory.PR);
            assertThat(r.longestDiameterChangePct()).isEqualTo(-30.0);
            assertThat(r.absoluteChangeMm()).isEqualTo(-30.0);
        }

        @Test
        void a_shrinkage_just_under_30_percent_is_stable_disease() {
            assertThat(response(10.0, 7.1).category()).isEqualTo(ResponseCategory.SD);
        }

        @Test
        void growth_of_20_percent_and_5_mm_is_progression() {
            Response r = response(2.5, 3.0);

            assertThat(r.category()).isEqualTo(ResponseCategory.PD);
            assertThat(r.longestDiameterChangePct()).isEqualTo(20.0);
            assertThat(r.absoluteChangeMm()).isEqualTo(5.0);
        }

        @Test
        void growth_over_20_percent_but_under_5_mm_is_stable_disease() {
            Response r = response(2.0, 2.45);

            assertThat(r.longestDiameterChangePct()).isGreaterThan(20.0);
            assertThat(r.category()).isEqualTo(ResponseCategory.SD);
        }

        @Test
        void growth_of_5_mm_under_20_percent_is_stable_disease() {
            assertThat(response(10.0, 11.5).category()).isEqualTo(ResponseCategory.SD);
        }

        @Test
        void new_distant_metastases_on_the_follow_up_study_make_it_progression_even_when_the_tumor_shrank() {
            Plan plan = measured(List.of(10.0), List.of(6.0)).with("/imaging/1/distantMetastases", List.of("LIVER")).plan();

            assertThat(plan.response().orElseThrow().category()).isEqualTo(ResponseCategory.PD);
        }

        @Test
        void the_change_is_reported_with_one_decimal() {
            Response r = response(4.6, 5.5);

            assertThat(r.longestDiameterChangePct()).isEqualTo(19.6);
            assertThat(r.absoluteChangeMm()).isEqualTo(9.0);
        }

        @Test
        void the_volume_change_uses_the_ellipsoid_of_three_diameters() {
            Response r = measured(List.of(10.0, 8.0, 6.0), List.of(8.0, 6.0, 5.0)).plan().response().orElseThrow();

            assertThat(r.volumeChangePct()).contains(-50.0);
            assertThat(r.longestDiameterChangePct()).isEqualTo(-20.0);
            assertThat(r.category()).isEqualTo(ResponseCategory.SD);
        }

        @Test
        void the_volume_change_is_null_unless_both_studies_have_three_diameters() {
            Response r = measured(List.of(10.0, 8.0, 6.0), List.of(8.0)).plan().response().orElseThrow();

            assertThat(r.volumeChangePct()).isEmpty();
        }

        @Test
        void there_is_no_response_without_a_neoadjuvant_end_date() {
            Plan plan = measured(List.of(10.0), List.of(7.0)).without("/neoadjuvant/radiotherapy/endDate").plan();

            assertThat(plan.response()).isEmpty();
        }

        @Test
        void there_is_no_response_without_neoadjuvant_therapy() {
            assertThat(measured(List.of(10.0), List.of(7.0)).without("/neoadjuvant").plan().response()).isEmpty();
        }

        @Test
        void baseline_is_the_latest_measured_study_before_the_end_and_follow_up_the_latest_not_after_the_operation() {
            Plan plan = measured(List.of(8.0), List.of(7.0))
                    .add("/imaging", "{\"date\": \"2019-12-01\", \"modality\": \"CT\", \"tumorDiametersCm\": [12.0]}")
                    .add("/imaging", "{\"date\": \"2020-02-01\", \"modality\": \"CT\"}")
                    .with("/operation/date", "2020-05-01")
                    .add("/imaging", "{\"date\": \"2020-06-01\", \"modality\": \"CT\", \"tumorDiametersCm\": [2.0]}")
                    .plan();

            Response r = plan.response().orElseThrow();
            assertThat(r.baselineDate()).isEqualTo(LocalDate.parse("2020-01-10"));
            assertThat(r.followUpDate()).isEqualTo(LocalDate.parse("2020-04-01"));
            assertThat(r.longestDiameterChangePct()).isEqualTo(-12.5);
        }

        @Test
        void the_earliest_neoadjuvant_end_date_separates_baseline_from_follow_up() {
            Plan plan = measured(List.of(10.0), List.of(6.0))
                    .withJson("/neoadjuvant/chemotherapy", "{\"regimen\": \"doxorubicin\", \"endDate\": \"2020-05-01\"}").plan();

            Response r = plan.response().orElseThrow();
            assertThat(r.baselineDate()).isEqualTo(LocalDate.parse("2020-01-10"));
            assertThat(r.followUpDate()).isEqualTo(LocalDate.parse("2020-04-01"));
        }

        @Test
        void a_change_of_modality_is_warned_about() {
            Plan plan = measured(List.of(10.0), List.of(9.0)).with("/imaging/1/modality", "MRI").plan();

            assertThat(plan.response().orElseThrow().sameModality()).isFalse();
            assertThat(warningCodes(plan)).contains("MODALITY_CHANGED");
        }

        @Test
        void the_same_modality_gives_no_warning() {
            Plan plan = measured(List.of(10.0), List.of(9.0)).plan();

            assertThat(plan.response().orElseThrow().sameModality()).isTrue();
            assertThat(warningCodes(plan)).doesNotContain("MODALITY_CHANGED");
        }

        @Test
        void the_seed_case_is_stable_disease_with_the_contract_numbers() {
            Plan plan = seed().plan();

            Response r = plan.response().orElseThrow();
            assertThat(r.criteria()).isEqualTo("RECIST_1_1");
            assertThat(r.category()).isEqualTo(ResponseCategory.SD);
            assertThat(r.baselineDate()).isEqualTo(LocalDate.parse("2013-01-15"));
            assertThat(r.followUpDate()).isEqualTo(LocalDate.parse("2013-04-12"));
            assertThat(r.longestDiameterChangePct()).isEqualTo(19.6);
            assertThat(r.absoluteChangeMm()).isEqualTo(9.0);
            assertThat(r.volumeChangePct()).contains(-25.6);
            assertThat(warningCodes(plan)).contains("MODALITY_CHANGED");
        }
    }

    @Nested
    class Radiobiology {

        private CaseFixtures irradiated(double doseGy, int fractions) {
            return pretreatment().withJson("/neoadjuvant/radiotherapy",
                    "{\"totalDoseGy\": " + doseGy + ", \"fractions\": " + fractions + ", \"endDate\": \"2020-03-01\"}");
        }

        private Object prior(Plan plan) {
            return rec(plan, "neoadjuvant.restaging").parameters().get("priorRadiotherapy");
        }

        @Test
        void fifty_gray_in_two_gray_fractions_is_an_eqd2_of_fifty_and_a_bed_of_seventy_five() {
            Object prior = prior(irradiated(50, 25).plan());

            assertThat(number(prior, "eqd2Gy")).isCloseTo(50.0, within(0.01));
            assertThat(number(prior, "bedGy")).isCloseTo(75.0, within(0.01));
            assertThat(number(prior, "alphaBetaGy")).isEqualTo(4.0);
        }

        @Test
        void eqd2_and_bed_use_an_alpha_beta_of_4_gray_by_default() {
            Object prior = prior(irradiated(55, 25).plan());

            assertThat(number(prior, "eqd2Gy")).isCloseTo(56.83, within(0.01));
            assertThat(number(prior, "bedGy")).isCloseTo(85.25, within(0.01));
        }

        @Test
        void a_centre_can_change_alpha_beta_by_name() {
            Plan plan = irradiated(55, 25).plan(Settings.defaults().with("radiobiology.alphaBetaGy", 10));

            Object prior = prior(plan);
            assertThat(number(prior, "alphaBetaGy")).isEqualTo(10.0);
            assertThat(number(prior, "eqd2Gy")).isCloseTo(55.92, within(0.01));
            assertThat(number(prior, "bedGy")).isCloseTo(67.10, within(0.01));
        }

        @Test
        void without_fractions_there_is_no_eqd2() {
            Plan plan = pretreatment().withJson("/neoadjuvant/radiotherapy", "{\"totalDoseGy\": 50, \"endDate\": \"2020-03-01\"}")
                    .plan();

            assertThat(rec(plan, "neoadjuvant.restaging").parameters().get("priorRadiotherapy"))
                    .asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class))
                    .containsKey("totalDoseGy").doesNotContainKeys("eqd2Gy", "bedGy");
        }
    }
}
