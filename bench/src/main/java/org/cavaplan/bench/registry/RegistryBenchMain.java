package org.cavaplan.bench.registry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cavaplan.core.model.Margin;
import org.cavaplan.core.model.VitalStatus;
import org.cavaplan.core.plan.Intent;
import org.cavaplan.core.plan.Stage;
import org.cavaplan.io.SyntheticCases;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.CaseQuery;
import org.cavaplan.registry.ImportListener;
import org.cavaplan.registry.ImportOptions;
import org.cavaplan.registry.ImportSummary;
import org.cavaplan.registry.Page;
import org.cavaplan.registry.Registry;

/**
 * The registry's figures: the import of N synthetic cases (one transaction per case, through the
 * public API, JIT warm-up included) and the time to fetch one filtered page of 50 out of them.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.cavaplan.bench.registry.RegistryBenchMain \
 *     [--db JDBC_URL (an empty database; default: a new H2 file in a temporary directory)] \
 *     [--count 100000] [--seed 1] [--connections 0 (the registry's choice)]
 * </pre>
 *
 * Prints one line per figure: {@code registry.import.cases_per_s}, then per query
 * {@code registry.page50.NAME.median_ms} and {@code .p95_ms}.
 */
public final class RegistryBenchMain {

    private static final int PAGE = 50;
    private static final int RUNS = 30;

    private RegistryBenchMain() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> options = options(args);
        int count = Integer.parseInt(options.getOrDefault("--count", "100000"));
        long seed = Long.parseLong(options.getOrDefault("--seed", "1"));
        int connections = Integer.parseInt(options.getOrDefault("--connections", "0"));
        Path dir = Files.createTempDirectory("cavaplan-registry-bench");
        String url = options.getOrDefault("--db", "jdbc:h2:file:" + dir.resolve("registry").toAbsolutePath());
        Path file = dir.resolve("cases.ndjson");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 1; i <= count; i++) {
                out.write(SyntheticCases.generate(seed, i).toString());
                out.write('\n');
            }
        }
        Actor actor = Actor.localOperator(System.getProperty("user.name", "bench"), "bench");
        System.out.println("database " + url.replaceAll("password=[^&;]*", "password=…") + ", " + count + " cases, "
                + Runtime.getRuntime().availableProcessors() + " processors");
        try (Registry registry = Registry.open(url, Clock.systemUTC())) {
            long start = System.nanoTime();
            ImportSummary summary;
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                summary = registry.importCases(actor, in, new ImportOptions("benchmark", connections), ImportListener.none());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.println(summary + " in " + format(seconds) + " s");
            System.out.println("registry.import.cases_per_s " + Math.round(summary.imported() / seconds));
            for (Map.Entry<String, CaseQuery> query : queries().entrySet()) {
                double[] ms = new double[RUNS];
                int found = 0;
                for (int run = 0; run < RUNS; run++) {
                    long t = System.nanoTime();
                    Page page = registry.search(actor, query.getValue());
                    ms[run] = (System.nanoTime() - t) / 1e6;
                    found = page.cases().size();
                }
                Arrays.sort(ms);
                System.out.println("registry.page50." + query.getKey() + ".median_ms " + format(ms[RUNS / 2])
                        + "   p95_ms " + format(ms[(int) Math.ceil(RUNS * 0.95) - 1]) + "   (" + found + " cases)");
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Filters from broad to narrow (the rare one matches a handful of cases), and a page deep in the keyset. */
    private static Map<String, CaseQuery> queries() {
        Map<String, CaseQuery> q = new LinkedHashMap<>();
        CaseQuery base = CaseQuery.all().withLimit(PAGE);
        q.put("all", base);
        q.put("margin_r1", base.withMargin(Margin.R1));
        q.put("level3_grade3_dead", base.withLevel(3).withGrade(3).withVitalStatus(VitalStatus.DEAD));
        q.put("palliative_size_15_to_30", base.withIntent(Intent.PALLIATIVE).withSizeCm(15, 30));
        q.put("r2_level1_operated_2021", base.withMargin(Margin.R2).withLevel(1)
                .withOperationBetween(LocalDate.of(2021, 1, 1), LocalDate.of(2021, 12, 31)));
        q.put("rare_level3_grade1_r2_size_20_to_30", base.withLevel(3).withGrade(1).withMargin(Margin.R2).withSizeCm(20, 30));
        q.put("pretreatment_after_SYNTH_1_50000", base.withStage(Stage.PRETREATMENT).withAfter("SYNTH-1-50000"));
        return q;
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
