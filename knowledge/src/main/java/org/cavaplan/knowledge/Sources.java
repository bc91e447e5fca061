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

    // Later evidence named in plan contract v2 §5, as citations (SourceRef) for rows that rest on it.
    static final SourceRef STRASS_TRIAL = new SourceRef("STRASS 2020", "Lancet Oncol 2020, randomized trial");
    static final SourceRef STRASS2_TRIAL = new SourceRef("STRASS2", "NCT04031677, eligibility and leiomyosarcoma arm");
    static final SourceRef LMS04 = new SourceRef("LMS-04", "Lancet Oncol 2022; overall survival update NEJM 2024");
    static final SourceRef TARPSWG_2021 = new SourceRef("TARPSWG 2021", "primary retroperitoneal sarcoma, Ann Surg Oncol 2021");
    static final SourceRef TARPSWG_RECURRENT = new SourceRef("TARPSWG 2021",
            "locally recurrent retroperitoneal sarcoma consensus (2016, 2022)");
    static final SourceRef TARPSWG_METASTATIC = new SourceRef("TARPSWG 2021", "metastatic retroperitoneal sarcoma consensus (2018)");
    static final SourceRef ESMO_2021 = new SourceRef("ESMO-EURACAN-GENTURIS 2021", "soft tissue and visceral sarcomas, Ann Oncol 2021");
    static final SourceRef WACHTEL_2015 = new SourceRef("Wachtel 2015", "pooled analysis of 377 patients, Surg Oncol 2015");
    static final SourceRef JSO_2024 = new SourceRef("J Surg Oncol 2024", "series of 41 leiomyosarcomas of the vena cava");
    static final SourceRef GRAFT_SERIES = new SourceRef("IVC graft series", "graft thrombosis after caval replacement");
    static final SourceRef UNDERSIZED_PTFE_SERIES = new SourceRef("Undersized ringed PTFE", "Ann Vasc Surg 2020");
    static final SourceRef ASCO_VTE_2023 = new SourceRef("ASCO VTE guideline 2023", "prophylaxis and treatment in cancer");
    static final SourceRef CHEST_2022 = new SourceRef("CHEST perioperative guideline 2022",
            "interruption of antithrombotic therapy and bridging");
    static final SourceRef ASCO_PALLIATIVE_2024 = new SourceRef("ASCO palliative care guideline update 2024",
            "early palliative care alongside treatment");
    static final SourceRef ASTRO_2021 = new SourceRef("ASTRO 2021", "radiation therapy for retroperitoneal sarcoma");
    static final SourceRef EXPERT_OPINION = new SourceRef("expert-opinion",
            "opinion of sarcoma surgeons and oncologists reviewing CavaPlan (plan contract v2)");
    static final SourceRef SURGICAL_SERIES = new SourceRef("caval-surgery-series",
            "surgical series of caval resection and reconstruction (plan contract v2)");

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
    static final EvidenceUpdate TARPSWG_POSTOP_RT = new EvidenceUpdate("TARPSWG 2021",
            "The retroperitoneal sarcoma consensus (with ESMO-EURACAN-GENTURIS 2021) advises against routine postoperative "
                    + "radiotherapy: bowel toxicity and no proven benefit. The article's NCCN category 2B indications are history.");
    static final EvidenceUpdate ASTRO_BOOST = new EvidenceUpdate("ASTRO 2021",
            "A postoperative boost after preoperative radiotherapy is not advised routinely: it adds bowel toxicity without "
                    + "shown benefit.");
    static final EvidenceUpdate JSO_CHEMOTHERAPY = new EvidenceUpdate("J Surg Oncol 2024",
            "In 41 leiomyosarcomas of the vena cava, perioperative chemotherapy was associated with longer disease-free survival "
                    + "and grade predicted survival (retrospective); the article had found no benefit in case reports.");

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
                new SourceInfo("IVC graft series", "Illuminati et al. (18 patients, 7 grafts occluded) and a 33-patient PTFE "
                        + "series (graft thrombosis 39 %): caval replacement with prosthetic grafts"),
                new SourceInfo("Undersized ringed PTFE", "Pantoja et al., Ann Vasc Surg 2020: 12 patients, grafts about 0.6 of the "
                        + "caval diameter, 92 % patency"),
                new SourceInfo("LMS-04", "Pautier et al., doxorubicin plus trabectedin versus doxorubicin first line in metastatic or "
                        + "unresectable leiomyosarcoma, Lancet Oncol 2022; overall survival with trabectedin maintenance, NEJM 2024"),
                new SourceInfo("TARPSWG 2021", "Transatlantic Australasian Retroperitoneal Sarcoma Working Group: primary "
                        + "retroperitoneal sarcoma (Ann Surg Oncol 2021); locally recurrent disease (2016, 2022); metastatic disease (2018)"),
                new SourceInfo("ESMO-EURACAN-GENTURIS 2021", "Soft tissue and visceral sarcomas: ESMO-EURACAN-GENTURIS clinical "
                        + "practice guidelines, Ann Oncol 2021"),
                new SourceInfo("Wachtel 2015", "Pooled analysis of 377 patients with leiomyosarcoma of the inferior vena cava, "
                        + "Surg Oncol 2015"),
                new SourceInfo("J Surg Oncol 2024", "Series of 41 leiomyosarcomas of the vena cava: no postoperative deaths; grade "
                        + "predicted survival"),
                new SourceInfo("ASCO VTE guideline 2023", "ASCO guideline update: venous thromboembolism prophylaxis and treatment in "
                        + "patients with cancer, 2023"),
                new SourceInfo("CHEST perioperative guideline 2022", "CHEST guideline: perioperative management of antithrombotic "
                        + "therapy, 2022"),
                new SourceInfo("ASCO palliative care guideline update 2024", "ASCO guideline update: palliative care for patients "
                        + "with cancer, 2024"),
                new SourceInfo("ASTRO 2021", "ASTRO clinical practice guideline: radiation therapy for retroperitoneal sarcoma, 2021 "
                        + "(as cited by plan contract v2)"),
                new SourceInfo("expert-opinion", "Opinion of the sarcoma surgeons and oncologists who reviewed CavaPlan (plan "
                        + "contract v2); no published source"),
                new SourceInfo("caval-surgery-series", "Published surgical series of caval resection and reconstruction, as "
                        + "summarised in plan contract v2"));
    }
}
