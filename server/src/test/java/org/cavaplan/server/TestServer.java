package org.cavaplan.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.Registry;
import org.cavaplan.registry.Role;

/** A real server on a free port over a real H2 registry in a temporary directory, with one user per role. */
final class TestServer implements AutoCloseable {

    static final String SEED_CASE_ID = "seed-case-report";

    final String jdbcUrl;
    final Registry registry;
    final CavaPlanServer.Running running;
    final FirstStart.Admin admin;
    final String clinician;
    final String researcher;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    TestServer(Path dir, int demoCases) {
        this("jdbc:h2:file:" + dir.resolve("cavaplan").toAbsolutePath(), demoCases);
    }

    /** A server over the registry at {@code jdbcUrl} (an empty database). */
    TestServer(String jdbcUrl, int demoCases) {
        this.jdbcUrl = jdbcUrl;
        Clock clock = Clock.fixed(Instant.parse("2026-01-15T10:00:00Z"), ZoneOffset.UTC);
        registry = Registry.open(jdbcUrl, clock);
        admin = FirstStart.prepare(registry, demoCases, 7L).orElseThrow();
        Actor operator = Actor.localOperator("test", "test");
        clinician = registry.addUser(operator, "clinician", Role.CLINICIAN).token();
        researcher = registry.addUser(operator, "researcher", Role.RESEARCHER).token();
        registry.save(operator, seedCase(), "the article's patient");
        running = CavaPlanServer.create(registry, clock, new CavaPlanServer.Options(1_000_000L)).start(0);
    }

    static String seedCase() {
        return read(Path.of("..", "examples", "seed-case.json"));
    }

    static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + running.port() + pathAndQuery);
    }

    HttpResponse<String> send(String method, String path, String token, String body) {
        return exchange(method, path, token, body, HttpResponse.BodyHandlers.ofString());
    }

    /** Like {@link #send(String, String, String, String)}, naming the version the write is based on: {@code If-Match: "n"}. */
    HttpResponse<String> sendIfMatch(String method, String path, String token, String body, int version) {
        return exchange(method, path, token, body, HttpResponse.BodyHandlers.ofString(), "If-Match", "\"" + version + "\"");
    }

    <T> HttpResponse<T> exchange(String method, String path, String token, String body,
            HttpResponse.BodyHandler<T> handler, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        boolean typed = false;
        for (int i = 0; i < headers.length; i += 2) {
            typed |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (body != null && !typed) {
            b.header("Content-Type", "application/json");
        }
        try {
            return http.send(b.build(), handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path, String token) {
        return send("GET", path, token, null);
    }

    @Override
    public void close() {
        running.stop();
        registry.close();
    }
}
