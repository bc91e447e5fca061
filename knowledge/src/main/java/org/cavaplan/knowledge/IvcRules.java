package org.cavaplan.knowledge;

import static org.cavaplan.core.plan.Status.CONDITIONAL;
import static org.cavaplan.core.plan.Status.CONSIDER;
import static org.cavaplan.core.plan.Status.CONTRAINDICATED;
import static org.cavaplan.core.plan.Status.NOT_RECOMMENDED;
import static org.cavaplan.core.plan.Status.RECOMMENDED;
import static org.cavaplan.knowledge.KbRule.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.cavaplan.core.model.Collaterals;
import org.cavaplan.core.model.Conduit;
import org.cavaplan.core.model.ImagingStudy;
import org.cavaplan.core.model.IvcManagement;
import org.cavaplan.core.model.Lumen;
import org.cavaplan.core.model.Organ;
import org.cavaplan.core.plan.EvidenceUpdate;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.Finding;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Status;
import org.cavaplan.core.plan.Verdict;

/**
 * The IVC management rows of plan contract v2 (S: Operative Procedure): ligation, primary repair,
 * patch cavoplasty, interposition graft, the renal veins, and the conduit under contamination, in
 * the catalogue's order. The final decision is made during the operation, so before it ligation is
 * never more than CONDITIONAL and a reconstruction plan is always kept. Nothing is recommended when
 * the IVC is known not to be involved. After the operation the management it recorded is judged in
 * {@code concordance} by the row that decides it; the stage rule then keeps only that verdict.
 */
final class IvcRules {

    /** The source's sentence on ligation names levels 2 and 3; it must mean 1 and 2. */
    static final String LIGATION_ERRATUM = "Operative Procedure: the source says ligation is safe 'on levels 2 and 3' right after "
            + "saying it cannot be done when the upper IVC (level 3) is involved. CavaPlan reads it as levels 1 and 2 and "
            + "contraindicates ligation at level 3.";

    /** What the operation must show before the IVC is ligated (the row's {@code when}). */
    static final String LIGATION_WHEN = "the operation confirms an occluded cava with well-developed collaterals";

    /** The ids of the three IVC rows the IVC decision path follows (see {@link Sections}). */
    static final String LIGATION = "ivc.ligation";
    static final String PATCH = "ivc.patch-cavoplasty";
    static final String GRAFT = "ivc.interposition-graft";

    private IvcRules() {}

    static List<KbRule> all() {
        return List.of(
                rule(LIGATION, Phase.IVC_MANAGEMENT,
                        "CONTRAINDICATED when level 3 is involved (erratum applied: the source's 'levels 2 and 3' read as levels 1 "
                                + "and 2); NOT_RECOMMENDED when the lumen is known not to be occluded or the collaterals known not "
                                + "to be well developed; else CONDITIONAL: " + LIGATION_WHEN + " (likely from imaging when it "
                                + "already shows both), and the extents show level 3 is not involved while they are unknown. "
                                + "Warning RENAL_OUTFLOW when level 2 is involved",
                        "single review article and one series (ligation in 26 % of patients with well-developed collaterals)",
                        List.of(Sources.OPERATIVE), List.of(), IvcRules::ligation).key(),
                rule("ivc.primary-repair", Phase.IVC_MANAGEMENT,
                        "NOT_RECOMMENDED with significant intraluminal growth or an occluded lumen, whatever the circumference; "
                                + "resected circumference up to {" + Thresholds.PRIMARY_REPAIR_MAX_PCT + "}: RECOMMENDED when "
                                + "measured at operation, at most CONSIDER on an imaging estimate; above it and up to {"
                                + Thresholds.PRIMARY_REPAIR_CONSIDER_MAX_PCT + "} (a narrowing of at most half): CONSIDER; above {"
                                + Thresholds.PRIMARY_REPAIR_CONSIDER_MAX_PCT + "}: NOT_RECOMMENDED; CONDITIONAL when the "
                                + "circumference is unknown",
                        "surgical series; the thresholds are CavaPlan assumptions", List.of(Sources.SURGICAL_SERIES, Sources.ASSUMPTION),
                        List.of(Thresholds.PRIMARY_REPAIR_MAX_PCT, Thresholds.PRIMARY_REPAIR_CONSIDER_MAX_PCT),
                        IvcRules::primaryRepair),
                rule(PATCH, Phase.IVC_MANAGEMENT,
                        "resected circumference above {" + Thresholds.PRIMARY_REPAIR_MAX_PCT + "} and below {"
                                + Thresholds.CIRCUMFERENCE_PCT + "}: RECOMMENDED; up to {" + Thresholds.PRIMARY_REPAIR_MAX_PCT
                                + "}: CONSIDER; exactly {" + Thresholds.CIRCUMFERENCE_PCT + "}: CONSIDER with warning "
                                + "CIRCUMFERENCE_AT_THRESHOLD; above {" + Thresholds.CIRCUMFERENCE_PCT + "}: NOT_RECOMMENDED; "
                                + "CONDITIONAL when unknown. Bovine pericardium sheet {" + Thresholds.PATCH_WIDTH_CM + ":value} × {"
                                + Thresholds.PATCH_LENGTH_CM + "}; warning PATCH_TOO_SMALL when the resected length exceeds {"
                                + Thresholds.PATCH_LENGTH_CM + "}",
                        "single review article (single source for the circumference threshold)", List.of(Sources.OPERATIVE),
                        List.of(Thresholds.CIRCUMFERENCE_PCT, Thresholds.PRIMARY_REPAIR_MAX_PCT, Thresholds.PATCH_WIDTH_CM,
                                Thresholds.PATCH_LENGTH_CM),
                        IvcRules::patch),
                rule(GRAFT, Phase.IVC_MANAGEMENT,
                        "resected circumference above {" + Thresholds.CIRCUMFERENCE_PCT + "}: RECOMMENDED; at or below it: "
                                + "CONSIDER (a patch can be used there, a graft is not excluded and suits a long defect); "
                                + "CONDITIONAL when unknown. Ringed PTFE, matched to the native IVC diameter or undersized to "
                                + "about {" + Thresholds.UNDERSIZED_GRAFT_RATIO + "}",
                        "single review article (single source for the circumference threshold); later series on graft "
                                + "thrombosis and undersized grafts",
                        List.of(Sources.OPERATIVE, Sources.GRAFT_SERIES, Sources.UNDERSIZED_PTFE_SERIES),
                        List.of(Thresholds.CIRCUMFERENCE_PCT, Thresholds.UNDERSIZED_GRAFT_RATIO), IvcRules::graft).key(),
                rule("ivc.renal-vein-management", Phase.IVC_MANAGEMENT,
                        "when the IVC may be resected: RECOMMENDED when level 2 is involved (the renal veins as an extent "
                                + "included): reimplant the right renal vein or remove the right kidney en bloc when it or its vein "
                                + "is invaded; ligate the left renal vein flush with the cava only with its collaterals kept; "
                                + "CONDITIONAL while the extents are unknown. Warning RENAL_FUNCTION when the eGFR is below {"
                                + Thresholds.LOW_EGFR_RENAL + "}",
                        "single review article (figure) and surgical series",
                        List.of(Sources.article("Operative Procedure (Fig. 4)"), Sources.SURGICAL_SERIES),
                        List.of(Thresholds.LOW_EGFR_RENAL), IvcRules::renalVeins),
                rule("ivc.prosthetic-conduit", Phase.IVC_MANAGEMENT,
                        "CONTRAINDICATED under gross enteric contamination (prosthetic: ringed PTFE)",
                        "single review article", List.of(Sources.OPERATIVE), List.of(), IvcRules::prosthetic),
                rule("ivc.autologous-vein-conduit", Phase.IVC_MANAGEMENT,
                        "under gross enteric contamination: RECOMMENDED when reconstruction is needed (level 3 involved, or "
                                + "ligation advised against), else CONSIDER",
                        "single review article", List.of(Sources.OPERATIVE), List.of(), IvcRules::autologous));
    }

    // ---- ligation ------------------------------------------------------------------------------

    static List<Finding> ligation(Facts f, Draft d) {
        judgeLigation(f, d);
        IvcDecision ivc = f.ivc;
        if (!ivc.applies()) {
            return d.silent();
        }
        d.because(ivc.ligationBasis(f));
        d.param("upperSegmentInvolved", triText(ivc.upperSegment()))
                .param("lumen", f.lumen.map(Fact::value).orElse("unknown"))
                .param("collaterals", f.collaterals.map(Fact::value).orElse("unknown"))
                .detail("Ligating the IVC without reconstruction suits only a cava below the hepatic veins that the tumor has "
                        + "already occluded, with well-developed collaterals to carry the blood of the legs; elsewhere the legs "
                        + "swell. The review article ligates when the surgeon finds these conditions; because the final decision is "
                        + "made during the operation, CavaPlan keeps ligation conditional until then and always keeps a "
                        + "reconstruction plan. The article's sentence naming levels 2 and 3 is read as levels 1 and 2 (erratum).");
        if (ivc.middleSegment().yes()) {
            d.warn("RENAL_OUTFLOW", "Level 2 is involved: the renal veins enter the segment to be resected, so ligating or clamping "
                    + "the IVC there needs a plan for the outflow of each kidney (see renal vein management).");
        }
        switch (ivc.ligation()) {
            case CONTRAINDICATED:
                return d.status(CONTRAINDICATED)
                        .summary("Do not ligate the IVC: the tumor reaches its upper segment (level 3); plan a reconstruction.").emit();
            case NOT_RECOMMENDED:
                return d.status(NOT_RECOMMENDED).summary("Do not ligate the IVC: " + ligationFailure(f) + "; plan a reconstruction.")
                        .emit();
            default:
                boolean likely = imagingShows(f, ImagingStudy::ivcLumen, "ivcLumen", Lumen.OCCLUDED)
                        && imagingShows(f, ImagingStudy::collaterals, "collaterals", Collaterals.WELL_DEVELOPED);
                d.param("likelyFromImaging", likely);
                if (f.lumen.isEmpty()) {
                    d.missing(f.lumenPointer("ivcLumen"), "whether the IVC lumen is occluded decides between ligation and reconstruction");
                }
                if (f.collaterals.isEmpty()) {
                    d.missing(f.lumenPointer("collaterals"), "well-developed collaterals are needed before the IVC can be ligated");
                }
                String when = LIGATION_WHEN;
                if (ivc.upperSegment().unknown()) {
                    d.missing(f.baselinePointer("cranialExtent"), "ligation is contraindicated when level 3 is involved");
                    when = "the tumor extents show that level 3 is not involved, and " + LIGATION_WHEN;
                }
                return d.conditional(when)
                        .summary(likely
                                ? "Ligation may be possible: imaging shows an occluded IVC with well-developed collaterals; confirm at "
                                        + "operation, keep a reconstruction plan."
                                : "Ligate the IVC only if the operation finds it occluded with well-developed collaterals; keep a "
                                        + "reconstruction plan.")
                        .emit();
        }
    }

    /** Why ligation is advised against, from the lumen and collaterals known to fail. */
    private static String ligationFailure(Facts f) {
        List<String> reasons = new ArrayList<>(2);
        if (f.ivc.occluded().no()) {
            reasons.add("its lumen is " + words((String) f.lumen.orElseThrow().value()) + ", not occluded");
        }
        if (f.ivc.wellDevelopedCollaterals().no()) {
            reasons.add("collaterals are " + words((String) f.collaterals.orElseThrow().value()) + ", not well developed");
        }
        return String.join(" and ", reasons);
    }

    private static boolean imagingShows(Facts f, Function<ImagingStudy, Optional<?>> field, String name,
            Enum<?> value) {
        return f.baseline(field, name).filter(x -> value.name().equals(x.value())).isPresent();
    }

    // ---- primary repair ------------------------------------------------------------------------

    static List<Finding> primaryRepair(Facts f, Draft d) {
        judgePrimaryRepair(f, d);
        IvcDecision ivc = f.ivc;
        if (!ivc.applies()) {
            return d.silent();
        }
        double repairMax = f.settings.get(Thresholds.PRIMARY_REPAIR_MAX_PCT);
        double considerMax = f.settings.get(Thresholds.PRIMARY_REPAIR_CONSIDER_MAX_PCT);
        d.because(ivc.reconstructionBasis(f));
        f.lumen.ifPresent(d::because);
        ivc.intraluminalGrowth().ifPresent(d::because);
        circumferenceParams(f, d);
        d.param("primaryRepairMaxPct", asNumber(repairMax)).param("considerMaxPct", asNumber(considerMax))
                .detail("A primary repair closes the cava directly, without a patch, and narrows it by the share of the "
                        + "circumference removed. CavaPlan plans it up to " + pct(repairMax) + " of the circumference and considers "
                        + "it up to " + pct(considerMax) + " (assumptions drawn from surgical series: a narrowing of at most half); "
                        + "beyond that a patch or a graft keeps the cava open. Imaging only estimates the share to be resected, so "
                        + "before the operation a primary repair is at most an option. An occluded lumen or significant tumor "
                        + "growth inside the lumen rules it out.");
        Status status = ivc.primaryRepair();
        d.status(status);
        if (status == NOT_RECOMMENDED) {
            String reason = ivc.occluded().yes() ? "its lumen is occluded"
                    : ivc.significantIntraluminalGrowth() ? "the tumor grows significantly inside its lumen"
                            : share(ivc) + " is above " + pct(considerMax);
            return d.summary("Do not close the IVC primarily: " + reason + "; plan a patch or a graft.").emit();
        }
        if (status == CONDITIONAL) {
            d.missing(circumferencePointer(f), "the share of the IVC circumference to resect decides between primary repair, patch "
                    + "and graft");
            return d.conditional("at most " + pct(considerMax) + " of the IVC circumference is resected")
                    .summary("A primary repair suits only a resection of at most " + pct(considerMax)
                            + " of the IVC circumference; that share is not yet known.")
                    .emit();
        }
        if (status == RECOMMENDED) {
            return d.summary("Close the IVC primarily: " + share(ivc) + ", at most " + pct(repairMax) + ".").emit();
        }
        double c = ivc.circumferencePct().orElseThrow();
        return d.summary(c <= repairMax
                ? "Consider a primary repair: " + share(ivc) + "; the share actually resected is measured at operation."
                : "A primary repair may be considered: " + share(ivc) + " narrows the IVC by at most half; a patch is usual.")
                .emit();
    }

    // ---- patch and graft -----------------------------------------------------------------------

    static List<Finding> patch(Facts f, Draft d) {
        judgePatch(f, d);
        IvcDecision ivc = f.ivc;
        if (!ivc.applies()) {
            return d.silent();
        }
        double threshold = f.settings.get(Thresholds.CIRCUMFERENCE_PCT);
        double repairMax = f.settings.get(Thresholds.PRIMARY_REPAIR_MAX_PCT);
        double width = f.settings.get(Thresholds.PATCH_WIDTH_CM);
        double length = f.settings.get(Thresholds.PATCH_LENGTH_CM);
        Status status = ivc.patch().orElseThrow();
        d.because(ivc.reconstructionBasis(f)).status(status);
        d.param("material", "bovine pericardium").param("sheetCm", List.of(width, length));
        circumferenceParams(f, d);
        d.param("thresholdPct", asNumber(threshold))
                .detail("A partial resection closed with a bovine pericardium patch (sheets of " + RuleTexts.number(width) + " × "
                        + RuleTexts.number(length) + " cm) suits a defect of less than " + pct(threshold)
                        + " of the circumference; the figure rests on a single source. Up to " + pct(repairMax)
                        + " a primary repair may do instead.");
        resectedLength(f).ifPresent(len -> {
            d.because(len);
            boolean patchInPlay = status != NOT_RECOMMENDED
                    || f.recordedManagement().filter(m -> m == IvcManagement.PATCH_CAVOPLASTY).isPresent();
            if ((Double) len.value() > length && patchInPlay) {
                d.warn("PATCH_TOO_SMALL", "The resected length of " + RuleTexts.number((Double) len.value()) + " cm exceeds the "
                        + RuleTexts.number(length) + " cm of one pericardial sheet: plan a longer patch or a graft.");
            }
        });
        switch (status) {
            case RECOMMENDED:
                return d.summary("Reconstruct with a bovine pericardium patch: " + share(ivc) + ", above " + pct(repairMax)
                        + " and below " + pct(threshold) + ".").emit();
            case NOT_RECOMMENDED:
                return d.summary("A patch is not advised: " + share(ivc) + ", above " + pct(threshold) + "; use a graft.").emit();
            case CONSIDER:
                if (ivc.circumferencePct().orElseThrow() == threshold) {
                    d.warn("CIRCUMFERENCE_AT_THRESHOLD", "The circumference to resect is exactly " + pct(threshold)
                            + ", where the article's rule changes from patch to graft: the surgeon decides.");
                    return d.summary("Exactly " + pct(threshold) + " of the IVC circumference: a patch or a graft, at the surgeon's "
                            + "judgement.").emit();
                }
                return d.summary("A pericardial patch is an option: " + share(ivc) + (ivc.primaryRepair() == NOT_RECOMMENDED
                        ? ", where a primary repair is not advised." : ", so a primary repair may do.")).emit();
            default:
                d.missing(circumferencePointer(f), "the share of the IVC circumference to resect decides between primary repair, "
                        + "patch and graft");
                return d.conditional("more than " + pct(repairMax) + " and less than " + pct(threshold)
                                + " of the IVC circumference is resected")
                        .summary("Use a pericardial patch if more than " + pct(repairMax) + " and less than " + pct(threshold)
                                + " of the IVC circumference is resected.")
                        .emit();
        }
    }

    static List<Finding> graft(Facts f, Draft d) {
        judgeGraft(f, d);
        IvcDecision ivc = f.ivc;
        if (!ivc.applies()) {
            return d.silent();
        }
        double threshold = f.settings.get(Thresholds.CIRCUMFERENCE_PCT);
        double ratio = f.settings.get(Thresholds.UNDERSIZED_GRAFT_RATIO);
        boolean contaminated = ivc.contamination().yes();
        Status status = ivc.graft().orElseThrow();
        d.because(ivc.reconstructionBasis(f)).status(status);
        d.param("material", contaminated ? "autologous vein (prosthetic material is contraindicated here)" : "ringed PTFE");
        Optional<ImagingStudy> measured = f.baselineStudy(ImagingStudy::ivcDiameterMm);
        Optional<Double> nativeMm = measured.flatMap(ImagingStudy::ivcDiameterMm);
        measured.ifPresent(s -> {
            d.param("nativeIvcDiameterMm", nativeMm.orElseThrow());
            d.because(new Fact(s.pointer("ivcDiameterMm"), nativeMm.orElseThrow()));
        });
        String ratioText = RuleTexts.number(ratio);
        d.param("sizingOptions", List.of(
                "matched to the native IVC" + nativeMm.map(mm -> ": about " + RuleTexts.number(Math.round(mm)) + " mm").orElse(""),
                "undersized to about " + ratioText + " of the native IVC"
                        + nativeMm.map(mm -> ": about " + RuleTexts.number(Math.round(mm * ratio)) + " mm").orElse("")
                        + " (one series)"));
        circumferenceParams(f, d);
        d.param("thresholdPct", asNumber(threshold))
                .detail("Above " + pct(threshold) + " of the circumference the article replaces the segment with a ringed PTFE "
                        + "graft sized to the cava (the figure rests on a single source); below it a patch can be used, but a graft "
                        + "is not excluded and suits a long defect. A later series undersized the graft to about " + ratioText
                        + " of the caval diameter. Caval grafts often thrombose: plan imaging of the conduit.")
                .update(new EvidenceUpdate("IVC graft series", "Illuminati et al. (18 patients, 7 grafts occluded) and a 33-patient "
                        + "PTFE series (graft thrombosis in 39 %) report frequent thrombosis of caval grafts: image the conduit "
                        + "early and on every study."))
                .update(new EvidenceUpdate("Undersized ringed PTFE", "Pantoja et al. (Ann Vasc Surg 2020, 12 patients) undersized "
                        + "ringed PTFE grafts to about " + ratioText + " of the native caval diameter, with 92 % patency; the article "
                        + "matches the graft to the cava."));
        switch (status) {
            case RECOMMENDED:
                return d.summary(contaminated
                        ? "Replace the IVC with an autologous vein graft: " + share(ivc) + " in a contaminated field."
                        : "Replace the IVC with a ringed PTFE interposition graft: " + share(ivc) + ", above " + pct(threshold) + ".")
                        .emit();
            case CONSIDER:
                return d.summary("A ringed PTFE graft is an option: " + share(ivc) + "; a patch suits too, a graft a long defect.")
                        .emit();
            default:
                d.missing(circumferencePointer(f), "the share of the IVC circumference to resect decides between primary repair, "
                        + "patch and graft");
                return d.conditional("more than " + pct(threshold) + " of the IVC circumference is resected (at or below it, a "
                                + "graft remains an option)")
                        .summary("Replace the IVC with a ringed PTFE graft if more than " + pct(threshold)
                                + " of its circumference is resected.")
                        .emit();
        }
    }

    private static void circumferenceParams(Facts f, Draft d) {
        d.param("circumferencePct", f.ivc.circumferencePct().map(v -> (Object) v).orElse("unknown"))
                .param("circumferenceSource", f.circumference.map(c -> f.ivc.measuredAtOperation()
                        ? "resected at operation" : "estimated on imaging").orElse("unknown"));
    }

    private static String circumferencePointer(Facts f) {
        return f.operation.isPresent() ? "/operation/circumferenceResectedPct" : f.baselinePointer("ivcCircumferenceInvolvedPct");
    }

    private static Optional<Fact> resectedLength(Facts f) {
        return f.operation.flatMap(op -> op.resectedLengthCm().map(v -> new Fact("/operation/resectedLengthCm", v)));
    }

    // ---- renal veins ---------------------------------------------------------------------------

    static List<Finding> renalVeins(Facts f, Draft d) {
        IvcDecision ivc = f.ivc;
        Tri level2 = ivc.middleSegment();
        if (!ivc.applies() || level2.no()) {
            return d.silent();
        }
        List<Fact> extents = f.extentFacts();
        d.because(extents.isEmpty() ? List.of(f.baselineDateFact()) : extents);
        f.involvement.ifPresent(d::because);
        Optional<ImagingStudy> organs = f.baselineStudy(ImagingStudy::invadedOrgans);
        Tri rightKidney = organs.map(s -> Tri.of(s.invadedOrgans().orElseThrow().contains(Organ.RIGHT_KIDNEY))).orElse(Tri.UNKNOWN);
        organs.filter(s -> rightKidney.yes()).ifPresent(s -> d.because(new Fact(s.pointer("invadedOrgans"),
                Facts.plain(s.invadedOrgans().orElseThrow()))));
        Optional<ImagingStudy> thrombus = f.baselineStudy(ImagingStudy::renalVeinThrombosis);
        Tri renalThrombus = thrombus.map(s -> Tri.of(s.renalVeinThrombosis().orElseThrow())).orElse(Tri.UNKNOWN);
        thrombus.filter(s -> renalThrombus.yes()).ifPresent(s -> d.because(new Fact(s.pointer("renalVeinThrombosis"), true)));
        d.param("rightKidneyInvaded", triText(rightKidney)).param("renalVeinThrombosis", triText(renalThrombus))
                .detail("When the resection reaches the renal veins (level 2), each kidney's outflow needs a plan. The right renal "
                        + "vein is short and has few collaterals: reimplant it into the graft or patch, or remove the right kidney "
                        + "en bloc when the kidney or its vein is invaded (the article shows a graft after right nephrectomy for a "
                        + "level 2 tumor). The left renal vein also drains through its gonadal, adrenal and lumbar branches: it may "
                        + "be ligated flush with the cava when these are kept, else it is reimplanted."
                        + (renalThrombus.yes() ? " Tumor thrombus in a renal vein is recorded: plan that vein with the kidney." : ""));
        f.kase.patient().egfrMlMin().ifPresent(egfr -> {
            double low = f.settings.get(Thresholds.LOW_EGFR_RENAL);
            if (egfr < low) {
                String unit = f.settings.threshold(Thresholds.LOW_EGFR_RENAL).unit();
                d.because(new Fact("/patient/egfrMlMin", egfr));
                d.warn("RENAL_FUNCTION", "eGFR " + RuleTexts.number(egfr) + " " + unit + " is below " + RuleTexts.number(low) + " "
                        + unit + ": keep the outflow of both kidneys where the resection allows (reimplant rather than ligate), "
                        + "and check split renal function before any nephrectomy.");
            }
        });
        String plan = rightKidney.yes()
                ? "remove the right kidney en bloc; ligate the left vein flush only with its collaterals kept."
                : "reimplant the right renal vein; ligate the left flush only with its collaterals kept.";
        if (level2.unknown()) {
            String reason = "the tumor extents decide whether the renal veins (level 2) are involved";
            if (f.cranial.isEmpty()) {
                d.missing(f.baselinePointer("cranialExtent"), reason);
            }
            if (f.caudal.isEmpty()) {
                d.missing(f.baselinePointer("caudalExtent"), reason);
            }
            return d.conditional("the tumor extents show that level 2 (the renal veins) is involved")
                    .summary("If level 2 is involved, plan the renal veins: " + plan).emit();
        }
        return d.status(RECOMMENDED).summary("Plan the renal veins (level 2): " + plan).emit();
    }

    // ---- conduit under contamination -----------------------------------------------------------

    private static Fact contaminationFact() {
        return new Fact("/operation/findings/grossContamination", true);
    }

    static List<Finding> prosthetic(Facts f, Draft d) {
        judgeProsthetic(f, d);
        if (!f.ivc.applies() || !f.ivc.contamination().yes()) {
            return d.silent();
        }
        return d.status(CONTRAINDICATED).because(contaminationFact())
                .summary("Do not place a prosthetic (ringed PTFE) conduit in a field with gross enteric contamination.")
                .detail("Infection of a prosthetic graft is rare but life-threatening and more likely with bowel contamination; use "
                        + "autologous vein, or ligation where it is safe, instead.")
                .emit();
    }

    static List<Finding> autologous(Facts f, Draft d) {
        IvcDecision ivc = f.ivc;
        if (!ivc.applies() || !ivc.contamination().yes()) {
            return d.silent();
        }
        d.because(contaminationFact()).because(ivc.ligationBasis(f))
                .detail("Under gross contamination an autologous vein conduit (or ligation where it is safe) avoids placing "
                        + "prosthetic material in a soiled field.");
        boolean needed = ivc.upperSegment().yes() || ivc.ligation() == NOT_RECOMMENDED || ivc.ligation() == CONTRAINDICATED;
        if (needed) {
            return d.status(RECOMMENDED)
                    .summary("Reconstruct with an autologous vein conduit: the field is contaminated and ligation is not advised.")
                    .emit();
        }
        return d.status(CONSIDER)
                .summary("Consider an autologous vein conduit if reconstruction is needed in this contaminated field.")
                .emit();
    }

    // ---- concordance with the management recorded at operation ---------------------------------

    private static void judgeLigation(Facts f, Draft d) {
        if (!recorded(f, IvcManagement.LIGATION)) {
            return;
        }
        IvcDecision ivc = f.ivc;
        List<Fact> facts = new ArrayList<>();
        facts.add(f.managementFact());
        facts.addAll(ivc.ligationBasis(f));
        String level = levelWords(f);
        String findings = findingWords(f, f.lumen, "lumen") + ", " + findingWords(f, f.collaterals, "collaterals");
        if (ivc.upperSegment().yes()) {
            d.concordance(LIGATION, Verdict.DISCORDANT, "Ligation was recorded although " + level + ", where it is "
                    + "contraindicated: document the reason.", facts);
        } else if (ivc.ligationFindings().no()) {
            d.concordance(LIGATION, Verdict.DISCORDANT, "Ligation was recorded without an occluded cava with well-developed "
                    + "collaterals (" + findings + "): document the reason.", facts);
        } else if (ivc.upperSegment().no() && ivc.ligationFindings().yes()) {
            d.concordance(LIGATION, Verdict.CONCORDANT, "Ligation agrees with the findings: " + level + ", " + findings + ".",
                    facts);
        } else {
            d.concordance(LIGATION, Verdict.NOT_ASSESSABLE, "Ligation cannot be judged from what is recorded: " + level + ", "
                    + findings + ".", facts);
        }
    }

    private static void judgePrimaryRepair(Facts f, Draft d) {
        if (!recorded(f, IvcManagement.PRIMARY_REPAIR)) {
            return;
        }
        double considerMax = f.settings.get(Thresholds.PRIMARY_REPAIR_CONSIDER_MAX_PCT);
        List<Fact> facts = new ArrayList<>();
        facts.add(f.managementFact());
        f.circumference.ifPresent(facts::add);
        Optional<Double> c = f.ivc.circumferencePct();
        if (c.isEmpty()) {
            d.concordance("ivc.primary-repair", Verdict.NOT_ASSESSABLE, "A primary repair cannot be judged: the resected "
                    + "circumference is not recorded.", facts);
        } else if (c.get() > considerMax) {
            d.concordance("ivc.primary-repair", Verdict.DISCORDANT, "A primary repair was recorded with " + circumferenceWords(f)
                    + ", above the " + pct(considerMax) + " a direct closure takes without narrowing the IVC by more than half: "
                    + "document the reason.", facts);
        } else {
            d.concordance("ivc.primary-repair", Verdict.CONCORDANT, "A primary repair agrees with " + circumferenceWords(f)
                    + " (at most " + pct(considerMax) + ").", facts);
        }
    }

    private static void judgePatch(Facts f, Draft d) {
        if (!recorded(f, IvcManagement.PATCH_CAVOPLASTY)) {
            return;
        }
        double threshold = f.settings.get(Thresholds.CIRCUMFERENCE_PCT);
        double length = f.settings.get(Thresholds.PATCH_LENGTH_CM);
        List<Fact> facts = new ArrayList<>();
        facts.add(f.managementFact());
        f.circumference.ifPresent(facts::add);
        String sheet = resectedLength(f).filter(len -> (Double) len.value() > length).map(len -> {
            facts.add(len);
            return " The resected length of " + RuleTexts.number((Double) len.value()) + " cm exceeds one "
                    + RuleTexts.number(length) + " cm pericardial sheet.";
        }).orElse("");
        Optional<Double> c = f.ivc.circumferencePct();
        if (c.isEmpty()) {
            d.concordance("ivc.patch-cavoplasty", Verdict.NOT_ASSESSABLE, "A patch cavoplasty cannot be judged: the resected "
                    + "circumference is not recorded." + sheet, facts);
        } else if (c.get() > threshold) {
            d.concordance("ivc.patch-cavoplasty", Verdict.DISCORDANT, "A patch cavoplasty was recorded with " + circumferenceWords(f)
                    + ", above the " + pct(threshold) + " from which the article replaces the segment with a graft: document the "
                    + "reason." + sheet, facts);
        } else {
            d.concordance("ivc.patch-cavoplasty", Verdict.CONCORDANT, "A patch cavoplasty agrees with " + circumferenceWords(f)
                    + " (at most " + pct(threshold) + ")." + sheet, facts);
        }
    }

    private static void judgeGraft(Facts f, Draft d) {
        if (!recorded(f, IvcManagement.INTERPOSITION_GRAFT)) {
            return;
        }
        List<Fact> facts = new ArrayList<>();
        facts.add(f.managementFact());
        f.circumference.ifPresent(facts::add);
        d.concordance("ivc.interposition-graft", Verdict.CONCORDANT, "An interposition graft is an accepted reconstruction at any "
                + "resected circumference" + (f.circumference.isPresent() ? " (" + circumferenceWords(f) + ")" : "") + ".", facts);
    }

    /** Under gross contamination, the conduit placed: ringed PTFE is prosthetic, OTHER is not known to be (§7.13). */
    private static void judgeProsthetic(Facts f, Draft d) {
        if (!f.ivc.contamination().yes() || f.operation.isEmpty()) {
            return;
        }
        Optional<Conduit> conduit = f.operation.get().conduit();
        boolean conduitManagement = f.conduitPlaced();
        if (conduit.isEmpty() && !conduitManagement) {
            return;
        }
        List<Fact> facts = new ArrayList<>();
        conduit.ifPresent(c -> facts.add(new Fact("/operation/conduit", c.name())));
        if (conduitManagement) {
            facts.add(f.managementFact());
        }
        facts.add(contaminationFact());
        if (conduit.isEmpty()) {
            d.concordance("ivc.prosthetic-conduit", Verdict.NOT_ASSESSABLE, "The conduit material of the "
                    + words(f.recordedManagement().orElseThrow().name()) + " is not recorded, in a field with gross enteric "
                    + "contamination: record whether it was prosthetic.", facts);
        } else if (conduit.get() == Conduit.RINGED_PTFE) {
            d.concordance("ivc.prosthetic-conduit", Verdict.DISCORDANT, "A ringed PTFE conduit was placed in a field with gross "
                    + "enteric contamination, where prosthetic material is contraindicated: document the reason and watch closely "
                    + "for graft infection.", facts);
        } else if (conduit.get() == Conduit.OTHER) {
            d.concordance("ivc.prosthetic-conduit", Verdict.NOT_ASSESSABLE, "A conduit of another material was placed in a field "
                    + "with gross enteric contamination: record whether it was prosthetic.", facts);
        } else {
            d.concordance("ivc.prosthetic-conduit", Verdict.CONCORDANT, "No prosthetic material was placed in the field with gross "
                    + "enteric contamination (conduit: " + words(conduit.get().name()) + ").", facts);
        }
    }

    private static boolean recorded(Facts f, IvcManagement kind) {
        return f.recordedManagement().filter(kind::equals).isPresent();
    }

    // ---- words ---------------------------------------------------------------------------------

    static String triText(Tri t) {
        return t.unknown() ? "unknown" : t.yes() ? "yes" : "no";
    }

    /** A threshold as a parameter: a whole number when it is one, as the v1 parameters gave it. */
    private static Object asNumber(double v) {
        return v == Math.rint(v) ? (Object) (int) v : (Object) v;
    }

    private static String pct(double v) {
        return RuleTexts.number(v) + " %";
    }

    /** "40 % of the IVC circumference on imaging" or "… resected at operation". */
    private static String share(IvcDecision ivc) {
        return pct(ivc.circumferencePct().orElseThrow()) + " of the IVC circumference"
                + (ivc.measuredAtOperation() ? " resected at operation" : " on imaging");
    }

    /** The circumference as a concordance note names it: value and where it was recorded. */
    private static String circumferenceWords(Facts f) {
        Fact c = f.circumference.orElseThrow();
        return pct(((Number) c.value()).doubleValue()) + " of the circumference "
                + (f.ivc.measuredAtOperation() ? "resected at operation" : "involved " + where(f, c));
    }

    /** Level 3 involvement in words, with the extent it was read from: "level 3 is involved (upper extent: hepatic veins)". */
    private static String levelWords(Facts f) {
        Tri upper = f.ivc.upperSegment();
        String state = upper.unknown() ? "level 3 involvement is not known" : upper.yes() ? "level 3 is involved"
                : "level 3 is not involved";
        if (f.cranial.isPresent()) {
            return state + " (upper extent: " + words((String) f.cranial.get().value()) + ")";
        }
        return state + " (upper extent not recorded)";
    }

    /** "lumen occluded at operation", "collaterals minimal on CT of 2020-01-10", "lumen not recorded". */
    private static String findingWords(Facts f, Optional<Fact> finding, String name) {
        return finding.map(x -> name + " " + words((String) x.value()) + " " + where(f, x)).orElse(name + " not recorded");
    }

    /** Where a fact was recorded: "at operation" or "on CT of 2020-01-10". */
    private static String where(Facts f, Fact fact) {
        String pointer = fact.pointer();
        if (pointer.startsWith("/operation/")) {
            return "at operation";
        }
        if (pointer.startsWith("/imaging/")) {
            int index = Integer.parseInt(pointer.split("/")[2]);
            for (ImagingStudy s : f.byDate) {
                if (s.index() == index) {
                    return "on " + words(s.modality().name()) + " of " + s.date();
                }
            }
        }
        return "as recorded";
    }

    /** A case code in the project's clinical words ("WELL_DEVELOPED" becomes "well developed"). */
    private static String words(String code) {
        return switch (code) {
            case "CT", "MRI" -> code;
            case "PET_CT" -> "PET-CT";
            case "DOPPLER_ULTRASOUND" -> "Doppler ultrasound";
            case "RINGED_PTFE" -> "ringed PTFE";
            case "SUPRAHEPATIC", "SUPRARENAL", "INFRARENAL" -> code.toLowerCase(Locale.ROOT) + " IVC";
            case "OTHER" -> "another material";
            default -> code.toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }
}
