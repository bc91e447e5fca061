package org.cavaplan.core.plan;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.cavaplan.core.model.FollowUp;
import org.cavaplan.core.model.Site;

/**
 * The first recurrence after the operation: the earliest follow-up visit (by date) that records a
 * local recurrence or a distant metastasis.
 *
 * @param visit the follow-up visit that found it
 * @param local a local recurrence is recorded at that visit
 * @param distantSites the sites of distant metastasis recorded at that visit, in their declared order
 */
public record FirstRecurrence(FollowUp visit, boolean local, List<Site> distantSites) {

    public FirstRecurrence {
        Objects.requireNonNull(visit, "visit");
        distantSites = List.copyOf(distantSites);
        if (!local && distantSites.isEmpty()) {
            throw new IllegalArgumentException("a recurrence is local or has a distant site");
        }
    }

    /** The date of the visit that found the recurrence. */
    public LocalDate date() {
        return visit.date();
    }
}
