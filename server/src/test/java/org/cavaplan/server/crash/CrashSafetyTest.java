package org.cavaplan.server.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.Registry;
import org.cavaplan.registry.Role;
import org.junit.jupiter.api.Test;

/**
 * The server killed with SIGKILL under 50 concurrent writers, then started again on the same
 * database: every write it acknowledged is there with the content sent, and nothing is half-written.
 */
class CrashSafetyTest {

    static final int WRITERS = 50;
    private static final int SHARED_CASES = 5;
    /** The kill comes once this many writes were acknowledged (after {@link #MIN_LOAD}), or after {@link #MAX_LOAD}. */
    private static final int ACKNOWLEDGED_BEFORE_KILL = 300;
    private static final Duration MIN_LOAD = Duration.ofSeconds(2);
    private static final Duration MAX_LOAD = Duration.ofSeconds(6);
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void a_server_killed_under_fifty_writers_on_h2_loses_no_acknowledged_write() throws Exception {
        try (CrashDatabase db = CrashDatabase.h2()) {
            killUnderLoadAndRestart("H2", db);
        }
    }

    @Test
    void a_server_killed_under_fifty_writers_on_postgresql_loses_no_acknowledged_write() throws Exception {
        try (CrashDatabase db = CrashDatabase.postgres()) {
            killUnderLoadAndRestart("PostgreSQL", db);
        }
    }

    private static void killUnderLoadAndRestart(String database, CrashDatabase db) throws Exception {
        long began = System.nanoTime();
        String token = writerToken(db.url());
        Ledger ledger = new Ledger();
        CaseContent contents = new CaseContent();
        String prefix = "crash-" + database.toLowerCase(Locale.ROOT);
        int acknowledgedAtKill;
        long loadMillis;
        try (ServerInAnotherJvm first = ServerInAnotherJvm.start(db.url(), START_TIMEOUT)) {
            CrashClient client = new CrashClient(first.port(), token);
            List<String> shared = new ArrayList<>();
            for (int i = 0; i < SHARED_CASES; i++) {
                ObjectNode content = contents.next(prefix + "-shared" + i);
                ledger.sending(content.get("caseId").asText(), content);
                HttpResponse<String> r = client.call("POST", "/api/v1/cases", CaseContent.text(content));
                assertThat(r.statusCode()).as("%s; the server's output: %s", r.body(), first.output()).isEqualTo(201);
                JsonNode v = CaseContent.parse(r.body());
                ledger.acknowledged(new Ledger.Acknowledged(v.get("caseId").asText(), v.get("version").asInt(),
                        v.get("contentSha256").asText(), content));
                shared.add(content.get("caseId").asText());
            }
            long loadStart = System.nanoTime();
            Writers writers = Writers.start(WRITERS, client, ledger, contents, shared, prefix, r -> false);
            while (true) {
                Duration load = Duration.ofNanos(System.nanoTime() - loadStart);
                if (load.compareTo(MAX_LOAD) >= 0
                        || load.compareTo(MIN_LOAD) >= 0 && ledger.acknowledgedCount() >= ACKNOWLEDGED_BEFORE_KILL) {
                    break;
                }
                Thread.sleep(20);
            }
            writers.stopping();
            int exit = first.kill();
            loadMillis = (System.nanoTime() - loadStart) / 1_000_000;
            writers.stop();
            acknowledgedAtKill = ledger.acknowledgedCount();
            assertThat(exit).as("killed with SIGKILL").isEqualTo(137);
            assertThat(ledger.unexpected()).as("failures under load before the kill; the server's output: %s", first.output())
                    .isEmpty();
            assertThat(acknowledgedAtKill).as("writes acknowledged before the kill").isGreaterThanOrEqualTo(WRITERS);
        }
        long restartStart = System.nanoTime();
        try (ServerInAnotherJvm second = ServerInAnotherJvm.start(db.url(), START_TIMEOUT)) {
            long restartMillis = (System.nanoTime() - restartStart) / 1_000_000;
            CrashClient client = new CrashClient(second.port(), token);
            int historiesChecked = checkHistoriesOverHttp(client, ledger);
            String someCase = ledger.acknowledged().get(0).caseId();
            ObjectNode content = contents.next(someCase);
            ledger.sending(someCase, content);
            String etag = client.call("GET", "/api/v1/cases/" + someCase, null).headers().firstValue("ETag").orElseThrow();
            HttpResponse<String> after = client.sendIfMatch("PUT", "/api/v1/cases/" + someCase, CaseContent.text(content),
                    Integer.parseInt(etag.replace("\"", "")));
            assertThat(after.statusCode()).as("a write after the restart: %s", after.body()).isEqualTo(200);
            JsonNode v = CaseContent.parse(after.body());
            ledger.acknowledged(new Ledger.Acknowledged(someCase, v.get("version").asInt(), v.get("contentSha256").asText(),
                    content));
            assertThat(second.stop()).as("the second server's exit").isNotEqualTo(137);
            StoredVersions.Found found;
            try (Connection c = db.connect()) {
                found = StoredVersions.read(c).check(ledger);
            }
            assertThat(found.acknowledgedFound()).isEqualTo(found.acknowledged());
            System.out.printf(Locale.ROOT, "%s crash: %d writers for %d ms; %d writes sent, %d acknowledged before the SIGKILL, "
                    + "all %d acknowledged writes found after the restart, %d unacknowledged writes stored whole; %d versions of %d cases; "
                    + "%d histories checked over HTTP; restart in %d ms; test %d ms%n", database, WRITERS, loadMillis,
                    ledger.sentCount(), acknowledgedAtKill, found.acknowledgedFound(), found.unacknowledgedStored(),
                    found.versions(), found.cases(), historiesChecked, restartMillis, (System.nanoTime() - began) / 1_000_000);
        }
    }

    /** Creates the writers' user in a fresh registry (migrating it) and returns its API token. */
    static String writerToken(String jdbcUrl) {
        try (Registry registry = Registry.open(jdbcUrl, Clock.systemUTC())) {
            return registry.addUser(Actor.localOperator("crash-test", "test"), "writer", Role.CLINICIAN).token();
        }
    }

    /**
     * Over the restarted server: the history of every case that was written, each acknowledged
     * version in it with the acknowledged content hash, versions numbered 1..n. Returns how many.
     */
    static int checkHistoriesOverHttp(CrashClient client, Ledger ledger) {
        int checked = 0;
        for (String caseId : ledger.caseIds()) {
            HttpResponse<String> r = client.call("GET", "/api/v1/cases/" + caseId + "/history", null);
            List<Ledger.Acknowledged> acks = ledger.acknowledged().stream().filter(a -> a.caseId().equals(caseId)).toList();
            if (acks.isEmpty() && r.statusCode() == 404) {
                continue;
            }
            assertThat(r.statusCode()).as("history of %s: %s", caseId, r.body()).isEqualTo(200);
            JsonNode versions = CaseContent.parse(r.body()).get("versions");
            for (int i = 0; i < versions.size(); i++) {
                assertThat(versions.get(i).get("version").asInt()).as("versions of %s", caseId).isEqualTo(i + 1);
            }
            for (Ledger.Acknowledged ack : acks) {
                assertThat(ack.version()).as("acknowledged version of %s", caseId).isBetween(1, versions.size());
                assertThat(versions.get(ack.version() - 1).get("contentSha256").asText()).as("%s version %d", caseId,
                        ack.version()).isEqualTo(ack.contentSha256());
            }
            checked++;
        }
        return checked;
    }
}
