package org.cavaplan.core.vocabulary;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The words for every coded value: each vocabulary is named by its enum's simple name and lists its
 * constants in declaration order with their words. Words read as they stand inside a sentence: lower
 * case except abbreviations and names ("ringed PTFE", "Budd-Chiari syndrome"). American spelling
 * throughout (tumor, edema, favorable).
 *
 * <p>Plan-level vocabularies are keyed by name, not by class, so that values being added to the
 * contract (DiseaseStatus, Phase SUPPORTIVE and SYSTEMIC, Effect FAVOURABLE, the red-flag codes) have
 * their words before their enum exists.
 */
final class EnumTable {

    private static final Map<String, Map<String, String>> VOCABULARIES = index(
            // the case (case.schema.json, contract v2)
            vocabulary("Sex",
                    "FEMALE", "female",
                    "MALE", "male",
                    "OTHER", "other",
                    "UNKNOWN", "unknown"),
            vocabulary("Symptom",
                    "ABDOMINAL_PAIN", "abdominal pain",
                    "FLANK_PAIN", "flank pain",
                    "BACK_PAIN", "back pain",
                    "PALPABLE_MASS", "palpable mass",
                    "LOWER_EXTREMITY_EDEMA", "lower extremity edema",
                    "DEEP_VEIN_THROMBOSIS", "deep vein thrombosis",
                    "PULMONARY_EMBOLISM", "pulmonary embolism",
                    "BUDD_CHIARI", "Budd-Chiari syndrome",
                    "CARDIAC_ARRHYTHMIA", "cardiac arrhythmia",
                    "WEIGHT_LOSS", "weight loss"),
            vocabulary("Diagnosis",
                    "LEIOMYOSARCOMA", "leiomyosarcoma",
                    "OTHER_SARCOMA", "another sarcoma",
                    "NON_SARCOMA", "not a sarcoma",
                    "NON_DIAGNOSTIC", "non-diagnostic"),
            vocabulary("HistologySource",
                    "CORE_NEEDLE_BIOPSY", "core needle biopsy",
                    "OPEN_BIOPSY", "open biopsy",
                    "SURGICAL_SPECIMEN", "surgical specimen"),
            vocabulary("Modality",
                    "CT", "CT",
                    "MRI", "MRI",
                    "ULTRASOUND", "ultrasound",
                    "DOPPLER_ULTRASOUND", "Doppler ultrasound",
                    "PET_CT", "PET-CT"),
            vocabulary("IvcInvolvement",
                    "NONE", "none",
                    "ABUTS", "abuts the wall",
                    "WALL", "invades the wall",
                    "INTRALUMINAL", "intraluminal"),
            vocabulary("Landmark",
                    "RIGHT_ATRIUM", "right atrium",
                    "SUPRAHEPATIC", "suprahepatic IVC",
                    "HEPATIC_VEINS", "hepatic veins",
                    "SUPRARENAL", "suprarenal IVC",
                    "RENAL_VEINS", "renal veins",
                    "INFRARENAL", "infrarenal IVC",
                    "ILIAC_CONFLUENCE", "iliac confluence"),
            vocabulary("Lumen",
                    "PATENT", "patent",
                    "NARROWED", "narrowed",
                    "OCCLUDED", "occluded"),
            vocabulary("Collaterals",
                    "NONE", "none",
                    "MINIMAL", "minimal",
                    "WELL_DEVELOPED", "well developed"),
            vocabulary("IntraluminalGrowth",
                    "NONE", "none",
                    "MINOR", "minor",
                    "SIGNIFICANT", "significant"),
            vocabulary("RegionalNodes",
                    "N0", "N0",
                    "N1", "N1"),
            vocabulary("Organ",
                    "LIVER", "liver",
                    "RIGHT_KIDNEY", "right kidney",
                    "LEFT_KIDNEY", "left kidney",
                    "RIGHT_ADRENAL", "right adrenal gland",
                    "LEFT_ADRENAL", "left adrenal gland",
                    "DUODENUM", "duodenum",
                    "SMALL_BOWEL", "small bowel",
                    "COLON", "colon",
                    "PANCREAS", "pancreas",
                    "AORTA", "aorta",
                    "OTHER", "other organ"),
            vocabulary("Site",
                    "LUNG", "lung",
                    "LIVER", "liver",
                    "PERITONEUM", "peritoneum",
                    "BONE", "bone",
                    "SOFT_TISSUE", "soft tissue",
                    "BRAIN", "brain",
                    "OTHER", "other site"),
            vocabulary("IvcManagement",
                    "NONE", "none",
                    "PRIMARY_REPAIR", "primary repair",
                    "PATCH_CAVOPLASTY", "patch cavoplasty",
                    "INTERPOSITION_GRAFT", "interposition graft",
                    "LIGATION", "ligation"),
            vocabulary("Conduit",
                    "BOVINE_PERICARDIUM", "bovine pericardium",
                    "RINGED_PTFE", "ringed PTFE",
                    "AUTOLOGOUS_VEIN", "autologous vein",
                    "OTHER", "other material"),
            vocabulary("Margin",
                    "R0", "R0",
                    "R1", "R1",
                    "R2", "R2"),
            vocabulary("Antithrombotic",
                    "HEPARIN_INFUSION", "heparin infusion",
                    "LMWH", "low-molecular-weight heparin",
                    "WARFARIN", "warfarin",
                    "DOAC", "direct oral anticoagulant",
                    "ASPIRIN", "aspirin"),
            vocabulary("ConduitStatus",
                    "PATENT", "patent",
                    "PARTIAL_THROMBOSIS", "partial thrombosis",
                    "OCCLUDED", "occluded"),
            vocabulary("VitalStatus",
                    "ALIVE", "alive",
                    "DEAD", "deceased"),
            vocabulary("CauseOfDeath",
                    "DISEASE", "disease",
                    "TREATMENT", "treatment",
                    "OTHER", "other cause",
                    "UNKNOWN", "unknown"),

            // the plan (plan-contract.md, v2)
            vocabulary("Stage",
                    "PRETREATMENT", "pre-treatment",
                    "POST_NEOADJUVANT", "after neoadjuvant therapy",
                    "POSTOPERATIVE", "after the operation",
                    "FOLLOW_UP", "follow-up"),
            vocabulary("Intent",
                    "CURATIVE", "curative",
                    "PALLIATIVE", "palliative",
                    "UNDETERMINED", "undetermined"),
            vocabulary("DiseaseStatus",
                    "UNTREATED", "untreated",
                    "NO_EVIDENCE_OF_DISEASE", "no evidence of disease",
                    "PERSISTENT", "persistent disease",
                    "RECURRENT", "recurrent disease",
                    "UNKNOWN", "unknown"),
            vocabulary("Phase",
                    "WORKUP", "work-up",
                    "SUPPORTIVE", "supportive care",
                    "NEOADJUVANT", "neoadjuvant therapy",
                    "PREOPERATIVE", "preoperative preparation",
                    "OPERATIVE", "operative approach",
                    "IVC_MANAGEMENT", "IVC management",
                    "POSTOPERATIVE", "postoperative care",
                    "ADJUVANT", "adjuvant therapy",
                    "SYSTEMIC", "systemic therapy",
                    "SURVEILLANCE", "surveillance",
                    "RECURRENCE", "recurrence"),
            vocabulary("Status",
                    "RECOMMENDED", "recommended",
                    "CONSIDER", "consider",
                    "CONDITIONAL", "conditional",
                    "NOT_RECOMMENDED", "not recommended",
                    "CONTRAINDICATED", "contraindicated"),
            vocabulary("Verdict",
                    "CONCORDANT", "concordant",
                    "DISCORDANT", "discordant",
                    "NOT_ASSESSABLE", "not assessable"),
            vocabulary("Effect",
                    "POORER", "poorer outcome",
                    "FAVOURABLE", "favorable outcome",
                    "INFORMATIONAL", "for information"),
            vocabulary("ResponseCategory",
                    "PR", "partial response",
                    "SD", "stable disease",
                    "PD", "progressive disease"),
            vocabulary("SizeSource",
                    "PATHOLOGY", "pathology",
                    "IMAGING", "imaging"),
            vocabulary("CircumferenceSource",
                    "RESECTED_AT_OPERATION", "resected at operation",
                    "ESTIMATED_ON_IMAGING", "estimated on imaging"),
            vocabulary("LigationStep",
                    "UPPER_SEGMENT_RECONSTRUCT", "upper segment involved: reconstruct",
                    "LIGATE", "ligate",
                    "LIGATION_NOT_ADVISED_RECONSTRUCT", "ligation not advised: reconstruct",
                    "AWAITING_FINDINGS", "awaiting the findings",
                    "RECONSTRUCT", "reconstruct"),
            vocabulary("ReconstructionStep",
                    "PATCH", "patch cavoplasty",
                    "GRAFT", "interposition graft",
                    "PATCH_OR_GRAFT", "patch or graft",
                    "AWAITING_CIRCUMFERENCE", "awaiting the circumference"),
            vocabulary("RedFlag",
                    "DECEASED", "deceased",
                    "CONTRAINDICATION", "contraindication",
                    "METASTATIC", "metastatic disease",
                    "PROGRESSION", "progression",
                    "RECURRENCE", "recurrence",
                    "PERSISTENT_DISEASE", "persistent disease",
                    "VENOUS_THROMBOEMBOLISM", "venous thromboembolism",
                    "POOR_PERFORMANCE", "poor performance status",
                    "INTRACARDIAC", "intracardiac extension",
                    "CONDUIT_THROMBOSIS", "conduit thrombosis",
                    "AORTIC_INVASION", "aortic invasion",
                    "NOT_LEIOMYOSARCOMA", "not a leiomyosarcoma"));

    private EnumTable() {}

    /** The words for {@code constant} of the vocabulary named {@code vocabulary}, if the table has them. */
    static Optional<String> words(String vocabulary, String constant) {
        Map<String, String> words = VOCABULARIES.get(vocabulary);
        return words == null ? Optional.empty() : Optional.ofNullable(words.get(constant));
    }

    /** True when a vocabulary of this name exists. */
    static boolean has(String vocabulary) {
        return VOCABULARIES.containsKey(vocabulary);
    }

    /** The constants of a vocabulary in declaration order; empty for an unknown name. */
    static List<String> constants(String vocabulary) {
        Map<String, String> words = VOCABULARIES.get(vocabulary);
        return words == null ? List.of() : List.copyOf(words.keySet());
    }

    /** The names of all vocabularies, case first, then plan, in table order. */
    static Set<String> vocabularies() {
        return VOCABULARIES.keySet();
    }

    private static Map.Entry<String, Map<String, String>> vocabulary(String name, String... constantsAndWords) {
        if (constantsAndWords.length == 0 || constantsAndWords.length % 2 != 0) {
            throw new IllegalStateException(name + ": constants and words come in pairs");
        }
        Map<String, String> words = new LinkedHashMap<>();
        for (int i = 0; i < constantsAndWords.length; i += 2) {
            if (words.put(constantsAndWords[i], constantsAndWords[i + 1]) != null) {
                throw new IllegalStateException(name + "." + constantsAndWords[i] + " is listed twice");
            }
        }
        return Map.entry(name, Collections.unmodifiableMap(words));
    }

    @SafeVarargs
    private static Map<String, Map<String, String>> index(Map.Entry<String, Map<String, String>>... vocabularies) {
        Map<String, Map<String, String>> index = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> v : vocabularies) {
            if (index.put(v.getKey(), v.getValue()) != null) {
                throw new IllegalStateException("vocabulary " + v.getKey() + " is listed twice");
            }
        }
        return Collections.unmodifiableMap(index);
    }
}
