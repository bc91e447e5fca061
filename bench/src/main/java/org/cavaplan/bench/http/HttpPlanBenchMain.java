package org.cavaplan.bench.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Figure {@code http.plan.p99_ms_at_500rps}: {@code POST /api/v1/plan} with the seed case at a fixed
 * arrival rate against a real server, latencies corrected for coordinated omission (see {@link HttpLoad}).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.cavaplan.bench.http.HttpPlanBenchMain \
 *     [--rate 500] [--duration 60] [--warmup 20] [--timeout 10] (seconds) [--connections 128] \
 *     [--jar cli/target/cavaplan.jar] [--server-jvm "JVM options of the server"] \
 *     [--path /api/v1/plan] [--body FILE (default: the seed case)] [--name http.plan] [--no-auth] \
 *     [--url http://host:port --token TOKEN (a running server instead of a new one)] \
 *     [--jit-warmup 30] [--jit-warmup-max 150] (seconds)
 * </pre>
 *
 * By default it starts {@code java -jar cavaplan.jar serve} as a separate process on a new H2
 * registry in a temporary directory (first start included: the demo cohort is seeded), creates a
 * CLINICIAN with {@code user add} for the bearer token, checks that one request is answered 200,
 * sends requests back to back on 4 connections for at least {@code --jit-warmup} seconds and until
 * the throughput stops rising, at most {@code --jit-warmup-max} (unmeasured: a cold JVM fed at the
 * full rate builds a queue while it compiles, and the figure is about the steady state; on a 2-core
 * machine the server's JIT took 40 to 60 s of full load to settle), then runs the schedule. The last
 * line is {@code RESULT {json}} with the figures; exit code 3 means the route does not exist on this
 * server (answered 404 or 405), so the figure cannot be measured.
 */
public final class HttpPlanBenchMain {

    private static final int JIT_WARMUP_CONNECTIONS = 4;

    /** Exit code when the target route does not exist on the server. */
    static final int NO_SUCH_ROUTE = 3;

    private HttpPlanBenchMain() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        Options o = Options.parse(args, List.of("--rate", "500", "--duration", "60", "--warmup", "20", "--timeout", "10", "--connections", "128",
                "--jar", "cli/target/cavaplan.jar", "--server-jvm", "", "--path", "/api/v1/plan", "--body", "",
                "--name", "http.plan", "--url", "", "--token", "", "--jit-warmup", "30", "--jit-warmup-max", "150"), Set.of("--no-auth"));
        HttpLoad.Schedule schedule = new HttpLoad.Schedule(o.number("--rate"), Duration.ofSeconds(o.integer("--warmup")),
                Duration.ofSeconds(o.integer("--duration")), Duration.ofSeconds(o.integer("--timeout")),
                o.integer("--connections"));
        byte[] body = o.get("--body").isEmpty() ? seedCase() : Files.readAllBytes(Path.of(o.get("--body")));
        System.out.println("load average before: " + loadAverage());
        int exit;
        if (!o.get("--url").isEmpty()) {
            exit = measure(o, URI.create(o.get("--url")), o.get("--token"), body, schedule);
        } else {
            try (ServerProcess server = ServerProcess.prepare(Path.of(o.get("--jar")), o.words("--server-jvm"))) {
                String token = o.flag("--no-auth") ? "" : server.token("CLINICIAN");
                long nanos = server.start();
                System.out.printf("server: %s on %s (first start, ready in %d ms), JVM options %s%n", server.jar(),
                        server.dbUrl(), nanos / 1_000_000, o.words("--server-jvm"));
                try {
                    exit = measure(o, server.baseUri(), token, body, schedule);
                } finally {
                    server.stop();
                }
            }
        }
        System.exit(exit);
    }

    private static int measure(Options o, URI base, String token, byte[] body, HttpLoad.Schedule schedule)
            throws IOException, InterruptedException {
        List<String> headers = new ArrayList<>(List.of("Content-Type", "application/json", "Accept", "application/json"));
        if (!token.isEmpty()) {
            headers.addAll(List.of("Authorization", "Bearer " + token));
        }
        HttpLoad.Target target = new HttpLoad.Target("POST", base.resolve(o.get("--path")), headers, body);
        HttpLoad load = HttpLoad.create();
        HttpResponse<String> first = load.once(target, Duration.ofSeconds(30));
        if (first.statusCode() == 404 || first.statusCode() == 405) {
            System.out.println("RESULT-UNAVAILABLE " + target.uri().getPath() + " answered " + first.statusCode()
                    + ": the route does not exist on this server");
            return NO_SUCH_ROUTE;
        }
        if (first.statusCode() != 200) {
            System.out.println("the first request was answered " + first.statusCode() + ": " + abbreviate(first.body()));
            return 1;
        }
        System.out.printf("check: %s %s answered 200 with %d characters%n", target.method(), target.uri(),
                first.body().length());
        Duration least = Duration.ofSeconds(o.integer("--jit-warmup"));
        HttpLoad.WarmUp warm = load.warmUp(target, JIT_WARMUP_CONNECTIONS, least,
                Duration.ofSeconds(Math.max(least.toSeconds(), o.integer("--jit-warmup-max"))));
        System.out.printf("JIT warm-up: %d requests on %d connections in %d s (not measured); req/s per %d s window: %s%n",
                warm.requests(), JIT_WARMUP_CONNECTIONS, warm.took().toSeconds(), HttpLoad.WARM_UP_WINDOW.toSeconds(),
                warm.windowRates().stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).collect(Collectors.joining(" ")));
        HttpLoad.Result result = load.run(target, schedule);
        System.out.print(result.describe());
        System.out.println("load average after: " + loadAverage());
        System.out.println("RESULT " + result.toJson(o.get("--name")));
        return 0;
    }

    static byte[] seedCase() throws IOException {
        try (InputStream in = HttpPlanBenchMain.class.getResourceAsStream("/seed-case.json")) {
            if (in == null) {
                throw new IOException("seed-case.json is missing from the benchmark jar");
            }
            return in.readAllBytes();
        }
    }

    /** The 1, 5 and 15 minute load averages and the processor count, or a note when unknown. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ");
            return f[0] + " " + f[1] + " " + f[2] + " on " + Runtime.getRuntime().availableProcessors() + " processors";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 500 ? s.substring(0, 500) + "…" : s;
    }
}
