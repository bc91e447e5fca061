package org.cavaplan.server.crash;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** An HTTP client of one server, sending one API token. Thread-safe. */
final class CrashClient {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;
    private final String token;

    CrashClient(int port, String token) {
        this.port = port;
        this.token = token;
    }

    /** Sends a request with the token (and a JSON body unless {@code body} is null); fails on a broken connection. */
    HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        return send(method, path, body, "application/json");
    }

    /** Like {@link #send(String, String, String)}, naming the version the write is based on: {@code If-Match: "version"}. */
    HttpResponse<String> sendIfMatch(String method, String path, String body, int version)
            throws IOException, InterruptedException {
        return send(method, path, body, "application/json", "If-Match", "\"" + version + "\"");
    }

    /** Like {@link #send(String, String, String)}, asking for {@code accept}, with further header names and values. */
    HttpResponse<String> send(String method, String path, String body, String accept, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", accept)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Like {@link #send}, with a broken connection turned into an unchecked failure (for set-up and checks). */
    HttpResponse<String> call(String method, String path, String body) {
        try {
            return send(method, path, body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
