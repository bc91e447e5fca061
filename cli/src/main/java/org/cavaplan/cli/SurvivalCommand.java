package org.cavaplan.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.cavaplan.survival.Analysis;
import org.cavaplan.survival.ColumnSpec;
import org.cavaplan.survival.Survival;
import org.cavaplan.survival.SurvivalData;
import org.cavaplan.survival.SurvivalException;
import org.cavaplan.survival.SurvivalJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cavaplan survival}: Kaplan-Meier curves per group, the log-rank test and a Cox model
 * from a CSV file, as JSON on standard output (numbers as R's survival package computes them).
 * Exit 0 on success; 2 for bad input or usage, with the message on standard error and nothing on
 * standard output; 1 for an internal error.
 *
 * <p>JSON: {@code km} (one entry per group, {@code "all"} without {@code --group}), {@code
 * logRank} (null with fewer than two groups), {@code cox} (null without {@code --covariates}),
 * {@code rows} (rows read) and {@code dropped} (rows left out of the curves and the log-rank test
 * for a missing time, event or group; the Cox model reports its own {@code dropped}). Undefined
 * numbers (a median not reached, limits once survival is 0) are null. With {@code --rmst TAU}:
 * {@code rmst} per group and {@code rmstDifference} of each group against the first. With {@code
 * --competing} (event 0 censored, 1 the event of interest, 2 the competing event): {@code
 * cumulativeIncidence} per group and cause and, with a group, {@code grayTest}; the curves, the
 * log-rank test, the Cox model and the RMST then count either event (time to the first event).
 */
@Command(name = "survival",
        description = "Kaplan-Meier curves, log-rank test and Cox proportional hazards (Efron ties) "
                + "from a CSV file with a header row; JSON on standard output.")
public final class SurvivalCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--input", required = true, paramLabel = "FILE.csv",
            description = "CSV file with a header row; empty or NA values are missing.")
    Path input;

    @Option(names = "--time", required = true, paramLabel = "COL", description = "Follow-up time column (>= 0).")
    String time;

    @Option(names = "--event", required = true, paramLabel = "COL",
            description = "Event column: 1 = event, 0 = censored.")
    String event;

    @Option(names = "--group", paramLabel = "COL", description = "Group column (any text) for curves and the log-rank test.")
    String group;

    @Option(names = "--covariates", split = ",", paramLabel = "A,B,...",
            description = "Numeric covariates of the Cox model.")
    List<String> covariates;

    @Option(names = "--competing",
            description = "The event column codes competing risks: 0 censored, 1 the event of interest, 2 the "
                    + "competing event; adds the cumulative incidence per group and cause and Gray's test.")
    boolean competing;

    @Option(names = "--rmst", paramLabel = "TAU",
            description = "Also the restricted mean survival time up to TAU (> 0, the unit of --time) per group.")
    Double rmst;

    @Option(names = "--plot-svg", paramLabel = "FILE", description = "Also write the Kaplan-Meier plot as SVG.")
    Path plotSvg;

    @Option(names = "--plot-png", paramLabel = "FILE", description = "Also write the Kaplan-Meier plot as PNG.")
    Path plotPng;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        try {
            List<String> cov = covariates == null ? List.of() : List.copyOf(covariates);
            Set<String> seen = new HashSet<>();
            for (String c : cov) {
                if (c.isBlank()) {
                    return usage(err, "--covariates: empty covariate name");
                }
                if (!seen.add(c)) {
                    return usage(err, "--covariates: '" + c + "' is given twice");
                }
            }
            if (rmst != null && !(rmst > 0 && rmst < Double.POSITIVE_INFINITY)) {
                return usage(err, "--rmst: the horizon must be a number > 0, got " + rmst);
            }
            ColumnSpec columns = new ColumnSpec(time, event, group, cov, competing);
            SurvivalData data = Survival.readCsv(input, columns);
            Analysis analysis = Survival.analyze(data,
                    rmst == null ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(rmst));
            String title = group == null ? null : "Survival by " + group;
            if (plotSvg != null) {
                write(plotSvg, Survival.plotSvg(analysis.kaplanMeier(), title).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            if (plotPng != null) {
                write(plotPng, Survival.plotPng(analysis.kaplanMeier(), title));
            }
            // Everything that can fail has run: only now write to standard output.
            writeJson(analysis, out);
            out.println();
            out.flush();
            return Exit.OK;
        } catch (SurvivalException e) {
            return usage(err, e.getMessage());
        } catch (IOException e) {
            return usage(err, "cannot write plot: " + e.getMessage());
        } catch (RuntimeException e) {
            err.println("cavaplan survival: internal error: " + e);
            err.flush();
            return Exit.INTERNAL;
        }
    }

    private static int usage(java.io.PrintWriter err, String message) {
        err.println("cavaplan survival: " + message);
        err.flush();
        return Exit.BAD_INPUT;
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
    }

    /**
     * Writes the JSON document ({@link SurvivalJson#analysis}, the one writer of survival JSON, also
     * the server's), compact, on one line (the shape is a contract: fields may be added, not renamed). */
    static void writeJson(Analysis a, Writer out) throws IOException {
        SurvivalJson.analysis(a, out);
    }
}
