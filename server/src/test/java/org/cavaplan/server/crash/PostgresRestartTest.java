package org.cavaplan.server.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.Authentication;
import org.cavaplan.registry.Registry;
import org.cavaplan.registry.Role;
import org.cavaplan.registry.WebSession;
import org.cavaplan.server.CavaPlanServer;
import org.cavaplan.server.web.WebPages;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped (as by a crash) and started again under a running server with writers: while
 * it is down every request is refused cleanly, and once it is back the server serves again by
 * itself, with every write it acknowledged before.
 */
class PostgresRestartTest {

    /** The longest the server may take to serve again once PostgreSQL accepts connections. */
    static final Duration RECOVERY_BOUND = Duration.ofSeconds(30);
    /** The longest a request may wait for its refusal while the database is down. */
    static final Duration REFUSAL_BOUND = Duration.ofSeconds(15);
    private static final int WRITERS = 8;
    private static final int CASES_BEFORE = 20;

    private final HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void while_postgresql_is_down_requests_are_refused_cleanly_and_once_it_is_back_the_server_serves_again_by_itself()
            throws Exception {
        long began = System.nanoTime();
        try (PrivateCluster cluster = PrivateCluster.create()) {
            cluster.start();
            try (Registry registry = Registry.open(cluster.url(), Clock.systemUTC());
                    CavaPlanServer.Running server = CavaPlanServer.create(registry, Clock.systemUTC(),
                            new CavaPlanServer.Options(1_000_000L, line -> { })).start(0)) {
                String token = registry.addUser(Actor.localOperator("crash-test", "test"), "writer", Role.CLINICIAN).token();
                Actor writer = ((Authentication.Authenticated) registry.authenticate(token, "test")).actor();
                WebSession session = registry.openSession(writer, Duration.ofHours(1), Duration.ofHours(8));
                CrashClient client = new CrashClient(server.port(), token);
                Ledger ledger = new Ledger();
                CaseContent contents = new CaseContent();
                List<String> before = new ArrayList<>();
                for (int i = 0; i < CASES_BEFORE; i++) {
                    before.add(create(client, ledger, contents.next("restart-before-" + i)));
                }
                String known = before.get(0);
                Writers writers = Writers.start(WRITERS, client, ledger, contents, before.subList(0, 3), "restart",
                        PostgresRestartTest::cleanRefusal);
                Thread.sleep(1_000);

                cluster.crash();
                long down = System.nanoTime();
                int acknowledgedBeforeStop = ledger.acknowledgedCount();
                ObjectNode refusedCase = contents.next("restart-refused");
                ExecutorService meanwhile = Executors.newFixedThreadPool(3);
                CompletableFuture<HttpResponse<String>> refusedRead = CompletableFuture.supplyAsync(
                        () -> client.call("GET", "/api/v1/cases/" + known, null), meanwhile);
                CompletableFuture<HttpResponse<String>> refusedWrite = CompletableFuture.supplyAsync(
                        () -> client.call("POST", "/api/v1/cases", CaseContent.text(refusedCase)), meanwhile);
                CompletableFuture<HttpResponse<String>> refusedPage = CompletableFuture.supplyAsync(
                        () -> page(server.port(), "/cases/" + known, session), meanwhile);
                HttpResponse<String> read = refusedRead.get();
                Duration refusal = Duration.ofNanos(System.nanoTime() - down);
                assertThat(cleanRefusal(read)).as("a read while the database is down: %s %s", read.statusCode(), read.body())
                        .isTrue();
                assertThat(refusal).as("time to refuse a read").isLessThan(REFUSAL_BOUND);
                HttpResponse<String> write = refusedWrite.get();
                assertThat(cleanRefusal(write)).as("a write while the database is down: %s %s", write.statusCode(),
                        write.body()).isTrue();
                HttpResponse<String> page = refusedPage.get();
                Duration refusals = Duration.ofNanos(System.nanoTime() - down);
                meanwhile.shutdown();
                assertThat(page.statusCode()).as(page.body()).isEqualTo(503);
                assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
                        t -> assertThat(t).startsWith("text/html"));
                assertThat(page.body()).contains("database").doesNotContain("Exception", "\tat ", "org.postgresql", "SQL");
                HttpResponse<String> health = client.call("GET", "/health", null);
                assertThat(health.statusCode()).as("/health while the database is down: %s", health.body()).isEqualTo(503);
                assertThat(health.body()).contains("\"status\":\"DOWN\"").doesNotContain("Exception", "org.postgresql");

                cluster.start();
                long up = System.nanoTime();
                Duration outage = Duration.ofNanos(up - down);
                int acknowledgedWhenBack = ledger.acknowledgedCount();
                HttpResponse<String> again;
                do {
                    Thread.sleep(100);
                    again = client.call("GET", "/api/v1/cases/" + known, null);
                } while (again.statusCode() != 200 && System.nanoTime() - up < RECOVERY_BOUND.toNanos());
                Duration recovery = Duration.ofNanos(System.nanoTime() - up);
                assertThat(again.statusCode()).as("the server serves again within %s: %s", RECOVERY_BOUND, again.body())
                        .isEqualTo(200);
                assertThat(client.call("GET", "/health", null).body()).as("/health once the database is back")
                        .isEqualTo("{\"status\":\"UP\"}");
                HttpResponse<String> pageAgain = page(server.port(), "/cases/" + known, session);
                assertThat(pageAgain.statusCode()).as("the page again: %s", pageAgain.body()).isEqualTo(200);
                Thread.sleep(1_000);
                writers.stop();
                assertThat(ledger.unexpected()).as("answers other than a success or a clean refusal").isEmpty();
                assertThat(ledger.acknowledgedCount()).as("writes acknowledged after the restart")
                        .isGreaterThan(acknowledgedWhenBack);
                assertThat(client.call("GET", "/api/v1/cases/restart-refused", null).statusCode())
                        .as("the write refused while the database was down").isEqualTo(404);
                StoredVersions.Found found;
                try (Connection c = DriverManager.getConnection(cluster.url())) {
                    found = StoredVersions.read(c).check(ledger);
                }
                System.out.printf(Locale.ROOT, "PostgreSQL restart: %d writes acknowledged before the stop, %d in all, all %d found; "
                        + "%d clean refusals to the writers; a read refused in %d ms while down, a read, a write and a page in %d ms; serving again %d ms after "
                        + "PostgreSQL was back (down for %d ms); %d unacknowledged writes stored whole; test %d ms%n",
                        acknowledgedBeforeStop, found.acknowledged(), found.acknowledgedFound(), writers.tolerated(),
                        refusal.toMillis(), refusals.toMillis(), recovery.toMillis(), outage.toMillis(), found.unacknowledgedStored(),
                        (System.nanoTime() - began) / 1_000_000);
            }
        }
    }

    private static String create(CrashClient client, Ledger ledger, ObjectNode content) {
        String caseId = content.get("caseId").asText();
        ledger.sending(caseId, content);
        HttpResponse<String> r = client.call("POST", "/api/v1/cases", CaseContent.text(content));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode v = CaseContent.parse(r.body());
        ledger.acknowledged(new Ledger.Acknowledged(caseId, v.get("version").asInt(), v.get("contentSha256").asText(), content));
        return caseId;
    }

    /**
     * A clean refusal for want of the database: 503, an RFC 9457 problem whose detail names the
     * database in plain words, and no trace of the failure's internals.
     */
    static boolean cleanRefusal(HttpResponse<String> r) {
        if (r.statusCode() != 503
                || !r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            return false;
        }
        JsonNode problem = CaseContent.parse(r.body());
        return problem.path("status").asInt() == 503 && problem.path("detail").asText().contains("database")
                && !r.body().contains("Exception") && !r.body().contains("org.postgresql") && !r.body().contains("SQL");
    }

    private HttpResponse<String> page(int port, String path, WebSession session) {
        try {
            return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "text/html").header("Cookie", WebPages.SESSION_COOKIE + "=" + session.token()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
