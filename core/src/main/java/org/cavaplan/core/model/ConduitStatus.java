package org.cavaplan.core.model;

/** Case vocabulary, as in the case schema. */
public enum ConduitStatus {
    PATENT, PARTIAL_THROMBOSIS, OCCLUDED
}
