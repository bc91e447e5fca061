package org.cavaplan.core.plan;

import java.util.Objects;

/**
 * A case fact a decision read: a JSON pointer into the case and the value found there. Values are
 * strings, enum constants, numbers, booleans, dates, or lists of these.
 */
public record Fact(String pointer, Object value) {
    public Fact {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(value, "value");
        if (!pointer.startsWith("/")) {
            throw new IllegalArgumentException("a pointer starts with '/': " + pointer);
        }
    }
}
