package org.cavaplan.server.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** A fresh database for one crash test: an H2 file in a temporary directory, or a new PostgreSQL database. */
interface CrashDatabase extends AutoCloseable {

    /** The environment variable naming a PostgreSQL database beside which the tests may create databases. */
    String POSTGRES_ENV = "CAVAPLAN_TEST_POSTGRES_URL";

    /** The JDBC URL of this database. */
    String url();

    /** A plain connection around the registry, to read the tables as they are on disk. */
    default Connection connect() throws SQLException {
        return DriverManager.getConnection(url());
    }

    @Override
    void close();

    /** A new H2 file database in a temporary directory of its own, deleted on close. */
    static CrashDatabase h2() {
        try {
            Path dir = Files.createTempDirectory("cavaplan-crash");
            String url = "jdbc:h2:file:" + dir.resolve("registry").toAbsolutePath();
            return new CrashDatabase() {
                @Override
                public String url() {
                    return url;
                }

                @Override
                public void close() {
                    deleteTree(dir);
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A new PostgreSQL database beside the one named by {@value #POSTGRES_ENV}, dropped on close.
     * Without that variable the test is skipped, or fails when {@code CI=true}.
     */
    static CrashDatabase postgres() {
        String base = System.getenv(POSTGRES_ENV);
        if (base == null || base.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(POSTGRES_ENV + " is not set, and CI=true needs the PostgreSQL crash test");
            }
            Assumptions.abort(POSTGRES_ENV + " is not set (e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres): "
                    + "the PostgreSQL crash test needs a server to create its database on");
        }
        return beside(base);
    }

    /** A new database on the server of {@code baseUrl} (a jdbc:postgresql://host/database URL), dropped on close. */
    static CrashDatabase beside(String baseUrl) {
        Matcher m = Pattern.compile("(jdbc:postgresql://[^/]*/)([^?]*)(.*)").matcher(baseUrl);
        if (!m.matches()) {
            throw new IllegalStateException("not a jdbc:postgresql://host/database URL: " + baseUrl);
        }
        String name = "cavaplan_crash_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        execute(baseUrl, "CREATE DATABASE " + name);
        String url = m.group(1) + name + m.group(3);
        return new CrashDatabase() {
            @Override
            public String url() {
                return url;
            }

            @Override
            public void close() {
                execute(baseUrl, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        };
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Deletes a directory and everything in it. */
    static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
