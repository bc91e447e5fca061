package org.cavaplan.core.plan;

import java.util.List;
import java.util.Objects;

/**
 * A fact the board must see before anything else (plan contract §1.1): a fixed {@code code}, a
 * message in clinical words and the case facts behind it. Red flags are never cut from a plan.
 */
public record RedFlag(String code, String message, List<Fact> because) implements Finding {
    public RedFlag {
        Objects.requireNonNull(code, "code");
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException(code + ": a red flag says what it is");
        }
        because = List.copyOf(because);
    }
}
