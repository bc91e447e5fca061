package org.cavaplan.bench.survival;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cavaplan.survival.ColumnSpec;
import org.cavaplan.survival.CoxModel;
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
 * Cox proportional hazards (Efron) on 100,000 rows with 5 covariates: {@code cox} on data in
 * memory (includes the concordance), {@code readCsvAndCox} including parsing the CSV file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class CoxBenchmark {
    static final int ROWS = 100_000;
    static final List<String> COVARIATES = List.of("x1", "x2", "x3", "x4", "x5");

    private Path csv;
    private SurvivalData data;

    @Setup
    public void setUp() throws IOException, SurvivalException {
        csv = Files.createTempFile("cavaplan-cox-", ".csv");
        SurvivalDataGenerator.write(csv, ROWS, COVARIATES.size(), 20240611L);
        data = Survival.readCsv(csv, ColumnSpec.of("time", "status").withCovariates(COVARIATES));
    }

    @TearDown
    public void tearDown() throws IOException {
        Files.deleteIfExists(csv);
    }

    @Benchmark
    public CoxModel cox() throws SurvivalException {
        return Survival.cox(data);
    }

    @Benchmark
    public CoxModel readCsvAndCox() throws SurvivalException {
        return Survival.cox(Survival.readCsv(csv, ColumnSpec.of("time", "status").withCovariates(COVARIATES)));
    }
}
