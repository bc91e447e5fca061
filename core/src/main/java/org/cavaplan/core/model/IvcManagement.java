package org.cavaplan.core.model;

/** Case vocabulary, as in the case schema. */
public enum IvcManagement {
    NONE, PRIMARY_REPAIR, PATCH_CAVOPLASTY, INTERPOSITION_GRAFT, LIGATION
}
