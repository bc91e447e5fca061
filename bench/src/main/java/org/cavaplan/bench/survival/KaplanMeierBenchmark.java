package org.cavaplan.bench.survival;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cavaplan.survival.ColumnSpec;
import org.cavaplan.survival.KaplanMeier;
import org.cavaplan.survival.Survival;
import org.cavaplan.survival.SurvivalData;
import org.cavaplan.survival.SurvivalException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Kaplan-Meier on 1,000,000 rows (goal: under 500 ms): {@code kaplanMeier} on data in memory,
 * {@code kaplanMeierByArm} with two groups, {@code readCsvAndKaplanMeier} including parsing the
 * CSV file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class KaplanMeierBenchmark {
    static final int ROWS = 1_000_000;

    private Path csv;
    private SurvivalData data;
    private SurvivalData byArm;

    @Setup
    public void setUp() throws IOException, SurvivalException {
        csv = Files.createTempFile("cavaplan-km-", ".csv");
        SurvivalDataGenerator.write(csv, ROWS, 1, 20240611L);
        data = Survival.readCsv(csv, ColumnSpec.of("time", "status"));
        byArm = Survival.readCsv(csv, ColumnSpec.of("time", "status").withGroup("arm"));
    }

    @TearDown
    public void tearDown() throws IOException {
        Files.deleteIfExists(csv);
    }

    @Benchmark
    public List<KaplanMeier> kaplanMeier() throws SurvivalException {
        return Survival.kaplanMeier(data);
    }

    @Benchmark
    public List<KaplanMeier> kaplanMeierByArm() throws SurvivalException {
        return Survival.kaplanMeier(byArm);
    }

    @Benchmark
    public List<KaplanMeier> readCsvAndKaplanMeier() throws SurvivalException {
        return Survival.kaplanMeier(Survival.readCsv(csv, ColumnSpec.of("time", "status")));
    }
}
