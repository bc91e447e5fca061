package org.cavaplan.bench.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load generator against a real HTTP server of the JDK on a free port. */
class HttpLoadTest {

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final Set<Object> connections = ConcurrentHashMap.newKeySet();
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/fixed", e -> answer(e, 200, "x".repeat(100_000), false));
        server.createContext("/chunked", e -> answer(e, 200, "y".repeat(70_000), true));
        server.createContext("/missing", e -> answer(e, 404, "no such thing", false));
        server.createContext("/slow", e -> {
            sleep(300);
            answer(e, 200, "late", false);
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange e, int status, String body, boolean chunked) throws IOException {
        requests.incrementAndGet();
        connections.add(e.getRemoteAddress());
        bodies.add(new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        e.sendResponseHeaders(status, chunked ? 0 : bytes.length);
        try (OutputStream out = e.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpLoad.Target post(String path) {
        return new HttpLoad.Target("POST", URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path),
                List.of("Content-Type", "application/json"), "{\"case\":1}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aConnectionReadsWholeAnswersOfBothKindsAndIsReusedForTheNext() throws IOException {
        try (RawConnection fixed = RawConnection.to(post("/fixed"), Duration.ofSeconds(5));
                RawConnection chunked = RawConnection.to(post("/chunked"), Duration.ofSeconds(5))) {
            for (int i = 0; i < 5; i++) {
                assertThat(fixed.exchange()).isEqualTo(200);
                assertThat(chunked.exchange()).isEqualTo(200);
            }
        }
        assertThat(requests).hasValue(10);
        assertThat(connections).hasSize(2);
        assertThat(bodies).containsOnly("{\"case\":1}");
    }

    @Test
    void aConnectionReportsTheStatusOfAnError() throws IOException {
        try (RawConnection missing = RawConnection.to(post("/missing"), Duration.ofSeconds(5))) {
            assertThat(missing.exchange()).isEqualTo(404);
            assertThat(missing.exchange()).isEqualTo(404);
        }
    }

    @Test
    void aConnectionGivesUpAfterItsTimeout() {
        try (RawConnection slow = RawConnection.to(post("/slow"), Duration.ofMillis(50))) {
            assertThatThrownBy(slow::exchange).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void aRunSendsEveryScheduledRequestAndCountsOnlyTheMeasuredOnes() throws InterruptedException {
        HttpLoad.Result result = HttpLoad.create().run(post("/fixed"),
                new HttpLoad.Schedule(100, Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5), 8));
        assertThat(requests).hasValue(150);
        assertThat(result.sent()).isEqualTo(100);
        assertThat(result.ok()).isEqualTo(100);
        assertThat(result.errors()).isZero();
        assertThat(result.latencyUs().getTotalCount()).isEqualTo(100);
        assertThat(result.timeline()).isNotEmpty().allSatisfy(s -> assertThat(s.requests()).isPositive());
        assertThat(result.timeline().stream().mapToLong(HttpLoad.Second::requests).sum()).isEqualTo(100);
    }

    @Test
    void aRunCountsErrorAnswersAndLatenciesFromTheIntendedTime() throws InterruptedException {
        HttpLoad.Result missing = HttpLoad.create().run(post("/missing"),
                new HttpLoad.Schedule(50, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(5), 4));
        assertThat(missing.errors()).isEqualTo(50);
        assertThat(missing.errorKinds()).containsEntry("HTTP 404", 50L);

        // one connection, 300 ms per answer, 10 requests due within 0.5 s: each waits for the one before
        HttpLoad.Result queued = HttpLoad.create().run(post("/slow"),
                new HttpLoad.Schedule(20, Duration.ZERO, Duration.ofMillis(500), Duration.ofSeconds(10), 1));
        assertThat(queued.ok()).isEqualTo(10);
        assertThat(queued.maxMs()).isGreaterThan(2_000);
    }

    @Test
    void aWarmUpRunsAtLeastItsLeastAndAtMostItsMostAndReportsEachWindow() throws InterruptedException {
        HttpLoad.WarmUp warm = HttpLoad.create().warmUp(post("/fixed"), 2, Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(warm.took()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(4));
        assertThat(warm.requests()).isPositive().isEqualTo(requests.get());
        assertThat(warm.windowRates()).hasSize(1).allSatisfy(r -> assertThat(r).isPositive());
    }
}
