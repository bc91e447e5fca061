package org.cavaplan.cli;

import java.time.Clock;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.Authentication;
import org.cavaplan.registry.Registry;
import org.cavaplan.registry.RegistryException;
import picocli.CommandLine.Option;

/**
 * The registry options shared by the registry commands: {@code --db}, and who acts. A command acts
 * as the user whose API token is in the environment variable {@value #TOKEN_ENV}; without one, as
 * the operating-system user, recorded with origin {@value #ORIGIN} in the audit log.
 */
final class RegistryAccess {

    /** The environment variable that may hold an API token to act as a registered user. */
    static final String TOKEN_ENV = "CAVAPLAN_TOKEN";

    /** Where the command line's requests come from, in the audit log. */
    static final String ORIGIN = "cli";

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "The registry database: jdbc:h2:… or jdbc:postgresql:… (default: " + Registry.DEFAULT_URL
                    + ", created on first use).")
    String db = Registry.DEFAULT_URL;

    /** Opens the registry named by {@code --db}; a URL that does not work is the user's input to correct. */
    Registry open() throws Inputs.BadInput {
        try {
            return Registry.open(db, Clock.systemUTC());
        } catch (RegistryException.Invalid | RegistryException.Unavailable e) {
            throw new Inputs.BadInput("--db: " + e.getMessage());
        }
    }

    /** The actor of this command: the token's user, or the local operator. */
    static Actor actor(Registry registry) throws Inputs.BadInput {
        String token = System.getenv(TOKEN_ENV);
        if (token == null || token.isBlank()) {
            return Actor.localOperator(System.getProperty("user.name", "unknown"), ORIGIN);
        }
        Authentication auth = registry.authenticate(token.strip(), ORIGIN);
        if (auth instanceof Authentication.Authenticated ok) {
            return ok.actor();
        }
        throw new Inputs.BadInput(TOKEN_ENV + ": the API token is not recognised");
    }
}
