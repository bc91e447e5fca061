package org.cavaplan.survival;

import java.util.List;

/**
 * Cumulative incidence per group and cause, and Gray's test across the groups, of competing-risk
 * data (status 0 censored, 1 the event of interest, 2 the competing event).
 *
 * @param rows rows used: with time, status (and group)
 * @param dropped rows left out for a missing time, status or group
 * @param curves per cause that has an event in the data (1, then 2), one curve per group in group
 *     order (as {@code cuminc} lists them)
 * @param grayTests per such cause, Gray's test across the groups; empty with one group
 */
public record CompetingRisks(int rows, int dropped, List<CumulativeIncidence> curves, List<GrayTest> grayTests) {

    /** Copies the lists. */
    public CompetingRisks {
        curves = List.copyOf(curves);
        grayTests = List.copyOf(grayTests);
    }
}
