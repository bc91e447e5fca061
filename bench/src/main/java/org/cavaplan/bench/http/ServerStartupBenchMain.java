package org.cavaplan.bench.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Figure {@code server.startup_ms}: from starting the server process to the first 200 from
 * {@code /health}, on an existing embedded (H2) registry.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.cavaplan.bench.http.ServerStartupBenchMain \
 *     [--runs 10] [--jar cli/target/cavaplan.jar] [--server-jvm "JVM options the launcher adds"]
 * </pre>
 *
 * One first start prepares the registry (schema, demo cohort, administrator) and is not counted.
 * Then the server is started {@code runs} times as {@code ./cavaplan serve} starts it, that is with
 * the class-data-sharing archive the launcher makes after each build (made here the same way, from
 * a {@code plan} of the seed case), and, alternating with those, {@code runs} times without the
 * archive; both with the other JVM options the launcher adds ({@code --server-jvm}). Each start is
 * stopped (SIGTERM) before the next. The figure is the median with the archive; the last line is
 * {@code RESULT {json}}.
 */
public final class ServerStartupBenchMain {

    private ServerStartupBenchMain() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        Options o = Options.parse(args, List.of("--runs", "10", "--jar", "cli/target/cavaplan.jar", "--server-jvm", ""), Set.of());
        int runs = o.integer("--runs");
        List<String> launcher = o.words("--server-jvm");
        System.out.println("load average before: " + HttpPlanBenchMain.loadAverage());
        try (ServerProcess server = ServerProcess.prepare(Path.of(o.get("--jar")), launcher)) {
            long first = server.start();
            server.stop();
            System.out.printf("first start (empty registry, demo cohort seeded): %d ms on %s%n", first / 1_000_000,
                    server.dbUrl());
            List<String> cds = classDataSharing(server);
            List<String> withArchive = new ArrayList<>(cds);
            withArchive.addAll(launcher);
            double[] with = new double[runs];
            double[] without = new double[runs];
            for (int i = 0; i < runs; i++) {
                if (!cds.isEmpty()) {
                    with[i] = server.start(withArchive) / 1e6;
                    server.stop();
                }
                without[i] = server.start(launcher) / 1e6;
                server.stop();
                System.out.printf(Locale.ROOT, "run %d: %s without the archive %.0f ms%n", i + 1,
                        cds.isEmpty() ? "" : String.format(Locale.ROOT, "with the launcher's CDS archive %.0f ms,", with[i]),
                        without[i]);
            }
            double medianWithout = median(without);
            double median = cds.isEmpty() ? medianWithout : median(with);
            double[] used = cds.isEmpty() ? without : with;
            System.out.printf(Locale.ROOT, "server.startup_ms median %.0f (%s), without the archive %.0f%n", median,
                    cds.isEmpty() ? "no CDS archive could be made" : "with the launcher's CDS archive", medianWithout);
            System.out.println("load average after: " + HttpPlanBenchMain.loadAverage());
            System.out.printf(Locale.ROOT, "RESULT {\"name\":\"server.startup\",\"runs\":%d,\"cds\":%s,\"medianMs\":%.1f,"
                    + "\"minMs\":%.1f,\"maxMs\":%.1f,\"medianMsWithoutCds\":%.1f,\"firstStartMs\":%.1f}%n", runs,
                    !cds.isEmpty(), median, Arrays.stream(used).min().orElse(Double.NaN),
                    Arrays.stream(used).max().orElse(Double.NaN), medianWithout, first / 1e6);
        }
    }

    /**
     * Makes a dynamic CDS archive as the {@code cavaplan} launcher does after a build and returns the
     * JVM options that use it; empty when it could not be made.
     */
    private static List<String> classDataSharing(ServerProcess server) throws IOException, InterruptedException {
        Path seed = server.directory().resolve("seed-case.json");
        Files.write(seed, HttpPlanBenchMain.seedCase());
        Path archive = server.directory().resolve("cavaplan.jsa");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-jar",
                server.jar().toString(), "plan", seed.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0 || !Files.isRegularFile(archive)) {
            System.out.println("could not make a CDS archive (exit " + p.exitValue() + "); measuring without");
            return List.of();
        }
        return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
