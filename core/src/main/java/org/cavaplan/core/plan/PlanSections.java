package org.cavaplan.core.plan;

import java.util.Objects;
import org.cavaplan.core.model.FollowUp;
import java.util.Optional;

/**
 * What the engine decided, as typed records for the views (page, PDF, text, FHIR, registry columns):
 * they render these and decide nothing. A section that does not apply to the plan is empty. None of
 * this is written to the plan JSON, which the contract fixes.
 *
 * @param baseline the planning baseline, the tumor's extent and size, the pretreatment study
 * @param ivc the IVC decision path; present exactly when the plan holds an IVC row (ligation, patch or graft)
 * @param recist the RECIST 1.1 response with the two studies it compares; present with {@link Plan#response()}
 * @param surveillance the surveillance imaging schedule; present exactly when the plan holds its recommendation
 * @param firstRecurrence the first follow-up visit that records a recurrence, if any
 * @param firstLocalRecurrence the first follow-up visit (by date) that records a local recurrence, if
 *     any (the time to local recurrence of competing-risk analyses)
 * @param firstDistantMetastasis the first follow-up visit (by date) that records a distant
 *     metastasis, if any (the time to distant metastasis)
 */
public record PlanSections(
        Optional<PlanningBaseline> baseline,
        Optional<IvcPath> ivc,
        Optional<RecistDetails> recist,
        Optional<SurveillanceSchedule> surveillance,
        Optional<FirstRecurrence> firstRecurrence,
        Optional<FollowUp> firstLocalRecurrence,
        Optional<FollowUp> firstDistantMetastasis) {

    /** No section: for a knowledge base that publishes none. */
    public static final PlanSections NONE = new PlanSections(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    /** Sections without the first local recurrence and the first distant metastasis (views that do not read them). */
    public PlanSections(Optional<PlanningBaseline> baseline, Optional<IvcPath> ivc, Optional<RecistDetails> recist,
            Optional<SurveillanceSchedule> surveillance, Optional<FirstRecurrence> firstRecurrence) {
        this(baseline, ivc, recist, surveillance, firstRecurrence, Optional.empty(), Optional.empty());
    }

    public PlanSections {
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(ivc, "ivc");
        Objects.requireNonNull(recist, "recist");
        Objects.requireNonNull(surveillance, "surveillance");
        Objects.requireNonNull(firstRecurrence, "firstRecurrence");
        Objects.requireNonNull(firstLocalRecurrence, "firstLocalRecurrence");
        Objects.requireNonNull(firstDistantMetastasis, "firstDistantMetastasis");
    }
}
