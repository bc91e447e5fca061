package org.cavaplan.knowledge;

import java.util.List;
import org.cavaplan.core.engine.Threshold;

/**
 * Every number the rules read, each kept once with its unit and provenance. Numbers marked as
 * assumptions are CavaPlan's own choices; {@link Settings} lets a center change them.
 */
final class Thresholds {

    static final String ARTICLE = "review article";

    static final String HIGH_GRADE_MIN = "grade.highGradeMinimum";
    static final String EXTREMELY_LARGE_CM = "size.extremelyLargeAboveCm";
    static final String CLOSE_MARGIN_MM = "margin.closeBelowMm";
    static final String AJCC_T1_MAX_CM = "ajcc.t1MaxCm";
    static final String AJCC_T2_MAX_CM = "ajcc.t2MaxCm";
    static final String AJCC_T3_MAX_CM = "ajcc.t3MaxCm";
    static final String RECIST_PR_PCT = "recist.partialResponseChangePct";
    static final String RECIST_PD_PCT = "recist.progressionChangePct";
    static final String RECIST_PD_MM = "recist.progressionAbsoluteMm";
    static final String ALPHA_BETA_GY = "radiobiology.alphaBetaGy";
    static final String ANTIBIOTICS_MIN = "preop.antibioticsMinutesBeforeIncision";
    static final String HEPARIN_UNITS = "preop.heparinUnits";
    static final String ACT_TARGET_S = "op.actTargetSeconds";
    static final String CIRCUMFERENCE_PCT = "ivc.circumferenceThresholdPct";
    static final String PATCH_WIDTH_CM = "ivc.patchSheetWidthCm";
    static final String PATCH_LENGTH_CM = "ivc.patchSheetLengthCm";
    static final String ILIAC_DIFFICULT_CM = "op.leftIliacDifficultFromCm";
    static final String BOOST_MIN_GY = "adjuvant.boostMinGy";
    static final String BOOST_MAX_GY = "adjuvant.boostMaxGy";
    static final String HIGH_RISK_SIZE_CM = "surveillance.higherRiskAboveCm";
    static final String HIGH_RISK_EARLY_INTERVAL = "surveillance.higherRiskEarlyIntervalMonths";
    static final String HIGH_RISK_EARLY_UNTIL = "surveillance.higherRiskEarlyUntilMonths";
    static final String HIGH_RISK_MID_INTERVAL = "surveillance.higherRiskMiddleIntervalMonths";
    static final String HIGH_RISK_MID_UNTIL = "surveillance.higherRiskMiddleUntilMonths";
    static final String LOW_RISK_INTERVAL = "surveillance.lowerRiskIntervalMonths";
    static final String LOW_RISK_UNTIL = "surveillance.lowerRiskUntilMonths";
    static final String LATE_INTERVAL = "surveillance.lateIntervalMonths";
    static final String HORIZON = "surveillance.horizonMonths";
    static final String DFI_MONTHS = "recurrence.minDiseaseFreeMonths";
    static final String MAX_METASTASES = "recurrence.maxMetastases";
    static final String MAX_ECOG = "recurrence.maxEcog";
    // contract v2
    static final String FIT_MAX_ECOG = "fitness.fitMaxEcog";
    static final String FITNESS_REVIEW_ECOG = "fitness.assessmentFromEcog";
    static final String FITNESS_REVIEW_AGE = "fitness.assessmentFromAgeYears";
    static final String STALE_IMAGING_DAYS = "dates.restageAfterDays";
    static final String ADJUVANT_WINDOW_DAYS = "adjuvant.windowDays";
    static final String EXTENDED_PROPHYLAXIS_DAYS = "postop.extendedProphylaxisDays";
    static final String VTE_ACTIVE_MONTHS = "vte.minimumTreatmentMonths";
    static final String VTE_RECENT_MONTHS = "vte.recentMonths";
    static final String LOW_LVEF_PCT = "fitness.lowLvefBelowPct";
    static final String LOW_EGFR_HEPARIN = "fitness.heparinDoseEgfrBelow";
    static final String LOW_EGFR_RENAL = "fitness.renalFunctionEgfrBelow";
    static final String PRIMARY_REPAIR_MAX_PCT = "ivc.primaryRepairMaxPct";
    static final String PRIMARY_REPAIR_CONSIDER_MAX_PCT = "ivc.primaryRepairConsiderMaxPct";
    static final String NEOADJUVANT_CHEMO_MIN_CM = "neoadjuvant.chemotherapyMinSizeCm";
    static final String ADJUVANT_CHEMO_G2_ABOVE_CM = "adjuvant.chemotherapyGrade2AboveCm";
    static final String ADJUVANT_CHEMO_MAX_ECOG = "adjuvant.chemotherapyMaxEcog";
    static final String SYSTEMIC_IMAGING_MIN_MONTHS = "systemic.responseImagingMinMonths";
    static final String SYSTEMIC_IMAGING_MAX_MONTHS = "systemic.responseImagingMaxMonths";
    static final String RECURRENCE_RESTAGING_WEEKS = "recurrence.restagingWithinWeeks";
    static final String STRASS2_MIN_AGE = "trial.strass2MinAgeYears";
    static final String STRASS2_MIN_CM = "trial.strass2MinSizeCm";
    static final String STRASS2_MAX_ECOG = "trial.strass2MaxEcog";
    static final String STRASS2_MAX_ASA = "trial.strass2MaxAsaClass";
    static final String STRASS2_MAX_ORGANS = "trial.strass2MaxInvadedMajorOrgans";
    static final String UNDERSIZED_GRAFT_RATIO = "ivc.undersizedGraftDiameterRatio";
    static final String SYSTEMIC_COMBINATION_MAX_ECOG = "systemic.combinationMaxEcog";
    static final String CONDUIT_EARLY_STUDY_MONTHS = "surveillance.conduitEarlyStudyWithinMonths";
    // plausibility of entered data (issue 20), read by Plausibility, not by the rules
    static final String SIZE_CHANGE_FACTOR = "plausibility.sizeChangeFactor";
    static final String SIZE_CHANGE_WITHIN_DAYS = "plausibility.sizeChangeWithinDays";
    static final String MILLIMETRES_ABOVE_CM = "plausibility.millimetresAboveCm";

    private Thresholds() {}

    /** The defaults, in the order {@code ./cavaplan rules} prints them. */
    static List<Threshold> defaults() {
        return List.of(
                assumption(HIGH_GRADE_MIN, 2, "FNCLCC grade", "AJCC convention: grade 2 and 3 count as high grade",
                        "lowest FNCLCC grade counted as high grade"),
                assumption(EXTREMELY_LARGE_CM, 15, "cm", "AJCC 8th T4 cut-off",
                        "a tumor larger than this is extremely large"),
                assumption(CLOSE_MARGIN_MM, 10, "mm", "soft-tissue sarcoma convention",
                        "an R0 margin closer than this is a close margin"),
                fixed(AJCC_T1_MAX_CM, 5, "cm", "AJCC 8th, retroperitoneum", "largest size of T1"),
                fixed(AJCC_T2_MAX_CM, 10, "cm", "AJCC 8th, retroperitoneum", "largest size of T2"),
                fixed(AJCC_T3_MAX_CM, 15, "cm", "AJCC 8th, retroperitoneum", "largest size of T3"),
                fixed(RECIST_PR_PCT, -30, "%", "RECIST 1.1", "change of the longest diameter at or below which the response is partial"),
                fixed(RECIST_PD_PCT, 20, "%", "RECIST 1.1", "growth of the longest diameter from which disease progresses"),
                fixed(RECIST_PD_MM, 5, "mm", "RECIST 1.1", "absolute growth also needed for progression"),
                assumption(ALPHA_BETA_GY, 4, "Gy", "commonly used value for soft-tissue sarcoma",
                        "alpha/beta ratio for EQD2 and BED"),
                fixed(ANTIBIOTICS_MIN, 60, "min", ARTICLE + ", Operative Procedure", "antibiotics given this long before incision"),
                fixed(HEPARIN_UNITS, 5000, "IU", ARTICLE + ", Operative Procedure", "subcutaneous heparin before incision"),
                fixed(ACT_TARGET_S, 250, "s", ARTICLE + ", Operative Procedure", "activated clotting time to exceed before caval flow is interrupted"),
                fixed(CIRCUMFERENCE_PCT, 75, "%", ARTICLE + ", Operative Procedure (single source)",
                        "resected circumference separating patch cavoplasty (below) from an interposition graft (above)"),
                fixed(PATCH_WIDTH_CM, 8, "cm", ARTICLE + ", Operative Procedure", "width of a bovine pericardium sheet"),
                fixed(PATCH_LENGTH_CM, 12, "cm", ARTICLE + ", Operative Procedure", "length of a bovine pericardium sheet"),
                assumption(ILIAC_DIFFICULT_CM, 10, "cm", "the source says large tumors without a number",
                        "tumor size from which control of the left iliac vein is expected to be difficult"),
                fixed(BOOST_MIN_GY, 10, "Gy", ARTICLE + ", Radiation", "smallest postoperative boost after neoadjuvant radiotherapy"),
                fixed(BOOST_MAX_GY, 16, "Gy", ARTICLE + ", Radiation", "largest postoperative boost after neoadjuvant radiotherapy"),
                assumption(HIGH_RISK_SIZE_CM, 10, "cm", "shaped after NCCN sarcoma surveillance",
                        "a tumor larger than this puts the patient on the higher-risk schedule"),
                assumption(HIGH_RISK_EARLY_INTERVAL, 3, "months", "shaped after NCCN sarcoma surveillance", "higher risk: early interval"),
                assumption(HIGH_RISK_EARLY_UNTIL, 24, "months", "shaped after NCCN sarcoma surveillance", "higher risk: early interval lasts until"),
                assumption(HIGH_RISK_MID_INTERVAL, 6, "months", "shaped after NCCN sarcoma surveillance", "higher risk: middle interval"),
                assumption(HIGH_RISK_MID_UNTIL, 60, "months", "shaped after NCCN sarcoma surveillance", "higher risk: middle interval lasts until"),
                assumption(LOW_RISK_INTERVAL, 6, "months", "shaped after NCCN sarcoma surveillance", "lower risk: early interval"),
                assumption(LOW_RISK_UNTIL, 36, "months", "shaped after NCCN sarcoma surveillance", "lower risk: early interval lasts until"),
                assumption(LATE_INTERVAL, 12, "months", "shaped after NCCN sarcoma surveillance", "interval after the early years"),
                assumption(HORIZON, 120, "months", "CavaPlan choice", "how far ahead the schedule is listed"),
                assumption(DFI_MONTHS, 12, "months", "the source says a long disease-free interval without a number",
                        "shortest disease-free interval for resecting a recurrence"),
                assumption(MAX_METASTASES, 3, "lesions", "the source says limited sites of disease without a number",
                        "most metastases still counted as limited disease"),
                assumption(MAX_ECOG, 1, "ECOG", "the source says good performance status without a number",
                        "worst ECOG status counted as good performance"),
                assumption(FIT_MAX_ECOG, 2, "ECOG", "CavaPlan choice (plan contract v2)",
                        "worst ECOG status counted as fit for a major resection"),
                assumption(FITNESS_REVIEW_ECOG, 2, "ECOG", "CavaPlan choice (plan contract v2)",
                        "ECOG status from which a fitness assessment is asked for"),
                assumption(FITNESS_REVIEW_AGE, 75, "years", "CavaPlan choice (plan contract v2); geriatric oncology practice",
                        "age from which a fitness (geriatric) assessment is asked for"),
                assumption(STALE_IMAGING_DAYS, 90, "days", "CavaPlan choice (plan contract v2)",
                        "before the operation, imaging older than this asks for restaging"),
                assumption(ADJUVANT_WINDOW_DAYS, 112, "days", "CavaPlan choice (plan contract v2): 16 weeks",
                        "adjuvant therapy is planned only this long after the operation"),
                assumption(EXTENDED_PROPHYLAXIS_DAYS, 28, "days", "ASCO VTE guideline 2023",
                        "extended thromboprophylaxis after major abdominal cancer surgery lasts this long"),
                fixed(VTE_ACTIVE_MONTHS, 6, "months", "ASCO VTE guideline 2023",
                        "shortest therapeutic anticoagulation for cancer-associated thrombosis"),
                fixed(VTE_RECENT_MONTHS, 3, "months", "CHEST perioperative guideline 2022",
                        "a thrombosis younger than this makes elective surgery and interruption high-risk"),
                assumption(LOW_LVEF_PCT, 50, "%", "CavaPlan choice (plan contract v2); cardio-oncology practice",
                        "below this ejection fraction anthracycline regimens are left out"),
                assumption(LOW_EGFR_HEPARIN, 30, "mL/min/1.73 m²", "CavaPlan choice (plan contract v2)",
                        "below this eGFR the heparin dose is adjusted"),
                assumption(LOW_EGFR_RENAL, 60, "mL/min/1.73 m²", "CavaPlan choice (plan contract v2)",
                        "below this eGFR the renal veins need particular care"),
                assumption(PRIMARY_REPAIR_MAX_PCT, 25, "%", "CavaPlan choice (plan contract v2); surgical series",
                        "resected circumference up to which a primary repair is the plan"),
                assumption(PRIMARY_REPAIR_CONSIDER_MAX_PCT, 50, "%", "CavaPlan choice (plan contract v2): narrowing of at most half",
                        "resected circumference up to which a primary repair may be considered"),
                fixed(NEOADJUVANT_CHEMO_MIN_CM, 5, "cm", "STRASS2 (NCT04031677) eligibility",
                        "below this pretreatment size neoadjuvant chemotherapy is not advised"),
                assumption(ADJUVANT_CHEMO_G2_ABOVE_CM, 10, "cm", "CavaPlan choice (plan contract v2)",
                        "a grade 2 tumor larger than this may be considered for adjuvant chemotherapy"),
                assumption(ADJUVANT_CHEMO_MAX_ECOG, 1, "ECOG", "CavaPlan choice (plan contract v2)",
                        "worst ECOG status for considering adjuvant chemotherapy"),
                assumption(SYSTEMIC_IMAGING_MIN_MONTHS, 2, "months", "CavaPlan choice (plan contract v2)",
                        "shortest interval of response imaging on systemic therapy"),
                assumption(SYSTEMIC_IMAGING_MAX_MONTHS, 3, "months", "CavaPlan choice (plan contract v2)",
                        "longest interval of response imaging on systemic therapy"),
                fixed(RECURRENCE_RESTAGING_WEEKS, 4, "weeks", "TARPSWG recurrent retroperitoneal sarcoma consensus",
                        "restaging of a recurrence within this time"),
                fixed(STRASS2_MIN_AGE, 18, "years", "STRASS2 (NCT04031677) eligibility", "youngest age for STRASS2"),
                fixed(STRASS2_MIN_CM, 5, "cm", "STRASS2 (NCT04031677) eligibility", "smallest tumor for STRASS2"),
                fixed(STRASS2_MAX_ECOG, 2, "ECOG", "STRASS2 (NCT04031677) eligibility", "worst ECOG status for STRASS2"),
                fixed(STRASS2_MAX_ASA, 2, "ASA class", "STRASS2 (NCT04031677) eligibility", "highest ASA class for STRASS2"),
                fixed(STRASS2_MAX_ORGANS, 1, "organs", "STRASS2 (NCT04031677) eligibility",
                        "most invaded major organs for STRASS2"),
                fixed(UNDERSIZED_GRAFT_RATIO, 0.6, "of the native IVC diameter", "Undersized ringed PTFE (Ann Vasc Surg 2020)",
                        "diameter of an undersized ringed PTFE graft, as a share of the native IVC diameter"),
                fixed(SYSTEMIC_COMBINATION_MAX_ECOG, 1, "ECOG", "LMS-04 eligibility (plan contract v2, systemic.first-line)",
                        "worst ECOG status for a first-line doxorubicin combination; doxorubicin alone above it"),
                fixed(CONDUIT_EARLY_STUDY_MONTHS, 1, "month", "plan contract v2 (surveillance.conduit-patency)",
                        "the early duplex or CT venography of a caval conduit is done within this time of the operation"),
                assumption(SIZE_CHANGE_FACTOR, 2, "times", "CavaPlan choice (data entry check)",
                        "a tumor diameter changing by more than this factor between close studies asks for confirmation"),
                assumption(SIZE_CHANGE_WITHIN_DAYS, 90, "days", "CavaPlan choice (data entry check)",
                        "studies less than this far apart are compared for a change of diameter"),
                assumption(MILLIMETRES_ABOVE_CM, 30, "cm", "CavaPlan choice (data entry check)",
                        "a tumor diameter above this looks like millimetres typed as centimetres and asks for confirmation"));
    }

    private static Threshold assumption(String name, double value, String unit, String provenance, String meaning) {
        return new Threshold(name, value, unit, provenance, true, meaning);
    }

    private static Threshold fixed(String name, double value, String unit, String provenance, String meaning) {
        return new Threshold(name, value, unit, provenance, false, meaning);
    }
}
