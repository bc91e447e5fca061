package org.cavaplan.registry;

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

/** A database for one test: created empty, dropped afterwards. */
interface TestDatabase extends AutoCloseable {

    /** The environment variable naming a PostgreSQL database the tests may create databases from. */
    String POSTGRES_ENV = "CAVAPLAN_TEST_POSTGRES_URL";

    /** The JDBC URL of this fresh database. */
    String url();

    /** A raw connection, around the registry, to look at or tamper with the tables. */
    default Connection connect() throws SQLException {
        return DriverManager.getConnection(url());
    }

    @Override
    void close();

    /** A new H2 file database in its own temporary directory. */
    static TestDatabase h2() {
        try {
            Path dir = Files.createTempDirectory("cavaplan-registry-test");
            String url = "jdbc:h2:file:" + dir.resolve("registry").toAbsolutePath();
            return new TestDatabase() {
                @Override
                public String url() {
                    return url;
                }

                @Override
                public void close() {
                    try (Stream<Path> files = Files.walk(dir)) {
                        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new PostgreSQL database beside the one named by {@value #POSTGRES_ENV}, dropped on close. */
    static TestDatabase postgres() {
        String base = System.getenv(POSTGRES_ENV);
        if (base == null || base.isBlank()) {
            throw new IllegalStateException(POSTGRES_ENV + " is not set");
        }
        Matcher m = Pattern.compile("(jdbc:postgresql://[^/]*/)([^?]*)(.*)").matcher(base);
        if (!m.matches()) {
            throw new IllegalStateException(POSTGRES_ENV + " is not a jdbc:postgresql://host/database URL: " + base);
        }
        String name = "cavaplan_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        execute(base, "CREATE DATABASE " + name);
        String url = m.group(1) + name + m.group(3);
        return new TestDatabase() {
            @Override
            public String url() {
                return url;
            }

            @Override
            public void close() {
                execute(base, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
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
}
