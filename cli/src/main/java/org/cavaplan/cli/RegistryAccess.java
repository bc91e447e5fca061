package org.cavaplan.cli;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.Authentication;
import org.cavaplan.registry.Registry;
import org.cavaplan.registry.RegistryException;
import picocli.CommandLine.Option;

/**
 * The registry options shared by the registry commands: {@code --db}, and who acts. A command acts
 * as the user whose API token is in the environment variable {@value #TOKEN_ENV}; without one, as
 * the operating-system user, recorded with origin {@value #ORIGIN} in the audit log.
 *
 * <p>Secrets never come from the command line, where {@code ps} shows them to every user of the
 * machine: a {@code --db} URL holding a password is refused; the PostgreSQL password comes from the
 * environment variable {@value #DB_PASSWORD_ENV} or from the file named by {@code --db-password-file}.
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

    /** The environment variable that may hold the PostgreSQL password of {@code --db}. */
    static final String DB_PASSWORD_ENV = "CAVAPLAN_DB_PASSWORD";

    @Option(names = "--db-password-file", paramLabel = "FILE",
            description = "A file holding the PostgreSQL password of --db (its first line; else the environment "
                    + "variable " + DB_PASSWORD_ENV + "). Never put the password in the --db URL: ps shows it.")
    Path dbPasswordFile;

    /** A password written into a JDBC URL: {@code password=} as a parameter, or {@code user:password@}. */
    private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)([?&;]password=)|(//[^/@?]*:[^/@?]*@)");

    /** Opens the registry named by {@code --db}; a URL that does not work is the user's input to correct. */
    Registry open() throws Inputs.BadInput {
        try {
            return Registry.open(jdbcUrl(db, dbPasswordFile, System.getenv()), Clock.systemUTC());
        } catch (RegistryException.Invalid | RegistryException.Unavailable e) {
            throw new Inputs.BadInput("--db: " + e.getMessage());
        }
    }

    /**
     * The URL to connect with: {@code db}, with the PostgreSQL password from {@code passwordFile} or
     * from {@value #DB_PASSWORD_ENV} in {@code environment} added in memory only.
     *
     * @throws Inputs.BadInput when {@code db} itself holds a password, the file cannot be read, or a
     *     password file is given for a database other than PostgreSQL
     */
    static String jdbcUrl(String db, Path passwordFile, Map<String, String> environment) throws Inputs.BadInput {
        if (PASSWORD_IN_URL.matcher(db).find()) {
            throw new Inputs.BadInput("--db: the URL holds a password, which ps shows to every user of this machine; "
                    + "put it in the environment variable " + DB_PASSWORD_ENV + " or in a file named by --db-password-file");
        }
        boolean postgres = db.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:");
        String password = null;
        if (passwordFile != null) {
            if (!postgres) {
                throw new Inputs.BadInput("--db-password-file: only a PostgreSQL database (jdbc:postgresql:…) takes a password");
            }
            try {
                password = Files.readString(passwordFile, StandardCharsets.UTF_8).lines().findFirst().orElse("");
            } catch (IOException e) {
                throw new Inputs.BadInput("--db-password-file: cannot read " + passwordFile);
            }
        } else if (postgres) {
            password = environment.get(DB_PASSWORD_ENV);
        }
        if (password == null || password.isEmpty()) {
            return db;
        }
        return db + (db.contains("?") ? "&" : "?") + "password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
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
