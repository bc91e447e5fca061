package org.cavaplan.core.meeting;

import java.util.List;

/**
 * Learning from overrides (issue 22, item 7): over the decision in force of every signed decision
 * of a case that is not retired, {@code decisions} in all, one row per recommendation id that
 * received a verdict, by id. Counts only: no case id, date or name, so researchers may see it.
 */
public record OverrideStatistics(int decisions, List<RecommendationOverrides> recommendations) {
    public OverrideStatistics {
        if (decisions < 0) {
            throw new IllegalArgumentException("decisions is not negative");
        }
        recommendations = List.copyOf(recommendations);
    }
}
