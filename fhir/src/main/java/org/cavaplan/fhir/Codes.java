package org.cavaplan.fhir;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.cavaplan.core.model.Antithrombotic;
import org.cavaplan.core.model.Diagnosis;
import org.cavaplan.core.model.Modality;
import org.cavaplan.core.model.Organ;
import org.cavaplan.core.model.Site;
import org.cavaplan.core.model.Symptom;
import org.cavaplan.core.model.VitalStatus;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * The code systems, canonical URLs and codes of the CavaPlan FHIR mapping ({@code docs/fhir-mapping.md}).
 * The CavaPlan CodeSystem ships as {@code cavaplan-codesystem.json} beside this class; a test keeps
 * the two in step.
 */
final class Codes {

    static final String BASE = "https://cavaplan.org/fhir";
    /** The canonical URL of the CavaPlan CodeSystem. */
    static final String CAVAPLAN = BASE + "/CodeSystem/cavaplan";
    static final String CASE_ID = BASE + "/NamingSystem/case-id";
    static final String EXT_TREATMENT_TIMING = BASE + "/StructureDefinition/treatment-timing";
    static final String EXT_CHEMOTHERAPY_CYCLES = BASE + "/StructureDefinition/chemotherapy-cycles";

    static final String LOINC = "http://loinc.org";
    static final String SNOMED = "http://snomed.info/sct";
    static final String UCUM = "http://unitsofmeasure.org";
    static final String ICD_O_3 = "http://terminology.hl7.org/CodeSystem/icd-o-3";
    static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    static final String V2_0074 = "http://terminology.hl7.org/CodeSystem/v2-0074";
    static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    static final String CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";
    static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    static final String MCODE = "http://hl7.org/fhir/us/mcode/StructureDefinition/";
    /** mCODE STU4: the profiles are claimed at this version (their rules are asserted in ProfileRulesTest). */
    static final String MCODE_VERSION = "|4.0.0";
    static final String PROFILE_PATIENT = MCODE + "mcode-cancer-patient" + MCODE_VERSION;
    static final String PROFILE_PRIMARY_CANCER = MCODE + "mcode-primary-cancer-condition" + MCODE_VERSION;
    static final String PROFILE_TUMOR = MCODE + "mcode-tumor" + MCODE_VERSION;
    static final String PROFILE_TUMOR_SIZE = MCODE + "mcode-tumor-size" + MCODE_VERSION;
    static final String PROFILE_ECOG = MCODE + "mcode-ecog-performance-status" + MCODE_VERSION;
    static final String PROFILE_SURGERY = MCODE + "mcode-cancer-related-surgical-procedure" + MCODE_VERSION;
    static final String PROFILE_RADIOTHERAPY = MCODE + "mcode-radiotherapy-course-summary" + MCODE_VERSION;
    /** mCODE's own code for a radiotherapy course summary (the profile fixes Procedure.code to it). */
    static final String MCODE_RESOURCE_IDENTIFIER = "http://hl7.org/fhir/us/mcode/CodeSystem/mcode-resource-identifier-cs";
    static final String EXT_PROCEDURE_INTENT = MCODE + "mcode-procedure-intent";
    static final String EXT_DATA_ABSENT_REASON = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";
    static final String ICD_10_CM = "http://hl7.org/fhir/sid/icd-10-cm";
    /**
     * ICD-10-CM for a leiomyosarcoma of the inferior vena cava: C49.4, malignant neoplasm of connective
     * and soft tissue of the abdomen (C49 includes blood vessels; the IVC is an abdominal great vessel).
     * Not C48.0 (retroperitoneum, for tumours of the retroperitoneal soft tissue itself) and never
     * C49.A- (gastrointestinal stromal tumour). docs/fhir-mapping.md and the ConceptMap give the reasons.
     */
    static final String ICD_10_CM_IVC_LEIOMYOSARCOMA = "C49.4";
    static final String CLINICAL_STATUS = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    static final String VERIFICATION_STATUS = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    static final String SPECIMEN_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0487";
    static final String RESOURCE_TYPES = "http://hl7.org/fhir/resource-types";
    static final String LOINC_STAGE_CLINICAL = "21908-9";
    static final String LOINC_STAGE_PATHOLOGICAL = "21902-2";
    static final String SCT_RADIOTHERAPY_CATEGORY = "108290001";
    static final String SCT_MALIGNANT_NEOPLASM_MORPHOLOGY = "367651003";
    static final String SCT_CURATIVE_INTENT = "373808002";
    static final String SCT_PALLIATIVE_INTENT = "363676003";
    static final String EXT_MORPHOLOGY = MCODE + "mcode-histology-morphology-behavior";
    static final String EXT_DOSE_DELIVERED = MCODE + "mcode-radiotherapy-dose-delivered-to-volume";

    // LOINC
    static final String LOINC_AGE = "30525-0";
    static final String LOINC_ECOG = "89247-1";
    static final String LOINC_LVEF = "10230-1";
    static final String LOINC_EGFR = "62238-1";
    static final String LOINC_TUMOR_SIZE = "21889-1";
    static final String LOINC_LONGEST_DIMENSION = "33728-7";
    static final String LOINC_OTHER_DIMENSION = "33729-5";
    static final String LOINC_HISTOLOGY = "59847-4";
    static final String LOINC_PATHOLOGY_STUDY = "11526-1";

    // SNOMED CT
    static final String SCT_IVC = "64131007";
    static final String SCT_EXCISION = "65801008";
    static final String SCT_RADIOTHERAPY_COURSE = "1217123003";
    static final String SCT_CHEMOTHERAPY = "367336001";
    static final String SCT_IMAGING_METHOD = "363679005";
    static final String ICD_O_3_LEIOMYOSARCOMA = "8890/3";

    // CavaPlan observation codes
    static final String INCIDENTAL = "incidental-finding";
    static final String SYMPTOM = "presenting-symptom";
    static final String FNCLCC_GRADE = "fnclcc-grade";
    static final String CHEST_INCLUDED = "chest-included";
    static final String IVC_INVOLVEMENT = "ivc-involvement";
    static final String CRANIAL_EXTENT = "ivc-cranial-extent";
    static final String CAUDAL_EXTENT = "ivc-caudal-extent";
    static final String CIRCUMFERENCE_INVOLVED = "ivc-circumference-involved";
    static final String IVC_DIAMETER = "ivc-diameter";
    static final String IVC_LUMEN = "ivc-lumen";
    static final String COLLATERALS = "ivc-collaterals";
    static final String INTRALUMINAL_GROWTH = "intraluminal-growth";
    static final String HEPATIC_VEIN_THROMBOSIS = "hepatic-vein-thrombosis";
    static final String RENAL_VEIN_THROMBOSIS = "renal-vein-thrombosis";
    static final String PULMONARY_EMBOLISM = "pulmonary-embolism";
    static final String REGIONAL_NODES = "regional-nodes";
    static final String ASA_CLASS = "asa-class";
    static final String INVADED_ORGANS = "invaded-organs";
    static final String INVADED_ORGAN = "invaded-organ";
    static final String DISTANT_METASTASES = "distant-metastases";
    static final String METASTASIS_SITE = "metastasis-site";
    static final String LIVER_METASTASES = "liver-metastases";
    static final String PERITONEAL_METASTASES = "peritoneal-metastases";
    static final String FROZEN_SECTION_METASTASIS = "frozen-section-confirmed-metastasis";
    static final String GROSS_CONTAMINATION = "gross-contamination";
    static final String CIRCUMFERENCE_RESECTED = "ivc-circumference-resected";
    static final String RESECTED_LENGTH = "ivc-resected-length";
    static final String IVC_MANAGEMENT = "ivc-management";
    static final String CONDUIT = "conduit";
    static final String CONDUIT_DIAMETER = "conduit-diameter";
    static final String EN_BLOC_RESECTIONS = "en-bloc-resections";
    static final String EN_BLOC_ORGAN = "en-bloc-organ";
    static final String MARGIN = "resection-margin";
    static final String CLOSEST_MARGIN = "closest-margin-distance";
    static final String TREATMENT_EFFECT = "treatment-effect";
    static final String CONDUIT_PATENCY = "conduit-patency";
    static final String LOCAL_RECURRENCE = "local-recurrence";
    static final String METASTASIS_COUNT = "metastasis-count";
    static final String METASTASES_RESECTABLE = "metastases-resectable";
    static final String VITAL_STATUS = "vital-status";
    static final String CAUSE_OF_DEATH = "cause-of-death";
    static final String EMPTY_SECTION = "empty-section";
    static final String FOLLOW_UP_VISIT = "follow-up-visit";
    static final String SECTION_NEOADJUVANT = "section.neoadjuvant";
    static final String SECTION_POSTOPERATIVE = "section.postoperative";
    static final String TIMING_NEOADJUVANT = "timing.NEOADJUVANT";
    static final String TIMING_ADJUVANT = "timing.ADJUVANT";

    /** Standard codings that stand beside the CavaPlan coding of a vocabulary value. */
    private static final Map<Class<?>, Map<? extends Enum<?>, Coding>> STANDARD = Map.of(
            Site.class, standardSites(),
            Organ.class, standardOrgans(),
            Symptom.class, standardSymptoms(),
            Modality.class, standardModalities(),
            Diagnosis.class, new EnumMap<>(Map.of(Diagnosis.LEIOMYOSARCOMA,
                    coding(ICD_O_3, ICD_O_3_LEIOMYOSARCOMA, "Leiomyosarcoma, NOS"))),
            VitalStatus.class, new EnumMap<>(Map.of(VitalStatus.ALIVE, coding(SNOMED, "438949009", "Alive"),
                    VitalStatus.DEAD, coding(SNOMED, "419099009", "Dead"))),
            Antithrombotic.class, new EnumMap<>(Map.of(Antithrombotic.ASPIRIN, coding(RXNORM, "1191", "aspirin"),
                    Antithrombotic.WARFARIN, coding(RXNORM, "11289", "warfarin"),
                    Antithrombotic.HEPARIN_INFUSION, coding(RXNORM, "5224", "heparin"))));

    private Codes() {}

    static Coding coding(String system, String code, String display) {
        return new Coding(system, code, display);
    }

    static Coding cavaplan(String code) {
        return new Coding(CAVAPLAN, code, CodeSystemText.display(code));
    }

    static CodeableConcept concept(String cavaplanCode) {
        return new CodeableConcept(cavaplan(cavaplanCode));
    }

    static CodeableConcept loinc(String code, String display) {
        return new CodeableConcept(coding(LOINC, code, display));
    }

    /** The vocabulary group of an enumeration: {@code IvcInvolvement} is {@code ivc-involvement}. */
    static String group(Class<? extends Enum<?>> type) {
        return type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** The CavaPlan code of a vocabulary value, e.g. {@code landmark.RIGHT_ATRIUM}. */
    static <E extends Enum<E>> String code(E value) {
        return group(value.getDeclaringClass()) + "." + value.name();
    }

    /** A concept for a vocabulary value: the standard coding first where one exists, then the CavaPlan coding. */
    static <E extends Enum<E>> CodeableConcept valueConcept(E value) {
        CodeableConcept concept = new CodeableConcept();
        standard(value).ifPresent(c -> concept.addCoding(c.copy()));
        concept.addCoding(cavaplan(code(value)));
        return concept;
    }

    static <E extends Enum<E>> Optional<Coding> standard(E value) {
        Map<? extends Enum<?>, Coding> map = STANDARD.get(value.getDeclaringClass());
        return map == null ? Optional.empty() : Optional.ofNullable(map.get(value));
    }

    /** The vocabulary value a standard coding stands for, if it is one the mapping knows. */
    static <E extends Enum<E>> Optional<E> fromStandard(Class<E> type, String system, String code) {
        for (E value : type.getEnumConstants()) {
            Optional<Coding> c = standard(value);
            if (c.isPresent() && c.get().getSystem().equals(system) && c.get().getCode().equals(code)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static Map<Site, Coding> standardSites() {
        Map<Site, Coding> m = new EnumMap<>(Site.class);
        m.put(Site.LUNG, coding(SNOMED, "39607008", "Lung structure"));
        m.put(Site.LIVER, coding(SNOMED, "10200004", "Liver structure"));
        m.put(Site.PERITONEUM, coding(SNOMED, "15425007", "Peritoneum structure"));
        m.put(Site.BONE, coding(SNOMED, "272673000", "Bone structure"));
        m.put(Site.SOFT_TISSUE, coding(SNOMED, "87784001", "Soft tissues"));
        m.put(Site.BRAIN, coding(SNOMED, "12738006", "Brain structure"));
        return m;
    }

    private static Map<Organ, Coding> standardOrgans() {
        Map<Organ, Coding> m = new EnumMap<>(Organ.class);
        m.put(Organ.LIVER, coding(SNOMED, "10200004", "Liver structure"));
        m.put(Organ.RIGHT_KIDNEY, coding(SNOMED, "9846003", "Right kidney structure"));
        m.put(Organ.LEFT_KIDNEY, coding(SNOMED, "18639004", "Left kidney structure"));
        m.put(Organ.DUODENUM, coding(SNOMED, "38848004", "Duodenal structure"));
        m.put(Organ.SMALL_BOWEL, coding(SNOMED, "30315005", "Small intestine structure"));
        m.put(Organ.COLON, coding(SNOMED, "71854001", "Colon structure"));
        m.put(Organ.PANCREAS, coding(SNOMED, "15776009", "Pancreatic structure"));
        m.put(Organ.AORTA, coding(SNOMED, "15825003", "Aortic structure"));
        return m;
    }

    private static Map<Symptom, Coding> standardSymptoms() {
        Map<Symptom, Coding> m = new EnumMap<>(Symptom.class);
        m.put(Symptom.ABDOMINAL_PAIN, coding(SNOMED, "21522001", "Abdominal pain"));
        m.put(Symptom.FLANK_PAIN, coding(SNOMED, "247355005", "Flank pain"));
        m.put(Symptom.BACK_PAIN, coding(SNOMED, "161891005", "Backache"));
        m.put(Symptom.LOWER_EXTREMITY_EDEMA, coding(SNOMED, "102572006", "Edema of lower extremity"));
        m.put(Symptom.DEEP_VEIN_THROMBOSIS, coding(SNOMED, "128053003", "Deep venous thrombosis"));
        m.put(Symptom.PULMONARY_EMBOLISM, coding(SNOMED, "59282003", "Pulmonary embolism"));
        m.put(Symptom.BUDD_CHIARI, coding(SNOMED, "82385007", "Budd-Chiari syndrome"));
        m.put(Symptom.CARDIAC_ARRHYTHMIA, coding(SNOMED, "698247007", "Cardiac arrhythmia"));
        m.put(Symptom.WEIGHT_LOSS, coding(SNOMED, "89362005", "Weight loss"));
        return m;
    }

    private static Map<Modality, Coding> standardModalities() {
        Map<Modality, Coding> m = new EnumMap<>(Modality.class);
        m.put(Modality.CT, coding(DICOM, "CT", "Computed Tomography"));
        m.put(Modality.MRI, coding(DICOM, "MR", "Magnetic Resonance"));
        m.put(Modality.ULTRASOUND, coding(DICOM, "US", "Ultrasound"));
        m.put(Modality.DOPPLER_ULTRASOUND, coding(DICOM, "US", "Ultrasound"));
        m.put(Modality.PET_CT, coding(DICOM, "PT", "Positron emission tomography"));
        return m;
    }
}
