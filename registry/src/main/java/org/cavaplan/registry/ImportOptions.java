package org.cavaplan.registry;

import java.util.Objects;

/**
 * How to import: the reason recorded with every new version, and how many connections write in
 * parallel ({@code 0}: the registry's choice for its database). Cases are spread over the
 * connections by case id, so lines of one case are applied in input order.
 */
public record ImportOptions(String reason, int connections) {

    /** The most connections an import may use. */
    public static final int MAX_CONNECTIONS = 16;

    public ImportOptions {
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("a reason for the change is required");
        }
        if (connections < 0 || connections > MAX_CONNECTIONS) {
            throw new IllegalArgumentException("connections must be between 0 and " + MAX_CONNECTIONS + ", not " + connections);
        }
    }

    /** {@code reason}, with the registry's choice of connections. */
    public static ImportOptions because(String reason) {
        return new ImportOptions(reason, 0);
    }
}
