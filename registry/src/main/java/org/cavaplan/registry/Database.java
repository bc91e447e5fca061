package org.cavaplan.registry;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The connection pool and the schema. Every use of a connection goes through {@link #read} or
 * {@link #transaction}, which turn a database failure into {@link RegistryException.Unavailable}.
 * Thread-safe.
 */
final class Database implements AutoCloseable {

    /** Work on one connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** SQLSTATE of a unique-key violation, the same on H2 and PostgreSQL. */
    static final String UNIQUE_VIOLATION = "23505";

    private static final int POOL_SIZE = ImportOptions.MAX_CONNECTIONS + 4;

    private final HikariDataSource pool;
    private final Dialect dialect;

    private Database(HikariDataSource pool, Dialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
    }

    static Database open(String jdbcUrl) {
        Dialect dialect = Dialect.of(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("cavaplan-registry");
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(30_000);
        config.setInitializationFailTimeout(1);
        config.setAutoCommit(true);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new RegistryException.Unavailable("cannot connect to the registry database: " + rootMessage(e), e);
        }
        try {
            Flyway.configure(Database.class.getClassLoader())
                    .dataSource(pool)
                    .locations("classpath:org/cavaplan/registry/db/common", dialect.migrations())
                    .placeholders(dialect.placeholders())
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            pool.close();
            throw new RegistryException.Unavailable("cannot bring the registry schema up to date: " + rootMessage(e), e);
        }
        return new Database(pool, dialect);
    }

    Dialect dialect() {
        return dialect;
    }

    /** Runs {@code work} on a connection in auto-commit mode. */
    <T> T read(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /**
     * Runs {@code work} in one transaction, commits it and makes it durable before returning; rolls
     * back on any failure.
     */
    <T> T transaction(Work<T> work) {
        T result = transaction(work, 1);
        flush();
        return result;
    }

    /**
     * Like {@link #transaction(Work)}, but a unique-key violation (two writers of one case at once)
     * rolls back and runs {@code work} again, a few times: {@code work} must read what it depends on
     * inside the transaction.
     */
    <T> T transactionRetryingConflicts(Work<T> work) {
        T result = transaction(work, 5);
        flush();
        return result;
    }

    /**
     * One save of a bulk load, retried like {@link #transactionRetryingConflicts}. On PostgreSQL
     * {@code work} runs in auto-commit mode and must be one statement (one transaction, durable on
     * return); on H2 it runs in a transaction that is durable at the next {@link #flush()}, which the
     * bulk load calls when it ends.
     */
    <T> T bulkTransaction(Work<T> work) {
        if (dialect != Dialect.POSTGRESQL) {
            return transaction(work, 5);
        }
        for (int attempt = 1; ; attempt++) {
            try (Connection c = pool.getConnection()) {
                return work.run(c);
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || attempt >= 5) {
                    throw unavailable(e);
                }
            }
        }
    }

    /** Makes every committed transaction durable (a no-op where commits are durable by themselves). */
    void flush() {
        if (dialect.flushStatement().isPresent()) {
            read(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute(dialect.flushStatement().get());
                }
                return null;
            });
        }
    }

    /** Refreshes the query planner's statistics of the case versions, so that searches find the right indexes. */
    void analyze() {
        read(c -> {
            try (Statement s = c.createStatement()) {
                s.execute(dialect.analyzeStatement());
            }
            return null;
        });
    }

    private <T> T transaction(Work<T> work, int attempts) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollback(c, e);
                    throw e;
                }
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState()) && attempt < attempts) {
                    continue;
                }
                throw unavailable(e);
            }
        }
    }

    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    static RegistryException.Unavailable unavailable(SQLException e) {
        return new RegistryException.Unavailable("the registry database failed: " + e.getMessage(), e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    @Override
    public void close() {
        pool.close();
    }
}
