package org.cavaplan.bench;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.OutputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.cavaplan.core.engine.Engine;
import org.cavaplan.io.BatchPlanner;
import org.cavaplan.io.CaseReader;
import org.cavaplan.io.SyntheticCases;
import org.cavaplan.knowledge.CavaPlanKnowledge;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code plan-batch} against merely parsing the same NDJSON file into case records with the same
 * reader, in one run: figure {@code batch.plan_vs_parse.throughput_ratio} (goal: at least 0.70).
 * Both read the file line by line; the batch also plans each case and writes its JSON line.
 *
 * <p>Each batch writes a new output file, as {@code plan-batch --output} usually does. The previous
 * iteration's output (about 19 KB per case) is deleted before the iteration, outside the measured time:
 * truncating it inside the batch cost 0.5 s per 20,000 cases on this machine's ext4 (mounted with
 * {@code discard}), file-system housekeeping of the run before rather than work of this one. Flushing
 * and closing the new file stay in the measured time.
 *
 * <p>Warm-up: about 300,000 cases (4 batches of 100,000; {@code bench/run --quick}: 16 of 20,000).
 * Parsing alone is steady after about 80,000 cases, planning is not: the synthetic cases take rare
 * paths through the rules for a long time, and the JIT keeps throwing compiled code away ("made not
 * entrant", hundreds of methods per batch of 20,000) and compiling it again; a batch of 20,000 took
 * 4.6 s cold, 1.0 s after 160,000 cases and 0.6-0.7 s after 240,000 on this project's 2-core machine.
 * The figure is the steady rate; a cold {@code ./cavaplan plan-batch} of a small file is slower per case.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xmx3g"})
public class BatchBenchmark {

    @Param("100000")
    public int cases;

    /** 0 means one per processor, as the command does by default. */
    @Param({"1", "0"})
    public int threads;

    private Path input;
    private Path output;
    private CaseReader reader;
    private Engine engine;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        input = Files.createTempFile("cavaplan-batch", ".ndjson");
        output = input.resolveSibling(input.getFileName() + ".out");
        try (Writer w = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            for (int i = 1; i <= cases; i++) {
                w.write(SyntheticCases.generate(42, i).toString());
                w.write('\n');
            }
        }
        reader = CaseReader.create();
        engine = Engine.create(CavaPlanKnowledge.create());
        if (threads == 0) {
            threads = Runtime.getRuntime().availableProcessors();
        }
    }

    /** Outside the measured time: the next batch writes a new file, not over the last one. */
    @Setup(Level.Iteration)
    public void removePreviousOutput() throws IOException {
        Files.deleteIfExists(output);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(input);
        Files.deleteIfExists(output);
    }

    @Benchmark
    public void parseOnly(Blackhole bh) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                bh.consume(reader.read(line));
            }
        }
    }

    /** The same code path as {@code ./cavaplan plan-batch}, on {@code threads} worker threads. */
    @Benchmark
    public BatchPlanner.Summary planBatch() throws IOException {
        try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8);
                OutputStream out = new BufferedOutputStream(Files.newOutputStream(output), 1 << 16)) {
            return new BatchPlanner(engine, reader, Optional.empty(), threads).run(in, out, (line, errors) -> { });
        }
    }
}
