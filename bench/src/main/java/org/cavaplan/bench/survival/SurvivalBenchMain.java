package org.cavaplan.bench.survival;

import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the survival benchmarks and prints their figures:
 * {@code java -cp bench/target/benchmarks.jar org.cavaplan.bench.survival.SurvivalBenchMain [--quick]}.
 */
public final class SurvivalBenchMain {

    private SurvivalBenchMain() {}

    public static void main(String[] args) throws RunnerException {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        OptionsBuilder options = new OptionsBuilder();
        options.include(KaplanMeierBenchmark.class.getName()).include(CoxBenchmark.class.getName());
        if (quick) {
            options.warmupIterations(2).measurementIterations(3).warmupTime(TimeValue.seconds(1))
                    .measurementTime(TimeValue.seconds(1));
        }
        StringBuilder summary = new StringBuilder();
        for (RunResult r : new Runner(options.build()).run()) {
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            double ms = r.getPrimaryResult().getScore();
            String goal = name.equals("KaplanMeierBenchmark.kaplanMeier") ? " (goal < 500)" : "";
            summary.append(String.format(Locale.ROOT, "survival.%s_ms = %.1f%s%n", name, ms, goal));
        }
        System.out.println();
        System.out.print(summary);
    }
}
