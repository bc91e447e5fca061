package org.cavaplan.knowledge;

import java.util.List;
import org.cavaplan.core.engine.SourceInfo;
import org.cavaplan.core.plan.EvidenceUpdate;
import org.cavaplan.core.plan.SourceRef;

/** The source catalogue and the citations the rules use. */
final class Sources {

    static final String ARTICLE_ID = "seed";

    static final SourceRef INTRODUCTION = article("Introduction");
    static final SourceRef CASE_REPORT = article("Case Report");
    static final SourceRef DIAGNOSIS = article("Diagnosis and Evaluation");
    static final SourceRef OPERATIVE = article("Operative Procedure");
    static final SourceRef ANTICOAGULATION = article("Postoperative Care: Anticoagulation");
    static final SourceRef CHEMOTHERAPY = article("Chemotherapy");
    static final SourceRef RADIATION = article("Radiation");
    static final SourceRef FOLLOW_UP = article("Follow-up");
    static final SourceRef ASSUMPTION = new SourceRef("cavaplan-assumption", "CavaPlan knowledge base: a choice of this project, not of the source");
    static final SourceRef AJCC = new SourceRef("ajcc-8", "Retroperitoneum chapter");
    static final SourceRef RECIST = new SourceRef("recist-1.1", "Target lesions, one lesion");

    static final EvidenceUpdate STRASS = new EvidenceUpdate("STRASS 2020",
            "The randomised EORTC STRASS trial (Lancet Oncol 2020) found no gain in abdominal recurrence-free survival "
                    + "from preoperative radiotherapy, and no signal for leiomyosarcoma in particular.");
    static final EvidenceUpdate STRASS2 = new EvidenceUpdate("STRASS2",
            "STRASS2 (NCT04031677) is randomising neoadjuvant doxorubicin with dacarbazine for high-risk "
                    + "retroperitoneal leiomyosarcoma; until it reports, preoperative chemotherapy remains unproven.");
    static final EvidenceUpdate NCCN_POSTOP_RT = new EvidenceUpdate("NCCN soft tissue sarcoma (current)",
            "Current NCCN guidance for retroperitoneal sarcoma discourages routine postoperative radiotherapy; "
                    + "weigh it only in selected cases with a specialist radiation oncologist.");
    static final EvidenceUpdate GRAFT_THROMBOSIS = new EvidenceUpdate("IVC graft series",
            "Two surgical series reported thrombosis of caval grafts in about 39% of patients: plan imaging of the conduit.");
    static final EvidenceUpdate UNDERSIZED_PTFE = new EvidenceUpdate("Undersized ringed PTFE series",
            "A series using ringed PTFE undersized to about 0.6 of the native caval diameter reported 92% patency; "
                    + "a diameter matched to the cava is not the only option.");

    private Sources() {}

    static SourceRef article(String section) {
        return new SourceRef(ARTICLE_ID, section);
    }

    static List<SourceInfo> catalogue() {
        return List.of(
                new SourceInfo(ARTICLE_ID, "Review of retroperitoneal leiomyosarcoma of the inferior vena cava with a case "
                        + "report (open access, CC BY); cited by section"),
                new SourceInfo("ajcc-8", "AJCC Cancer Staging Manual, 8th edition"),
                new SourceInfo("recist-1.1", "Eisenhauer et al., RECIST guideline version 1.1, Eur J Cancer 2009"),
                new SourceInfo("cavaplan-assumption", "CavaPlan knowledge base: choices of this project, each marked as an assumption"),
                new SourceInfo("STRASS 2020", "Bonvalot et al., preoperative radiotherapy plus surgery versus surgery alone "
                        + "for retroperitoneal sarcoma (EORTC-62092 STRASS), Lancet Oncol 2020"),
                new SourceInfo("STRASS2", "EORTC-1809 STRASS2, NCT04031677"),
                new SourceInfo("NCCN soft tissue sarcoma (current)", "NCCN Clinical Practice Guidelines in Oncology: "
                        + "Soft Tissue Sarcoma, retroperitoneal/intra-abdominal section"),
                new SourceInfo("IVC graft series", "Surgical series of IVC resection with prosthetic reconstruction reporting graft thrombosis"),
                new SourceInfo("Undersized ringed PTFE series", "Series of IVC replacement with undersized ringed PTFE grafts"));
    }
}
