package org.cavaplan.registry;

import java.time.Instant;
import java.util.Optional;

/**
 * One line of the append-only audit log: who ({@code actor}, with the role they acted in; empty for
 * a failed login), did what ({@code action} on {@code target}, with {@code outcome}), when and from
 * where. {@code target} is a case id, a user name, or {@code *} for the whole registry.
 */
public record AuditEntry(
        long id,
        Instant at,
        String actor,
        Optional<Role> role,
        String origin,
        Action action,
        String target,
        Outcome outcome,
        String detail) {

    /** What was done. */
    public enum Action {
        LOGIN, READ, HISTORY, SEARCH, CREATE, UPDATE, RETIRE, IMPORT, EXPORT, SEED, USER_ADD, TOKEN_ISSUE,
        PASSWORD_SET, AUDIT_READ, LOGOUT, CDS_CALL, CDS_FEEDBACK
    }

    /** How it ended: done, refused (role or credentials), nothing there, or broken off by a failure. */
    public enum Outcome {
        OK, DENIED, NOT_FOUND, FAILED
    }
}
