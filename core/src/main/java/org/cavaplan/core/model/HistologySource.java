package org.cavaplan.core.model;

/** Case vocabulary, as in the case schema. */
public enum HistologySource {
    CORE_NEEDLE_BIOPSY, OPEN_BIOPSY, SURGICAL_SPECIMEN
}
