package org.cavaplan.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hundred writers of one case at once through the API, each reading the latest version and
 * writing a change based on it (If-Match), a few times: every acknowledged write is stored as the
 * version after the one it named, the versions form one chain that holds each acknowledged write
 * once, and every refused write got a 409 and was not stored. On H2, and on PostgreSQL when
 * {@code CAVAPLAN_TEST_POSTGRES_URL} names one (skipped otherwise).
 */
class ConcurrentWritersTest {

    static final int WRITERS = 200;
    static final int ATTEMPTS = 3;
    static final String ID = "race-case";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    /** One write sent: the version it named, the answer's status, the version stored (0 when refused), its content hash. */
    record Write(int named, int status, int stored, String sha256) {}

    @Test
    void two_hundred_writers_of_one_case_on_h2_lose_no_acknowledged_write() throws Exception {
        try (TestServer server = new TestServer(dir, 1)) {
            race(server);
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "CAVAPLAN_TEST_POSTGRES_URL", matches = ".+",
            disabledReason = "CAVAPLAN_TEST_POSTGRES_URL is not set: no PostgreSQL to test against")
    void two_hundred_writers_of_one_case_on_postgresql_lose_no_acknowledged_write() throws Exception {
        String base = System.getenv("CAVAPLAN_TEST_POSTGRES_URL");
        Matcher m = Pattern.compile("(jdbc:postgresql://[^/]*/)([^?]*)(.*)").matcher(base);
        assertThat(m.matches()).as("a jdbc:postgresql://host/database URL: " + base).isTrue();
        String name = "cavaplan_r_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        execute(base, "CREATE DATABASE " + name);
        try (TestServer server = new TestServer(m.group(1) + name + m.group(3), 1)) {
            race(server);
        } finally {
            execute(base, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static void race(TestServer server) throws Exception {
        ObjectNode first = (ObjectNode) MAPPER.readTree(TestServer.seedCase());
        first.put("caseId", ID);
        HttpResponse<String> created = server.send("POST", "/api/v1/cases", server.clinician, first.toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        List<Write> writes = Collections.synchronizedList(new ArrayList<>());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        CountDownLatch start = new CountDownLatch(1);
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            pool.execute(() -> {
                try {
                    start.await();
                    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                        HttpResponse<String> read = server.get("/api/v1/cases/" + ID, server.clinician);
                        int named = Integer.parseInt(read.headers().firstValue("ETag").orElseThrow().replace("\"", ""));
                        ObjectNode kase = (ObjectNode) MAPPER.readTree(read.body()).get("case");
                        ObjectNode chemo = ((ObjectNode) kase.get("neoadjuvant")).putObject("chemotherapy");
                        chemo.put("regimen", "doxorubicin, writer " + writer + " attempt " + attempt);
                        HttpResponse<String> r = server.sendIfMatch("PUT", "/api/v1/cases/" + ID + "?reason=race",
                                server.clinician, kase.toString(), named);
                        JsonNode body = MAPPER.readTree(r.body());
                        if (r.statusCode() == 200) {
                            writes.add(new Write(named, 200, body.get("version").asInt(), body.get("contentSha256").asText()));
                            return;
                        }
                        writes.add(new Write(named, r.statusCode(), 0, ""));
                        if (r.statusCode() != 409) {
                            failures.add(r.statusCode() + " " + r.body());
                            return;
                        }
                    }
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).as("the writers finished").isTrue();

        assertThat(failures).as("answers other than 200 and 409").isEmpty();
        List<Write> acknowledged = writes.stream().filter(w -> w.status() == 200).toList();
        List<Write> refused = writes.stream().filter(w -> w.status() != 200).toList();
        assertThat(refused).allSatisfy(w -> assertThat(w.status()).isEqualTo(409));
        assertThat(acknowledged).isNotEmpty();
        assertThat(refused).as("writers based on a version another writer had replaced").isNotEmpty();
        assertThat(acknowledged).allSatisfy(w -> assertThat(w.stored()).as("stored right after the version named")
                .isEqualTo(w.named() + 1));

        // the stored chain: version 1, then exactly the acknowledged writes, each once, each after the one it named
        Map<Integer, String> chain = new HashMap<>();
        Map<Integer, Integer> previous = new HashMap<>();
        try (Connection c = DriverManager.getConnection(server.jdbcUrl);
                PreparedStatement ps = c.prepareStatement(
                        "SELECT version, previous_version, content_sha256 FROM case_version WHERE case_id = ? ORDER BY version")) {
            ps.setString(1, ID);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    chain.put(rs.getInt(1), rs.getString(3));
                    int before = rs.getInt(2);
                    previous.put(rs.getInt(1), rs.wasNull() ? 0 : before);
                }
            }
        }
        assertThat(chain).hasSize(1 + acknowledged.size());
        for (int v = 1; v <= chain.size(); v++) {
            assertThat(chain).containsKey(v);
            assertThat(previous.get(v)).isEqualTo(v - 1);
        }
        assertThat(acknowledged).extracting(Write::stored).doesNotHaveDuplicates();
        for (Write w : acknowledged) {
            assertThat(chain.get(w.stored())).as("the content acknowledged as version " + w.stored()).isEqualTo(w.sha256());
            assertThat(previous.get(w.stored())).isEqualTo(w.named());
        }
        System.out.printf(Locale.ROOT, "%d writers on %s: %d writes acknowledged, %d refused with 409%n", WRITERS,
                server.jdbcUrl.startsWith("jdbc:h2") ? "H2" : "PostgreSQL", acknowledged.size(), refused.size());
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
