package org.cavaplan.core.plan;

/** The phases of care, in the order a plan lists them. */
public enum Phase {
    WORKUP, NEOADJUVANT, PREOPERATIVE, OPERATIVE, IVC_MANAGEMENT, POSTOPERATIVE, ADJUVANT, SURVEILLANCE, RECURRENCE
}
