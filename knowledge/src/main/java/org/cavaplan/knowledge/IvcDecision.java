package org.cavaplan.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cavaplan.core.model.Collaterals;
import org.cavaplan.core.model.ImagingStudy;
import org.cavaplan.core.model.IntraluminalGrowth;
import org.cavaplan.core.model.Lumen;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.Status;

/**
 * The inputs of the IVC decision (S: Operative Procedure; plan contract v2, IVC management), read
 * once per case from the recorded findings (intraoperative over imaging), and the status each
 * IVC row takes from them. v2: the final decision is made during the operation, so before it
 * ligation is never more than CONDITIONAL and a reconstruction plan (primary repair, patch or
 * graft) is always kept. {@code applies} is false when the IVC is known not to be involved.
 *
 * @param upperSegment level 3 involved (§7.12: unknown while the extents do not tell)
 * @param middleSegment level 2 involved, the renal veins' segment
 * @param occluded the lumen is occluded (at operation, else on the planning baseline)
 * @param wellDevelopedCollaterals collaterals are well developed (at operation, else on imaging)
 * @param intraluminalGrowth the planning baseline's intraluminal growth, as a fact, when recorded
 * @param ligation CONTRAINDICATED at level 3; NOT_RECOMMENDED when the lumen or the collaterals are
 *     known to fail; else CONDITIONAL on the operation's findings
 * @param circumferencePct the circumference resected at operation, else the share involved on imaging
 * @param measuredAtOperation the circumference is the operation's measurement, not an imaging estimate
 * @param primaryRepair the status of a primary repair (closure without patch)
 * @param patch the status of a patch cavoplasty; always present (kept optional for its readers)
 * @param graft the status of an interposition graft; always present (kept optional for its readers)
 * @param contamination gross enteric contamination of the field, known only at operation
 */
record IvcDecision(
        boolean applies,
        Tri upperSegment,
        Tri middleSegment,
        Tri occluded,
        Tri wellDevelopedCollaterals,
        Optional<Fact> intraluminalGrowth,
        Status ligation,
        Optional<Double> circumferencePct,
        boolean measuredAtOperation,
        Status primaryRepair,
        Optional<Status> patch,
        Optional<Status> graft,
        Tri contamination) {

    static IvcDecision of(Facts facts) {
        // Whether a resection is planned at all is the resection plan's gate (StageRule), not this decision's.
        boolean applies = facts.ivcMayBeResected();
        Tri upper = facts.level(3);
        Tri middle = facts.level(2);
        Tri occluded = facts.lumen.map(f -> Tri.of(Lumen.OCCLUDED.name().equals(f.value()))).orElse(Tri.UNKNOWN);
        Tri wellDeveloped = facts.collaterals.map(f -> Tri.of(Collaterals.WELL_DEVELOPED.name().equals(f.value())))
                .orElse(Tri.UNKNOWN);
        Optional<Fact> growth = facts.baseline(ImagingStudy::intraluminalGrowth, "intraluminalGrowth");
        Status ligation;
        if (upper.yes()) {
            ligation = Status.CONTRAINDICATED;
        } else if (occluded.no() || wellDeveloped.no()) {
            ligation = Status.NOT_RECOMMENDED;
        } else {
            ligation = Status.CONDITIONAL;
        }
        Optional<Double> circumference = facts.circumference.map(f -> ((Number) f.value()).doubleValue());
        boolean measured = facts.circumference.filter(f -> f.pointer().startsWith("/operation/")).isPresent();
        double threshold = facts.settings.get(Thresholds.CIRCUMFERENCE_PCT);
        double repairMax = facts.settings.get(Thresholds.PRIMARY_REPAIR_MAX_PCT);
        double considerMax = facts.settings.get(Thresholds.PRIMARY_REPAIR_CONSIDER_MAX_PCT);
        Status primary;
        if (occluded.yes() || significant(growth)) {
            primary = Status.NOT_RECOMMENDED;
        } else {
            primary = circumference.map(c -> c <= repairMax ? (measured ? Status.RECOMMENDED : Status.CONSIDER)
                    : c <= considerMax ? Status.CONSIDER : Status.NOT_RECOMMENDED).orElse(Status.CONDITIONAL);
        }
        Status patch = circumference.map(c -> c > threshold ? Status.NOT_RECOMMENDED
                : c == threshold || c <= repairMax ? Status.CONSIDER : Status.RECOMMENDED).orElse(Status.CONDITIONAL);
        Status graft = circumference.map(c -> c > threshold ? Status.RECOMMENDED : Status.CONSIDER).orElse(Status.CONDITIONAL);
        Tri contamination = facts.operation.flatMap(op -> op.findings().grossContamination()).map(Tri::of)
                .orElse(Tri.UNKNOWN);
        return new IvcDecision(applies, upper, middle, occluded, wellDeveloped, growth, ligation, circumference, measured,
                primary, Optional.of(patch), Optional.of(graft), contamination);
    }

    private static boolean significant(Optional<Fact> growth) {
        return growth.filter(g -> IntraluminalGrowth.SIGNIFICANT.name().equals(g.value())).isPresent();
    }

    /** The tumor grows significantly inside the lumen (planning baseline). */
    boolean significantIntraluminalGrowth() {
        return significant(intraluminalGrowth);
    }

    /** v2: a reconstruction plan is always kept wherever the IVC may be resected. */
    boolean reconstructionApplies() {
        return applies;
    }

    /** What the operation must confirm for a ligation: an occluded lumen with well-developed collaterals. */
    Tri ligationFindings() {
        if (occluded.no() || wellDevelopedCollaterals.no()) {
            return Tri.NO;
        }
        return occluded.yes() && wellDevelopedCollaterals.yes() ? Tri.YES : Tri.UNKNOWN;
    }

    /** A conduit is planned: the rules recommend a patch or a graft. */
    boolean conduitPlanned() {
        return patch.filter(s -> s == Status.RECOMMENDED).isPresent() || graft.filter(s -> s == Status.RECOMMENDED).isPresent();
    }

    /** A conduit may be needed: reconstruction applies and neither patch nor graft is recommended outright. */
    boolean conduitPossible() {
        return reconstructionApplies() && !conduitPlanned();
    }

    /**
     * The facts behind the ligation decision; when none of them is recorded, the planning baseline
     * study that was read (and found silent).
     */
    List<Fact> ligationBasis(Facts facts) {
        List<Fact> list = new ArrayList<>(facts.extentFacts());
        facts.lumen.ifPresent(list::add);
        facts.collaterals.ifPresent(list::add);
        facts.involvement.ifPresent(list::add);
        if (list.isEmpty()) {
            list.add(facts.baselineDateFact());
        }
        return list;
    }

    /** The facts behind the choice among primary repair, patch and graft. */
    List<Fact> reconstructionBasis(Facts facts) {
        List<Fact> list = new ArrayList<>();
        facts.circumference.ifPresent(list::add);
        if (list.isEmpty()) {
            list.addAll(ligationBasis(facts));
        }
        return list;
    }
}
