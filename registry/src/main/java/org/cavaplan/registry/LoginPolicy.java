package org.cavaplan.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * When password logins for a user name are refused after repeated failures: after
 * {@code maxFailures} failed password checks within {@code window}, every further attempt for that
 * name is refused for {@code lockout}, even with the right password, and counts no further. The
 * failures are kept in the database, so every server instance on it applies the same lockout.
 */
public record LoginPolicy(int maxFailures, Duration window, Duration lockout) {

    /** Failed password checks that start a lockout (OWASP's guidance; our choice of number). */
    public static final int MAX_FAILURES = 5;

    /** The window in which {@link #MAX_FAILURES} failures start a lockout. */
    public static final Duration WINDOW = Duration.ofMinutes(15);

    /** How long a lockout lasts. */
    public static final Duration LOCKOUT = Duration.ofMinutes(15);

    public LoginPolicy {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(lockout, "lockout");
        if (maxFailures < 1 || window.isNegative() || window.isZero() || lockout.isNegative()) {
            throw new IllegalArgumentException("a login policy needs at least one failure, a positive window and a lockout of 0 or more");
        }
    }

    /** 5 failures in 15 minutes lock the name out for 15 minutes. */
    public static LoginPolicy standard() {
        return new LoginPolicy(MAX_FAILURES, WINDOW, LOCKOUT);
    }

    /** How far back failures matter at all. */
    Duration lookBack() {
        return window.plus(lockout);
    }

    /**
     * True when a name whose failed checks happened at {@code failures} (oldest first, those
     * since {@code now - lookBack()}) is locked out at {@code now}.
     */
    boolean lockedOut(List<Instant> failures, Instant now) {
        for (int i = 0; i + maxFailures - 1 < failures.size(); i++) {
            Instant first = failures.get(i);
            Instant last = failures.get(i + maxFailures - 1);
            if (!last.isAfter(first.plus(window)) && now.isBefore(last.plus(lockout))) {
                return true;
            }
        }
        return false;
    }
}
