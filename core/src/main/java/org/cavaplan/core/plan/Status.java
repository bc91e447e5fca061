package org.cavaplan.core.plan;

/** How strongly the pathway speaks for or against an action. */
public enum Status {
    RECOMMENDED, CONSIDER, CONDITIONAL, NOT_RECOMMENDED, CONTRAINDICATED
}
