package org.cavaplan.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A bulk load's connections on PostgreSQL: their commits do not wait for the disk, the load is
 * durable once {@link Database#makeDurable()} returns, and the pool gets its connections back with
 * the server's own commit setting. Skipped without {@code CAVAPLAN_TEST_POSTGRES_URL}.
 */
@OnPostgres
class PostgresBulkLoadTest {

    private static final Instant AT = Instant.parse("2026-11-27T12:00:00Z");

    private TestDatabase database;
    private Database db;

    @BeforeEach
    void open() {
        database = TestDatabase.postgres();
        db = Database.open(database.url());
    }

    @AfterEach
    void close() {
        db.close();
        database.close();
    }

    @Test
    void aBulkWritersCommitsDoNotWaitForTheDisk() {
        try (Database.BulkWriter writer = db.bulkWriter()) {
            String setting = writer.save(PostgresBulkLoadTest::setting);
            assertThat(setting).isEqualTo("off");
        }
    }

    @Test
    void everyCommitBeforeMakeDurableIsOnDiskWhenItReturns() {
        Actor actor = Actor.localOperator("test", "test");
        try (Database.BulkWriter writer = db.bulkWriter()) {
            for (int i = 0; i < 20; i++) {
                String target = "case-" + i;
                String written = writer.save(c -> {
                    AuditLog.append(c, AT, actor, AuditEntry.Action.IMPORT, target, AuditEntry.Outcome.OK, "bulk test");
                    return text(c, "SELECT pg_current_wal_insert_lsn()::text");
                });
                db.makeDurable();
                boolean onDisk = db.read(c -> "yes".equals(
                        text(c, "SELECT CASE WHEN pg_current_wal_flush_lsn() >= '" + written + "'::pg_lsn THEN 'yes' ELSE 'no' END")));
                assertThat(onDisk).as("the WAL is flushed past %s after commit %d", written, i).isTrue();
            }
        }
    }

    @Test
    void thePoolGetsItsConnectionsBackWithTheServersCommitSetting() {
        List<Database.BulkWriter> writers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            writers.add(db.bulkWriter());
        }
        writers.forEach(Database.BulkWriter::close);
        List<String> settings = new ArrayList<>();
        holdAndRead(4, settings);
        assertThat(settings).hasSize(4).containsOnly("on");
    }

    /** Holds {@code count} pooled connections at once (so the idle ones are among them) and reads each one's setting. */
    private void holdAndRead(int count, List<String> settings) {
        db.read(c -> {
            settings.add(setting(c));
            if (count > 1) {
                holdAndRead(count - 1, settings);
            }
            return null;
        });
    }

    private static String setting(Connection c) throws SQLException {
        return text(c, "SHOW synchronous_commit");
    }

    private static String text(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
