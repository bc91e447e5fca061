package org.cavaplan.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.cavaplan.core.engine.Engine;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.io.CaseReader;
import org.cavaplan.io.ReadResult;
import org.cavaplan.knowledge.CavaPlanKnowledge;
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
 * The engine alone on the seed case: figure {@code engine.plan.seed.median_us} (goal: at most 20 µs). Three forks,
 * because one JVM differs from the next by up to half on the same jar (HISTORY.md): the figure is the median over
 * all their samples.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class EngineBenchmark {

    private Engine engine;
    private Case seed;
    private LocalDate asOf;

    @Setup
    public void setUp() throws IOException {
        engine = Engine.create(CavaPlanKnowledge.create());
        seed = seedCase();
        asOf = seed.latestDate();
    }

    static Case seedCase() throws IOException {
        try (InputStream in = EngineBenchmark.class.getResourceAsStream("/seed-case.json")) {
            ReadResult r = CaseReader.create().read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return ((ReadResult.Valid) r).value();
        }
    }

    @Benchmark
    public Plan planSeedCase() {
        return engine.plan(seed, asOf);
    }
}
