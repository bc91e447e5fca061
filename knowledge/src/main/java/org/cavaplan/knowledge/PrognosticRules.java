package org.cavaplan.knowledge;

import static org.cavaplan.knowledge.KbRule.factor;

import java.util.List;
import java.util.Optional;
import org.cavaplan.core.model.ImagingStudy;
import org.cavaplan.core.model.IntraluminalGrowth;
import org.cavaplan.core.model.Margin;
import org.cavaplan.core.model.Organ;
import org.cavaplan.core.model.Symptom;
import org.cavaplan.core.plan.Effect;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.Finding;

/** Prognostic factors named by the source (Introduction; Follow-up). */
final class PrognosticRules {

    private PrognosticRules() {}

    static List<KbRule> all() {
        return List.of(
                factor("prognosis.macroscopic-residual", "R2 resection", List.of(Sources.INTRODUCTION), PrognosticRules::residual),
                factor("prognosis.upper-segment", "level 3 involved", List.of(Sources.INTRODUCTION), PrognosticRules::upper),
                factor("prognosis.intraluminal-growth", "significant intraluminal growth", List.of(Sources.INTRODUCTION),
                        PrognosticRules::intraluminal),
                factor("prognosis.liver-compromise", "Budd-Chiari, hepatic vein thrombosis or liver invasion",
                        List.of(Sources.INTRODUCTION), PrognosticRules::liver),
                factor("prognosis.survival-after-resection", "a resection is planned or done",
                        List.of(Sources.INTRODUCTION, Sources.FOLLOW_UP), PrognosticRules::survival));
    }

    static List<Finding> residual(Facts f, Draft d) {
        if (f.margin().filter(m -> m == Margin.R2).isEmpty()) {
            return d.silent();
        }
        return d.because(new Fact("/pathology/margin", "R2")).factor(Effect.POORER, "Macroscopic residual tumor worsens the prognosis.");
    }

    static List<Finding> upper(Facts f, Draft d) {
        if (!f.level(3).yes()) {
            return d.silent();
        }
        return d.because(f.extentFacts()).factor(Effect.POORER, "Involvement of the upper IVC segment (level 3) worsens the prognosis.");
    }

    static List<Finding> intraluminal(Facts f, Draft d) {
        Optional<Fact> growth = f.baseline(ImagingStudy::intraluminalGrowth, "intraluminalGrowth");
        if (growth.filter(g -> IntraluminalGrowth.SIGNIFICANT.name().equals(g.value())).isEmpty()) {
            return d.silent();
        }
        return d.because(growth.get()).factor(Effect.POORER, "Significant growth of tumor inside the IVC lumen worsens the prognosis.");
    }

    static List<Finding> liver(Facts f, Draft d) {
        if (f.symptoms.contains(Symptom.BUDD_CHIARI)) {
            d.because(new Fact("/presentation/symptoms", Facts.sorted(f.symptoms)));
        }
        f.baseline(ImagingStudy::hepaticVeinThrombosis, "hepaticVeinThrombosis").filter(x -> Boolean.TRUE.equals(x.value()))
                .ifPresent(d::because);
        f.baselineStudy(ImagingStudy::invadedOrgans).filter(s -> s.invadedOrgans().get().contains(Organ.LIVER))
                .ifPresent(s -> d.because(new Fact(s.pointer("invadedOrgans"), Facts.sorted(s.invadedOrgans().get()))));
        if (!d.hasFacts()) {
            return d.silent();
        }
        return d.factor(Effect.POORER, "Compromise of the liver (Budd-Chiari, hepatic vein thrombosis or invasion) "
                + "worsens the prognosis.");
    }

    static List<Finding> survival(Facts f, Draft d) {
        if (!f.resectionPlannedOrDone()) {
            return d.silent();
        }
        return d.because(f.resectionBasis()).factor(Effect.INFORMATIONAL,
                "After resection, 5-year survival is 33-68% (33-70% with negative margins); 30-day mortality reaches 15%.");
    }
}
