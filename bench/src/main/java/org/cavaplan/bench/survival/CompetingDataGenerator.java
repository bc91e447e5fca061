package org.cavaplan.bench.survival;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic competing-risk data for the benchmarks: the same arguments always give
 * the same file.
 *
 * <p>Columns: {@code time} (the earliest of an event of interest, a competing event and a
 * censoring, each exponential; arm B has 1.4 times and arm C 0.8 times the hazard of the event of
 * interest of arm A; rounded to 0.01 so that ties occur), {@code status} (0 censored, 1 the event of
 * interest, 2 the competing event) and {@code arm} (A, B or C, in proportions 1/2, 1/3, 1/6).
 *
 * <pre>java -cp bench/target/benchmarks.jar org.cavaplan.bench.survival.CompetingDataGenerator ROWS SEED OUT.csv</pre>
 */
public final class CompetingDataGenerator {

    private CompetingDataGenerator() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: CompetingDataGenerator ROWS SEED OUT.csv");
            System.exit(2);
        }
        write(Path.of(args[2]), Integer.parseInt(args[0]), Long.parseLong(args[1]));
    }

    /** Writes {@code rows} rows to {@code file}. */
    public static void write(Path file, int rows, long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        StringBuilder line = new StringBuilder(64);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.append("time,status,arm\n");
            for (int i = 0; i < rows; i++) {
                double u = rnd.nextDouble();
                String arm = u < 0.5 ? "A" : u < 5.0 / 6 ? "B" : "C";
                double hazard = 0.05 * (arm.equals("B") ? 1.4 : arm.equals("C") ? 0.8 : 1.0);
                double event = exponential(rnd, hazard);
                double competing = exponential(rnd, 0.03);
                double censor = exponential(rnd, 0.03);
                double t = Math.min(event, Math.min(competing, censor));
                int status = t == event ? 1 : t == competing ? 2 : 0;
                line.setLength(0);
                line.append(Math.max(0.01, Math.round(t * 100) / 100.0)).append(',').append(status).append(',')
                        .append(arm).append('\n');
                w.append(line);
            }
        }
    }

    private static double exponential(SplittableRandom rnd, double rate) {
        return -Math.log(1 - rnd.nextDouble()) / rate;
    }
}
