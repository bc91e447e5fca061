package org.cavaplan.bench.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.cavaplan.core.engine.Engine;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.io.CaseReader;
import org.cavaplan.io.ReadResult;
import org.cavaplan.knowledge.CavaPlanKnowledge;
import org.cavaplan.report.Report;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The tumor-board report of the seed case: figure {@code report.seed.median_ms} (goal: under
 * 300 ms). {@link #planAndRender} is what a request for the PDF costs once the case is parsed (plan,
 * then the whole document as bytes); {@link #renderOnly} leaves the plan out.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ReportBenchmark {

    private Engine engine;
    private Case seed;
    private Plan plan;

    @Setup
    public void setUp() throws IOException {
        engine = Engine.create(CavaPlanKnowledge.create());
        seed = seedCase();
        plan = engine.plan(seed, seed.latestDate());
    }

    static Case seedCase() throws IOException {
        try (InputStream in = ReportBenchmark.class.getResourceAsStream("/seed-case.json")) {
            if (in == null) {
                throw new IOException("seed-case.json is missing from the benchmark jar");
            }
            ReadResult r = CaseReader.create().read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return ((ReadResult.Valid) r).value();
        }
    }

    @Benchmark
    public byte[] planAndRender() {
        return Report.render(seed, engine.plan(seed, seed.latestDate()));
    }

    @Benchmark
    public byte[] renderOnly() {
        return Report.render(seed, plan);
    }
}
