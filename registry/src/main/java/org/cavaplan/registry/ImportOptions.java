package org.cavaplan.registry;

import java.util.Objects;

/**
 * How to import: the reason recorded with every new version, and how many connections write in
 * parallel ({@code 0}: the registry's choice for its database). Cases are spread over the
 * connections by case id, so lines of one case are applied in input order.
 *
 * <p>{@code plausibility}: when true, each case also passes the plausibility checks of the knowledge
 * base ({@code org.cavaplan.knowledge.Plausibility}) as of the registry clock's today: a line with a
 * plausibility error (a date after today…) is rejected like an invalid one, and a line with warnings
 * is stored and its warnings reported ({@link ImportListener#warned}). {@code ./cavaplan import} checks;
 * the synthetic demonstration cohort and library callers by default do not.
 */
public record ImportOptions(String reason, int connections, boolean plausibility) {

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

    /** {@code reason} and {@code connections}, without the plausibility checks. */
    public ImportOptions(String reason, int connections) {
        this(reason, connections, false);
    }

    /** {@code reason}, with the registry's choice of connections. */
    public static ImportOptions because(String reason) {
        return new ImportOptions(reason, 0);
    }

    /** These options with the plausibility checks. */
    public ImportOptions checkingPlausibility() {
        return new ImportOptions(reason, connections, true);
    }
}
