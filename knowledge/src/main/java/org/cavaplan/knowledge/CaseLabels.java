package org.cavaplan.knowledge;

import org.cavaplan.core.model.Case;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.FactLabels;
import org.cavaplan.core.vocabulary.Vocabulary;

/**
 * The clinical words for the facts of one plan, from the project's one vocabulary and the case as
 * entered ("IVC lumen at operation: occluded"), worked out when an output asks. A fact the vocabulary
 * cannot word is a defect of the knowledge base: it falls back to the field's pointer and value,
 * which {@code SyntheticCasesPropertyTest} finds. Two plans of one case have equal labels.
 */
record CaseLabels(Case kase) implements FactLabels {

    static FactLabels of(Case kase) {
        return new CaseLabels(kase);
    }

    @Override
    public String label(Fact fact) {
        try {
            return Vocabulary.label(kase, fact);
        } catch (IllegalArgumentException defect) {
            return FactLabels.POINTERS.label(fact);
        }
    }
}
