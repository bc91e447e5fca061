package org.cavaplan.core.plan;

/** The point of the pathway the case has reached. */
public enum Stage {
    PRETREATMENT, POST_NEOADJUVANT, POSTOPERATIVE, FOLLOW_UP
}
