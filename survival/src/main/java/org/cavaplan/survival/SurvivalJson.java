package org.cavaplan.survival;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The JSON of survival results, written once for every caller: the document of {@code cavaplan
 * survival} ({@link #analysis}) and the documents of the registry's analytics API ({@link
 * #kaplanMeier}, {@link #cox}). Compact, on one line; field names and order are a contract (fields
 * may be added, not renamed). Undefined numbers (a median not reached, limits once survival is 0,
 * any non-finite value) are {@code null}; other numbers are written as {@link Double#toString(double)}
 * writes them, counts as integers. Stateless and thread-safe.
 *
 * <p>Parts, the same in every document: a curve {@code {group, n, events, median, medianLower95,
 * medianUpper95, table: [{time, nRisk, nEvent, nCensor, survival, stdErr, lower95, upper95}]}}, the
 * log-rank test {@code {chiSquare, df, p, groups: [{group, n, observed, expected}]}} and the Cox model
 * {@code {ties, coefficients: [{name, coef, hr, se, z, p, lower95, upper95}], logLikelihood: [null
 * model, fitted], n, events, dropped, likelihoodRatio, wald, score, concordance, iterations}}, the
 * restricted mean {@code rmst: [{group, tau, estimate, se}], rmstDifference: [{group, reference, tau,
 * estimate, se, lower95, upper95}]} and the competing risks {@code cumulativeIncidence: [{group,
 * cause, n, events, time: […], estimate: […], variance: […], lower: […], upper: […]}], grayTest:
 * [{cause, statistic, df, p}]} (the test only with two or more groups).
 */
public final class SurvivalJson {

    private SurvivalJson() {}

    /**
     * The document of {@code cavaplan survival}: {@code {km: [curve…], logRank: test or null, cox:
     * model or null, rows, dropped}}, where {@code rows} are the rows read and {@code dropped} those
     * left out of the curves and the log-rank test.
     *
     * @param analysis what {@link Survival#analyze} computed
     * @param out where to write; flushed by the caller
     * @throws IOException when {@code out} fails
     */
    public static void analysis(Analysis analysis, Appendable out) throws IOException {
        Writer w = new Writer(out);
        try {
            analysis(analysis, w);
            w.flush();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void analysis(Analysis analysis, Writer w) {
        w.begin();
        w.name("km");
        curves(w, analysis.kaplanMeier());
        w.name("logRank");
        logRank(w, analysis.logRank());
        w.name("cox");
        if (analysis.cox().isPresent()) {
            cox(w, analysis.cox().get());
        } else {
            w.nullValue();
        }
        w.field("rows", analysis.rows());
        w.field("dropped", analysis.kmDropped());
        if (analysis.rmst().isPresent()) {
            rmst(w, analysis.rmst().get(), 1, null);
        }
        if (analysis.competingRisks().isPresent()) {
            competingRisks(w, analysis.competingRisks().get(), 1, null);
        }
        w.end();
    }

    /** {@link #analysis(Analysis, Appendable)} as a string. */
    public static String analysis(Analysis analysis) {
        Writer w = new Writer(new StringBuilder(4096));
        analysis(analysis, w);
        return w.out.toString();
    }

    /**
     * The cumulative incidence document of the analytics API: {@code {event, factor, timeUnit,
     * cumulativeIncidence: [curve…], grayTest: [test…], n, excluded, exclusions: [{reason, count}]}}
     * with times (and nothing else) divided by {@code timeScale}.
     *
     * @param event what cause 1 is (e.g. {@code "local"}); cause 2 is death without it
     * @param factor the grouping factor's name
     * @param timeUnit the unit of the times after scaling (e.g. {@code "months"})
     * @param timeScale the divisor of the times (e.g. days per month)
     * @param cr the curves and tests
     * @param n the cases analysed
     * @param exclusions the cases left out, per reason in words, in order
     * @param words a group label in words, written as {@code label} beside each {@code group}
     * @return the JSON text
     */
    public static String cumulativeIncidence(String event, String factor, String timeUnit, double timeScale,
            CompetingRisks cr, int n, java.util.Map<String, Integer> exclusions,
            java.util.function.UnaryOperator<String> words) {
        Writer w = new Writer(new StringBuilder(8192));
        w.begin();
        w.field("event", event);
        w.field("factor", factor);
        w.field("timeUnit", timeUnit);
        competingRisks(w, cr, timeScale, words);
        w.field("n", n);
        exclusions(w, exclusions);
        w.end();
        return w.out.toString();
    }

    /**
     * The Kaplan-Meier document of the analytics API with times divided by {@code timeScale}: {@code
     * {factor, timeUnit, km: [curve…], logRank: test or null, rmst…, n, excluded, exclusions: [{reason,
     * count}]}}; {@code rmst} and {@code rmstDifference} with a horizon (in the scaled unit).
     *
     * @param factor the grouping factor's name
     * @param timeUnit the unit of the times after scaling
     * @param timeScale the divisor of the times
     * @param curves the curves, one per group
     * @param logRank the test, empty when it is not defined
     * @param rmst the restricted means (computed on the unscaled curves), or empty
     * @param n the cases in the curves
     * @param exclusions the cases left out, per reason in words, in order
     * @param words a group label in words, written as {@code label} beside each {@code group}
     * @return the JSON text
     */
    public static String kaplanMeier(String factor, String timeUnit, double timeScale, List<KaplanMeier> curves,
            Optional<LogRank> logRank, Optional<Rmst> rmst, int n, java.util.Map<String, Integer> exclusions,
            java.util.function.UnaryOperator<String> words) {
        Writer w = new Writer(new StringBuilder(16 * 1024 + 200 * curves.stream().mapToInt(k -> k.table().size()).sum()));
        w.begin();
        w.field("factor", factor);
        w.field("timeUnit", timeUnit);
        w.name("km");
        curves(w, curves, timeScale, words);
        w.name("logRank");
        logRank(w, logRank);
        if (rmst.isPresent()) {
            rmst(w, rmst.get(), timeScale, words);
        }
        w.field("n", n);
        exclusions(w, exclusions);
        w.end();
        return w.out.toString();
    }

    private static void exclusions(Writer w, java.util.Map<String, Integer> exclusions) {
        w.field("excluded", exclusions.values().stream().mapToInt(Integer::intValue).sum());
        w.name("exclusions");
        w.beginArray();
        exclusions.forEach((reason, count) -> {
            w.begin();
            w.field("reason", reason);
            w.field("count", count);
            w.end();
        });
        w.endArray();
    }

    /**
     * The Kaplan-Meier document of the analytics API: {@code {factor, km: [curve…], logRank: test or
     * null, n, excluded}}.
     *
     * @param factor the grouping factor's name
     * @param curves the curves, one per group
     * @param logRank the test, empty when it is not defined
     * @param n the cases in the curves
     * @param excluded the cases left out (a missing time, event or group)
     * @return the JSON text
     */
    public static String kaplanMeier(String factor, List<KaplanMeier> curves, Optional<LogRank> logRank, int n,
            int excluded) {
        Writer w = new Writer(new StringBuilder(16 * 1024 + 200 * curves.stream().mapToInt(k -> k.table().size()).sum()));
        w.begin();
        w.field("factor", factor);
        w.name("km");
        curves(w, curves);
        w.name("logRank");
        logRank(w, logRank);
        w.field("n", n);
        w.field("excluded", excluded);
        w.end();
        return w.out.toString();
    }

    /**
     * The Cox document of the analytics API: {@code {covariates: [name…], cox: model, n, excluded}}.
     *
     * @param covariates the covariates' names, in the model's order
     * @param model the fitted model
     * @param excluded the cases left out (a missing time, event or covariate)
     * @return the JSON text
     */
    public static String cox(List<String> covariates, CoxModel model, int excluded) {
        return cox(covariates, model, excluded, null);
    }

    /**
     * The Cox document with the reasons for the cases left out: {@code {covariates, cox, n, excluded,
     * exclusions: [{reason, count}]}}, where {@code excluded} counts every case left out.
     *
     * @param covariates the covariates' names, in the model's order
     * @param model the fitted model
     * @param exclusions cases left out before the model, per reason in words
     * @return the JSON text
     */
    public static String cox(List<String> covariates, CoxModel model, java.util.Map<String, Integer> exclusions) {
        java.util.Map<String, Integer> all = new java.util.LinkedHashMap<>(exclusions);
        if (model.dropped() > 0) {
            all.merge("a missing time, outcome or covariate", model.dropped(), Integer::sum);
        }
        return cox(covariates, model, -1, all);
    }

    private static String cox(List<String> covariates, CoxModel model, int excluded,
            java.util.Map<String, Integer> exclusions) {
        Writer w = new Writer(new StringBuilder(2048));
        w.begin();
        w.name("covariates");
        w.beginArray();
        covariates.forEach(w::value);
        w.endArray();
        w.name("cox");
        cox(w, model);
        w.field("n", model.n());
        if (exclusions == null) {
            w.field("excluded", excluded);
        } else {
            exclusions(w, exclusions);
        }
        w.end();
        return w.out.toString();
    }

    // ---- parts -------------------------------------------------------------------------------

    private static void curves(Writer w, List<KaplanMeier> curves) {
        curves(w, curves, 1, null);
    }

    /**
     * Curves with their times (time, median and its limits) divided by {@code scale}; with {@code
     * words}, a {@code label} after each {@code group}.
     */
    private static void curves(Writer w, List<KaplanMeier> curves, double scale,
            java.util.function.UnaryOperator<String> words) {
        w.beginArray();
        for (KaplanMeier k : curves) {
            w.begin();
            w.field("group", k.group());
            label(w, k.group(), words);
            w.field("n", k.n());
            w.field("events", k.events());
            w.field("median", scaled(k.median().estimate(), scale));
            w.field("medianLower95", scaled(k.median().lower95(), scale));
            w.field("medianUpper95", scaled(k.median().upper95(), scale));
            w.name("table");
            w.beginArray();
            for (KaplanMeier.Row r : k.table()) {
                w.begin();
                w.field("time", scale == 1 ? r.time() : r.time() / scale);
                w.field("nRisk", r.nRisk());
                w.field("nEvent", r.nEvent());
                w.field("nCensor", r.nCensor());
                w.field("survival", r.survival());
                w.field("stdErr", r.stdErr());
                w.field("lower95", r.lower95());
                w.field("upper95", r.upper95());
                w.end();
            }
            w.endArray();
            w.end();
        }
        w.endArray();
    }

    private static void label(Writer w, String group, java.util.function.UnaryOperator<String> words) {
        if (words != null) {
            w.field("label", words.apply(group));
        }
    }

    private static OptionalDouble scaled(OptionalDouble t, double scale) {
        return t.isPresent() && scale != 1 ? OptionalDouble.of(t.getAsDouble() / scale) : t;
    }

    /** {@code rmst} and {@code rmstDifference}; times (tau, estimates, standard errors) divided by {@code scale}. */
    private static void rmst(Writer w, Rmst r, double scale, java.util.function.UnaryOperator<String> words) {
        double tau = r.tau() / scale;
        w.name("rmst");
        w.beginArray();
        for (Rmst.Group g : r.groups()) {
            w.begin();
            w.field("group", g.group());
            label(w, g.group(), words);
            w.field("tau", tau);
            w.field("estimate", g.estimate() / scale);
            w.field("se", g.se() / scale);
            w.end();
        }
        w.endArray();
        w.name("rmstDifference");
        w.beginArray();
        for (Rmst.Difference d : r.differences()) {
            w.begin();
            w.field("group", d.group());
            label(w, d.group(), words);
            w.field("reference", d.reference());
            w.field("tau", tau);
            w.field("estimate", d.estimate() / scale);
            w.field("se", d.se() / scale);
            w.field("lower95", d.lower95() / scale);
            w.field("upper95", d.upper95() / scale);
            w.end();
        }
        w.endArray();
    }

    /** {@code cumulativeIncidence} and {@code grayTest} (the latter only with tests); times divided by {@code scale}. */
    private static void competingRisks(Writer w, CompetingRisks cr, double scale,
            java.util.function.UnaryOperator<String> words) {
        w.name("cumulativeIncidence");
        w.beginArray();
        for (CumulativeIncidence c : cr.curves()) {
            w.begin();
            w.field("group", c.group());
            label(w, c.group(), words);
            w.field("cause", c.cause());
            w.field("n", c.n());
            w.field("events", c.events());
            List<CumulativeIncidence.Point> p = c.points();
            w.name("time");
            w.beginArray();
            p.forEach(x -> w.value(scale == 1 ? x.time() : x.time() / scale));
            w.endArray();
            w.name("estimate");
            w.beginArray();
            p.forEach(x -> w.value(x.estimate()));
            w.endArray();
            w.name("variance");
            w.beginArray();
            p.forEach(x -> w.value(x.variance()));
            w.endArray();
            w.name("lower");
            w.beginArray();
            p.forEach(x -> w.value(x.lower95()));
            w.endArray();
            w.name("upper");
            w.beginArray();
            p.forEach(x -> w.value(x.upper95()));
            w.endArray();
            w.end();
        }
        w.endArray();
        if (!cr.grayTests().isEmpty()) {
            w.name("grayTest");
            w.beginArray();
            for (GrayTest g : cr.grayTests()) {
                w.begin();
                w.field("cause", g.cause());
                w.field("statistic", g.test().chiSquare());
                w.field("df", g.test().df());
                w.field("p", g.test().p());
                w.end();
            }
            w.endArray();
        }
    }

    private static void logRank(Writer w, Optional<LogRank> test) {
        if (test.isEmpty()) {
            w.nullValue();
            return;
        }
        LogRank lr = test.get();
        w.begin();
        w.field("chiSquare", lr.test().chiSquare());
        w.field("df", lr.test().df());
        w.field("p", lr.test().p());
        w.name("groups");
        w.beginArray();
        for (LogRank.Group g : lr.groups()) {
            w.begin();
            w.field("group", g.group());
            w.field("n", g.n());
            w.field("observed", g.observed());
            w.field("expected", g.expected());
            w.end();
        }
        w.endArray();
        w.end();
    }

    private static void cox(Writer w, CoxModel m) {
        w.begin();
        w.field("ties", m.ties());
        w.name("coefficients");
        w.beginArray();
        for (CoxModel.Coefficient c : m.coefficients()) {
            w.begin();
            w.field("name", c.name());
            w.field("coef", c.coef());
            w.field("hr", c.hr());
            w.field("se", c.se());
            w.field("z", c.z());
            w.field("p", c.p());
            w.field("lower95", c.lower95());
            w.field("upper95", c.upper95());
            w.end();
        }
        w.endArray();
        w.name("logLikelihood");
        w.beginArray();
        w.value(m.logLikelihoodNull());
        w.value(m.logLikelihood());
        w.endArray();
        w.field("n", m.n());
        w.field("events", m.events());
        w.field("dropped", m.dropped());
        test(w, "likelihoodRatio", m.likelihoodRatio());
        test(w, "wald", m.wald());
        test(w, "score", m.score());
        w.name("concordance");
        w.begin();
        w.field("value", m.concordance().value());
        w.field("stdErr", m.concordance().stdErr());
        w.field("concordant", m.concordance().concordant());
        w.field("discordant", m.concordance().discordant());
        w.field("tiedRisk", m.concordance().tiedRisk());
        w.field("tiedTime", m.concordance().tiedTime());
        w.end();
        w.field("iterations", m.iterations());
        w.end();
    }

    private static void test(Writer w, String name, ChiSquareTest t) {
        w.name(name);
        w.begin();
        w.field("chiSquare", t.chiSquare());
        w.field("df", t.df());
        w.field("p", t.p());
        w.end();
    }

    /**
     * A streaming JSON writer for the documents above: commas are placed by the writer, strings
     * escaped as RFC 8259 requires. An {@link IOException} of the target is thrown as an
     * {@link UncheckedIOException} and unwrapped by the public methods that take an {@link Appendable}.
     */
    private static final class Writer {
        /** Text is gathered here and handed to {@link #target} in large pieces (a writer may lock per call). */
        private static final int CHUNK = 16 * 1024;

        private final StringBuilder out;
        private final Appendable target;
        /** Whether the next value in the current object or array needs a comma before it. */
        private boolean comma;

        /** Writes into {@code out}, whose text is the document. */
        Writer(StringBuilder out) {
            this.out = out;
            this.target = null;
        }

        /** Writes to {@code target}; {@link #flush} at the end. */
        Writer(Appendable target) {
            this.out = new StringBuilder(CHUNK + 1024);
            this.target = target;
        }

        /** Hands what was written to the target (nothing to do without one). */
        void flush() {
            if (target != null && out.length() > 0) {
                try {
                    target.append(out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                out.setLength(0);
            }
        }

        void begin() {
            separate();
            raw('{');
            comma = false;
        }

        void end() {
            raw('}');
            comma = true;
            if (target != null && out.length() >= CHUNK) {
                flush();
            }
        }

        void beginArray() {
            separate();
            raw('[');
            comma = false;
        }

        void endArray() {
            raw(']');
            comma = true;
            if (target != null && out.length() >= CHUNK) {
                flush();
            }
        }

        void name(String name) {
            separate();
            string(name);
            raw(':');
            comma = false;
        }

        void field(String name, String value) {
            name(name);
            value(value);
        }

        void field(String name, long value) {
            name(name);
            separate();
            out.append(value);
            comma = true;
        }

        void field(String name, double value) {
            name(name);
            value(value);
        }

        void field(String name, OptionalDouble value) {
            name(name);
            if (value.isPresent()) {
                value(value.getAsDouble());
            } else {
                nullValue();
            }
        }

        void value(String value) {
            separate();
            string(value);
            comma = true;
        }

        /** A finite number, or null for NaN and the infinities (JSON has no such numbers). */
        void value(double value) {
            separate();
            if (Double.isFinite(value)) {
                out.append(value); // the digits of Double.toString
            } else {
                raw("null");
            }
            comma = true;
        }

        void nullValue() {
            separate();
            raw("null");
            comma = true;
        }

        private void separate() {
            if (comma) {
                raw(',');
            }
        }

        private void string(String s) {
            raw('"');
            int start = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\' || c < 0x20) {
                    raw(s, start, i);
                    raw(escape(c));
                    start = i + 1;
                }
            }
            raw(s, start, s.length());
            raw('"');
        }

        private static String escape(char c) {
            return switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                case '\b' -> "\\b";
                case '\f' -> "\\f";
                default -> String.format("\\u%04x", (int) c);
            };
        }

        private void raw(char c) {
            out.append(c);
        }

        private void raw(CharSequence s) {
            out.append(s);
        }

        private void raw(CharSequence s, int from, int to) {
            out.append(s, from, to);
        }
    }
}
