package org.cavaplan.knowledge;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.cavaplan.core.engine.RuleInfo;
import org.cavaplan.core.model.ImagingStudy;
import org.cavaplan.core.model.IntraluminalGrowth;
import org.cavaplan.core.model.Landmark;
import org.cavaplan.core.model.Margin;
import org.cavaplan.core.model.Operation;
import org.cavaplan.core.model.Organ;
import org.cavaplan.core.model.Symptom;
import org.cavaplan.core.plan.Effect;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.Finding;
import org.cavaplan.core.plan.SourceRef;

/**
 * Prognostic factors (S: Introduction; S: Follow-up; Wachtel 2015; J Surg Oncol 2024). They are
 * registry facts, not advice: they have no phase, so the stage rule never silences them, and they stay
 * on the plan of a deceased patient (plan contract §1.1, DECEASED).
 */
final class PrognosticRules {

    /** The highest grade of the FNCLCC scale. */
    private static final int FNCLCC_TOP_GRADE = 3;

    private PrognosticRules() {}

    static List<KbRule> all() {
        return List.of(
                factor("prognosis.macroscopic-residual", "R2 resection", "single review article", List.of(Sources.INTRODUCTION),
                        PrognosticRules::residual),
                factor("prognosis.upper-segment", "the cranial extent is above the hepatic veins (suprahepatic or right atrium)",
                        "single review article", List.of(Sources.INTRODUCTION), PrognosticRules::upper),
                factor("prognosis.intraluminal-growth", "significant intraluminal growth", "single review article",
                        List.of(Sources.INTRODUCTION), PrognosticRules::intraluminal),
                factor("prognosis.liver-compromise", "Budd-Chiari, hepatic vein thrombosis or liver invasion",
                        "single review article", List.of(Sources.INTRODUCTION), PrognosticRules::liver),
                factor("prognosis.high-grade", "FNCLCC grade 3, the highest grade", "retrospective series (J Surg Oncol 2024)",
                        List.of(Sources.JSO_2024), PrognosticRules::highGrade),
                factor("prognosis.adjacent-organ-resection", "organs resected en bloc at the operation",
                        "pooled analysis (Wachtel 2015)", List.of(Sources.WACHTEL_2015), PrognosticRules::adjacentOrgans),
                factor("prognosis.middle-segment-only", "the IVC levels are level 2 only (the middle, renal segment)",
                        "pooled analysis (Wachtel 2015)", List.of(Sources.WACHTEL_2015), PrognosticRules::middleSegmentOnly),
                factor("prognosis.survival-after-resection", "a resection is planned, considered or done",
                        "review article and pooled analysis",
                        List.of(Sources.INTRODUCTION, Sources.FOLLOW_UP, Sources.WACHTEL_2015, Sources.JSO_2024),
                        PrognosticRules::survival));
    }

    /** A prognostic factor with its own evidence label (no phase: the stage rule keeps it). */
    private static KbRule factor(String id, String condition, String evidence, List<SourceRef> sources, KbRule.Logic logic) {
        return new KbRule(new RuleInfo(id, Optional.empty(), condition, evidence, sources, List.of()), logic);
    }

    static List<Finding> residual(Facts f, Draft d) {
        if (f.margin().filter(m -> m == Margin.R2).isEmpty()) {
            return d.silent();
        }
        return d.because(new Fact("/pathology/margin", "R2")).factor(Effect.POORER, "Macroscopic residual tumor worsens the prognosis.");
    }

    static List<Finding> upper(Facts f, Draft d) {
        Optional<Landmark> top = f.cranial.map(Facts::landmark);
        if (top.filter(l -> l == Landmark.SUPRAHEPATIC || l == Landmark.RIGHT_ATRIUM).isEmpty()) {
            return d.silent();
        }
        return d.because(f.cranial.get()).factor(Effect.POORER, "Tumor extending above the hepatic veins"
                + (top.get() == Landmark.RIGHT_ATRIUM ? ", into the right atrium," : "") + " worsens the prognosis.");
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

    /** FNCLCC grade 3 (grade 2 counts as high grade elsewhere, not for this factor). */
    static List<Finding> highGrade(Facts f, Draft d) {
        if (f.grade.filter(g -> (Integer) g.value() == FNCLCC_TOP_GRADE).isEmpty()) {
            return d.silent();
        }
        return d.because(f.grade.get()).factor(Effect.POORER, "FNCLCC grade 3 predicted poorer survival in a recent caval "
                + "leiomyosarcoma series.");
    }

    static List<Finding> adjacentOrgans(Facts f, Draft d) {
        List<Organ> organs = f.operation.map(Operation::enBlocResections).filter(o -> !o.isEmpty())
                .map(o -> o.stream().sorted().toList()).orElse(List.of());
        if (organs.isEmpty()) {
            return d.silent();
        }
        List<String> names = organs.stream().map(o -> o.name().toLowerCase(Locale.ROOT).replace('_', ' ')).toList();
        return d.because(new Fact("/operation/enBlocResections", organs.stream().map(Organ::name).toList()))
                .factor(Effect.POORER, "Resection of adjacent organs en bloc (" + String.join(", ", names)
                        + ") was linked with poorer survival in the pooled analysis.");
    }

    static List<Finding> middleSegmentOnly(Facts f, Draft d) {
        if (!f.levels.equals(List.of(2))) {
            return d.silent();
        }
        return d.because(f.extentFacts()).factor(Effect.FAVOURABLE,
                "Tumor confined to the middle (renal) segment of the IVC was linked with better survival in the pooled analysis.");
    }

    static List<Finding> survival(Facts f, Draft d) {
        if (f.operation.isPresent()) {
            d.because(f.resectionBasis());
        } else if (f.afterOperation()) {
            d.because(new Fact("/pathology/margin", f.margin().orElseThrow().name()));
        } else if (f.resectionPlan.kind() != ResectionPlan.Kind.NONE) {
            d.because(f.resectionPlan.basis());
        } else {
            return d.silent();
        }
        return d.factor(Effect.INFORMATIONAL, "Review: 5-year survival 33-68 % (33-70 % R0), 30-day mortality up to 15 %. "
                + "Pooled analysis: 5-year survival 55 %, disease-free 6 %. Recent series: no 30-day deaths.");
    }
}
