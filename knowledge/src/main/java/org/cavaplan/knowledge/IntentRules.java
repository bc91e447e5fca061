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

/** The intent of treatment (Introduction), emitted before the operation. */
final class IntentRules {

    private IntentRules() {}

    static List<KbRule> all() {
        return List.of(
                rule("intent.curative-resection", Phase.OPERATIVE,
                        "RECOMMENDED before the operation when intent is CURATIVE; CONDITIONAL while staging is not recorded",
                        "retrospective series", List.of(Sources.INTRODUCTION), List.of(), IntentRules::curative),
                rule("intent.palliative-resection", Phase.OPERATIVE,
                        "with PALLIATIVE intent before the operation: CONSIDER when a symptom is recorded, else NOT_RECOMMENDED",
                        "retrospective series", List.of(Sources.INTRODUCTION), List.of(), IntentRules::palliative));
    }

    static List<Finding> curative(Facts f, Draft d) {
        if (!f.beforeOperation() || f.intent == Intent.PALLIATIVE) {
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
        return d.status(RECOMMENDED).because(f.intentBasis).emit();
    }

    static List<Finding> palliative(Facts f, Draft d) {
        if (!f.beforeOperation() || f.intent != Intent.PALLIATIVE) {
            return d.silent();
        }
        d.because(f.intentBasis);
        if (!f.symptoms.isEmpty()) {
            return d.status(CONSIDER).because(new Fact("/presentation/symptoms", Facts.sorted(f.symptoms)))
                    .summary("Consider a palliative resection only to control symptoms: no survival benefit has been shown.")
                    .detail("Distant metastases are recorded, so resection cannot cure. A debulking operation may relieve symptoms "
                            + "but has not been shown to prolong life.")
                    .emit();
        }
        return d.status(NOT_RECOMMENDED)
                .summary("Resection is not advised with distant metastases and no symptoms: it offers no survival benefit.")
                .detail("Distant metastases are recorded and no symptom would be relieved. Palliative resection has not been shown "
                        + "to prolong survival; refer for systemic therapy.")
                .emit();
    }
}
