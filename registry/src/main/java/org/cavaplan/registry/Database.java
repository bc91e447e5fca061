package org.cavaplan.registry;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The connection pool and the schema. Every use of a connection goes through {@link #read},
 * {@link #transaction} or a bulk load's {@link BulkWriter}, which turn a database failure into
 * {@link RegistryException.Unavailable}.
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

    /** How many times a write that meets a unique-key violation (two writers of one case at once) is tried in all. */
    private static final int CONFLICT_ATTEMPTS = 5;

    private static final int POOL_SIZE = ImportOptions.MAX_CONNECTIONS + 4;

    /**
     * The longest a call waits for a connection before it fails with {@link RegistryException.Unavailable}.
     * While the database is down every call waits this long, so it is short enough for an HTTP
     * client to receive the refusal (a 503) and long enough for a busy pool to hand a connection on.
     */
    static final Duration CONNECTION_WAIT = Duration.ofSeconds(5);

    /** The longest a pooled connection's liveness check may take (a dead one is replaced). */
    static final Duration VALIDATION_WAIT = Duration.ofSeconds(2);

    /** How often an idle pooled connection is checked, so that one broken by a database restart is replaced unused. */
    static final Duration KEEPALIVE = Duration.ofSeconds(60);

    /** The longest {@link #makeDurable()} waits for PostgreSQL's WAL to reach the disk. */
    static final Duration DURABILITY_WAIT = Duration.ofSeconds(60);

    private final HikariDataSource pool;
    private final Dialect dialect;
    /** Its monitor guards the shared flushes (see {@link #flush()}). */
    private final Flushes flushes = new Flushes();

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
        config.setConnectionTimeout(CONNECTION_WAIT.toMillis());
        config.setValidationTimeout(VALIDATION_WAIT.toMillis());
        config.setKeepaliveTime(KEEPALIVE.toMillis());
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

    /** Whether the database answers now: a pooled connection within {@link #CONNECTION_WAIT} that passes its check. */
    boolean available() {
        try (Connection c = pool.getConnection()) {
            return c.isValid((int) VALIDATION_WAIT.toSeconds());
        } catch (SQLException e) {
            return false;
        }
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
        T result = transaction(work, CONFLICT_ATTEMPTS);
        flush();
        return result;
    }

    /**
     * A connection held by one lane of a bulk load, for saves that are each one transaction (retried
     * like {@link #transactionRetryingConflicts}) but not made durable one by one: on PostgreSQL they
     * commit without waiting for the disk ({@code synchronous_commit} off, on this connection only,
     * until {@link BulkWriter#close}), on H2 as every H2 commit does. {@link #makeDurable()} then
     * makes them all durable at once. The caller closes it.
     */
    BulkWriter bulkWriter() {
        Connection c = null;
        try {
            c = pool.getConnection();
            if (dialect == Dialect.POSTGRESQL) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET synchronous_commit = off");
                }
            } else {
                c.setAutoCommit(false);
            }
            return new BulkWriter(c);
        } catch (SQLException e) {
            if (c != null) {
                pool.evictConnection(c);
            }
            throw unavailable(e);
        }
    }

    /** A bulk load lane's connection (see {@link #bulkWriter()}); used by one thread at a time. */
    final class BulkWriter implements AutoCloseable {

        private final Connection connection;

        private BulkWriter(Connection connection) {
            this.connection = connection;
        }

        /** Runs {@code work} as one transaction: one statement in auto-commit mode on PostgreSQL, committed on H2. */
        <T> T save(Work<T> work) {
            for (int attempt = 1; ; attempt++) {
                try {
                    return dialect == Dialect.POSTGRESQL ? work.run(connection) : commitOrRollBack(connection, work);
                } catch (SQLException e) {
                    if (!retryable(e, attempt, CONFLICT_ATTEMPTS)) {
                        throw unavailable(e);
                    }
                }
            }
        }

        /**
         * Gives the connection back with the server's own commit setting; a connection whose setting
         * cannot be restored (it broke) is closed instead, never reused.
         */
        @Override
        public void close() {
            try {
                if (dialect == Dialect.POSTGRESQL) {
                    try (Statement s = connection.createStatement()) {
                        s.execute("RESET synchronous_commit");
                    }
                }
                connection.close();
            } catch (SQLException e) {
                pool.evictConnection(connection);
            }
        }
    }

    /**
     * Makes every commit so far durable, those of {@link BulkWriter}s included. PostgreSQL's WAL
     * writer flushes commits that did not wait within three {@code wal_writer_delay} (0.6 s by
     * default); this waits until the WAL on disk reaches the point where it was written up to when
     * called, which is after every earlier commit. H2: {@link #flush()}.
     */
    void makeDurable() {
        if (dialect != Dialect.POSTGRESQL) {
            flush();
            return;
        }
        read(c -> {
            String target;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
                rs.next();
                target = rs.getString(1);
            }
            long deadline = System.nanoTime() + DURABILITY_WAIT.toNanos();
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_current_wal_flush_lsn() >= CAST(? AS pg_lsn)")) {
                ps.setString(1, target);
                while (true) {
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getBoolean(1)) {
                            return null;
                        }
                    }
                    if (System.nanoTime() > deadline) {
                        throw new SQLException("the write-ahead log was not on disk up to " + target + " after "
                                + DURABILITY_WAIT.toSeconds() + " s", "58030");
                    }
                    pause();
                }
            }
        });
    }

    private static void pause() throws SQLException {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the write-ahead log to reach the disk", e);
        }
    }

    /**
     * Makes every transaction committed before the call durable (a no-op where commits are durable
     * by themselves). Callers at the same time share one flush, as a database's group commit does:
     * H2's {@code CHECKPOINT} writes and syncs the whole store under one lock, so one per caller
     * made every writer queue behind every other's sync. A caller returns once a flush that began
     * after its call has ended; a caller that arrives during a flush waits for the next, which one
     * of the waiters runs for all of them. A failed flush is thrown to the caller that ran it, and
     * the waiters run another.
     */
    void flush() {
        if (dialect.flushStatement().isEmpty()) {
            return;
        }
        long covers;
        synchronized (flushes) {
            long ticket = ++flushes.requested;
            while (flushes.completed < ticket && flushes.running) {
                awaitFlush();
            }
            if (flushes.completed >= ticket) {
                return;
            }
            flushes.running = true;
            covers = flushes.requested;
        }
        boolean done = false;
        try {
            read(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute(dialect.flushStatement().get());
                }
                return null;
            });
            done = true;
        } finally {
            synchronized (flushes) {
                flushes.running = false;
                if (done) {
                    flushes.completed = Math.max(flushes.completed, covers);
                }
                flushes.notifyAll();
            }
        }
    }

    /** Waits on {@link #flushes} (its monitor held); an interrupt is kept for the caller, not lost. */
    private void awaitFlush() {
        try {
            flushes.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException.Unavailable("interrupted while waiting for the registry to reach the disk", e);
        }
    }

    /** The state of the shared flushes: tickets handed out, the highest ticket a finished flush covers, whether one runs. */
    private static final class Flushes {
        long requested;
        long completed;
        boolean running;
    }

    /**
     * Refreshes the query planner's statistics of the case versions (and on PostgreSQL their visibility
     * map), so that searches and analysis rows find the right indexes. Runs outside a transaction.
     */
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
                return commitOrRollBack(c, work);
            } catch (SQLException e) {
                if (!retryable(e, attempt, attempts)) {
                    throw unavailable(e);
                }
            }
        }
    }

    /** Runs {@code work} in the open transaction of {@code c} and commits it; rolls back on any failure. */
    private static <T> T commitOrRollBack(Connection c, Work<T> work) throws SQLException {
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            rollback(c, e);
            throw e;
        }
    }

    /** Whether a failed transaction is run again: a unique-key violation (two writers of one case), within the attempts. */
    private static boolean retryable(SQLException e, int attempt, int attempts) {
        return UNIQUE_VIOLATION.equals(e.getSQLState()) && attempt < attempts;
    }

    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * The failure to report for {@code e}: the database cannot be reached (no connection within
     * {@link #CONNECTION_WAIT}, or the connection broke: SQLSTATE class 08 or 57P0x), or it failed otherwise.
     */
    static RegistryException.Unavailable unavailable(SQLException e) {
        if (unreachable(e)) {
            return new RegistryException.Unavailable("the registry database cannot be reached: " + rootMessage(e), e);
        }
        return new RegistryException.Unavailable("the registry database failed: " + e.getMessage(), e);
    }

    private static boolean unreachable(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientConnectionException
                || state != null && (state.startsWith("08") || state.startsWith("57P0"));
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
