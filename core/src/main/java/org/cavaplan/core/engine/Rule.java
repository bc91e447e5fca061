package org.cavaplan.core.engine;

import java.util.List;
import org.cavaplan.core.plan.Finding;

/**
 * One decision of the knowledge base. A rule reads the derived facts {@code F} of one case and
 * contributes findings: at most one recommendation carrying its own id, plus any concordance
 * verdicts, prognostic factors, missing data and warnings that belong to that decision.
 * Rules are pure and thread-safe.
 *
 * @param <F> the derived facts the knowledge base computes once per case
 */
public interface Rule<F> {

    /** What the rule is, for the published knowledge base. */
    RuleInfo info();

    /** The findings for one case; empty when the rule does not apply. */
    List<Finding> evaluate(F facts);
}
