package org.cavaplan.core.model;

/** Case vocabulary, as in the case schema. */
public enum Diagnosis {
    LEIOMYOSARCOMA, OTHER_SARCOMA, NON_SARCOMA, NON_DIAGNOSTIC
}
