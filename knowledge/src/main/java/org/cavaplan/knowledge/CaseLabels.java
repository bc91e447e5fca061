package org.cavaplan.knowledge;

import java.util.concurrent.ConcurrentHashMap;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.FactLabels;
import org.cavaplan.core.vocabulary.Vocabulary;

/**
 * The clinical words for the facts of one plan, from the project's one vocabulary and the case as
 * entered ("IVC lumen at operation: occluded"). A plan repeats some facts in many rows, so each is
 * worked out once. A fact the vocabulary cannot word is a defect of the knowledge base: it falls back
 * to the field's pointer and value, which {@code SyntheticCasesPropertyTest} finds.
 */
final class CaseLabels implements FactLabels {

    private final Case kase;
    private final ConcurrentHashMap<Fact, String> worded = new ConcurrentHashMap<>();

    private CaseLabels(Case kase) {
        this.kase = kase;
    }

    static FactLabels of(Case kase) {
        return new CaseLabels(kase);
    }

    @Override
    public String label(Fact fact) {
        String known = worded.get(fact);
        return known != null ? known : worded.computeIfAbsent(fact, this::word);
    }

    private String word(Fact fact) {
        try {
            return Vocabulary.label(kase, fact);
        } catch (IllegalArgumentException defect) {
            return FactLabels.POINTERS.label(fact);
        }
    }
}
