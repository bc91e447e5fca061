package org.cavaplan.registry;

import java.util.Objects;
import java.util.Optional;

/** The latest audit entries, newest first, optionally only those about one target. */
public record AuditQuery(Optional<String> target, int limit) {

    /** The largest number of entries one query returns. */
    public static final int MAX_LIMIT = 10_000;

    public AuditQuery {
        Objects.requireNonNull(target, "target");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
    }

    /** The latest {@code limit} entries. */
    public static AuditQuery latest(int limit) {
        return new AuditQuery(Optional.empty(), limit);
    }

    /** Only entries about {@code target} (a case id or a user name). */
    public AuditQuery about(String target) {
        return new AuditQuery(Optional.of(target), limit);
    }
}
