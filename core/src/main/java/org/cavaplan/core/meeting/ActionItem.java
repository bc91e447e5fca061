package org.cavaplan.core.meeting;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Something the board asked someone to do: what, who ({@code owner}: a name; when it is a user
 * name of the registry, the action appears on that user's home page), and by when.
 */
public record ActionItem(String text, String owner, LocalDate due) {
    public ActionItem {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(due, "due");
    }
}
