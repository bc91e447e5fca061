package org.cavaplan.core.plan;

/** What a prognostic factor says. */
public enum Effect {
    POORER, FAVOURABLE, INFORMATIONAL
}
