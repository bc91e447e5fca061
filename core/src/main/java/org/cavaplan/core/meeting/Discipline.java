package org.cavaplan.core.meeting;

/**
 * The discipline an attendee of a tumor board speaks for. Each constant owns its words: the field
 * as it reads inside a sentence ({@link #words()}, "vascular surgery") and the person who practises
 * it ({@link #member()}, "vascular surgeon"), for pages, minutes and the FHIR CareTeam roles.
 */
public enum Discipline {
    SURGICAL_ONCOLOGY("surgical oncology", "surgical oncologist"),
    VASCULAR_SURGERY("vascular surgery", "vascular surgeon"),
    RADIOLOGY("radiology", "radiologist"),
    PATHOLOGY("pathology", "pathologist"),
    RADIATION_ONCOLOGY("radiation oncology", "radiation oncologist"),
    MEDICAL_ONCOLOGY("medical oncology", "medical oncologist"),
    CARDIAC_SURGERY("cardiac surgery", "cardiac surgeon"),
    NURSING("nursing", "nurse specialist"),
    OTHER("another discipline", "member of another discipline");

    private final String words;
    private final String member;

    Discipline(String words, String member) {
        this.words = words;
        this.member = member;
    }

    /** The discipline inside a sentence: "radiation oncology". */
    public String words() {
        return words;
    }

    /** A person of the discipline: "radiation oncologist". */
    public String member() {
        return member;
    }
}
