package org.cavaplan.core.meeting;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How boards judged one recommendation id over every signed decision that gave it a verdict: how
 * often it was accepted, modified or rejected; the reasons of the modifications and rejections
 * (every reason listed, zero included, in the order of {@link OverrideReason}); and the follow-through
 * (see {@link FollowThrough}): of the verdicts whose outcome the cases show ({@code assessed}), how
 * many the treatment recorded in the case {@code matched}. Counts only.
 */
public record RecommendationOverrides(String recommendationId, int accepted, int modified, int rejected,
        Map<OverrideReason, Integer> reasons, int assessed, int matched) {

    public RecommendationOverrides {
        Objects.requireNonNull(recommendationId, "recommendationId");
        if (accepted < 0 || modified < 0 || rejected < 0 || assessed < 0 || matched < 0 || matched > assessed
                || assessed > accepted + modified + rejected) {
            throw new IllegalArgumentException("counts are not negative, matched ≤ assessed ≤ verdicts");
        }
        EnumMap<OverrideReason, Integer> all = new EnumMap<>(OverrideReason.class);
        for (OverrideReason r : OverrideReason.values()) {
            all.put(r, reasons.getOrDefault(r, 0));
        }
        reasons = Collections.unmodifiableMap(all);
    }

    /** Every verdict on the recommendation. */
    public int verdicts() {
        return accepted + modified + rejected;
    }
}
