package org.cavaplan.bench;

import java.io.IOException;
import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.Main;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the engine benchmarks and prints the figures of the engine issue:
 * {@code java -jar bench/target/benchmarks.jar [--quick]}. Any other arguments go to JMH itself, e.g.
 * {@code java -jar bench/target/benchmarks.jar BatchBenchmark -p cases=20000 -p threads=0 -wi 10}
 * ({@code -h} lists JMH's options).
 */
public final class BenchMain {

    private BenchMain() {}

    public static void main(String[] args) throws RunnerException, IOException {
        boolean quick = args.length == 1 && args[0].equals("--quick");
        if (args.length > 0 && !quick) {
            Main.main(args);
            return;
        }
        OptionsBuilder engine = new OptionsBuilder();
        engine.include(EngineBenchmark.class.getSimpleName());
        if (quick) {
            engine.warmupIterations(2).measurementIterations(3).warmupTime(TimeValue.seconds(1))
                    .measurementTime(TimeValue.seconds(1));
        }
        Collection<RunResult> e = new Runner(engine.build()).run();
        double medianUs = e.iterator().next().getPrimaryResult().getStatistics().getPercentile(50);

        Options batch = new OptionsBuilder().include(BatchBenchmark.class.getSimpleName())
                .param("cases", quick ? "20000" : "100000")
                // Two workers keep getting faster for about 8 shots of 20,000 cases (bench/HISTORY.md).
                .warmupIterations(quick ? 8 : 2)
                .measurementIterations(quick ? 3 : 5).build();
        double parseMs = Double.NaN;
        double serialMs = Double.NaN;
        double parallelMs = Double.NaN;
        for (RunResult r : new Runner(batch).run()) {
            double ms = r.getPrimaryResult().getStatistics().getPercentile(50);
            boolean serial = r.getParams().getParam("threads").equals("1");
            if (r.getParams().getBenchmark().endsWith("parseOnly")) {
                parseMs = Double.isNaN(parseMs) ? ms : Math.min(parseMs, ms);
            } else if (serial) {
                serialMs = ms;
            } else {
                parallelMs = ms;
            }
        }
        System.out.println();
        System.out.println(String.format(Locale.ROOT, "engine.plan.seed.median_us = %.2f (goal <= 20)", medianUs));
        System.out.println(String.format(Locale.ROOT, "parse only %.0f ms; plan-batch %.0f ms on 1 thread, %.0f ms on %d threads",
                parseMs, serialMs, parallelMs, Runtime.getRuntime().availableProcessors()));
        System.out.println(String.format(Locale.ROOT, "batch.plan_vs_parse.throughput_ratio = %.3f (goal >= 0.70; plan-batch as shipped)",
                parseMs / parallelMs));
        System.out.println(String.format(Locale.ROOT, "batch.plan_vs_parse.single_thread_ratio = %.3f (both on one thread)",
                parseMs / serialMs));
    }
}
