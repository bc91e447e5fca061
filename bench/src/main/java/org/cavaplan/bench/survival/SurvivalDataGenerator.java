package org.cavaplan.bench.survival;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic survival data for the benchmarks: the same arguments always give the
 * same file.
 *
 * <p>Columns: {@code time} (exponential event time under a proportional hazards model with
 * coefficients 0.5, -0.3, 0.2, 0.1, -0.4, ... on standard normal covariates, administratively
 * censored by an independent exponential, rounded to 0.001 so that ties occur), {@code status}
 * (1 = event), {@code arm} (A or B) and {@code x1 .. xp} (4 decimals).
 *
 * <pre>java -cp bench/target/benchmarks.jar org.cavaplan.bench.survival.SurvivalDataGenerator
 *     ROWS COVARIATES SEED OUT.csv</pre>
 */
public final class SurvivalDataGenerator {
    private static final double[] BETA = {0.5, -0.3, 0.2, 0.1, -0.4, 0.25, -0.15, 0.05};

    private SurvivalDataGenerator() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: SurvivalDataGenerator ROWS COVARIATES SEED OUT.csv");
            System.exit(2);
        }
        write(Path.of(args[3]), Integer.parseInt(args[0]), Integer.parseInt(args[1]), Long.parseLong(args[2]));
    }

    /** Writes {@code rows} rows with {@code covariates} covariates to {@code file}. */
    public static void write(Path file, int rows, int covariates, long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[covariates];
        StringBuilder line = new StringBuilder(128);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            line.append("time,status,arm");
            for (int j = 1; j <= covariates; j++) {
                line.append(",x").append(j);
            }
            w.append(line).append('\n');
            for (int i = 0; i < rows; i++) {
                double lp = 0;
                for (int j = 0; j < covariates; j++) {
                    x[j] = Math.round(gaussian(rnd) * 1e4) / 1e4;
                    lp += BETA[j % BETA.length] * x[j];
                }
                boolean armB = rnd.nextBoolean();
                if (armB) {
                    lp += 0.3;
                }
                double event = -Math.log(1 - rnd.nextDouble()) / (0.1 * Math.exp(lp));
                double censor = -Math.log(1 - rnd.nextDouble()) / 0.05;
                double t = Math.max(0.001, Math.round(Math.min(event, censor) * 1000) / 1000.0);
                line.setLength(0);
                line.append(String.format(Locale.ROOT, "%.3f", t)).append(',')
                        .append(event <= censor ? '1' : '0').append(',').append(armB ? 'B' : 'A');
                for (int j = 0; j < covariates; j++) {
                    line.append(',').append(String.format(Locale.ROOT, "%.4f", x[j]));
                }
                w.append(line).append('\n');
            }
        }
    }

    /** Standard normal by Box-Muller (one of the pair), deterministic given the generator. */
    private static double gaussian(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
