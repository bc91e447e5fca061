package org.cavaplan.knowledge;

import java.util.List;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.Finding;

/**
 * What the preoperative and operative rows read besides their own condition: the facts behind the
 * planned resection, and the IVC extents that decide the approach. While the extents cannot decide
 * the level a row depends on, the row is CONDITIONAL on them (plan contract v2 §7.12), whether or not
 * the IVC itself is involved: the extents place the tumor, and the tumor decides the approach.
 */
final class Approach {

    private static final String EXTENTS_DECIDE = "the cranial and caudal extents along the IVC decide its levels, and so the "
            + "surgical approach";

    private Approach() {}

    /**
     * The facts behind the planned resection ({@link ResectionPlan#basis()}); the planning baseline's
     * date when the plan names none (no resection is planned: the stage rule then silences the row).
     */
    static List<Fact> planBasis(Facts f) {
        List<Fact> basis = f.resectionPlan.basis();
        return basis.isEmpty() ? List.of(f.baselineDateFact()) : basis;
    }

    /** Whether the tumor reaches the right atrium; unknown while the cranial extent is not recorded. */
    static Tri intracardiac(Facts f) {
        return f.cranial.isPresent() ? Tri.of(f.intracardiac()) : Tri.UNKNOWN;
    }

    /** The negation, with unknown kept unknown. */
    static Tri not(Tri t) {
        return t.unknown() ? Tri.UNKNOWN : Tri.of(t.no());
    }

    /** A row the extents decide: it shows the extents as far as they are known, and the planned resection. */
    static Draft decided(Facts f, Draft d) {
        return d.because(f.extentFacts()).because(planBasis(f));
    }

    /**
     * A row the extents cannot decide yet: CONDITIONAL with {@code when}, each extent not recorded on
     * the planning baseline reported missing.
     */
    static List<Finding> undecided(Facts f, Draft d, String when) {
        d.because(f.extentFacts()).because(f.involvement.orElse(f.baselineDateFact())).because(planBasis(f));
        if (f.cranial.isEmpty()) {
            d.missing(f.baselinePointer("cranialExtent"), EXTENTS_DECIDE);
        }
        if (f.caudal.isEmpty()) {
            d.missing(f.baselinePointer("caudalExtent"), EXTENTS_DECIDE);
        }
        return d.conditional(when).emit();
    }
}
