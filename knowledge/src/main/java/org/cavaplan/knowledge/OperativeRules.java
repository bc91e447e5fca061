package org.cavaplan.knowledge;

import static org.cavaplan.core.plan.Status.RECOMMENDED;
import static org.cavaplan.knowledge.KbRule.rule;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cavaplan.core.model.ImagingStudy;
import org.cavaplan.core.model.IvcManagement;
import org.cavaplan.core.model.Organ;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.Finding;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Status;

/** The operative approach (Operative Procedure), whenever a resection is planned or done. */
final class OperativeRules {

    private static final String EVIDENCE = "single review article (operative technique)";

    private OperativeRules() {}

    static List<KbRule> all() {
        return List.of(
                op("op.midline-laparotomy", "RECOMMENDED when level 3 is not involved", List.of(), OperativeRules::midline),
                op("op.thoracoabdominal-incision", "RECOMMENDED when level 3 is involved", List.of(), OperativeRules::thoracoabdominal),
                op("op.explore-for-metastases", "RECOMMENDED for every resection", List.of(), OperativeRules::explore),
                op("op.suprahepatic-control", "RECOMMENDED when level 3 is involved", List.of(), OperativeRules::suprahepatic),
                op("op.medial-visceral-rotation", "RECOMMENDED when level 1 or 2 is involved", List.of(), OperativeRules::rotation),
                op("op.right-liver-mobilization", "RECOMMENDED when level 2 is involved", List.of(), OperativeRules::rightLiver),
                op("op.en-bloc-resection", "RECOMMENDED when imaging shows an invaded organ other than the aorta; aortic "
                        + "invasion adds a warning", List.of(), OperativeRules::enBloc),
                op("op.renal-vessel-control", "RECOMMENDED when the IVC may be resected at level 1 or 2", List.of(),
                        OperativeRules::renalVessels),
                op("op.left-iliac-vein-control", "RECOMMENDED when level 1 is involved; flagged difficult after neoadjuvant "
                        + "radiotherapy or for a large tumor", List.of(Thresholds.ILIAC_DIFFICULT_CM), OperativeRules::leftIliac),
                op("op.preserve-collaterals", "RECOMMENDED when the IVC may be resected", List.of(), OperativeRules::collaterals),
                op("op.systemic-heparin", "RECOMMENDED when the IVC may be resected", List.of(Thresholds.ACT_TARGET_S),
                        OperativeRules::systemicHeparin),
                op("op.lumbar-vein-control", "RECOMMENDED when the IVC may be resected", List.of(), OperativeRules::lumbar),
                op("op.conduit-flushing", "RECOMMENDED when an interposition graft is placed; CONDITIONAL when one may be",
                        List.of(Thresholds.CIRCUMFERENCE_PCT), OperativeRules::flushing),
                op("op.cover-conduit", "RECOMMENDED when a graft or patch is placed; CONDITIONAL when one may be",
                        List.of(Thresholds.CIRCUMFERENCE_PCT), OperativeRules::cover));
    }

    private static KbRule op(String id, String condition, List<String> thresholds, KbRule.Logic logic) {
        return rule(id, Phase.OPERATIVE, condition, EVIDENCE, List.of(Sources.OPERATIVE), thresholds,
                (f, d) -> f.resectionPlannedOrDone() ? logic.decide(f, d.because(f.resectionBasis())) : d.silent());
    }

    /** RECOMMENDED when the level condition holds, CONDITIONAL while it is unknown, nothing when it fails. */
    private static List<Finding> byLevel(Facts f, Draft d, Tri holds, String when) {
        if (holds.no()) {
            return d.silent();
        }
        d.because(f.extentFacts());
        if (holds.unknown()) {
            d.because(f.involvement.orElse(f.baselineDateFact()));
            d.missing(f.baselinePointer("cranialExtent"), "the cranial and caudal extents decide the IVC levels");
            d.missing(f.baselinePointer("caudalExtent"), "the cranial and caudal extents decide the IVC levels");
            return d.conditional(when).emit();
        }
        return d.status(RECOMMENDED).emit();
    }

    static List<Finding> midline(Facts f, Draft d) {
        d.summary("Open through a midline laparotomy.")
                .detail("A midline abdominal incision gives access to the lower and middle IVC.");
        return byLevel(f, d, PreoperativeRules.notOf(f.level(3)), "level 3 is not involved");
    }

    static List<Finding> thoracoabdominal(Facts f, Draft d) {
        d.summary("Use a thoracoabdominal incision to reach the upper IVC (laparotomy with sternotomy is an alternative).")
                .detail("Upper-segment tumors need access above the liver; some surgeons prefer laparotomy combined with sternotomy.")
                .param("alternative", "laparotomy with sternotomy");
        return byLevel(f, d, f.level(3), "level 3 is involved");
    }

    static List<Finding> explore(Facts f, Draft d) {
        return d.status(RECOMMENDED)
                .summary("Inspect liver, omentum and peritoneum; send suspicious lesions for frozen section before resecting.")
                .detail("A metastasis confirmed on frozen section ends the curative intent; record it in the operation findings.")
                .emit();
    }

    static List<Finding> suprahepatic(Facts f, Draft d) {
        d.summary("Gain suprahepatic control: divide the ligamentum teres and falciform ligament, retract the liver down.")
                .detail("Dividing the round and falciform ligaments down to the cava and retracting the liver caudally exposes the "
                        + "suprahepatic IVC for control.");
        return byLevel(f, d, f.level(3), "level 3 is involved");
    }

    static List<Finding> rotation(Facts f, Draft d) {
        d.summary("Mobilise the ascending colon medially with an extended Cattell-Braasch manoeuvre to expose the IVC.")
                .detail("Medial visceral rotation exposes the lower and middle cava.");
        return byLevel(f, d, f.level(1).or(f.level(2)), "level 1 or 2 is involved");
    }

    static List<Finding> rightLiver(Facts f, Draft d) {
        d.summary("Mobilise the right liver lobe by dividing the right triangular ligament to expose the retrohepatic IVC.")
                .detail("The middle segment lies behind the liver; rotating the right lobe up and medially exposes it.");
        return byLevel(f, d, f.level(2), "level 2 is involved");
    }

    static List<Finding> enBloc(Facts f, Draft d) {
        Optional<ImagingStudy> study = f.baselineStudy(ImagingStudy::invadedOrgans);
        if (study.isEmpty()) {
            return d.silent();
        }
        Set<Organ> organs = study.get().invadedOrgans().orElseThrow();
        d.because(new Fact(study.get().pointer("invadedOrgans"), Facts.sorted(organs)));
        if (organs.contains(Organ.AORTA)) {
            d.warn("AORTIC_INVASION", "Imaging shows aortic invasion, which the source does not address: plan aortic "
                    + "replacement with vascular surgery.");
        }
        Set<Organ> others = EnumSet.noneOf(Organ.class);
        for (Organ organ : organs) {
            if (organ != Organ.AORTA) {
                others.add(organ);
            }
        }
        List<String> resect = Facts.sorted(others);
        if (resect.isEmpty()) {
            return d.silent();
        }
        return d.status(RECOMMENDED)
                .summary("Resect the invaded organs en bloc with the tumor: " + String.join(", ", resect).toLowerCase() + ".")
                .detail("Invaded viscera are mobilised before the IVC is exposed and removed in one piece with the tumor.")
                .param("organs", resect)
                .emit();
    }

    private static List<Finding> ifIvcMayBeResected(Facts f, Draft d) {
        if (!f.ivcMayBeResected()) {
            return d.silent();
        }
        return d.because(f.involvement.orElse(new Fact(f.baselinePointer("ivcInvolvement"), "not recorded")))
                .status(RECOMMENDED).emit();
    }

    static List<Finding> renalVessels(Facts f, Draft d) {
        if (!f.ivcMayBeResected()) {
            return d.silent();
        }
        d.because(f.involvement.orElse(new Fact(f.baselinePointer("ivcInvolvement"), "not recorded")))
                .summary("Control both renal veins and arteries; clamp the right renal artery whenever its vein is clamped.")
                .detail("Arterial clamping with the right renal vein avoids renal congestion during caval clamping.");
        return byLevel(f, d, f.level(1).or(f.level(2)), "the IVC may be resected at level 1 or 2");
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
        return byLevel(f, d, f.level(1), "level 1 is involved");
    }

    static List<Finding> collaterals(Facts f, Draft d) {
        d.summary("Preserve venous collaterals until the extent of resection and the reconstruction are decided.")
                .detail("Collaterals decide whether the cava can be ligated; keep them until the decision is made in the operation.");
        return ifIvcMayBeResected(f, d);
    }

    static List<Finding> systemicHeparin(Facts f, Draft d) {
        int act = (int) f.settings.get(Thresholds.ACT_TARGET_S);
        d.summary("Heparinise systemically to an ACT above " + act + " s before interrupting caval flow.")
                .detail("Full systemic heparin once the tumor and involved organs are mobilised, before clamps go on.")
                .param("actTargetSeconds", act);
        return ifIvcMayBeResected(f, d);
    }

    static List<Finding> lumbar(Facts f, Draft d) {
        d.summary("Clamp with Satinsky clamps, resect from proximal to distal and control the lumbar veins.")
                .detail("Slim Satinsky clamps allow precise placement; clipping or ligating the large lumbar veins limits blood loss.");
        return ifIvcMayBeResected(f, d);
    }

    /** RECOMMENDED when the conduit is placed or planned, CONDITIONAL when it may be, nothing otherwise. */
    private static List<Finding> byConduit(Facts f, Draft d, Set<IvcManagement> kinds, Optional<Status> planned,
            String when) {
        IvcDecision ivc = f.ivc;
        Optional<IvcManagement> recorded = f.recordedManagement();
        if (recorded.isPresent()) {
            if (!kinds.contains(recorded.get())) {
                return d.silent();
            }
            return d.status(RECOMMENDED).because(f.managementFact()).emit();
        }
        if (!ivc.applies() || !ivc.reconstructionApplies()) {
            return d.silent();
        }
        d.because(ivc.reconstructionBasis(f));
        if (planned.isPresent() && planned.get() == Status.RECOMMENDED) {
            return d.status(RECOMMENDED).emit();
        }
        if (planned.isPresent() && (planned.get() == Status.NOT_RECOMMENDED || planned.get() == Status.CONTRAINDICATED)) {
            return d.silent();
        }
        if (f.circumference.isEmpty()) {
            d.missing(f.operation.isPresent() ? "/operation/circumferenceResectedPct" : f.baselinePointer("ivcCircumferenceInvolvedPct"),
                    "the share of the IVC circumference to resect decides between patch and graft");
        }
        if (ivc.ligation() == Status.CONDITIONAL) {
            if (f.lumen.isEmpty()) {
                d.missing(f.lumenPointer("ivcLumen"), "whether the IVC lumen is occluded decides between ligation and reconstruction");
            }
            if (f.collaterals.isEmpty()) {
                d.missing(f.lumenPointer("collaterals"), "well-developed collaterals are needed before the IVC can be ligated");
            }
        }
        return d.conditional(when).emit();
    }

    static List<Finding> flushing(Facts f, Draft d) {
        d.summary("Flush the graft forward and backward (raise intrathoracic pressure) before completing the anastomoses.")
                .detail("Forward flushing at the proximal anastomosis and backward flushing with a Valsalva-like manoeuvre clear "
                        + "air and debris from the conduit.");
        return byConduit(f, d, Set.of(IvcManagement.INTERPOSITION_GRAFT), f.ivc.graft(),
                "an interposition graft is placed");
    }

    static List<Finding> cover(Facts f, Draft d) {
        d.summary("Cover the conduit with retroperitoneal tissue or omentum to lower the risk of infection.")
                .detail("Closing the retroperitoneum (or an omental flap) over a graft or patch may reduce conduit infection.");
        Optional<Status> planned = f.ivc.conduitPlanned() ? Optional.of(Status.RECOMMENDED)
                : f.ivc.reconstructionApplies() ? Optional.of(Status.CONDITIONAL) : Optional.empty();
        return byConduit(f, d, Set.of(IvcManagement.INTERPOSITION_GRAFT, IvcManagement.PATCH_CAVOPLASTY), planned,
                "a graft or patch is placed");
    }
}
