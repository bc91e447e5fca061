package org.cavaplan.registry;

import java.time.Instant;
import java.util.Optional;

/**
 * One line of the append-only audit log: who ({@code actor}, with the role they acted in; empty for
 * a failed login), did what ({@code action} on {@code target}, with {@code outcome}), when and from
 * where. {@code target} is a case id, a user name, {@code meeting:<id>} for a tumor-board meeting, or
 * {@code *} for the whole registry.
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

    /**
     * What was done. {@code ANALYTICS}: aggregates (survival curves, a Cox model) computed over the
     * de-identified cases and shown, no case data handed out; {@code EXPORT} hands the data out.
     */
    public enum Action {
        LOGIN("sign-in"),
        READ("case read"),
        HISTORY("case history read"),
        SEARCH("case search"),
        CREATE("case saved"),
        UPDATE("case updated"),
        RETIRE("case retired"),
        IMPORT("import"),
        EXPORT("export"),
        ANALYTICS("outcome analysis"),
        SEED("demonstration cases seeded"),
        USER_ADD("user added"),
        TOKEN_ISSUE("API token issued"),
        PASSWORD_SET("password set"),
        AUDIT_READ("audit log read"),
        LOGOUT("sign-out"),
        CDS_CALL("CDS Hooks call"),
        CDS_FEEDBACK("CDS Hooks feedback"),
        MEETING_CREATE("meeting created"),
        MEETING_READ("meeting agenda read"),
        AGENDA_ADD("case put on an agenda"),
        DECISION_SAVE("board decision drafted"),
        DECISION_SIGN("board decision signed"),
        DECISION_CORRECT("board decision corrected"),
        DECISION_READ("board decision read");

        private final String words;

        Action(String words) {
            this.words = words;
        }

        /** The action in an auditor's words, as the audit page shows it: "sign-in", "outcome analysis". */
        public String words() {
            return words;
        }
    }

    /** How it ended: done, refused (role or credentials), nothing there, or broken off by a failure. */
    public enum Outcome {
        OK("done"), DENIED("refused"), NOT_FOUND("not found"), FAILED("failed");

        private final String words;

        Outcome(String words) {
            this.words = words;
        }

        /** The outcome in an auditor's words: "done", "refused", "not found", "failed". */
        public String words() {
            return words;
        }
    }
}
