package org.cavaplan.registry;

import java.util.Objects;
import java.util.Optional;

/**
 * Who asks the registry for something, with which role, and from where (the audit log's "who" and
 * "from where"). An actor for a registered user comes only from {@link Registry#authenticate} or
 * {@link Registry#login}; {@link #localOperator} stands for someone who already has the database in
 * hand (the command line on the machine that holds it) and acts with the {@link Role#ADMIN} role.
 * Immutable.
 */
public final class Actor {

    private static final int MAX_TEXT = 200;

    private final String name;
    private final Role role;
    private final String origin;
    private final Optional<Long> userId;

    private Actor(String name, Role role, String origin, Optional<Long> userId) {
        this.name = clip(Objects.requireNonNull(name, "name"));
        this.role = Objects.requireNonNull(role, "role");
        this.origin = clip(Objects.requireNonNull(origin, "origin"));
        this.userId = userId;
        if (this.name.isBlank() || this.origin.isBlank()) {
            throw new IllegalArgumentException("an actor has a name and an origin");
        }
    }

    /**
     * The operator of a local tool, e.g. {@code localOperator(System.getProperty("user.name"), "cli")}:
     * no registered user, the {@link Role#ADMIN} role, recorded under {@code osUser} and {@code origin}.
     */
    public static Actor localOperator(String osUser, String origin) {
        return new Actor(osUser, Role.ADMIN, origin, Optional.empty());
    }

    /**
     * An EHR's CDS Hooks client whose JWT was verified ({@code subject} at {@code issuer}), or the
     * unchecked client of demo mode. It reads no stored case: it only sends FHIR data to be planned
     * and its feedback, which the audit log records under {@code cds:subject@issuer}.
     */
    public static Actor cdsClient(String subject, String issuer, String origin) {
        return new Actor("cds:" + subject + "@" + issuer, Role.CLINICIAN, origin, Optional.empty());
    }

    /**
     * A clinician who opened CavaPlan from an EHR (SMART App Launch) that CavaPlan is registered with:
     * no CavaPlan user, the {@link Role#CLINICIAN} role, recorded under {@code smart:user@issuer},
     * {@code user} as the EHR named them ({@code fhirUser}). Such an actor stores the record it was
     * launched with, when the clinician chooses, and reads that case.
     */
    public static Actor smartUser(String user, String issuer, String origin) {
        return new Actor("smart:" + user + "@" + issuer, Role.CLINICIAN, origin, Optional.empty());
    }

    static Actor user(long userId, String name, Role role, String origin) {
        return new Actor(name, role, origin, Optional.of(userId));
    }

    static Actor system(String origin) {
        return new Actor("cavaplan", Role.ADMIN, origin, Optional.empty());
    }

    /** The user name, or the operating-system user of a local operator. */
    public String name() {
        return name;
    }

    public Role role() {
        return role;
    }

    /** Where the request came from: {@code cli}, a client address, {@code seed}… */
    public String origin() {
        return origin;
    }

    /** The registered user's id; empty for a local operator. */
    public Optional<Long> userId() {
        return userId;
    }

    private static String clip(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Actor a && a.name.equals(name) && a.role == role && a.origin.equals(origin)
                && a.userId.equals(userId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, role, origin, userId);
    }

    @Override
    public String toString() {
        return name + " (" + role + ", " + origin + ")";
    }
}
