package org.cavaplan.core.model;

/** Case vocabulary, as in the case schema. */
public enum Site {
    LUNG, LIVER, PERITONEUM, BONE, SOFT_TISSUE, BRAIN, OTHER
}
