package org.cavaplan.core.model;

/** Regional lymph nodes (AJCC N): N1 when a node holds or is suspicious for tumor. */
public enum RegionalNodes {
    N0, N1
}
