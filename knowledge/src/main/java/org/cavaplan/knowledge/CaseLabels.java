package org.cavaplan.knowledge;

import org.cavaplan.core.model.Case;
import org.cavaplan.core.plan.FactLabels;

/** The clinical words for the facts of one plan, from the project's one vocabulary and the case as entered. */
final class CaseLabels {

    private CaseLabels() {}

    static FactLabels of(Case kase) {
        return FactLabels.POINTERS;
    }
}
