package org.cavaplan.core.model;

/** Case vocabulary, as in the case schema. */
public enum Collaterals {
    NONE, MINIMAL, WELL_DEVELOPED
}
