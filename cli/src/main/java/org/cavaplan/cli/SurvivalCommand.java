package org.cavaplan.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.Callable;
import org.cavaplan.survival.Analysis;
import org.cavaplan.survival.ChiSquareTest;
import org.cavaplan.survival.ColumnSpec;
import org.cavaplan.survival.CoxModel;
import org.cavaplan.survival.KaplanMeier;
import org.cavaplan.survival.LogRank;
import org.cavaplan.survival.Survival;
import org.cavaplan.survival.SurvivalData;
import org.cavaplan.survival.SurvivalException;
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
 * numbers (a median not reached, limits once survival is 0) are null.
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
            ColumnSpec columns = new ColumnSpec(time, event, group, cov);
            SurvivalData data = Survival.readCsv(input, columns);
            Analysis analysis = Survival.analyze(data);
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

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    /** The JSON document as a string (see {@link #writeJson}). */
    static String json(Analysis a) {
        StringWriter w = new StringWriter();
        try {
            writeJson(a, w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /**
     * Streams the JSON document, compact, on one line (the shape is a contract: fields may be
     * added, not renamed). Streaming keeps large tables (one row per distinct time) cheap.
     */
    static void writeJson(Analysis a, Writer out) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("km");
            for (KaplanMeier k : a.kaplanMeier()) {
                g.writeStartObject();
                g.writeStringField("group", k.group());
                g.writeNumberField("n", k.n());
                g.writeNumberField("events", k.events());
                number(g, "median", k.median().estimate());
                number(g, "medianLower95", k.median().lower95());
                number(g, "medianUpper95", k.median().upper95());
                g.writeArrayFieldStart("table");
                for (KaplanMeier.Row r : k.table()) {
                    g.writeStartObject();
                    number(g, "time", r.time());
                    g.writeNumberField("nRisk", r.nRisk());
                    g.writeNumberField("nEvent", r.nEvent());
                    g.writeNumberField("nCensor", r.nCensor());
                    number(g, "survival", r.survival());
                    number(g, "stdErr", r.stdErr());
                    number(g, "lower95", r.lower95());
                    number(g, "upper95", r.upper95());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            if (a.logRank().isPresent()) {
                LogRank lr = a.logRank().get();
                g.writeObjectFieldStart("logRank");
                number(g, "chiSquare", lr.test().chiSquare());
                g.writeNumberField("df", lr.test().df());
                number(g, "p", lr.test().p());
                g.writeArrayFieldStart("groups");
                for (LogRank.Group gr : lr.groups()) {
                    g.writeStartObject();
                    g.writeStringField("group", gr.group());
                    g.writeNumberField("n", gr.n());
                    number(g, "observed", gr.observed());
                    number(g, "expected", gr.expected());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            } else {
                g.writeNullField("logRank");
            }
            if (a.cox().isPresent()) {
                CoxModel m = a.cox().get();
                g.writeObjectFieldStart("cox");
                g.writeStringField("ties", m.ties());
                g.writeArrayFieldStart("coefficients");
                for (CoxModel.Coefficient c : m.coefficients()) {
                    g.writeStartObject();
                    g.writeStringField("name", c.name());
                    number(g, "coef", c.coef());
                    number(g, "hr", c.hr());
                    number(g, "se", c.se());
                    number(g, "z", c.z());
                    number(g, "p", c.p());
                    number(g, "lower95", c.lower95());
                    number(g, "upper95", c.upper95());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeArrayFieldStart("logLikelihood");
                g.writeNumber(m.logLikelihoodNull());
                g.writeNumber(m.logLikelihood());
                g.writeEndArray();
                g.writeNumberField("n", m.n());
                g.writeNumberField("events", m.events());
                g.writeNumberField("dropped", m.dropped());
                test(g, "likelihoodRatio", m.likelihoodRatio());
                test(g, "wald", m.wald());
                test(g, "score", m.score());
                g.writeObjectFieldStart("concordance");
                number(g, "value", m.concordance().value());
                number(g, "stdErr", m.concordance().stdErr());
                g.writeNumberField("concordant", m.concordance().concordant());
                g.writeNumberField("discordant", m.concordance().discordant());
                g.writeNumberField("tiedRisk", m.concordance().tiedRisk());
                g.writeNumberField("tiedTime", m.concordance().tiedTime());
                g.writeEndObject();
                g.writeNumberField("iterations", m.iterations());
                g.writeEndObject();
            } else {
                g.writeNullField("cox");
            }
            g.writeNumberField("rows", a.rows());
            g.writeNumberField("dropped", a.kmDropped());
            g.writeEndObject();
        }
    }

    private static void test(JsonGenerator g, String field, ChiSquareTest t) throws IOException {
        g.writeObjectFieldStart(field);
        number(g, "chiSquare", t.chiSquare());
        g.writeNumberField("df", t.df());
        number(g, "p", t.p());
        g.writeEndObject();
    }

    /** Finite numbers as numbers, NaN (undefined) as null. */
    private static void number(JsonGenerator g, String field, double value) throws IOException {
        if (Double.isFinite(value)) {
            g.writeNumberField(field, value);
        } else {
            g.writeNullField(field);
        }
    }

    private static void number(JsonGenerator g, String field, OptionalDouble value) throws IOException {
        if (value.isPresent()) {
            g.writeNumberField(field, value.getAsDouble());
        } else {
            g.writeNullField(field);
        }
    }
}
