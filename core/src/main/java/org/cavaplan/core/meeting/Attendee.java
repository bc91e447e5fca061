package org.cavaplan.core.meeting;

import java.util.Objects;

/** A member of the board at one meeting: a name as people write it and the discipline they speak for. */
public record Attendee(String name, Discipline discipline) {
    public Attendee {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(discipline, "discipline");
    }
}
