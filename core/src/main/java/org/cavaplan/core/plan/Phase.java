package org.cavaplan.core.plan;

/** The phases of care, in the order a plan lists them. */
public enum Phase {
    WORKUP("Work-up"),
    SUPPORTIVE("Supportive care"),
    NEOADJUVANT("Neoadjuvant therapy"),
    PREOPERATIVE("Preoperative preparation"),
    OPERATIVE("Operative approach"),
    IVC_MANAGEMENT("IVC management"),
    POSTOPERATIVE("Postoperative care"),
    ADJUVANT("Adjuvant therapy"),
    SYSTEMIC("Systemic therapy"),
    SURVEILLANCE("Surveillance"),
    RECURRENCE("Recurrence");

    private final String title;

    Phase(String title) {
        this.title = title;
    }

    /** The phase as a heading for readers (the plan page, the PDF report). */
    public String title() {
        return title;
    }
}
