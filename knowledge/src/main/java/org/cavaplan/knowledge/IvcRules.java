package org.cavaplan.knowledge;

import static org.cavaplan.core.plan.Status.CONDITIONAL;
import static org.cavaplan.core.plan.Status.CONSIDER;
import static org.cavaplan.core.plan.Status.CONTRAINDICATED;
import static org.cavaplan.core.plan.Status.NOT_RECOMMENDED;
import static org.cavaplan.core.plan.Status.RECOMMENDED;
import static org.cavaplan.knowledge.KbRule.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cavaplan.core.model.Conduit;
import org.cavaplan.core.model.ImagingStudy;
import org.cavaplan.core.model.IvcManagement;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.Finding;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Status;
import org.cavaplan.core.plan.Verdict;

/**
 * The IVC decision (Operative Procedure): ligation, patch cavoplasty or interposition graft, and the
 * conduit under contamination; with concordance against the management recorded at operation.
 * Nothing is emitted when the IVC is known not to be involved.
 */
final class IvcRules {

    /** The source's sentence on ligation names levels 2 and 3; it must mean 1 and 2. */
    static final String LIGATION_ERRATUM = "Operative Procedure: the source says ligation is safe 'on levels 2 and 3' right after "
            + "saying it cannot be done when the upper IVC (level 3) is involved. CavaPlan reads it as levels 1 and 2 and "
            + "contraindicates ligation at level 3.";

    private IvcRules() {}

    static List<KbRule> all() {
        return List.of(
                rule("ivc.ligation", Phase.IVC_MANAGEMENT,
                        "CONTRAINDICATED when level 3 is involved; RECOMMENDED when the lumen is occluded and collaterals are well "
                                + "developed; NOT_RECOMMENDED when either is known otherwise; else CONDITIONAL (erratum applied: "
                                + "levels 1 and 2, not 2 and 3)",
                        "single review article and one series (ligation in 26% with well-developed collaterals)",
                        List.of(Sources.OPERATIVE), List.of(), IvcRules::ligation),
                rule("ivc.patch-cavoplasty", Phase.IVC_MANAGEMENT,
                        "when reconstruction applies: RECOMMENDED below the circumference threshold, NOT_RECOMMENDED above it, "
                                + "CONSIDER exactly at it, CONDITIONAL when unknown",
                        "single source for the 75% threshold", List.of(Sources.OPERATIVE),
                        List.of(Thresholds.CIRCUMFERENCE_PCT, Thresholds.PATCH_WIDTH_CM, Thresholds.PATCH_LENGTH_CM),
                        IvcRules::patch),
                rule("ivc.interposition-graft", Phase.IVC_MANAGEMENT,
                        "when reconstruction applies: RECOMMENDED above the circumference threshold, NOT_RECOMMENDED below it, "
                                + "CONSIDER exactly at it, CONDITIONAL when unknown",
                        "single source for the 75% threshold", List.of(Sources.OPERATIVE),
                        List.of(Thresholds.CIRCUMFERENCE_PCT), IvcRules::graft),
                rule("ivc.prosthetic-conduit", Phase.IVC_MANAGEMENT, "CONTRAINDICATED under gross enteric contamination",
                        "single review article", List.of(Sources.OPERATIVE), List.of(), IvcRules::prosthetic),
                rule("ivc.autologous-vein-conduit", Phase.IVC_MANAGEMENT,
                        "under gross contamination: RECOMMENDED when reconstruction is needed (level 3, or ligation not possible), "
                                + "else CONSIDER",
                        "single review article", List.of(Sources.OPERATIVE), List.of(), IvcRules::autologous));
    }

    static List<Finding> ligation(Facts f, Draft d) {
        IvcDecision ivc = f.ivc;
        if (!ivc.applies()) {
            return d.silent();
        }
        d.because(ivc.ligationBasis(f));
        d.param("upperSegmentInvolved", triText(ivc.upperSegment()))
                .param("lumen", f.lumen.map(Fact::value).orElse("unknown"))
                .param("collaterals", f.collaterals.map(Fact::value).orElse("unknown"))
                .detail("Ligation without reconstruction is reasonable only below the hepatic veins, in a cava already occluded by "
                        + "tumor with well-developed collaterals, so that the legs do not swell. The final decision is made "
                        + "during the operation. The source's sentence naming levels 2 and 3 is read as levels 1 and 2 (erratum).");
        concordance(f, d, IvcManagement.LIGATION, ivc.ligation(), "ivc.ligation");
        switch (ivc.ligation()) {
            case CONTRAINDICATED:
                return d.status(CONTRAINDICATED)
                        .summary("Do not ligate the IVC: the tumor involves the upper segment (level 3).").emit();
            case RECOMMENDED:
                return d.status(RECOMMENDED)
                        .summary("Ligate the IVC without reconstruction: the lumen is occluded and collaterals are well developed.")
                        .emit();
            case NOT_RECOMMENDED:
                return d.status(NOT_RECOMMENDED)
                        .summary("Do not ligate: the IVC is not occluded or collaterals are not well developed; reconstruct instead.")
                        .emit();
            default:
                if (f.lumen.isEmpty()) {
                    d.missing(f.lumenPointer("ivcLumen"), "whether the IVC lumen is occluded decides between ligation and reconstruction");
                }
                if (f.collaterals.isEmpty()) {
                    d.missing(f.lumenPointer("collaterals"), "well-developed collaterals are needed before the IVC can be ligated");
                }
                if (ivc.upperSegment().unknown()) {
                    d.missing(f.baselinePointer("cranialExtent"), "ligation is contraindicated when level 3 is involved");
                }
                return d.conditional("the lumen is occluded, collaterals are well developed and level 3 is not involved")
                        .summary("Ligation is possible only if the IVC is occluded with well-developed collaterals below level 3.")
                        .emit();
        }
    }

    static String triText(Tri t) {
        return t.unknown() ? "unknown" : t.yes() ? "yes" : "no";
    }

    /** Adds the concordance verdict when the operation recorded {@code kind}. */
    private static void concordance(Facts f, Draft d, IvcManagement kind, Status status, String id) {
        if (f.recordedManagement().filter(kind::equals).isEmpty()) {
            return;
        }
        List<Fact> facts = new ArrayList<>();
        facts.add(f.managementFact());
        facts.addAll(kind == IvcManagement.LIGATION ? f.ivc.ligationBasis(f) : f.ivc.reconstructionBasis(f));
        Verdict verdict = switch (status) {
            case RECOMMENDED, CONSIDER -> Verdict.CONCORDANT;
            case NOT_RECOMMENDED, CONTRAINDICATED -> Verdict.DISCORDANT;
            case CONDITIONAL -> Verdict.NOT_ASSESSABLE;
        };
        String note = switch (verdict) {
            case CONCORDANT -> kind.name() + " agrees with the recorded findings (" + status.name() + ").";
            case DISCORDANT -> kind.name() + " differs from the rules for the recorded findings (" + status.name()
                    + "): document the reason.";
            case NOT_ASSESSABLE -> kind.name() + " cannot be checked: findings the rule needs are not recorded.";
        };
        d.concordance(id, verdict, note, facts);
    }

    private static Optional<Fact> resectedLength(Facts f) {
        return f.operation.flatMap(op -> op.resectedLengthCm().map(v -> new Fact("/operation/resectedLengthCm", v)));
    }

    private static List<Finding> reconstruction(Facts f, Draft d, Optional<Status> decided, IvcManagement kind, String id) {
        IvcDecision ivc = f.ivc;
        if (!ivc.applies() || decided.isEmpty()) {
            return d.silent();
        }
        Status status = decided.get();
        int threshold = (int) f.settings.get(Thresholds.CIRCUMFERENCE_PCT);
        d.because(ivc.reconstructionBasis(f)).status(status)
                .param("circumferencePct", ivc.circumferencePct().map(v -> (Object) v).orElse("unknown"))
                .param("circumferenceSource", f.circumference.map(c -> c.pointer().startsWith("/operation")
                        ? "resected at operation" : "estimated on imaging").orElse("unknown"))
                .param("thresholdPct", threshold);
        if (status == CONDITIONAL) {
            d.missing(f.operation.isPresent() ? "/operation/circumferenceResectedPct"
                    : f.baselinePointer("ivcCircumferenceInvolvedPct"),
                    "the share of the IVC circumference to resect decides between patch and graft");
        }
        if (status == CONSIDER) {
            d.warn("CIRCUMFERENCE_AT_THRESHOLD", "The circumference to resect is exactly " + threshold
                    + "%, where the source's rule changes from patch to graft: the surgeon decides.");
        }
        concordance(f, d, kind, status, id);
        return d.emit();
    }

    static List<Finding> patch(Facts f, Draft d) {
        int threshold = (int) f.settings.get(Thresholds.CIRCUMFERENCE_PCT);
        double width = f.settings.get(Thresholds.PATCH_WIDTH_CM);
        double length = f.settings.get(Thresholds.PATCH_LENGTH_CM);
        d.param("material", "bovine pericardium").param("sheetCm", List.of(width, length))
                .detail("Partial resection closed with a bovine pericardial patch suits a defect below " + threshold
                        + "% of the circumference; the 75% figure rests on a single source.");
        Optional<Status> s = f.ivc.patch();
        resectedLength(f).filter(len -> f.ivc.applies() && s.isPresent()).ifPresent(len -> {
            d.because(len);
            boolean patchInPlay = s.get() != NOT_RECOMMENDED
                    || f.recordedManagement().filter(m -> m == IvcManagement.PATCH_CAVOPLASTY).isPresent();
            if ((Double) len.value() > length && patchInPlay) {
                d.warn("PATCH_TOO_SMALL", "The resected length exceeds the " + (int) length
                        + " cm of one pericardial sheet: plan a longer patch or a graft.");
            }
        });
        d.summary(s.map(st -> switch (st) {
            case RECOMMENDED -> "Reconstruct with a bovine pericardium patch: less than " + threshold + "% of the circumference is resected.";
            case NOT_RECOMMENDED -> "A patch is not advised: more than " + threshold + "% of the circumference is resected.";
            case CONSIDER -> "Exactly " + threshold + "% of the circumference is resected: a patch or a graft, at the surgeon's judgement.";
            default -> "Use a pericardial patch if less than " + threshold + "% of the IVC circumference must be resected.";
        }).orElse("-"));
        if (s.filter(st -> st == CONDITIONAL).isPresent()) {
            d.conditional("less than " + threshold + "% of the IVC circumference is resected");
        }
        return reconstruction(f, d, s, IvcManagement.PATCH_CAVOPLASTY, "ivc.patch-cavoplasty");
    }

    static List<Finding> graft(Facts f, Draft d) {
        int threshold = (int) f.settings.get(Thresholds.CIRCUMFERENCE_PCT);
        boolean contaminated = f.ivc.contamination().yes();
        d.param("material", contaminated ? "autologous vein (prosthetic material is contraindicated here)" : "ringed PTFE");
        Optional<ImagingStudy> diameter = f.baselineStudy(ImagingStudy::ivcDiameterMm);
        diameter.ifPresent(s -> {
            d.param("diameterMm", s.ivcDiameterMm().orElseThrow());
            d.because(new Fact(s.pointer("ivcDiameterMm"), s.ivcDiameterMm().orElseThrow()));
        });
        d.detail("Resection of more than " + threshold + "% of the circumference needs a segmental replacement, for example a "
                        + "ringed PTFE graft sized to the cava (the 75% figure rests on a single source).")
                .update(Sources.GRAFT_THROMBOSIS).update(Sources.UNDERSIZED_PTFE);
        Optional<Status> s = f.ivc.graft();
        d.summary(s.map(st -> switch (st) {
            case RECOMMENDED -> contaminated
                    ? "Replace the IVC with an autologous vein graft: more than " + threshold + "% is resected in a contaminated field."
                    : "Replace the IVC with a ringed PTFE interposition graft: more than " + threshold + "% of the circumference is resected.";
            case NOT_RECOMMENDED -> "An interposition graft is not needed: less than " + threshold + "% of the circumference is resected.";
            case CONSIDER -> "Exactly " + threshold + "% of the circumference is resected: a graft or a patch, at the surgeon's judgement.";
            default -> "Use a ringed PTFE interposition graft if more than " + threshold + "% of the IVC circumference is resected.";
        }).orElse("-"));
        if (s.filter(st -> st == CONDITIONAL).isPresent()) {
            d.conditional("more than " + threshold + "% of the IVC circumference is resected");
        }
        return reconstruction(f, d, s, IvcManagement.INTERPOSITION_GRAFT, "ivc.interposition-graft");
    }

    private static Fact contaminationFact() {
        return new Fact("/operation/findings/grossContamination", true);
    }

    static List<Finding> prosthetic(Facts f, Draft d) {
        if (!f.ivc.applies() || !f.ivc.contamination().yes()) {
            return d.silent();
        }
        Optional<Conduit> conduit = f.operation.flatMap(op -> op.conduit());
        if (conduit.isPresent()) {
            boolean prosthetic = conduit.get() == Conduit.RINGED_PTFE || conduit.get() == Conduit.OTHER;
            List<Fact> facts = List.of(new Fact("/operation/conduit", conduit.get().name()), contaminationFact());
            d.concordance("ivc.prosthetic-conduit", prosthetic ? Verdict.DISCORDANT : Verdict.CONCORDANT,
                    prosthetic ? "A prosthetic conduit was placed in a contaminated field: watch closely for graft infection."
                            : "No prosthetic conduit was placed in the contaminated field.", facts);
        }
        return d.status(CONTRAINDICATED).because(contaminationFact())
                .summary("Do not place a prosthetic (PTFE) conduit in a field with gross enteric contamination.")
                .detail("Prosthetic graft infection is rare but life-threatening and more likely with bowel contamination; use "
                        + "autologous vein or ligation instead.")
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
                    .summary("Reconstruct with an autologous vein conduit: the field is contaminated and ligation is not possible.")
                    .emit();
        }
        return d.status(CONSIDER)
                .summary("Consider an autologous vein conduit if reconstruction is needed in this contaminated field.")
                .emit();
    }
}
