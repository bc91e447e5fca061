package org.cavaplan.knowledge.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.cavaplan.knowledge.rules.CaseFixtures.operated;
import static org.cavaplan.knowledge.rules.CaseFixtures.pretreatment;

import java.util.List;
import java.util.Optional;
import org.cavaplan.core.plan.Effect;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.PrognosticFactor;
import org.cavaplan.knowledge.CavaPlanKnowledge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** §3 Prognostic factors (v2 table): registry facts, kept whatever the stage rule silences. */
class PrognosticRulesTest {

    private static Optional<Effect> effect(Plan plan, String id) {
        return plan.prognosticFactors().stream().filter(p -> p.id().equals(id)).map(PrognosticFactor::effect).findFirst();
    }

    @Test
    void an_r2_resection_is_a_poorer_prognosis() {
        assertThat(effect(operated().with("/pathology/margin", "R2").plan(), "prognosis.macroscopic-residual"))
                .contains(Effect.POORER);
    }

    @Test
    void an_r1_resection_is_not_macroscopic_residual() {
        assertThat(effect(operated().with("/pathology/margin", "R1").plan(), "prognosis.macroscopic-residual")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SUPRAHEPATIC", "RIGHT_ATRIUM"})
    void a_tumor_above_the_hepatic_veins_is_a_poorer_prognosis(String cranial) {
        assertThat(effect(pretreatment().with("/imaging/0/cranialExtent", cranial).plan(), "prognosis.upper-segment"))
                .contains(Effect.POORER);
    }

    /** v2: level 3 begins at the hepatic veins, but the factor asks for extension above them. */
    @ParameterizedTest
    @ValueSource(strings = {"HEPATIC_VEINS", "RENAL_VEINS", "INFRARENAL"})
    void a_tumor_reaching_up_to_the_hepatic_veins_only_is_not_the_upper_segment_factor(String cranial) {
        assertThat(effect(pretreatment().with("/imaging/0/cranialExtent", cranial).plan(), "prognosis.upper-segment")).isEmpty();
    }

    @Test
    void significant_intraluminal_growth_is_a_poorer_prognosis_and_minor_growth_is_not() {
        assertThat(effect(pretreatment().with("/imaging/0/intraluminalGrowth", "SIGNIFICANT").plan(), "prognosis.intraluminal-growth"))
                .contains(Effect.POORER);
        assertThat(effect(pretreatment().with("/imaging/0/intraluminalGrowth", "MINOR").plan(), "prognosis.intraluminal-growth"))
                .isEmpty();
    }

    @Test
    void budd_chiari_is_a_liver_compromise() {
        Plan plan = pretreatment().with("/presentation/symptoms", List.of("BUDD_CHIARI")).plan();

        assertThat(effect(plan, "prognosis.liver-compromise")).contains(Effect.POORER);
    }

    @Test
    void hepatic_vein_thrombosis_is_a_liver_compromise() {
        Plan plan = pretreatment().with("/imaging/0/hepaticVeinThrombosis", true).plan();

        assertThat(effect(plan, "prognosis.liver-compromise")).contains(Effect.POORER);
    }

    @Test
    void liver_invasion_is_a_liver_compromise() {
        Plan plan = pretreatment().with("/imaging/0/invadedOrgans", List.of("LIVER")).plan();

        assertThat(effect(plan, "prognosis.liver-compromise")).contains(Effect.POORER);
    }

    @Test
    void no_liver_compromise_without_any_of_its_signs() {
        Plan plan = pretreatment().with("/imaging/0/hepaticVeinThrombosis", false)
                .with("/imaging/0/invadedOrgans", List.of("RIGHT_KIDNEY")).plan();

        assertThat(effect(plan, "prognosis.liver-compromise")).isEmpty();
    }

    @Test
    void fnclcc_grade_3_is_a_poorer_prognosis_from_the_recent_series() {
        PrognosticFactor p = factor(operated().with("/pathology/fnclccGrade", 3).plan(), "prognosis.high-grade");

        assertThat(p.effect()).isEqualTo(Effect.POORER);
        assertThat(p.sources()).extracting(s -> s.id()).containsExactly("J Surg Oncol 2024");
        assertThat(p.because()).extracting(f -> f.pointer()).containsExactly("/pathology/fnclccGrade");
    }

    @Test
    void the_biopsy_grade_counts_before_the_operation() {
        Plan plan = pretreatment().with("/histology/fnclccGrade", 3).plan();

        assertThat(effect(plan, "prognosis.high-grade")).contains(Effect.POORER);
    }

    @Test
    void grade_2_is_not_the_high_grade_factor() {
        assertThat(effect(operated().with("/pathology/fnclccGrade", 2).plan(), "prognosis.high-grade")).isEmpty();
    }

    @Test
    void resecting_adjacent_organs_en_bloc_is_a_poorer_prognosis() {
        PrognosticFactor p = factor(operated().with("/operation/enBlocResections", List.of("RIGHT_KIDNEY", "COLON")).plan(),
                "prognosis.adjacent-organ-resection");

        assertThat(p.effect()).isEqualTo(Effect.POORER);
        assertThat(p.summary()).contains("right kidney").contains("colon");
        assertThat(p.sources()).extracting(s -> s.id()).containsExactly("Wachtel 2015");
    }

    @Test
    void no_adjacent_organ_factor_without_an_en_bloc_resection() {
        assertThat(effect(operated().with("/operation/enBlocResections", List.of()).plan(), "prognosis.adjacent-organ-resection"))
                .isEmpty();
        assertThat(effect(operated().plan(), "prognosis.adjacent-organ-resection")).isEmpty();
    }

    @Test
    void a_tumor_confined_to_the_middle_segment_is_a_favourable_prognosis() {
        Plan plan = pretreatment().with("/imaging/0/cranialExtent", "SUPRARENAL").with("/imaging/0/caudalExtent", "RENAL_VEINS")
                .plan();

        assertThat(plan.classification().ivcLevels()).containsExactly(2);
        assertThat(effect(plan, "prognosis.middle-segment-only")).contains(Effect.FAVOURABLE);
    }

    @Test
    void a_tumor_reaching_beyond_the_middle_segment_is_not_the_favourable_factor() {
        Plan lower = pretreatment().with("/imaging/0/cranialExtent", "RENAL_VEINS").plan();
        Plan upper = pretreatment().with("/imaging/0/cranialExtent", "HEPATIC_VEINS").with("/imaging/0/caudalExtent", "RENAL_VEINS")
                .plan();

        assertThat(effect(lower, "prognosis.middle-segment-only")).isEmpty();
        assertThat(effect(upper, "prognosis.middle-segment-only")).isEmpty();
        assertThat(effect(pretreatment().plan(), "prognosis.middle-segment-only")).isEmpty();
    }

    @Test
    void survival_after_resection_is_informational_when_a_resection_is_planned_or_done() {
        assertThat(effect(pretreatment().plan(), "prognosis.survival-after-resection")).contains(Effect.INFORMATIONAL);
        assertThat(effect(operated().plan(), "prognosis.survival-after-resection")).contains(Effect.INFORMATIONAL);
    }

    @Test
    void survival_after_resection_is_absent_when_no_resection_is_planned() {
        Plan metastatic = pretreatment().with("/imaging/0/distantMetastases", List.of("LUNG")).plan();
        Plan notStaged = pretreatment().without("/imaging/0/distantMetastases").plan();

        assertThat(effect(metastatic, "prognosis.survival-after-resection")).isEmpty();
        assertThat(effect(notStaged, "prognosis.survival-after-resection")).isEmpty();
    }

    /** §7.6: a palliative resection CONSIDERed for a relievable symptom is a resection considered. */
    @Test
    void survival_after_resection_is_given_when_a_palliative_resection_is_considered() {
        Plan plan = pretreatment().with("/imaging/0/distantMetastases", List.of("LUNG"))
                .with("/presentation/symptoms", List.of("ABDOMINAL_PAIN")).plan();

        assertThat(effect(plan, "prognosis.survival-after-resection")).contains(Effect.INFORMATIONAL);
    }

    @Test
    void the_survival_figures_give_the_article_beside_the_pooled_analysis_and_recent_series() {
        PrognosticFactor p = factor(operated().plan(), "prognosis.survival-after-resection");

        assertThat(p.summary()).contains("33-68 %").contains("33-70 %").contains("15 %")
                .contains("55 %").contains("6 %").contains("no 30-day deaths");
        assertThat(p.sources()).extracting(s -> s.id() + " " + s.locator()).contains("seed Introduction", "seed Follow-up")
                .anySatisfy(s -> assertThat(s).startsWith("Wachtel 2015"))
                .anySatisfy(s -> assertThat(s).startsWith("J Surg Oncol 2024"));
    }

    /** Prognostic factors are registry facts: they stay on the plan of a deceased patient, who gets no recommendation. */
    @Test
    void prognostic_factors_stay_for_a_deceased_patient() {
        Plan plan = operated().with("/pathology/margin", "R2").with("/pathology/fnclccGrade", 3)
                .withJson("/outcome", "{\"vitalStatus\": \"DEAD\", \"lastContactDate\": \"2020-09-01\", "
                        + "\"causeOfDeath\": \"DISEASE\"}").plan();

        assertThat(plan.recommendations()).isEmpty();
        assertThat(plan.prognosticFactors()).extracting(PrognosticFactor::id).containsExactlyInAnyOrder(
                "prognosis.macroscopic-residual", "prognosis.high-grade", "prognosis.survival-after-resection");
    }

    @Test
    void the_rules_list_the_factors_in_the_catalogue_order() {
        assertThat(CavaPlanKnowledge.create().rules()).extracting(r -> r.info().id()).filteredOn(id -> id.startsWith("prognosis."))
                .containsExactly("prognosis.macroscopic-residual", "prognosis.upper-segment", "prognosis.intraluminal-growth",
                        "prognosis.liver-compromise", "prognosis.high-grade", "prognosis.adjacent-organ-resection",
                        "prognosis.middle-segment-only", "prognosis.survival-after-resection");
    }

    private static PrognosticFactor factor(Plan plan, String id) {
        return plan.prognosticFactors().stream().filter(f -> f.id().equals(id)).findFirst()
                .orElseGet(() -> fail(id + " is missing; the plan has "
                        + plan.prognosticFactors().stream().map(PrognosticFactor::id).toList()));
    }
}
