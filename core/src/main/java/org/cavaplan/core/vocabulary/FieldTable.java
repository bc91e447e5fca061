package org.cavaplan.core.vocabulary;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The clinician's words for every field of the case (case.schema.json, contract v2), one row per
 * schema path, array positions written {@code *}. Objects and arrays have rows too, and so do the
 * items of arrays ({@code /presentation/symptoms/*}), because a pointer may name any of them.
 *
 * <p>Field words are written as a label (first letter in upper case) and without the section's
 * context: "IVC lumen", not "IVC lumen at operation". {@link Vocabulary#label} adds the context.
 */
final class FieldTable {

    /**
     * One field. {@code codes} names the vocabulary of a coded field; {@code prefix} (a scale) and
     * {@code unit} surround a number; {@code yes} and {@code no} are the words of a boolean;
     * {@code contextual} is false where the field's words already say where it belongs (the dates
     * that identify a study or a visit, the objects). Empty strings mean "none".
     */
    record Row(String pattern, String words, String codes, String prefix, String unit, String yes, String no,
            boolean contextual) {
        Row withoutContext() {
            return new Row(pattern, words, codes, prefix, unit, yes, no, false);
        }
    }

    private static final Map<String, Row> ROWS = index(
            text("/schemaVersion", "Case format version").withoutContext(),
            text("/caseId", "Case identifier").withoutContext(),

            group("/patient", "Patient"),
            number("/patient/ageYears", "Age", "years"),
            coded("/patient/sex", "Sex", "Sex"),
            scale("/patient/ecog", "Performance status", "ECOG"),
            scale("/patient/asaClass", "Physical status", "ASA"),
            number("/patient/lvefPct", "Left ventricular ejection fraction", "%"),
            number("/patient/egfrMlMin", "Estimated glomerular filtration rate", "mL/min/1.73 m\u00b2"),

            group("/presentation", "Presentation"),
            flag("/presentation/incidental", "Found incidentally", "yes", "no"),
            coded("/presentation/symptoms", "Symptoms and signs", "Symptom"),
            coded("/presentation/symptoms/*", "Symptom or sign", "Symptom"),

            group("/histology", "Histology"),
            coded("/histology/diagnosis", "Diagnosis", "Diagnosis"),
            coded("/histology/source", "Tissue source", "HistologySource"),
            scale("/histology/fnclccGrade", "Grade", "FNCLCC"),

            // cited with the modalities of the studies done
            coded("/imaging", "Imaging studies", "Modality").withoutContext(),
            group("/imaging/*", "Imaging study"),
            date("/imaging/*/date", "Study date"),
            coded("/imaging/*/modality", "Modality", "Modality").withoutContext(),
            flag("/imaging/*/chestIncluded", "Chest coverage", "included", "not included"),
            number("/imaging/*/tumorDiametersCm", "Tumor diameters", "cm"),
            number("/imaging/*/tumorDiametersCm/*", "Tumor diameter", "cm"),
            coded("/imaging/*/ivcInvolvement", "IVC involvement", "IvcInvolvement"),
            coded("/imaging/*/cranialExtent", "Cranial extent", "Landmark"),
            coded("/imaging/*/caudalExtent", "Caudal extent", "Landmark"),
            number("/imaging/*/ivcCircumferenceInvolvedPct", "IVC circumference involved", "%"),
            number("/imaging/*/ivcDiameterMm", "IVC diameter", "mm"),
            coded("/imaging/*/ivcLumen", "IVC lumen", "Lumen"),
            coded("/imaging/*/collaterals", "Venous collaterals", "Collaterals"),
            coded("/imaging/*/intraluminalGrowth", "Intraluminal growth", "IntraluminalGrowth"),
            flag("/imaging/*/hepaticVeinThrombosis", "Hepatic vein thrombosis", "present", "absent"),
            flag("/imaging/*/renalVeinThrombosis", "Renal vein thrombosis", "present", "absent"),
            flag("/imaging/*/pulmonaryEmbolism", "Pulmonary embolism", "present", "absent"),
            coded("/imaging/*/regionalNodes", "Regional lymph nodes", "RegionalNodes"),
            coded("/imaging/*/invadedOrgans", "Invaded organs", "Organ"),
            coded("/imaging/*/invadedOrgans/*", "Invaded organ", "Organ"),
            coded("/imaging/*/distantMetastases", "Distant metastases", "Site"),
            coded("/imaging/*/distantMetastases/*", "Site of distant metastasis", "Site"),

            group("/neoadjuvant", "Neoadjuvant therapy"),
            group("/neoadjuvant/radiotherapy", "Neoadjuvant radiotherapy"),
            number("/neoadjuvant/radiotherapy/totalDoseGy", "Neoadjuvant radiotherapy total dose", "Gy"),
            count("/neoadjuvant/radiotherapy/fractions", "Neoadjuvant radiotherapy fractions"),
            date("/neoadjuvant/radiotherapy/endDate", "End of neoadjuvant radiotherapy"),
            group("/neoadjuvant/chemotherapy", "Neoadjuvant chemotherapy"),
            text("/neoadjuvant/chemotherapy/regimen", "Neoadjuvant chemotherapy regimen"),
            count("/neoadjuvant/chemotherapy/cycles", "Neoadjuvant chemotherapy cycles"),
            date("/neoadjuvant/chemotherapy/endDate", "End of neoadjuvant chemotherapy"),

            group("/operation", "Operation"),
            date("/operation/date", "Date of operation"),
            group("/operation/findings", "Operative findings"),
            flag("/operation/findings/liverMetastases", "Liver metastases", "found", "not found"),
            flag("/operation/findings/peritonealMetastases", "Peritoneal metastases", "found", "not found"),
            flag("/operation/findings/frozenSectionConfirmedMetastasis", "Metastasis on frozen section",
                    "confirmed", "not confirmed"),
            coded("/operation/findings/ivcLumen", "IVC lumen", "Lumen"),
            coded("/operation/findings/collaterals", "Venous collaterals", "Collaterals"),
            flag("/operation/findings/grossContamination", "Gross enteric contamination", "present", "absent"),
            number("/operation/circumferenceResectedPct", "Circumference resected", "%"),
            number("/operation/resectedLengthCm", "Length resected", "cm"),
            coded("/operation/ivcManagement", "IVC management", "IvcManagement"),
            coded("/operation/conduit", "Conduit material", "Conduit"),
            number("/operation/conduitDiameterMm", "Conduit diameter", "mm"),
            coded("/operation/enBlocResections", "Organs resected en bloc", "Organ"),
            coded("/operation/enBlocResections/*", "Organ resected en bloc", "Organ"),

            group("/pathology", "Pathology"),
            coded("/pathology/margin", "Resection margin", "Margin"),
            number("/pathology/closestMarginMm", "Closest margin", "mm"),
            scale("/pathology/fnclccGrade", "Grade", "FNCLCC"),
            number("/pathology/maxDiameterCm", "Largest tumor diameter", "cm"),
            number("/pathology/treatmentEffectPct", "Treatment effect", "%"),
            coded("/pathology/regionalNodes", "Regional lymph nodes", "RegionalNodes"),

            group("/postoperative", "Postoperative care"),
            coded("/postoperative/antithrombotics", "Postoperative antithrombotic drugs", "Antithrombotic"),
            coded("/postoperative/antithrombotics/*", "Postoperative antithrombotic drug", "Antithrombotic"),
            number("/postoperative/adjuvantRadiotherapyGy", "Adjuvant radiotherapy dose", "Gy"),
            flag("/postoperative/adjuvantChemotherapy", "Adjuvant chemotherapy", "given", "not given"),

            group("/followUp", "Follow-up visits"),
            group("/followUp/*", "Follow-up visit"),
            date("/followUp/*/date", "Follow-up date"),
            scale("/followUp/*/ecog", "Performance status", "ECOG"),
            coded("/followUp/*/conduit", "Conduit", "ConduitStatus"),
            flag("/followUp/*/localRecurrence", "Local recurrence", "present", "absent"),
            coded("/followUp/*/distantMetastases", "Distant metastases", "Site"),
            coded("/followUp/*/distantMetastases/*", "Site of distant metastasis", "Site"),
            count("/followUp/*/metastasisCount", "Number of metastases"),
            flag("/followUp/*/metastasesResectable", "Resectability of metastases", "resectable", "not resectable"),

            group("/outcome", "Outcome"),
            coded("/outcome/vitalStatus", "Vital status", "VitalStatus"),
            date("/outcome/lastContactDate", "Date of last contact or death"),
            coded("/outcome/causeOfDeath", "Cause of death", "CauseOfDeath"));

    private FieldTable() {}

    /** The row of a schema path ({@code *} for array positions), or null when the table has none. */
    static Row row(String pattern) {
        return ROWS.get(pattern);
    }

    /** Every schema path the table has words for, in table order. */
    static Set<String> patterns() {
        return ROWS.keySet();
    }

    private static Row group(String pattern, String words) {
        return new Row(pattern, words, "", "", "", "yes", "no", false);
    }

    private static Row text(String pattern, String words) {
        return new Row(pattern, words, "", "", "", "yes", "no", true);
    }

    private static Row date(String pattern, String words) {
        return new Row(pattern, words, "", "", "", "yes", "no", false);
    }

    private static Row number(String pattern, String words, String unit) {
        return new Row(pattern, words, "", "", unit, "yes", "no", true);
    }

    private static Row count(String pattern, String words) {
        return new Row(pattern, words, "", "", "", "yes", "no", true);
    }

    private static Row scale(String pattern, String words, String scale) {
        return new Row(pattern, words, "", scale, "", "yes", "no", true);
    }

    private static Row coded(String pattern, String words, String vocabulary) {
        return new Row(pattern, words, vocabulary, "", "", "yes", "no", true);
    }

    private static Row flag(String pattern, String words, String yes, String no) {
        return new Row(pattern, words, "", "", "", yes, no, true);
    }

    private static Map<String, Row> index(Row... rows) {
        Map<String, Row> index = new LinkedHashMap<>();
        for (Row row : rows) {
            if (!row.codes().isEmpty() && !EnumTable.has(row.codes())) {
                throw new IllegalStateException(row.pattern() + ": no vocabulary named " + row.codes());
            }
            if (index.put(row.pattern(), row) != null) {
                throw new IllegalStateException(row.pattern() + " is listed twice");
            }
        }
        return Collections.unmodifiableMap(index);
    }
}
