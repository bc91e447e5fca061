package org.cavaplan.core.plan;

import java.util.List;

/** A fact the engine would need, where it belongs in the case, and the recommendations it affects. */
public record MissingData(String pointer, String reason, List<String> affects) implements Finding {
    public MissingData {
        affects = List.copyOf(affects);
    }
}
