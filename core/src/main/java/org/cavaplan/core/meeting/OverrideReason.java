package org.cavaplan.core.meeting;

/** Why a board modified or rejected a recommendation: the fixed list of issue 22. */
public enum OverrideReason {
    PATIENT_PREFERENCE("patient preference"),
    COMORBIDITY("comorbidity"),
    ANATOMY("anatomy"),
    EVIDENCE("evidence judged differently"),
    TRIAL("clinical trial"),
    OTHER("another reason");

    private final String words;

    OverrideReason(String words) {
        this.words = words;
    }

    /** The reason inside a sentence: "evidence judged differently". */
    public String words() {
        return words;
    }
}
