package org.cavaplan.core.plan;

/** The intent of the primary treatment. */
public enum Intent {
    CURATIVE, PALLIATIVE, UNDETERMINED
}
