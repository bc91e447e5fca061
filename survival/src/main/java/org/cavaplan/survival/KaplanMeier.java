package org.cavaplan.survival;

import java.util.List;
import java.util.OptionalDouble;

/**
 * A Kaplan-Meier estimate for one group, as R's {@code survfit(Surv(time, event) ~ group)}
 * computes it with its defaults ({@code conf.type = "log"}, 95 %).
 *
 * @param group the group label ({@code "all"} without a group column)
 * @param n number of rows in the group
 * @param events number of events in the group
 * @param table one row per distinct time with an event or a censoring, ascending (like R's
 *     {@code summary(fit, censored = TRUE)})
 * @param median the median survival time and its 95 % limits
 */
public record KaplanMeier(String group, int n, int events, List<Row> table, Median median) {

    /** Copies the table. */
    public KaplanMeier {
        table = List.copyOf(table);
    }

    /**
     * One distinct time.
     *
     * @param time the time
     * @param nRisk number at risk just before {@code time} (time {@code >= } this time)
     * @param nEvent events at this time
     * @param nCensor censorings at this time
     * @param survival the product-limit estimate S(time)
     * @param stdErr Greenwood standard error of S, {@code S * sqrt(sum d / (n (n - d)))} (R's
     *     {@code summary(survfit)$std.err}); {@code NaN} once S has reached 0
     * @param lower95 lower 95 % limit, {@code S * exp(-1.96 * sqrt(greenwood))}; {@code NaN} once S
     *     = 0
     * @param upper95 upper 95 % limit {@code min(1, S * exp(1.96 * sqrt(greenwood)))}; {@code NaN}
     *     once S = 0
     */
    public record Row(
            double time,
            int nRisk,
            int nEvent,
            int nCensor,
            double survival,
            double stdErr,
            double lower95,
            double upper95) {}

    /**
     * Median survival with 95 % limits by R's rule ({@code print.survfit}): the first time where the
     * curve is {@code <= 0.5}, or, when it sits at exactly 0.5 over an interval, the midpoint of
     * that interval; the limits apply the same rule to the lower and upper confidence curves. Empty
     * when the curve never reaches 0.5 ("not reached").
     *
     * @param estimate the median
     * @param lower95 from the lower confidence curve
     * @param upper95 from the upper confidence curve
     */
    public record Median(OptionalDouble estimate, OptionalDouble lower95, OptionalDouble upper95) {}

    /**
     * Number at risk at time {@code t}: the count of rows with time {@code >= t}.
     *
     * @param t a time {@code >= 0}
     * @return number of rows still under observation at {@code t}
     */
    public int atRisk(double t) {
        int lo = 0;
        int hi = table.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (table.get(mid).time() < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo < table.size() ? table.get(lo).nRisk() : 0;
    }
}
