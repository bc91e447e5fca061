package org.cavaplan.core.model;

/** Case vocabulary, as in the case schema. */
public enum Margin {
    R0, R1, R2
}
