package org.cavaplan.core.plan;

/** Whether a recorded decision agrees with the rules. */
public enum Verdict {
    CONCORDANT, DISCORDANT, NOT_ASSESSABLE
}
