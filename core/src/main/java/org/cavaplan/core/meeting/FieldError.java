package org.cavaplan.core.meeting;

import java.util.Objects;

/**
 * One problem with a meeting, an agenda item or a decision: where it is (a JSON pointer into the
 * request body as the API takes it, e.g. {@code /items/2/reason}; empty for the whole record) and
 * what is wrong, in plain words.
 */
public record FieldError(String pointer, String message) {
    public FieldError {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return (pointer.isEmpty() ? "/" : pointer) + ": " + message;
    }
}
