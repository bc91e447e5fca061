package org.cavaplan.knowledge;

import static org.cavaplan.core.plan.Status.CONSIDER;
import static org.cavaplan.core.plan.Status.NOT_RECOMMENDED;
import static org.cavaplan.core.plan.Status.RECOMMENDED;
import static org.cavaplan.knowledge.KbRule.rule;

import java.util.List;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.Finding;
import org.cavaplan.core.plan.Intent;
import org.cavaplan.core.plan.Phase;

/**
 * The intent of treatment before the operation (S: Introduction; plan contract v2 intent rows): a
 * curative resection when the disease is confined, gated by histology, fitness and response; a
 * palliative resection only for a symptom it can relieve. The decision itself is {@link ResectionPlan}.
 */
final class IntentRules {

    private IntentRules() {}

    static List<KbRule> all() {
        return List.of(
                rule("intent.curative-resection", Phase.OPERATIVE,
                        "with CURATIVE intent: RECOMMENDED when leiomyosarcoma is confirmed, the patient is fit and the disease did "
                                + "not progress; CONDITIONAL while " + ResectionPlan.BIOPSY + " (histology missing or "
                                + "non-diagnostic), while " + ResectionPlan.FITNESS + " (worse than {" + Thresholds.FIT_MAX_ECOG
                                + "}, or no ECOG recorded from {" + Thresholds.FITNESS_REVIEW_AGE + "}), or while " + ResectionPlan.RESECTABLE + " (progression); CONDITIONAL "
                                + "on staging while distant metastases are not recorded",
                        "retrospective series", List.of(Sources.INTRODUCTION),
                        List.of(Thresholds.FIT_MAX_ECOG, Thresholds.FITNESS_REVIEW_AGE), IntentRules::curative).key(),
                rule("intent.palliative-resection", Phase.OPERATIVE,
                        "with PALLIATIVE intent: CONSIDER only when a symptom a resection can relieve is recorded and the patient "
                                + "is not unfit (worse than {" + Thresholds.FIT_MAX_ECOG + "}); else NOT_RECOMMENDED (no survival "
                                + "benefit shown)",
                        "retrospective series", List.of(Sources.INTRODUCTION), List.of(Thresholds.FIT_MAX_ECOG),
                        IntentRules::palliative).key());
    }

    static List<Finding> curative(Facts f, Draft d) {
        if (f.intent == Intent.PALLIATIVE) {
            return d.silent();
        }
        d.summary("Aim for complete en bloc resection, with any involved organs: the only chance of long-term cure.")
                .detail("Complete resection with negative margins, taking involved viscera (liver, bowel, kidney, adrenal) en bloc, "
                        + "is the only treatment linked with long-term survival.");
        if (f.intent == Intent.UNDETERMINED) {
            d.because(new Fact(f.baselinePointer("distantMetastases"), "not recorded"))
                    .missing(f.baselinePointer("distantMetastases"), "staging for distant metastases is not recorded");
            return d.conditional("staging shows no distant metastases").emit();
        }
        ResectionPlan plan = f.resectionPlan;
        d.because(plan.basis());
        if (plan.kind() == ResectionPlan.Kind.CONDITIONAL) {
            if (plan.conditions().contains(ResectionPlan.BIOPSY)) {
                d.missing("/histology/diagnosis", "a confirmed leiomyosarcoma is needed before a curative resection");
            }
            if (f.ecog.isEmpty() && plan.conditions().contains(ResectionPlan.FITNESS)) {
                d.missing("/patient/ecog", "performance status decides fitness for a major resection");
            }
            return d.conditional(plan.when()).emit();
        }
        return d.status(RECOMMENDED).emit();
    }

    static List<Finding> palliative(Facts f, Draft d) {
        if (f.intent != Intent.PALLIATIVE) {
            return d.silent();
        }
        d.because(f.intentBasis);
        if (f.resectionPlan.kind() == ResectionPlan.Kind.CONDITIONAL) {
            return d.status(CONSIDER).because(f.resectionPlan.basis())
                    .summary("Consider a palliative resection only to relieve symptoms: it has not been shown to prolong life.")
                    .detail("Distant metastases are recorded, so resection cannot cure. Removing the tumor may relieve pain, a mass, "
                            + "leg swelling, hepatic outflow or cardiac symptoms; weigh this against the risk of a major operation.")
                    .emit();
        }
        f.ecog.ifPresent(d::because);
        ResectionPlan.relievableSymptoms(f).ifPresent(d::because);
        return d.status(NOT_RECOMMENDED)
                .summary(f.unfit()
                        ? "Resection is not advised: metastatic disease and poor performance status; refer for systemic therapy."
                        : "Resection is not advised with metastases and no symptom it could relieve: no survival benefit.")
                .detail("Distant metastases are recorded. A palliative resection has not been shown to prolong survival; weight loss "
                        + "or thromboembolism alone do not justify it. Systemic therapy and supportive care come first.")
                .emit();
    }
}
