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

    /** The database failed or cannot be reached; what was committed before stays committed. */
    public static final class Unavailable extends RegistryException {
        private static final long serialVersionUID = 1L;

        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
