package org.cavaplan.bench.analytics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.cavaplan.io.SyntheticCases;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.ImportListener;
import org.cavaplan.registry.ImportOptions;
import org.cavaplan.registry.ImportSummary;
import org.cavaplan.registry.Registry;
import org.cavaplan.server.Analytics;

/**
 * The analytics figures: a registry of N synthetic cases (seeded with the registry's bulk import),
 * then the call path of {@code GET /api/v1/analytics/km?factor=level&includeSynthetic=true} and of
 * {@code GET /api/v1/analytics/cox?covariates=grade,size_cm,level_3&includeSynthetic=true}: the registry's analysis rows
 * (SQL, audited), the survival module, the JSON. Each request is timed whole, after warm-up
 * requests; the figure is the median.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.cavaplan.bench.analytics.AnalyticsBenchMain \
 *     [--db JDBC_URL (an empty database; default: a new H2 file in a temporary directory)] \
 *     [--count 100000] [--seed 1] [--warmup 10] [--runs 30]
 * </pre>
 *
 * Prints {@code analytics.km.cases_ms MEDIAN} and {@code analytics.cox3.cases_ms MEDIAN}, each with
 * its p95 and the number of cases.
 */
public final class AnalyticsBenchMain {

    private AnalyticsBenchMain() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> options = options(args);
        int count = Integer.parseInt(options.getOrDefault("--count", "100000"));
        long seed = Long.parseLong(options.getOrDefault("--seed", "1"));
        int warmup = Integer.parseInt(options.getOrDefault("--warmup", "10"));
        int runs = Integer.parseInt(options.getOrDefault("--runs", "30"));
        Path dir = Files.createTempDirectory("cavaplan-analytics-bench");
        String url = options.getOrDefault("--db", "jdbc:h2:file:" + dir.resolve("registry").toAbsolutePath());
        Actor actor = Actor.localOperator(System.getProperty("user.name", "bench"), "bench");
        System.out.println("database " + url.replaceAll("password=[^&;]*", "password=…") + ", " + count + " cases, "
                + Runtime.getRuntime().availableProcessors() + " processors");
        try (Registry registry = Registry.open(url, Clock.systemUTC())) {
            seed(registry, actor, dir.resolve("cases.ndjson"), count, seed);
            List<String> covariates = List.of("grade", "size_cm", "level_3");
            int[] cases = new int[1];
            measure("analytics.km.cases_ms", warmup, runs, () -> {
                var rows = Analytics.rows(registry, actor, Analytics.analysis("level", List.of()));
                cases[0] = rows.size();
                return Analytics.km(rows, "level", true, java.util.OptionalDouble.empty()).json(); // the route with includeSynthetic=true
            }, cases);
            measure("analytics.cox3.cases_ms", warmup, runs, () -> {
                var rows = Analytics.rows(registry, actor, Analytics.analysis(null, covariates));
                cases[0] = rows.size();
                return Analytics.cox(rows, covariates, true).json(); // the route with includeSynthetic=true
            }, cases);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Imports {@code count} synthetic cases, one transaction each on the registry's import lanes. */
    private static void seed(Registry registry, Actor actor, Path file, int count, long seed) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 1; i <= count; i++) {
                out.write(SyntheticCases.generate(seed, i).toString());
                out.write('\n');
            }
        }
        long start = System.nanoTime();
        ImportSummary summary;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            summary = registry.importCases(actor, in, new ImportOptions("analytics benchmark", 0), ImportListener.none());
        }
        System.out.println("seeded: " + summary + " in " + format((System.nanoTime() - start) / 1e9) + " s");
    }

    private static void measure(String name, int warmup, int runs, Supplier<String> request, int[] cases) {
        long bytes = 0;
        for (int i = 0; i < warmup; i++) {
            bytes += request.get().length();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            bytes += request.get().length();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.println(name + " " + format(ms[runs / 2]) + "   p95_ms " + format(ms[(int) Math.ceil(runs * 0.95) - 1])
                + "   min_ms " + format(ms[0]) + "   (" + cases[0] + " cases, " + bytes / (warmup + runs) + " bytes of JSON)");
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> list = new ArrayList<>(Arrays.asList(args));
        for (int i = 0; i + 1 < list.size(); i += 2) {
            options.put(list.get(i), list.get(i + 1));
        }
        return options;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
