package org.cavaplan.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cavaplan.core.model.Collaterals;
import org.cavaplan.core.model.Lumen;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.Status;

/**
 * The IVC decision of the Operative Procedure section, made once per case from the recorded
 * findings (intraoperative over imaging): ligation, or reconstruction by patch or graft, and the
 * conduit under contamination. {@code applies} is false when the IVC is known not to be involved.
 */
record IvcDecision(
        boolean applies,
        Tri upperSegment,
        Tri occluded,
        Tri wellDevelopedCollaterals,
        Status ligation,
        boolean reconstructionApplies,
        Optional<Double> circumferencePct,
        Optional<Status> patch,
        Optional<Status> graft,
        Tri contamination) {

    static IvcDecision of(Facts facts) {
        // Nothing to decide about the cava when it is not involved, or when no resection is done or
        // advised (palliative intent, no symptom to relieve, no operation).
        boolean noResection = facts.intent == org.cavaplan.core.plan.Intent.PALLIATIVE && facts.operation.isEmpty()
                && facts.symptoms.isEmpty();
        boolean applies = facts.ivcMayBeResected() && !noResection;
        Tri upper = facts.level(3);
        Tri occluded = facts.lumen.map(f -> Tri.of(Lumen.OCCLUDED.name().equals(f.value()))).orElse(Tri.UNKNOWN);
        Tri wellDeveloped = facts.collaterals.map(f -> Tri.of(Collaterals.WELL_DEVELOPED.name().equals(f.value())))
                .orElse(Tri.UNKNOWN);
        Status ligation;
        if (upper.yes()) {
            ligation = Status.CONTRAINDICATED;
        } else if (occluded.no() || wellDeveloped.no()) {
            ligation = Status.NOT_RECOMMENDED;
        } else if (occluded.yes() && wellDeveloped.yes() && upper.no()) {
            ligation = Status.RECOMMENDED;
        } else {
            ligation = Status.CONDITIONAL;
        }
        boolean reconstruction = ligation != Status.RECOMMENDED;
        Optional<Double> circumference = facts.circumference.map(f -> ((Number) f.value()).doubleValue());
        double threshold = facts.settings.get(Thresholds.CIRCUMFERENCE_PCT);
        Optional<Status> patch = Optional.empty();
        Optional<Status> graft = Optional.empty();
        if (reconstruction) {
            patch = Optional.of(circumference.map(c -> c < threshold ? Status.RECOMMENDED
                    : c > threshold ? Status.NOT_RECOMMENDED : Status.CONSIDER).orElse(Status.CONDITIONAL));
            graft = Optional.of(circumference.map(c -> c > threshold ? Status.RECOMMENDED
                    : c < threshold ? Status.NOT_RECOMMENDED : Status.CONSIDER).orElse(Status.CONDITIONAL));
        }
        Tri contamination = facts.operation.flatMap(op -> op.findings().grossContamination()).map(Tri::of)
                .orElse(Tri.UNKNOWN);
        return new IvcDecision(applies, upper, occluded, wellDeveloped, ligation, reconstruction, circumference, patch,
                graft, contamination);
    }

    /** A conduit is planned: the rules recommend a patch or a graft. */
    boolean conduitPlanned() {
        return patch.filter(s -> s == Status.RECOMMENDED).isPresent() || graft.filter(s -> s == Status.RECOMMENDED).isPresent();
    }

    /** A conduit may be needed: reconstruction applies and neither patch nor graft is ruled out. */
    boolean conduitPossible() {
        return reconstructionApplies && !conduitPlanned();
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

    /** The facts behind the patch-or-graft decision. */
    List<Fact> reconstructionBasis(Facts facts) {
        List<Fact> list = new ArrayList<>();
        facts.circumference.ifPresent(list::add);
        if (list.isEmpty()) {
            list.addAll(ligationBasis(facts));
        }
        return list;
    }
}
