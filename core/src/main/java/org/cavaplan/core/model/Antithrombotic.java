package org.cavaplan.core.model;

/** Case vocabulary, as in the case schema. */
public enum Antithrombotic {
    HEPARIN_INFUSION, LMWH, WARFARIN, DOAC, ASPIRIN
}
