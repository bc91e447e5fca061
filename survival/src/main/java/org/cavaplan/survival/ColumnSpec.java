package org.cavaplan.survival;

import java.util.List;
import java.util.Objects;

/**
 * Which CSV columns hold what.
 *
 * @param time name of the follow-up time column (numeric, {@code >= 0})
 * @param event name of the event column ({@code 1} = event, {@code 0} = censored; with {@code
 *     competing} also {@code 2} = the competing event)
 * @param group name of the grouping column (any text), or {@code null} for a single group
 * @param covariates names of numeric Cox covariates, possibly empty; never {@code null}
 * @param competing whether the event column codes competing risks: 0 censored, 1 the event of
 *     interest, 2 the competing event
 */
public record ColumnSpec(String time, String event, String group, List<String> covariates, boolean competing) {

    /** Columns whose event is 0/1 (no competing risk). */
    public ColumnSpec(String time, String event, String group, List<String> covariates) {
        this(time, event, group, covariates, false);
    }

    /** Validates the names and copies the covariate list. */
    public ColumnSpec {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(event, "event");
        covariates = List.copyOf(Objects.requireNonNull(covariates, "covariates"));
        if (group != null && group.isBlank()) {
            group = null;
        }
    }

    /** Time and event only: one Kaplan-Meier curve, no model. */
    public static ColumnSpec of(String time, String event) {
        return new ColumnSpec(time, event, null, List.of());
    }

    /** Returns a copy with the given group column. */
    public ColumnSpec withGroup(String groupColumn) {
        return new ColumnSpec(time, event, groupColumn, covariates, competing);
    }

    /** Returns a copy with the given Cox covariates. */
    public ColumnSpec withCovariates(List<String> names) {
        return new ColumnSpec(time, event, group, names, competing);
    }

    /** Returns a copy whose event column codes competing risks (0 censored, 1 event, 2 competing event). */
    public ColumnSpec withCompeting() {
        return new ColumnSpec(time, event, group, covariates, true);
    }
}
