package org.cavaplan.core.model;

/** Case vocabulary, as in the case schema. */
public enum Conduit {
    BOVINE_PERICARDIUM, RINGED_PTFE, AUTOLOGOUS_VEIN, OTHER
}
