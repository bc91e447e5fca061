package org.cavaplan.bench.survival;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cavaplan.survival.ColumnSpec;
import org.cavaplan.survival.CompetingRisks;
import org.cavaplan.survival.KaplanMeier;
import org.cavaplan.survival.Rmst;
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
 * Competing risks on 1,000,000 rows in memory (goal: the cumulative incidence under 500 ms): {@code
 * cumulativeIncidence} both causes in one group, {@code cumulativeIncidenceByArm} both causes in
 * each of three arms with Gray's test for each cause, {@code rmstByArm} the Kaplan-Meier curves of
 * the three arms and their restricted means.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class CumulativeIncidenceBenchmark {
    static final int ROWS = 1_000_000;

    private Path csv;
    private SurvivalData data;
    private SurvivalData byArm;

    @Setup
    public void setUp() throws IOException, SurvivalException {
        csv = Files.createTempFile("cavaplan-cif-", ".csv");
        CompetingDataGenerator.write(csv, ROWS, 20261205L);
        data = Survival.readCsv(csv, ColumnSpec.of("time", "status").withCompeting());
        byArm = Survival.readCsv(csv, ColumnSpec.of("time", "status").withGroup("arm").withCompeting());
    }

    @TearDown
    public void tearDown() throws IOException {
        Files.deleteIfExists(csv);
    }

    @Benchmark
    public CompetingRisks cumulativeIncidence() throws SurvivalException {
        return Survival.competingRisks(data);
    }

    @Benchmark
    public CompetingRisks cumulativeIncidenceByArm() throws SurvivalException {
        return Survival.competingRisks(byArm);
    }

    @Benchmark
    public Rmst rmstByArm() throws SurvivalException {
        List<KaplanMeier> km = Survival.kaplanMeier(byArm);
        return Survival.rmst(km, 24);
    }
}
