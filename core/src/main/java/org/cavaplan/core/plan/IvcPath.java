package org.cavaplan.core.plan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cavaplan.core.model.Collaterals;
import org.cavaplan.core.model.Lumen;

/**
 * The IVC decision of a plan as a path (plan contract v2, IVC management): whether the upper segment
 * is involved, then whether the cava is occluded with well-developed collaterals (ligation), then the
 * circumference against the threshold (patch or graft), then contamination (conduit material). It
 * holds the inputs the knowledge base read, the thresholds it used, the status of each IVC row in the
 * plan and the branch taken at each step; a view draws it and decides nothing.
 *
 * @param upperSegmentInvolved level 3 is involved; empty while the extents do not tell
 * @param ivcLevels the IVC levels the tumor reaches, sorted; empty when the extents are unknown
 * @param lumen the IVC lumen, at operation else on the planning baseline
 * @param collaterals the collaterals, at operation else on imaging
 * @param circumferencePct the share of the circumference resected at operation, else involved on imaging
 * @param circumferenceSource where {@code circumferencePct} comes from; present with it
 * @param circumferenceThresholdPct the threshold between patch and graft (a named threshold of the knowledge base)
 * @param grossContamination gross enteric contamination of the field, known only at operation
 * @param operated the case records an operation on or before the plan's date (then contamination may be known)
 * @param ligation the status of the ligation row; empty when the plan has none
 * @param patch the status of the patch row; empty when the plan has none
 * @param graft the status of the graft row; empty when the plan has none
 * @param ligationStep the branch taken at the first steps (upper segment, then occlusion with collaterals)
 * @param reconstructionStep the branch taken at the circumference; present exactly when the path reaches it
 * @param inputs the case facts the path read, for {@code because} and hover text
 * @param missing the plan's missing data that holds back an IVC row or the conduit and cover rows
 */
public record IvcPath(
        Optional<Boolean> upperSegmentInvolved,
        List<Integer> ivcLevels,
        Optional<Lumen> lumen,
        Optional<Collaterals> collaterals,
        Optional<Double> circumferencePct,
        Optional<CircumferenceSource> circumferenceSource,
        double circumferenceThresholdPct,
        Optional<Boolean> grossContamination,
        boolean operated,
        Optional<Status> ligation,
        Optional<Status> patch,
        Optional<Status> graft,
        LigationStep ligationStep,
        Optional<ReconstructionStep> reconstructionStep,
        List<Fact> inputs,
        List<MissingData> missing) {

    public IvcPath {
        Objects.requireNonNull(ligationStep, "ligationStep");
        ivcLevels = List.copyOf(ivcLevels);
        inputs = List.copyOf(inputs);
        missing = List.copyOf(missing);
        if (circumferencePct.isPresent() != circumferenceSource.isPresent()) {
            throw new IllegalArgumentException("a circumference has its source, and only a circumference");
        }
        if (!(circumferenceThresholdPct > 0 && circumferenceThresholdPct <= 100)) {
            throw new IllegalArgumentException("the circumference threshold is a share in %: " + circumferenceThresholdPct);
        }
        if (ligation.isEmpty() && patch.isEmpty() && graft.isEmpty()) {
            throw new IllegalArgumentException("an IVC path belongs to a plan with an IVC row");
        }
        if (reconstructionStep.isPresent() != ligationStep.reconstructs()) {
            throw new IllegalArgumentException("the path reaches the circumference exactly when it reconstructs: " + ligationStep);
        }
        if (!operated && grossContamination.isPresent()) {
            throw new IllegalArgumentException("what the operation found needs an operation");
        }
    }

    /** Where the circumference comes from. */
    public enum CircumferenceSource { RESECTED_AT_OPERATION, ESTIMATED_ON_IMAGING }

    /** The branch taken at the upper segment and the ligation question. */
    public enum LigationStep {
        /** Level 3 is involved: ligation is contraindicated, the IVC is reconstructed. */
        UPPER_SEGMENT_RECONSTRUCT,
        /** Occluded with well-developed collaterals: ligation without reconstruction. */
        LIGATE,
        /** Not occluded, or collaterals not well developed: no ligation, reconstruct. */
        LIGATION_NOT_ADVISED_RECONSTRUCT,
        /** The path stops until the missing facts (extents, lumen, collaterals) are recorded. */
        AWAITING_FINDINGS,
        /** The plan holds no ligation row: straight to the reconstruction. */
        RECONSTRUCT;

        /** The path goes on to the circumference. */
        public boolean reconstructs() {
            return this != LIGATE && this != AWAITING_FINDINGS;
        }
    }

    /** The branch taken at the circumference. */
    public enum ReconstructionStep {
        PATCH,
        GRAFT,
        /** Exactly at the threshold, or an option either way: patch or graft. */
        PATCH_OR_GRAFT,
        /** The path stops until the circumference is known. */
        AWAITING_CIRCUMFERENCE
    }
}
