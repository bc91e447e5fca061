package org.cavaplan.core.meeting;

/**
 * What the board made of one recommendation of the plan. Not to be confused with
 * {@link org.cavaplan.core.plan.Verdict}, which compares a recorded treatment with the rules.
 */
public enum Verdict {
    ACCEPT("accepted"),
    MODIFY("modified"),
    REJECT("rejected");

    private final String words;

    Verdict(String words) {
        this.words = words;
    }

    /** The verdict as it reads after "the board": "accepted", "modified", "rejected". */
    public String words() {
        return words;
    }

    /** True for MODIFY and REJECT: the board did not follow the recommendation as written. */
    public boolean overrides() {
        return this != ACCEPT;
    }
}
