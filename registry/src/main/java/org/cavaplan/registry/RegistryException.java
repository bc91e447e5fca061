package org.cavaplan.registry;

/**
 * The ways a registry call fails, named in the domain. Bad case content is not among them: a
 * save reports it as {@link SaveResult.Rejected}. Adapters translate these to exit codes or
 * HTTP statuses at the edge.
 */
public abstract sealed class RegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    RegistryException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The actor's role does not allow this; the attempt is in the audit log. */
    public static final class AccessDenied extends RegistryException {
        private static final long serialVersionUID = 1L;

        AccessDenied(String message) {
            super(message, null);
        }
    }

    /** No case with this id (or none this actor may see). */
    public static final class UnknownCase extends RegistryException {
        private static final long serialVersionUID = 1L;

        UnknownCase(String caseId) {
            super("no case " + caseId + " in the registry", null);
        }
    }

    /**
     * A write was based on a version of a case that is no longer the latest (or named no version,
     * {@link BasedOn#NEW_CASE}, for a case that exists): nothing was stored. {@link #current()} is
     * the latest version, with who wrote it and when; a writer reads it, re-applies its change and
     * writes again based on it. The refusal is in the audit log.
     */
    public static final class Conflict extends RegistryException {
        private static final long serialVersionUID = 1L;

        private final transient CaseVersion current;
        private final BasedOn basedOn;

        Conflict(CaseVersion current, BasedOn basedOn) {
            super(basedOn.newCase()
                    ? "case " + current.caseId() + " exists already (version " + current.version() + ")"
                    : "case " + current.caseId() + " has changed: the write was based on version " + basedOn.version()
                            + ", the latest is version " + current.version(), null);
            this.current = current;
            this.basedOn = basedOn;
        }

        /** The latest version of the case when the write was refused. */
        public CaseVersion current() {
            return current;
        }

        /** The version the refused write was based on. */
        public BasedOn basedOn() {
            return basedOn;
        }
    }

    /** No user with this name. */
    public static final class UnknownUser extends RegistryException {
        private static final long serialVersionUID = 1L;

        UnknownUser(String name) {
            super("no user " + name + " in the registry", null);
        }
    }

    /** A user with this name exists already. */
    public static final class DuplicateUser extends RegistryException {
        private static final long serialVersionUID = 1L;

        DuplicateUser(String name) {
            super("a user " + name + " exists already", null);
        }
    }

    /** An argument the caller can correct: a user name, a password that is too short, a JDBC URL… */
    public static final class Invalid extends RegistryException {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message, null);
        }
    }

    /**
     * A meeting, an agenda entry or a decision that breaks a rule (see
     * {@link org.cavaplan.core.meeting.MeetingRules}, {@link org.cavaplan.core.meeting.DecisionRules}):
     * nothing was stored. {@link #errors()} points at each problem as the API's request body would.
     */
    public static final class Rejected extends RegistryException {
        private static final long serialVersionUID = 1L;

        private final transient java.util.List<org.cavaplan.core.meeting.FieldError> errors;

        Rejected(String message, java.util.List<org.cavaplan.core.meeting.FieldError> errors) {
            super(message, null);
            this.errors = java.util.List.copyOf(errors);
        }

        /** The problems, each at its JSON pointer; never empty. */
        public java.util.List<org.cavaplan.core.meeting.FieldError> errors() {
            return errors;
        }
    }

    /** No meeting with this id. */
    public static final class UnknownMeeting extends RegistryException {
        private static final long serialVersionUID = 1L;

        UnknownMeeting(long meetingId) {
            super("no meeting " + meetingId + " in the registry", null);
        }
    }

    /** The case is not on the meeting's agenda (so it has no decision there). */
    public static final class NotOnAgenda extends RegistryException {
        private static final long serialVersionUID = 1L;

        NotOnAgenda(long meetingId, String caseId) {
            super("case " + caseId + " is not on the agenda of meeting " + meetingId, null);
        }
    }

    /** The case is on the meeting's agenda already; nothing was added. */
    public static final class AlreadyOnAgenda extends RegistryException {
        private static final long serialVersionUID = 1L;

        AlreadyOnAgenda(long meetingId, String caseId) {
            super("case " + caseId + " is on the agenda of meeting " + meetingId + " already", null);
        }
    }

    /** No decision has been recorded for the case at the meeting yet. */
    public static final class NoDecision extends RegistryException {
        private static final long serialVersionUID = 1L;

        NoDecision(long meetingId, String caseId) {
            super("no decision on case " + caseId + " at meeting " + meetingId + " has been recorded", null);
        }
    }

    /**
     * The decision is signed: it is read-only and changes only by a correction with a reason; the
     * refusal is in the audit log.
     */
    public static final class DecisionSigned extends RegistryException {
        private static final long serialVersionUID = 1L;

        DecisionSigned(long meetingId, String caseId) {
            super("the decision on case " + caseId + " at meeting " + meetingId
                    + " is signed: it is read-only; correct it with a reason", null);
        }
    }

    /** The decision is a draft: it is replaced by saving it again (and then signed), not corrected. */
    public static final class DecisionNotSigned extends RegistryException {
        private static final long serialVersionUID = 1L;

        DecisionNotSigned(long meetingId, String caseId) {
            super("the decision on case " + caseId + " at meeting " + meetingId
                    + " is a draft: save it again to change it; a correction is for a signed decision", null);
        }
    }

    /** The database failed or cannot be reached; what was committed before stays committed. */
    public static final class Unavailable extends RegistryException {
        private static final long serialVersionUID = 1L;

        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
