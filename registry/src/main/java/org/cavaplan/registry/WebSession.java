package org.cavaplan.registry;

import java.time.Instant;
import java.util.Objects;

/**
 * A signed-in browser: the session {@code token} for its cookie (the registry keeps only its
 * SHA-256), the {@code actor} it acts as (role as the user has it now, origin of the current
 * request), the {@code csrfToken} its forms must carry, and when it ends unless used again
 * ({@code expiresAt}: the idle or the absolute limit, whichever is sooner).
 * {@code passwordChangeRequired}: the user's password was set by someone else (the first start, an
 * administrator) and must be changed before anything else, as the user has it now.
 */
public record WebSession(String token, Actor actor, String csrfToken, Instant createdAt, Instant expiresAt,
        boolean passwordChangeRequired) {
    public WebSession {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(csrfToken, "csrfToken");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "WebSession[" + actor + ", created " + createdAt + ", expires " + expiresAt
                + (passwordChangeRequired ? ", password change required" : "") + ", (secrets hidden)]";
    }
}
