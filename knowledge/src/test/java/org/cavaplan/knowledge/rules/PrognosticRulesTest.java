package org.cavaplan.knowledge.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cavaplan.knowledge.rules.CaseFixtures.operated;
import static org.cavaplan.knowledge.rules.CaseFixtures.pretreatment;

import java.util.List;
import java.util.Optional;
import org.cavaplan.core.plan.Effect;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.PrognosticFactor;
import org.junit.jupiter.api.Test;

/** §3 Prognostic factors. */
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

    @Test
    void upper_segment_involvement_is_a_poorer_prognosis() {
        assertThat(effect(pretreatment().with("/imaging/0/cranialExtent", "SUPRAHEPATIC").plan(), "prognosis.upper-segment"))
                .contains(Effect.POORER);
        assertThat(effect(pretreatment().plan(), "prognosis.upper-segment")).isEmpty();
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
    void survival_after_resection_is_informational_when_a_resection_is_planned_or_done() {
        assertThat(effect(pretreatment().plan(), "prognosis.survival-after-resection")).contains(Effect.INFORMATIONAL);
        assertThat(effect(operated().plan(), "prognosis.survival-after-resection")).contains(Effect.INFORMATIONAL);
    }

    @Test
    void survival_after_resection_is_absent_when_no_resection_is_planned() {
        Plan plan = pretreatment().with("/imaging/0/distantMetastases", List.of("LUNG")).plan();

        assertThat(effect(plan, "prognosis.survival-after-resection")).isEmpty();
    }

    @Test
    void the_survival_figures_are_those_of_the_contract() {
        PrognosticFactor p = operated().plan().prognosticFactors().stream()
                .filter(f -> f.id().equals("prognosis.survival-after-resection")).findFirst().orElseThrow();

        assertThat(p.summary()).contains("33").contains("68%").contains("70%").contains("15%");
        assertThat(p.sources()).isNotEmpty();
    }
}
