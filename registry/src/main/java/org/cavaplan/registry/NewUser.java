package org.cavaplan.registry;

import java.util.Objects;

/**
 * A user just created, with an API token for {@code Authorization: Bearer}. The token is shown
 * here once: the registry keeps only its SHA-256 and cannot tell it again.
 */
public record NewUser(User user, String token) {
    public NewUser {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(token, "token");
    }

    @Override
    public String toString() {
        return "NewUser[" + user + ", token=(shown once)]";
    }
}
