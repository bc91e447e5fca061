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
                        "worst ECOG status counted as good performance"));
    }

    private static Threshold assumption(String name, double value, String unit, String provenance, String meaning) {
        return new Threshold(name, value, unit, provenance, true, meaning);
    }

    private static Threshold fixed(String name, double value, String unit, String provenance, String meaning) {
        return new Threshold(name, value, unit, provenance, false, meaning);
    }
}
