package org.cavaplan.bench.http;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Figure {@code http.present.seed.median_ms} (issue 22): the presentation page of the seed case,
 * {@code GET /meetings/{id}/present/1}, as a signed-in browser asks for it, against a real server.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.cavaplan.bench.http.HttpPresentBenchMain \
 *     [--jar cli/target/cavaplan.jar] [--server-jvm "JVM options of the server"] \
 *     [--warmup 30] (seconds, not measured) [--duration 30] (seconds measured)
 * </pre>
 *
 * It starts {@code java -jar cavaplan.jar serve} in its own process on a new H2 registry (first start:
 * the demo cohort is seeded and the administrator's one-time password and API token are printed), puts
 * the seed case in the registry, creates a meeting of today chaired by the administrator with the seed
 * case on its agenda (API, bearer token), signs in through the pages (the one-time password is
 * changed first, as the pages require), then asks for the presentation page back to back on one
 * connection: unmeasured for {@code --warmup} seconds (the server's JIT), then measured for
 * {@code --duration} seconds. Every answer must be a 200 holding the case id. The last line is
 * {@code RESULT {json}} with the median, p90, p99 and maximum in milliseconds.
 */
public final class HttpPresentBenchMain {

    private static final Pattern PASSWORD = Pattern.compile("one-time password:\\s+(\\S+)");
    private static final Pattern TOKEN = Pattern.compile("API token:\\s+(\\S+)");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]*)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    private static final String NEW_PASSWORD = "the bench administrator's passphrase";

    private HttpPresentBenchMain() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        Options o = Options.parse(args, List.of("--jar", "cli/target/cavaplan.jar", "--server-jvm", "", "--warmup", "30",
                "--duration", "30"), Set.of());
        System.out.println("load average before: " + HttpPlanBenchMain.loadAverage());
        int exit;
        try (ServerProcess server = ServerProcess.prepare(Path.of(o.get("--jar")), o.words("--server-jvm"))) {
            long nanos = server.start();
            System.out.printf("server: %s on %s (first start, ready in %d ms), JVM options %s%n", server.jar(),
                    server.dbUrl(), nanos / 1_000_000, o.words("--server-jvm"));
            try {
                exit = measure(server, Duration.ofSeconds(o.integer("--warmup")), Duration.ofSeconds(o.integer("--duration")));
            } finally {
                server.stop();
            }
        }
        System.exit(exit);
    }

    private static int measure(ServerProcess server, Duration warmup, Duration duration)
            throws IOException, InterruptedException {
        String log = Files.readString(server.directory().resolve("server.log"), StandardCharsets.UTF_8);
        String password = find(PASSWORD, log, "the first start's one-time password");
        String token = find(TOKEN, log, "the first start's API token");
        URI base = server.baseUri();
        HttpClient api = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        byte[] seed = HttpPlanBenchMain.seedCase();
        check(api.send(json(base.resolve("/api/v1/cases"), token, seed), HttpResponse.BodyHandlers.ofString()), 201, "store the seed case");
        String meeting = """
                {"date": "%s", "title": "Bench board", "chair": "admin", "attendees": []}""".formatted(LocalDate.now());
        HttpResponse<String> created = api.send(json(base.resolve("/api/v1/meetings"), token,
                meeting.getBytes(StandardCharsets.UTF_8)), HttpResponse.BodyHandlers.ofString());
        check(created, 201, "create the meeting");
        String id = find(ID, created.body(), "the meeting's id");
        String item = """
                {"caseId": "seed-case-report", "question": "Resectable with an interposition graft?", "presenter": "Dr Bench"}""";
        check(api.send(json(base.resolve("/api/v1/meetings/" + id + "/agenda"), token, item.getBytes(StandardCharsets.UTF_8)),
                HttpResponse.BodyHandlers.ofString()), 201, "put the seed case on the agenda");

        HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        check(browser.send(form(base.resolve("/login"), Map.of("username", "admin", "password", password)),
                HttpResponse.BodyHandlers.ofString()), 303, "sign in with the one-time password");
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(base.resolve("/account/password")).build(),
                HttpResponse.BodyHandlers.ofString());
        String csrf = find(CSRF, page.body(), "the password page's anti-forgery token");
        check(browser.send(form(base.resolve("/account/password"), Map.of("_csrf", csrf, "current", password, "new",
                NEW_PASSWORD, "repeat", NEW_PASSWORD)), HttpResponse.BodyHandlers.ofString()), 303, "change the password");
        check(browser.send(form(base.resolve("/login"), Map.of("username", "admin", "password", NEW_PASSWORD)),
                HttpResponse.BodyHandlers.ofString()), 303, "sign in");

        HttpRequest present = HttpRequest.newBuilder(base.resolve("/meetings/" + id + "/present/1"))
                .header("Accept", "text/html").timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> first = browser.send(present, HttpResponse.BodyHandlers.ofString());
        check(first, 200, "open the presentation");
        if (!first.body().contains("seed-case-report")) {
            throw new IOException("the presentation page does not name the seed case");
        }
        System.out.printf("check: GET %s answered 200 with %d characters%n", present.uri(), first.body().length());

        long warmEnd = System.nanoTime() + warmup.toNanos();
        int warm = 0;
        while (System.nanoTime() < warmEnd) {
            send(browser, present);
            warm++;
        }
        System.out.printf("warm-up: %d requests in %d s (not measured)%n", warm, warmup.toSeconds());
        long[] latencies = new long[1 << 20];
        int n = 0;
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end && n < latencies.length) {
            long t0 = System.nanoTime();
            send(browser, present);
            latencies[n++] = System.nanoTime() - t0;
        }
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        double p50 = ms(sorted, 0.50);
        double p90 = ms(sorted, 0.90);
        double p99 = ms(sorted, 0.99);
        double max = sorted[n - 1] / 1e6;
        System.out.printf(Locale.ROOT, "%d requests back to back on one connection: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, "
                + "max %.2f ms%n", n, p50, p90, p99, max);
        System.out.println("load average after: " + HttpPlanBenchMain.loadAverage());
        System.out.printf(Locale.ROOT, "RESULT {\"name\":\"http.present.seed\",\"requests\":%d,\"p50Ms\":%.3f,"
                + "\"p90Ms\":%.3f,\"p99Ms\":%.3f,\"maxMs\":%.3f}%n", n, p50, p90, p99, max);
        return 0;
    }

    private static void send(HttpClient browser, HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = browser.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException("the presentation page answered " + r.statusCode());
        }
    }

    private static double ms(long[] sorted, double p) {
        int i = Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

    private static HttpRequest json(URI uri, String token, byte[] body) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/json").header("Accept", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private static HttpRequest form(URI uri, Map<String, String> fields) {
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static void check(HttpResponse<String> r, int status, String what) throws IOException {
        if (r.statusCode() != status) {
            String body = r.body();
            throw new IOException(what + ": answered " + r.statusCode() + " instead of " + status + ": "
                    + (body.length() > 500 ? body.substring(0, 500) : body));
        }
    }

    private static String find(Pattern p, String text, String what) throws IOException {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new IOException(what + " not found");
        }
        return m.group(1);
    }
}
