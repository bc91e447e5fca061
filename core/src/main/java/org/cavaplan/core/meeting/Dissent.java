package org.cavaplan.core.meeting;

import java.util.Objects;

/** An attendee present who disagreed with the decision, and why, in their words. */
public record Dissent(String name, String note) {
    public Dissent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(note, "note");
    }
}
