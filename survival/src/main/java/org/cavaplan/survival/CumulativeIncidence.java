package org.cavaplan.survival;

import java.util.List;

/**
 * The cumulative incidence of one cause in one group: the Aalen-Johansen estimate of the
 * probability of having had an event of this cause by time t when the other cause competes
 * (Kalbfleisch &amp; Prentice), with its variance as R's {@code cmprsk::cuminc} computes it (Gray's
 * delta-method estimator), and 95 % limits on the log(-log) scale.
 *
 * <p>The 95 % limits: with {@code F} the estimate and {@code V} its variance,
 * {@code lower = F^exp(+q)} and {@code upper = F^exp(-q)}, {@code q = 1.96 sqrt(V) / (-F log F)}: the
 * interval {@code log(-log F) -+ 1.96 sd} carried back to the probability scale (so it stays inside
 * (0, 1)); undefined (NaN) where F is 0 or 1.
 *
 * @param group the group label ({@code "all"} without a group column)
 * @param cause 1 (the event of interest) or 2 (the competing event)
 * @param n rows in the group
 * @param events events of this cause in the group
 * @param points one point per distinct time at which this cause has an event in this group, in
 *     time order (the corners of {@code cuminc}'s step function); empty when the group has no
 *     event of this cause (the estimate is then 0 throughout)
 */
public record CumulativeIncidence(String group, int cause, int n, int events, List<Point> points) {

    /** Copies the points. */
    public CumulativeIncidence {
        points = List.copyOf(points);
    }

    /**
     * The estimate just after an event time.
     *
     * @param time the time
     * @param estimate the cumulative incidence F(time)
     * @param variance its variance ({@code cuminc}'s {@code var})
     * @param lower95 lower 95 % limit (log(-log) scale), NaN where F is 0 or 1
     * @param upper95 upper 95 % limit (log(-log) scale), NaN where F is 0 or 1
     */
    public record Point(double time, double estimate, double variance, double lower95, double upper95) {}

    /**
     * The estimate at time {@code t} (a step function, right-continuous).
     *
     * @param t a time
     * @return F(t), 0 before the first event
     */
    public double at(double t) {
        int lo = 0;
        int hi = points.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (points.get(mid).time() <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo == 0 ? 0 : points.get(lo - 1).estimate();
    }
}
