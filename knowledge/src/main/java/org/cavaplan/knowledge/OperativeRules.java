package org.cavaplan.knowledge;

import static org.cavaplan.core.plan.Status.CONSIDER;
import static org.cavaplan.core.plan.Status.RECOMMENDED;
import static org.cavaplan.knowledge.KbRule.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cavaplan.core.model.ImagingStudy;
import org.cavaplan.core.model.Organ;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.Finding;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Recommendation;

/**
 * The operative approach (S: Operative Procedure; plan contract v2, Operative approach), in the
 * catalogue's order. The stage rule emits these rows only before the operation and only while a
 * resection is planned (CONDITIONAL while it is only conditional); each rule decides its own
 * condition. Rows that depend on an IVC level are CONDITIONAL while the extents cannot tell (§7.12).
 */
final class OperativeRules {

    private static final String ARTICLE = "single review article (operative technique)";

    private OperativeRules() {}

    static List<KbRule> all() {
        return List.of(
                op("op.en-bloc-resection", "RECOMMENDED when imaging shows an invaded organ other than the aorta; aortic "
                        + "invasion is a red flag (reassess resectability)", List.of(), OperativeRules::enBloc).key(),
                rule("op.sternotomy-laparotomy", Phase.OPERATIVE,
                        "RECOMMENDED when the tumor extends into the right atrium (access for bypass); CONSIDER when level 3 is "
                                + "involved without it; CONDITIONAL while the extents cannot tell",
                        "single review article; expert opinion", List.of(Sources.OPERATIVE, Sources.EXPERT_OPINION), List.of(),
                        OperativeRules::sternotomy),
                op("op.thoracoabdominal-incision", "CONSIDER when level 3 is involved without intracardiac extension (the "
                        + "alternative to sternotomy with laparotomy); CONDITIONAL while the extents cannot tell; silent otherwise",
                        List.of(), OperativeRules::thoracoabdominal),
                op("op.midline-laparotomy", "RECOMMENDED when level 3 is not involved; CONDITIONAL while the extents cannot tell",
                        List.of(), OperativeRules::midline),
                op("op.explore-for-metastases", "RECOMMENDED for every planned resection", List.of(), OperativeRules::explore),
                rule("op.hepatic-vascular-exclusion", Phase.OPERATIVE,
                        "CONSIDER when level 3 is involved: total hepatic vascular exclusion with a test clamp, veno-venous bypass "
                                + "if the clamp is not tolerated; CONDITIONAL while the extents cannot tell",
                        "expert opinion; surgical series", List.of(Sources.EXPERT_OPINION, Sources.SURGICAL_SERIES), List.of(),
                        OperativeRules::hepaticVascularExclusion),
                op("op.suprahepatic-control", "RECOMMENDED when level 3 is involved; CONDITIONAL while the extents cannot tell",
                        List.of(), OperativeRules::suprahepatic),
                op("op.right-liver-mobilization", "RECOMMENDED when level 2 is involved; CONDITIONAL while the extents cannot tell",
                        List.of(), OperativeRules::rightLiver),
                op("op.medial-visceral-rotation", "RECOMMENDED when level 1 or 2 is involved; CONDITIONAL while the extents "
                        + "cannot tell", List.of(), OperativeRules::rotation),
                op("op.renal-vessel-control", "RECOMMENDED when the IVC may be resected at level 1 or 2: control of the renal "
                        + "veins and arteries, clamping the right renal artery with the right renal vein advised; CONDITIONAL while "
                        + "the extents cannot tell", List.of(), OperativeRules::renalVessels),
                op("op.left-iliac-vein-control", "RECOMMENDED when level 1 is involved, flagged difficult after neoadjuvant "
                        + "radiotherapy or from {op.leftIliacDifficultFromCm}; CONDITIONAL while the extents cannot tell",
                        List.of(Thresholds.ILIAC_DIFFICULT_CM), OperativeRules::leftIliac),
                op("op.preserve-collaterals", "RECOMMENDED when the IVC may be resected", List.of(), OperativeRules::collaterals),
                op("op.systemic-heparin", "RECOMMENDED when the IVC may be resected: an activated clotting time above "
                        + "{op.actTargetSeconds} while caval flow is interrupted", List.of(Thresholds.ACT_TARGET_S),
                        OperativeRules::systemicHeparin),
                op("op.lumbar-vein-control", "RECOMMENDED when the IVC may be resected", List.of(), OperativeRules::lumbar),
                op("op.conduit-flushing", "when the IVC may be resected: RECOMMENDED when an interposition graft is planned "
                        + "(circumference above {ivc.circumferenceThresholdPct}); CONDITIONAL when one may be (at or below it, or "
                        + "unknown)", List.of(Thresholds.CIRCUMFERENCE_PCT), OperativeRules::flushing),
                op("op.cover-conduit", "when the IVC may be resected: RECOMMENDED when a graft (circumference above "
                        + "{ivc.circumferenceThresholdPct}) or a patch (above {ivc.primaryRepairMaxPct} and below "
                        + "{ivc.circumferenceThresholdPct}) is planned; CONDITIONAL when one may be (exactly "
                        + "{ivc.circumferenceThresholdPct}, up to {ivc.primaryRepairMaxPct} where a primary repair is an option, or "
                        + "unknown)",
                        List.of(Thresholds.CIRCUMFERENCE_PCT, Thresholds.PRIMARY_REPAIR_MAX_PCT), OperativeRules::cover));
    }

    private static KbRule op(String id, String condition, List<String> thresholds, KbRule.Logic logic) {
        return rule(id, Phase.OPERATIVE, condition, ARTICLE, List.of(Sources.OPERATIVE), thresholds, logic);
    }

    /** RECOMMENDED when the level condition holds, CONDITIONAL while the extents cannot tell, nothing when it fails. */
    private static List<Finding> byLevel(Facts f, Draft d, Tri holds, String when) {
        if (holds.no()) {
            return d.silent();
        }
        if (holds.unknown()) {
            return Approach.undecided(f, d, when);
        }
        return Approach.decided(f, d).status(RECOMMENDED).emit();
    }

    // ---- organs and incision ------------------------------------------------------------------------

    static List<Finding> enBloc(Facts f, Draft d) {
        Optional<ImagingStudy> study = f.baselineStudy(ImagingStudy::invadedOrgans);
        if (study.isEmpty()) {
            return d.silent();
        }
        Set<Organ> organs = study.get().invadedOrgans().orElseThrow();
        List<String> resect = new ArrayList<>();
        List<String> words = new ArrayList<>();
        for (String name : Facts.sorted(organs)) {
            if (!Organ.AORTA.name().equals(name)) {
                resect.add(name);
                words.add(Organ.OTHER.name().equals(name) ? "another organ" : name.toLowerCase().replace('_', ' '));
            }
        }
        if (resect.isEmpty()) {
            return d.silent();
        }
        String detail = "Invaded organs are mobilised with the tumor before the cava is exposed and removed in one piece with it.";
        if (organs.contains(Organ.AORTA)) {
            detail += " The aorta is invaded too: reassess resectability before planning the resection (aortic involvement "
                    + "counts as unresectable in STRASS2); resecting and replacing the aorta is a decision for the vascular "
                    + "surgeon and the board, outside this pathway.";
            d.sources(Sources.OPERATIVE, Sources.STRASS2_TRIAL);
        }
        return d.status(RECOMMENDED)
                .because(new Fact(study.get().pointer("invadedOrgans"), Facts.sorted(organs)))
                .because(Approach.planBasis(f))
                .summary(enBlocSummary(words))
                .detail(detail)
                .param("organs", resect)
                .emit();
    }

    private static String enBlocSummary(List<String> organs) {
        String listed = "Resect the invaded organs en bloc with the tumor: " + String.join(", ", organs) + ".";
        return listed.length() <= Recommendation.MAX_SUMMARY ? listed
                : "Resect the " + organs.size() + " invaded organs en bloc with the tumor (named in the parameters).";
    }

    static List<Finding> sternotomy(Facts f, Draft d) {
        Tri upper = f.level(3);
        Tri intracardiac = Approach.intracardiac(f);
        if (upper.no()) {
            return d.silent();
        }
        String history = "The article reaches the upper cava through a thoracoabdominal incision and notes that some authors "
                + "prefer laparotomy combined with sternotomy.";
        if (intracardiac.yes()) {
            return Approach.decided(f, d).status(RECOMMENDED)
                    .summary("Open by median sternotomy with laparotomy: access to the right atrium and for cardiopulmonary bypass.")
                    .detail("The tumor reaches the right atrium: sternotomy gives access to the heart and for bypass, laparotomy "
                            + "to the abdominal cava. " + history)
                    .emit();
        }
        d.detail(history + " Without intracardiac extension the two approaches are alternatives for the surgeon and the board.")
                .param("alternative", "thoracoabdominal incision");
        if (upper.yes() && intracardiac.no()) {
            return Approach.decided(f, d).status(CONSIDER)
                    .summary("Consider median sternotomy with laparotomy for the level 3 tumor (a thoracoabdominal incision is "
                            + "the alternative).")
                    .emit();
        }
        d.summary("Median sternotomy with laparotomy if level 3 is involved: needed for the right atrium, an option below it.");
        return Approach.undecided(f, d, upper.yes()
                ? "the cranial extent shows the tumor reaches the right atrium (below it, an option beside a thoracoabdominal "
                        + "incision)"
                : "the extents show level 3 is involved (needed when the tumor reaches the right atrium, an option otherwise)");
    }

    static List<Finding> thoracoabdominal(Facts f, Draft d) {
        Tri upper = f.level(3);
        Tri intracardiac = Approach.intracardiac(f);
        if (upper.no() || intracardiac.yes()) {
            return d.silent();
        }
        d.summary(upper.yes() ? "Consider a thoracoabdominal incision for the level 3 tumor (sternotomy with laparotomy is the "
                        + "alternative)." : "Consider a thoracoabdominal incision if level 3 is involved below the right atrium.")
                .detail("The article's route to the upper cava is a thoracoabdominal incision, with the patient in left lateral "
                        + "decubitus; some authors prefer laparotomy with sternotomy. Without intracardiac extension the surgeon "
                        + "and the board choose between them.")
                .param("alternative", "median sternotomy with laparotomy");
        if (upper.yes() && intracardiac.no()) {
            return Approach.decided(f, d).status(CONSIDER).emit();
        }
        return Approach.undecided(f, d, "the extents show level 3 is involved below the right atrium");
    }

    static List<Finding> midline(Facts f, Draft d) {
        d.summary("Open through a midline laparotomy.")
                .detail("Below the hepatic veins the lower and middle cava are reached through a midline abdominal incision.");
        return byLevel(f, d, Approach.not(f.level(3)), "the extents show level 3 is not involved");
    }

    static List<Finding> explore(Facts f, Draft d) {
        return d.status(RECOMMENDED).because(Approach.planBasis(f))
                .summary("Inspect liver, omentum and peritoneum; send suspicious lesions for frozen section before resecting.")
                .detail("A metastasis confirmed on frozen section ends the curative intent; record it in the operation findings.")
                .emit();
    }

    // ---- exposure by level --------------------------------------------------------------------------

    static List<Finding> hepaticVascularExclusion(Facts f, Draft d) {
        Tri upper = f.level(3);
        if (upper.no()) {
            return d.silent();
        }
        d.summary("Consider total hepatic vascular exclusion with a test clamp; veno-venous bypass if the clamp is not tolerated.")
                .detail("Clamping the hepatic inflow and the cava above and below the liver isolates the liver for work at "
                        + "level 3; a trial clamp shows whether the circulation tolerates it, and veno-venous bypass supports it "
                        + "when it does not.");
        if (upper.unknown()) {
            return Approach.undecided(f, d, "the extents show level 3 (hepatic veins and above) is involved");
        }
        return Approach.decided(f, d).status(CONSIDER).emit();
    }

    static List<Finding> suprahepatic(Facts f, Draft d) {
        d.summary("Gain suprahepatic control: divide the ligamentum teres and falciform ligament, retract the liver down.")
                .detail("Dividing the round and falciform ligaments down to the cava and retracting the liver caudally exposes the "
                        + "suprahepatic IVC for control.");
        return byLevel(f, d, f.level(3), "the extents show level 3 is involved");
    }

    static List<Finding> rightLiver(Facts f, Draft d) {
        d.summary("Mobilise the right liver lobe by dividing the right triangular ligament to expose the retrohepatic IVC.")
                .detail("The middle segment lies behind the liver; rotating the right lobe up and medially exposes it.");
        return byLevel(f, d, f.level(2), "the extents show level 2 is involved");
    }

    static List<Finding> rotation(Facts f, Draft d) {
        d.summary("Mobilise the ascending colon medially with an extended Cattell-Braasch manoeuvre to expose the IVC.")
                .detail("Medial visceral rotation exposes the lower and middle cava.");
        return byLevel(f, d, f.level(1).or(f.level(2)), "the extents show level 1 or 2 is involved");
    }

    static List<Finding> renalVessels(Facts f, Draft d) {
        if (!f.ivcMayBeResected()) {
            return d.silent();
        }
        d.because(involvementFact(f))
                .summary("Control both renal veins and arteries; if the right renal vein is clamped, clamping its artery too is "
                        + "advised.")
                .detail("Clamping the right renal artery with the right renal vein avoids congestion of the kidney while its "
                        + "outflow is interrupted; the article presents it as an option, not a rule for every clamp.");
        return byLevel(f, d, f.level(1).or(f.level(2)), "the extents show level 1 or 2 is involved");
    }

    static List<Finding> leftIliac(Facts f, Draft d) {
        boolean irradiated = f.neoadjuvantRadiotherapyGiven();
        double limit = f.settings.get(Thresholds.ILIAC_DIFFICULT_CM);
        Tri large = f.sizeCm.map(cm -> Tri.of(cm >= limit)).orElse(Tri.UNKNOWN);
        d.summary("Retract the right iliac artery to gain control of the left iliac vein.")
                .detail("Distal control needs the right common iliac artery mobilised medially and caudally; this is harder in an "
                        + "irradiated field or with a large tumor.")
                .param("difficult", irradiated || large.yes());
        if (irradiated) {
            d.because(new Fact("/neoadjuvant/radiotherapy/totalDoseGy", f.neoadjuvantRadiotherapy.orElseThrow().totalDoseGy()));
        }
        f.sizeFact.ifPresent(d::because);
        return byLevel(f, d, f.level(1), "the extents show level 1 is involved");
    }

    // ---- caval resection ----------------------------------------------------------------------------

    private static Fact involvementFact(Facts f) {
        return f.involvement.orElse(new Fact(f.baselinePointer("ivcInvolvement"), "not recorded"));
    }

    private static List<Finding> ifIvcMayBeResected(Facts f, Draft d) {
        if (!f.ivcMayBeResected()) {
            return d.silent();
        }
        return d.because(involvementFact(f)).because(Approach.planBasis(f)).status(RECOMMENDED).emit();
    }

    static List<Finding> collaterals(Facts f, Draft d) {
        d.summary("Preserve venous collaterals until the extent of resection and the reconstruction are decided.")
                .detail("Collaterals decide whether the cava can be ligated; keep them until the decision is made in the operation.");
        return ifIvcMayBeResected(f, d);
    }

    static List<Finding> systemicHeparin(Facts f, Draft d) {
        int act = f.settings.whole(Thresholds.ACT_TARGET_S);
        d.summary("Heparinise systemically to an ACT above " + act + " s before interrupting caval flow.")
                .detail("Full systemic heparin once the tumor and involved organs are mobilised, before the clamps go on.")
                .param("actTargetSeconds", act);
        return ifIvcMayBeResected(f, d);
    }

    static List<Finding> lumbar(Facts f, Draft d) {
        d.summary("Clamp with Satinsky clamps, resect from proximal to distal and control the lumbar veins.")
                .detail("Slim Satinsky clamps allow precise placement; clipping or ligating the large lumbar veins limits blood loss.");
        return ifIvcMayBeResected(f, d);
    }

    // ---- the conduit --------------------------------------------------------------------------------

    /** The conduit the IVC rows plan: a graft, a patch, or still open (one may be placed, or none). */
    private enum Reconstruction { GRAFT, PATCH, OPEN }

    /**
     * The conduit planned from the circumference to resect, as the IVC management rows of plan contract
     * v2 decide it: above the circumference threshold an interposition graft is RECOMMENDED; above the
     * primary-repair limit and below the threshold a patch is; exactly at the threshold, up to the
     * primary-repair limit (primary repair an option) or unknown, a conduit may or may not be placed.
     * Ligation is never more than CONDITIONAL before the operation, so the reconstruction plan stands.
     */
    private static Reconstruction reconstruction(Facts f) {
        if (f.circumference.isEmpty()) {
            return Reconstruction.OPEN;
        }
        double pct = ((Number) f.circumference.get().value()).doubleValue();
        double threshold = f.settings.get(Thresholds.CIRCUMFERENCE_PCT);
        if (pct > threshold) {
            return Reconstruction.GRAFT;
        }
        return pct < threshold && pct > f.settings.get(Thresholds.PRIMARY_REPAIR_MAX_PCT) ? Reconstruction.PATCH
                : Reconstruction.OPEN;
    }

    /** RECOMMENDED when {@code planned}, else CONDITIONAL with {@code when}; nothing when the IVC is not involved. */
    private static List<Finding> byConduit(Facts f, Draft d, boolean planned, String when) {
        if (!f.ivcMayBeResected()) {
            return d.silent();
        }
        d.because(involvementFact(f)).because(f.circumference).because(Approach.planBasis(f));
        if (planned) {
            return d.status(RECOMMENDED).emit();
        }
        if (f.circumference.isEmpty()) {
            d.missing(f.baselinePointer("ivcCircumferenceInvolvedPct"),
                    "the share of the IVC circumference to resect decides between primary repair, patch and graft");
        }
        return d.conditional(when).emit();
    }

    static List<Finding> flushing(Facts f, Draft d) {
        d.summary("Flush the graft forward and backward (raise intrathoracic pressure) before completing the anastomoses.")
                .detail("Forward flushing at the proximal anastomosis and backward flushing with a Valsalva-like manoeuvre clear "
                        + "air and debris from the conduit.");
        return byConduit(f, d, reconstruction(f) == Reconstruction.GRAFT, "an interposition graft is placed");
    }

    static List<Finding> cover(Facts f, Draft d) {
        d.summary("Cover the conduit with retroperitoneal tissue or omentum to lower the risk of infection.")
                .detail("Closing the retroperitoneum (or an omental flap) over a graft or patch may reduce conduit infection.");
        return byConduit(f, d, reconstruction(f) != Reconstruction.OPEN, "a graft or patch is placed");
    }
}
