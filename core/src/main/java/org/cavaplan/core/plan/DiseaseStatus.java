package org.cavaplan.core.plan;

/**
 * Where the disease stands as of the plan's date (plan contract §2): untreated before an operation;
 * after it, free of disease, persistent (left behind or metastatic from the start), recurrent, or
 * unknown when the margin or the staging is not recorded.
 */
public enum DiseaseStatus {
    UNTREATED, NO_EVIDENCE_OF_DISEASE, PERSISTENT, RECURRENT, UNKNOWN
}
