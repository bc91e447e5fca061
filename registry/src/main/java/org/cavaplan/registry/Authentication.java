package org.cavaplan.registry;

/** The outcome of a login attempt; either way the attempt is in the audit log. */
public sealed interface Authentication {

    /** The token or password is right: act as {@code actor}. */
    record Authenticated(Actor actor) implements Authentication {}

    /** The attempt failed; {@code reason} is safe to log, not to show to the caller in detail. */
    record Rejected(String reason) implements Authentication {}
}
