package org.cavaplan.registry;

import java.time.Instant;
import java.util.Objects;

/** A registered user of the registry. */
public record User(long id, String name, Role role, Instant createdAt) {
    public User {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
