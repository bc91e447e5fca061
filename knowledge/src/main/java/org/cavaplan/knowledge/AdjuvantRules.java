package org.cavaplan.knowledge;

import static org.cavaplan.core.plan.Status.CONSIDER;
import static org.cavaplan.core.plan.Status.NOT_RECOMMENDED;
import static org.cavaplan.core.plan.Status.RECOMMENDED;
import static org.cavaplan.knowledge.KbRule.rule;

import java.util.ArrayList;
import java.util.List;
import org.cavaplan.core.model.Margin;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.Finding;
import org.cavaplan.core.plan.Phase;

/** Adjuvant therapy once pathology is known (Radiation; Chemotherapy; Introduction). */
final class AdjuvantRules {

    private AdjuvantRules() {}

    static List<KbRule> all() {
        List<String> risk = List.of(Thresholds.HIGH_GRADE_MIN, Thresholds.EXTREMELY_LARGE_CM, Thresholds.CLOSE_MARGIN_MM);
        return List.of(
                rule("adjuvant.radiotherapy", Phase.ADJUVANT,
                        "without neoadjuvant RT: R1 RECOMMENDED; R0 with high grade, extremely large tumor or close margin "
                                + "RECOMMENDED; R0 with none of these NOT_RECOMMENDED; R0 with none known but one unknown CONDITIONAL. "
                                + "After neoadjuvant RT a full course is NOT_RECOMMENDED (see the boost)",
                        "NCCN category 2B", List.of(Sources.RADIATION), risk, AdjuvantRules::radiotherapy),
                rule("adjuvant.radiotherapy-boost", Phase.ADJUVANT,
                        "after neoadjuvant RT: R1 RECOMMENDED (10-16 Gy); R0 with a risk factor CONSIDER (by analogy)",
                        "NCCN category 2B", List.of(Sources.RADIATION),
                        List.of(Thresholds.BOOST_MIN_GY, Thresholds.BOOST_MAX_GY, Thresholds.HIGH_GRADE_MIN,
                                Thresholds.EXTREMELY_LARGE_CM, Thresholds.CLOSE_MARGIN_MM), AdjuvantRules::boost),
                rule("adjuvant.residual-disease-review", Phase.ADJUVANT, "RECOMMENDED after an R2 resection",
                        "retrospective series", List.of(Sources.INTRODUCTION), List.of(), AdjuvantRules::residual),
                rule("adjuvant.chemotherapy", Phase.ADJUVANT, "NOT_RECOMMENDED whenever pathology is known",
                        "case reports and small series", List.of(Sources.CHEMOTHERAPY), List.of(), AdjuvantRules::chemotherapy));
    }

    private static Fact marginFact(Facts f) {
        return new Fact("/pathology/margin", f.margin().orElseThrow().name());
    }

    /** The R0 risk factors as facts and their combined answer: one known factor is enough. */
    record Risk(Tri any, List<Fact> facts, List<String> unknown) {}

    static Risk risk(Facts f) {
        List<Fact> facts = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        Tri grade = f.highGrade();
        Tri large = f.extremelyLarge();
        Tri close = f.closeMargin();
        f.grade.ifPresent(facts::add);
        f.sizeFact.ifPresent(facts::add);
        f.closestMargin().ifPresent(facts::add);
        if (grade.unknown()) {
            unknown.add("/pathology/fnclccGrade");
        }
        if (large.unknown()) {
            unknown.add("/pathology/maxDiameterCm");
        }
        if (close.unknown()) {
            unknown.add("/pathology/closestMarginMm");
        }
        return new Risk(grade.or(large).or(close), facts, unknown);
    }

    static List<Finding> radiotherapy(Facts f, Draft d) {
        if (f.margin().isEmpty() || f.margin().get() == Margin.R2) {
            return d.silent();
        }
        Margin margin = f.margin().get();
        d.because(marginFact(f)).update(Sources.NCCN_POSTOP_RT);
        if (f.neoadjuvantRadiotherapyGiven()) {
            return d.status(NOT_RECOMMENDED)
                    .because(new Fact("/neoadjuvant/radiotherapy/totalDoseGy", f.neoadjuvantRadiotherapy.get().totalDoseGy()))
                    .param("priorRadiotherapy", NeoadjuvantRules.radiobiology(f, f.neoadjuvantRadiotherapy.get()))
                    .summary("No full postoperative radiotherapy course after neoadjuvant radiotherapy; see the boost.")
                    .detail("Radiotherapy was already given before the operation; only a boost is discussed after a positive or "
                            + "close margin.")
                    .emit();
        }
        if (margin == Margin.R1) {
            return d.status(RECOMMENDED)
                    .summary("Offer postoperative radiotherapy after an R1 resection without prior radiotherapy (NCCN 2B).")
                    .detail("Microscopically positive margins without neoadjuvant radiotherapy: the guideline cited by the source "
                            + "advises postoperative radiotherapy.")
                    .emit();
        }
        Risk risk = risk(f);
        d.because(risk.facts());
        d.param("highGrade", IvcRules.triText(f.highGrade())).param("extremelyLarge", IvcRules.triText(f.extremelyLarge()))
                .param("closeMargin", IvcRules.triText(f.closeMargin()));
        if (risk.any().yes()) {
            return d.status(RECOMMENDED)
                    .summary("Offer postoperative radiotherapy: R0 but high grade, extremely large or close margin (NCCN 2B).")
                    .detail("After an R0 resection the source advises postoperative radiotherapy for high-grade or very large tumors "
                            + "or close margins; current guidance is more reserved (see evidence updates).")
                    .emit();
        }
        if (risk.any().no()) {
            return d.status(NOT_RECOMMENDED)
                    .summary("No postoperative radiotherapy: R0 with low grade, moderate size and a wide margin.")
                    .emit();
        }
        risk.unknown().forEach(p -> d.missing(p, "grade, size and margin distance decide postoperative radiotherapy after R0"));
        if (risk.facts().isEmpty()) {
            d.because(marginFact(f));
        }
        return d.conditional("the tumor is high grade, larger than " + (int) f.settings.get(Thresholds.EXTREMELY_LARGE_CM)
                        + " cm, or the margin is closer than " + (int) f.settings.get(Thresholds.CLOSE_MARGIN_MM) + " mm")
                .summary("Postoperative radiotherapy after R0 depends on grade, size and margin distance, not all recorded.")
                .emit();
    }

    static List<Finding> boost(Facts f, Draft d) {
        if (f.margin().isEmpty() || f.margin().get() == Margin.R2 || !f.neoadjuvantRadiotherapyGiven()) {
            return d.silent();
        }
        List<Double> range = List.of(f.settings.get(Thresholds.BOOST_MIN_GY), f.settings.get(Thresholds.BOOST_MAX_GY));
        d.because(marginFact(f))
                .because(new Fact("/neoadjuvant/radiotherapy/totalDoseGy", f.neoadjuvantRadiotherapy.get().totalDoseGy()))
                .param("boostGy", range)
                .param("priorRadiotherapy", NeoadjuvantRules.radiobiology(f, f.neoadjuvantRadiotherapy.get()))
                .update(Sources.NCCN_POSTOP_RT);
        if (f.margin().get() == Margin.R1) {
            return d.status(RECOMMENDED)
                    .summary("Offer a postoperative boost of 10-16 Gy: R1 resection after neoadjuvant radiotherapy (NCCN 2B).")
                    .detail("After an R1 resection that followed preoperative radiotherapy, the guideline cited by the source "
                            + "advises a 10 to 16 Gy boost.")
                    .emit();
        }
        Risk risk = risk(f);
        if (!risk.any().yes()) {
            return d.silent();
        }
        return d.status(CONSIDER).because(risk.facts())
                .summary("Consider a 10-16 Gy boost: R0 with a risk factor after neoadjuvant radiotherapy (by analogy with R1).")
                .detail("The source gives the boost for R1 after preoperative radiotherapy; extending it to an R0 resection with high "
                        + "grade, a very large tumor or a close margin is CavaPlan's reading by analogy.")
                .emit();
    }

    static List<Finding> residual(Facts f, Draft d) {
        if (f.margin().filter(m -> m == Margin.R2).isEmpty()) {
            return d.silent();
        }
        return d.status(RECOMMENDED).because(marginFact(f))
                .summary("Macroscopic tumor was left behind (R2): review re-resection, radiotherapy or systemic therapy.")
                .detail("Macroscopic residual disease carries a poorer prognosis; the tumor board decides between further "
                        + "surgery, radiotherapy and systemic therapy.")
                .emit();
    }

    static List<Finding> chemotherapy(Facts f, Draft d) {
        if (f.margin().isEmpty()) {
            return d.silent();
        }
        return d.status(NOT_RECOMMENDED).because(marginFact(f))
                .summary("No adjuvant chemotherapy: no gain in survival or local control has been shown.")
                .detail("Case reports and small series of adjuvant chemotherapy show no improvement in survival or local recurrence.")
                .update(Sources.STRASS2)
                .emit();
    }
}
