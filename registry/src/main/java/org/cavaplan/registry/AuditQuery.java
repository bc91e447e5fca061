package org.cavaplan.registry;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The latest audit entries, newest first, optionally only those about one target, by one user, of
 * one action, or within a range of days (UTC, both days included). The filters all apply together.
 * Build with {@link #latest} and the other methods, e.g.
 * {@code AuditQuery.latest(100).by("dr.vena").of(AuditEntry.Action.EXPORT).between(from, to)}.
 *
 * @param target the case id or user name the entries are about
 * @param actor  the user (or operator) who acted
 * @param action what was done
 * @param from   entries on or after this day (UTC)
 * @param to     entries on or before this day (UTC)
 * @param limit  at most this many entries, 1 to {@value #MAX_LIMIT}
 */
public record AuditQuery(Optional<String> target, Optional<String> actor, Optional<AuditEntry.Action> action,
        Optional<LocalDate> from, Optional<LocalDate> to, int limit) {

    /** The largest number of entries one query returns. */
    public static final int MAX_LIMIT = 10_000;

    public AuditQuery {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
            throw new IllegalArgumentException("the range of days ends before it starts: " + from.get() + " to " + to.get());
        }
    }

    /** The latest {@code limit} entries. */
    public static AuditQuery latest(int limit) {
        return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), limit);
    }

    /** Only entries about {@code target} (a case id or a user name). */
    public AuditQuery about(String target) {
        return new AuditQuery(Optional.of(target), actor, action, from, to, limit);
    }

    /** Only entries of what {@code actor} (a user name, or a local operator's name) did. */
    public AuditQuery by(String actor) {
        return new AuditQuery(target, Optional.of(actor), action, from, to, limit);
    }

    /** Only entries of {@code action}. */
    public AuditQuery of(AuditEntry.Action action) {
        return new AuditQuery(target, actor, Optional.of(action), from, to, limit);
    }

    /**
     * Only entries from the day {@code from} to the day {@code to} (UTC), both included; either may
     * be empty (no bound).
     *
     * @throws IllegalArgumentException when {@code to} is before {@code from}
     */
    public AuditQuery between(Optional<LocalDate> from, Optional<LocalDate> to) {
        return new AuditQuery(target, actor, action, from, to, limit);
    }

    /** The filters in words, for the audit entry of reading the log: "by dr.vena, export, 2026-01-01 to 2026-01-31". */
    public String inWords() {
        List<String> filters = new ArrayList<>();
        target.ifPresent(t -> filters.add("about " + t));
        actor.ifPresent(a -> filters.add("by " + a));
        action.ifPresent(a -> filters.add(a.words()));
        if (from.isPresent() && to.isPresent()) {
            filters.add(from.get() + " to " + to.get());
        } else {
            from.ifPresent(d -> filters.add("from " + d));
            to.ifPresent(d -> filters.add("up to " + d));
        }
        return filters.isEmpty() ? "all entries" : String.join(", ", filters);
    }
}
