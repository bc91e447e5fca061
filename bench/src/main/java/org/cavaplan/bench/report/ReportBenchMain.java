package org.cavaplan.bench.report;

import java.io.IOException;
import java.util.Locale;
import org.cavaplan.core.engine.Engine;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.knowledge.CavaPlanKnowledge;
import org.cavaplan.report.Report;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the report benchmark and prints its figures:
 * {@code java -cp bench/target/benchmarks.jar org.cavaplan.bench.report.ReportBenchMain [--quick]}.
 * Before JMH starts it also times the first report of this JVM (class loading and an unwarmed JIT
 * included), which is closer to what one {@code ./cavaplan report} pays.
 */
public final class ReportBenchMain {

    private ReportBenchMain() {}

    public static void main(String[] args) throws RunnerException, IOException {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        Case seed = ReportBenchmark.seedCase();
        long start = System.nanoTime();
        Plan plan = Engine.create(CavaPlanKnowledge.create()).plan(seed, seed.latestDate());
        byte[] pdf = Report.render(seed, plan);
        double firstMs = (System.nanoTime() - start) / 1e6;

        OptionsBuilder options = new OptionsBuilder();
        options.include(ReportBenchmark.class.getName());
        if (quick) {
            options.warmupIterations(2).measurementIterations(3).warmupTime(TimeValue.seconds(1))
                    .measurementTime(TimeValue.seconds(1));
        }
        StringBuilder summary = new StringBuilder();
        for (RunResult r : new Runner(options.build()).run()) {
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            var stats = r.getPrimaryResult().getStatistics();
            String figure = name.equals("planAndRender") ? "report.seed.median_ms" : "report.seed.render_only.median_ms";
            summary.append(String.format(Locale.ROOT, "%s = %.1f (p90 %.1f, n %d)%s%n", figure, stats.getPercentile(50),
                    stats.getPercentile(90), stats.getN(), name.equals("planAndRender") ? " (goal < 300)" : ""));
        }
        System.out.println();
        System.out.print(summary);
        System.out.println(String.format(Locale.ROOT, "report.seed.first_in_jvm_ms = %.0f (%d bytes, %s)", firstMs, pdf.length,
                "class loading and unwarmed JIT included"));
    }
}
