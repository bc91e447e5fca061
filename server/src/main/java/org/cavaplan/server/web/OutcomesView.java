package org.cavaplan.server.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.cavaplan.io.InputError;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.AnalysisRow;
import org.cavaplan.registry.Registry;
import org.cavaplan.server.Analytics;
import org.cavaplan.server.Problem;
import org.cavaplan.survival.ChiSquareTest;
import org.cavaplan.survival.CoxModel;
import org.cavaplan.survival.CumulativeIncidence;
import org.cavaplan.survival.KaplanMeier;
import org.cavaplan.survival.Rmst;

/**
 * The outcomes page's record ({@link OutcomesPage}): a GET form (grouping factor, Cox covariates,
 * whether synthetic demo cases count), Kaplan-Meier curves drawn as an inline SVG (laid out by the
 * survival module, {@link PlotFigure}; months since the operation, groups in words, the log-rank test
 * on the plot), a table of the groups with median survival, the log-rank test, the restricted mean
 * survival time at five years, the cumulative incidence of local recurrence and of distant
 * metastasis with death as the competing risk (with Gray's test), and a Cox table. Each analysis
 * says how many cases it left out and why; synthetic cases are left out unless asked for. The numbers are those
 * of the analytics API ({@link Analytics}) over the registry's de-identified analysis rows, so every
 * role that may read aggregates (researchers included) sees the same figures. A bad query value is
 * shown as a message in the page, never as a server error. Thread-safe.
 */
public final class OutcomesView {

    /** The factor shown when the page is opened without a query. */
    static final String DEFAULT_FACTOR = "level";

    /** The covariates ticked when the page is opened without a query. */
    static final List<String> DEFAULT_COVARIATES = List.of("grade", "size_cm", "level_3");

    /** The grouping factors in words, as they read inside a sentence. */
    private static final Map<String, String> FACTOR_PHRASES = Analytics.FACTOR_WORDS;

    private static final Map<String, String> COVARIATE_LABELS = Analytics.COVARIATE_WORDS;

    private static final double DAYS_PER_MONTH = Analytics.DAYS_PER_MONTH;

    /** The horizon of the restricted mean survival time shown, in months (five years). */
    static final double RMST_HORIZON_MONTHS = 60;

    /** The horizon of the cumulative incidence shown in the tables, in months (five years). */
    static final double INCIDENCE_HORIZON_MONTHS = 60;

    /** The events whose cumulative incidence is drawn, in the page's order. */
    static final List<String> INCIDENCE_EVENTS = List.of("local", "distant");

    private final Registry registry;

    public OutcomesView(Registry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * The page for {@code actor} and the query of the request.
     *
     * @param frame the layout's frame
     * @param actor who asks (the registry's de-identified analysis rows are read as this actor)
     * @param queryParams the query parameters: {@code factor} (one of {@link Analytics#FACTORS}) and
     *     {@code covariates} (repeated, or comma-separated, from {@link Analytics#COVARIATES}) and
     *     {@code includeSynthetic} ({@code true} counts synthetic demo cases); an empty query, or
     *     one with only {@code includeSynthetic}, shows the default factor and covariates
     * @return the page's record
     * @throws org.cavaplan.registry.RegistryException when the registry refuses the actor or is unavailable
     */
    public OutcomesPage page(Frame frame, Actor actor, Map<String, List<String>> queryParams) {
        Query query = Query.of(queryParams == null ? Map.of() : queryParams);
        List<OutcomesPage.Alert> queryErrors = new ArrayList<>();
        String factor = null;
        try {
            factor = Analytics.factor(query.factor);
        } catch (Problem p) {
            queryErrors.add(alert(p));
        }
        List<String> covariates = null;
        if (!query.covariates.isEmpty()) {
            try {
                covariates = Analytics.covariates(String.join(",", query.covariates));
            } catch (Problem p) {
                queryErrors.add(alert(p));
            }
        }
        boolean includeSynthetic = false;
        try {
            includeSynthetic = Analytics.includeSynthetic(query.includeSynthetic);
        } catch (Problem p) {
            queryErrors.add(alert(p));
        }
        OutcomesPage.Synthetic synthetic = new OutcomesPage.Synthetic(includeSynthetic,
                query.href(!includeSynthetic), includeSynthetic ? "leave them out" : "Include synthetic demo cases");
        Optional<OutcomesPage.Km> km = Optional.empty();
        Optional<OutcomesPage.Alert> kmError = Optional.empty();
        Optional<OutcomesPage.Cox> cox = Optional.empty();
        Optional<OutcomesPage.Alert> coxError = Optional.empty();
        List<OutcomesPage.IncidenceOrAlert> incidence = new ArrayList<>();
        boolean askForCovariate = false;
        if (factor != null || covariates != null) {
            List<AnalysisRow> rows = Analytics.rows(registry, actor,
                    Analytics.analysis(factor, covariates == null ? List.of() : covariates));
            if (factor != null) {
                try {
                    km = Optional.of(km(factor, Analytics.km(rows, factor, includeSynthetic,
                            OptionalDouble.of(RMST_HORIZON_MONTHS)), synthetic));
                } catch (Problem p) {
                    kmError = Optional.of(alert(p));
                }
                for (String event : INCIDENCE_EVENTS) {
                    try {
                        incidence.add(incidence(event, Analytics.cif(rows, event, factor, includeSynthetic), synthetic));
                    } catch (Problem p) {
                        incidence.add(new OutcomesPage.IncidenceAlert(incidenceTitle(event, factor), alert(p)));
                    }
                }
            }
            if (covariates != null) {
                try {
                    cox = Optional.of(cox(Analytics.cox(rows, covariates, includeSynthetic), synthetic));
                } catch (Problem p) {
                    coxError = Optional.of(alert(p));
                }
            } else {
                askForCovariate = query.covariates.isEmpty();
            }
        }
        return new OutcomesPage(frame, factors(query), covariates(query), queryErrors, km, kmError, cox, coxError,
                askForCovariate, synthetic, incidence, board(registry.overrideStatistics(actor)));
    }

    /** The override statistics in words: each recommendation named, the reasons listed when counted. */
    static OutcomesPage.BoardUse board(org.cavaplan.core.meeting.OverrideStatistics statistics) {
        List<OutcomesPage.BoardRow> rows = new ArrayList<>();
        for (org.cavaplan.core.meeting.RecommendationOverrides r : statistics.recommendations()) {
            List<String> reasons = new ArrayList<>();
            r.reasons().forEach((reason, n) -> {
                if (n > 0) {
                    reasons.add(reason.words() + " " + n);
                }
            });
            String follow = r.assessed() == 0 ? "not known yet"
                    : r.matched() + " of " + r.assessed() + " matched the board";
            rows.add(new OutcomesPage.BoardRow(r.recommendationId(), MeetingPages.recommendationWords(r.recommendationId()),
                    r.accepted(), r.modified(), r.rejected(), String.join("; ", reasons), follow));
        }
        return new OutcomesPage.BoardUse(statistics.decisions(), rows);
    }

    /**
     * What the query asks for: the factor as typed, the covariates as typed, in order, and whether
     * synthetic cases count (as typed, null when not asked).
     */
    private record Query(String factor, List<String> covariates, String includeSynthetic) {

        static Query of(Map<String, List<String>> params) {
            List<String> synthetic = params.getOrDefault("includeSynthetic", List.of());
            String includeSynthetic = synthetic.isEmpty() ? null : synthetic.get(synthetic.size() - 1);
            if (params.isEmpty() || params.keySet().equals(Set.of("includeSynthetic"))) {
                return new Query(DEFAULT_FACTOR, DEFAULT_COVARIATES, includeSynthetic);
            }
            List<String> factors = params.getOrDefault("factor", List.of());
            String factor = factors.isEmpty() ? DEFAULT_FACTOR : factors.get(0);
            List<String> covariates = new ArrayList<>();
            for (String value : params.getOrDefault("covariates", List.of())) {
                if (value == null || value.isBlank()) {
                    continue;
                }
                covariates.add(value);
            }
            return new Query(factor == null ? "" : factor, covariates, includeSynthetic);
        }

        /** This page's address with this query, synthetic cases counted or not. */
        String href(boolean withSynthetic) {
            StringBuilder q = new StringBuilder("/outcomes?factor=").append(encode(factor));
            for (String c : covariates) {
                q.append("&covariates=").append(encode(c));
            }
            if (withSynthetic) {
                q.append("&includeSynthetic=true");
            }
            return q.toString();
        }

        private static String encode(String value) {
            return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
        }

        /** The covariate names ticked, as far as they can be read. */
        Set<String> ticked() {
            Set<String> names = new LinkedHashSet<>();
            for (String value : covariates) {
                for (String part : value.split(",", -1)) {
                    names.add(part.strip().toLowerCase(Locale.ROOT));
                }
            }
            return names;
        }
    }

    // ---- the form ---------------------------------------------------------------------------------

    private static List<OutcomesPage.Choice> factors(Query query) {
        String selected = query.factor.strip().toLowerCase(Locale.ROOT);
        List<OutcomesPage.Choice> out = new ArrayList<>();
        for (String key : Analytics.FACTORS.keySet()) {
            out.add(new OutcomesPage.Choice(null, key, label(key), key.equals(selected)));
        }
        return out;
    }

    private static List<OutcomesPage.Choice> covariates(Query query) {
        Set<String> ticked = query.ticked();
        List<OutcomesPage.Choice> out = new ArrayList<>();
        for (String name : Analytics.COVARIATES) {
            out.add(new OutcomesPage.Choice("cov-" + name.replace('_', '-'), name, COVARIATE_LABELS.getOrDefault(name, name),
                    ticked.contains(name)));
        }
        return out;
    }

    /** A factor's name for a control or a column head: its phrase with a capital. */
    private static String label(String factor) {
        String phrase = FACTOR_PHRASES.getOrDefault(factor, factor);
        return phrase.isEmpty() ? phrase : Character.toUpperCase(phrase.charAt(0)) + phrase.substring(1);
    }

    private static OutcomesPage.Alert alert(Problem p) {
        List<OutcomesPage.FieldError> fields = new ArrayList<>();
        for (InputError e : p.errors()) {
            String name = e.pointer().startsWith("/") ? e.pointer().substring(1) : e.pointer();
            fields.add(new OutcomesPage.FieldError(name, e.message()));
        }
        return new OutcomesPage.Alert(sentence(p.detail()), fields);
    }

    private static String sentence(String text) {
        if (text == null || text.isEmpty()) {
            return "The request could not be answered.";
        }
        String s = Character.toUpperCase(text.charAt(0)) + text.substring(1);
        return s.endsWith(".") ? s : s + ".";
    }

    // ---- Kaplan-Meier and log-rank ---------------------------------------------------------------

    private static OutcomesPage.Km km(String factor, Analytics.KmResult result, OutcomesPage.Synthetic synthetic) {
        String phrase = FACTOR_PHRASES.getOrDefault(factor, factor);
        PlotFigure plot = PlotFigure.of(result.plot(), "km-plot", "km-plot-title",
                "Kaplan-Meier curves of survival by " + phrase);
        List<OutcomesPage.Group> groups = new ArrayList<>();
        for (KaplanMeier k : result.curves()) {
            KaplanMeier.Median m = k.median();
            String medianDays = "not reached";
            String medianMonths = null;
            if (m.estimate().isPresent()) {
                double d = m.estimate().getAsDouble();
                medianDays = days(d);
                medianMonths = fixed(d / DAYS_PER_MONTH, 1);
            }
            groups.add(new OutcomesPage.Group(Analytics.groupWords(factor, k.group()), k.n(), k.events(), medianDays,
                    medianMonths, bound(m.lower95()), bound(m.upper95())));
        }
        Optional<OutcomesPage.LogRank> logRank = result.logRank().map(l -> {
            ChiSquareTest lr = l.test();
            return new OutcomesPage.LogRank(Double.toString(lr.p()), fixed(lr.chiSquare(), 3), lr.df(), pValue(lr.p()));
        });
        Optional<OutcomesPage.RestrictedMean> rmst = result.rmst().map(r -> restrictedMean(factor, r));
        return new OutcomesPage.Km(phrase, label(factor), plot, result.n(), result.excluded(), groups, logRank,
                exclusions(result.n(), result.exclusions(), synthetic), rmst);
    }

    private static OutcomesPage.RestrictedMean restrictedMean(String factor, Rmst rmst) {
        List<OutcomesPage.RestrictedMeanRow> rows = new ArrayList<>();
        for (int i = 0; i < rmst.groups().size(); i++) {
            Rmst.Group g = rmst.groups().get(i);
            String difference = null;
            String interval = null;
            if (i > 0) {
                Rmst.Difference d = rmst.differences().get(i - 1);
                difference = signed(d.estimate() / DAYS_PER_MONTH);
                interval = signed(d.lower95() / DAYS_PER_MONTH) + " to " + signed(d.upper95() / DAYS_PER_MONTH);
            }
            rows.add(new OutcomesPage.RestrictedMeanRow(Analytics.groupWords(factor, g.group()),
                    fixed(g.estimate() / DAYS_PER_MONTH, 1), fixed(g.se() / DAYS_PER_MONTH, 1), difference, interval));
        }
        return new OutcomesPage.RestrictedMean(months(rmst.tau() / DAYS_PER_MONTH), rows);
    }

    private static OutcomesPage.Exclusions exclusions(int analysed, Map<String, Integer> reasons,
            OutcomesPage.Synthetic synthetic) {
        List<OutcomesPage.Exclusion> out = new ArrayList<>();
        reasons.forEach((reason, count) -> out.add(new OutcomesPage.Exclusion(reason, count)));
        return new OutcomesPage.Exclusions(analysed, out, synthetic);
    }

    // ---- cumulative incidence -----------------------------------------------------------------

    /** "Local recurrence by highest IVC level". */
    private static String incidenceTitle(String event, String factor) {
        String words = Analytics.EVENT_WORDS.get(event);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1) + " by " + FACTOR_PHRASES.get(factor);
    }

    private static OutcomesPage.Incidence incidence(String event, Analytics.CifResult result, OutcomesPage.Synthetic synthetic) {
        String words = Analytics.EVENT_WORDS.get(event);
        String phrase = FACTOR_PHRASES.getOrDefault(result.factor(), result.factor());
        String title = incidenceTitle(event, result.factor());
        PlotFigure plot = PlotFigure.of(result.plot(), "cif-plot", "cif-" + event + "-title",
                "Cumulative incidence of " + words + " by " + phrase + ", death without it as the competing risk");
        double horizonDays = INCIDENCE_HORIZON_MONTHS * DAYS_PER_MONTH;
        List<CumulativeIncidence> events = result.curves(1);
        List<CumulativeIncidence> deaths = result.curves(2);
        List<OutcomesPage.IncidenceGroup> groups = new ArrayList<>();
        for (int g = 0; g < events.size(); g++) {
            CumulativeIncidence c = events.get(g);
            CumulativeIncidence.Point at = null;
            for (CumulativeIncidence.Point p : c.points()) {
                if (p.time() <= horizonDays) {
                    at = p;
                }
            }
            String percent = at == null ? "0.0 %" : percent(at.estimate());
            String interval = at == null || Double.isNaN(at.lower95()) || Double.isNaN(at.upper95()) ? "not available"
                    : percent(at.lower95()) + " to " + percent(at.upper95());
            groups.add(new OutcomesPage.IncidenceGroup(result.words(c.group()), c.n(), c.events(), deaths.get(g).events(),
                    percent, interval));
        }
        Optional<OutcomesPage.Gray> gray = result.grayTest(1).map(t -> new OutcomesPage.Gray(Double.toString(t.test().p()),
                fixed(t.test().chiSquare(), 3), t.test().df(), pValue(t.test().p())));
        return new OutcomesPage.Incidence(event, words, title, plot, exclusions(result.n(), result.exclusions(), synthetic),
                months(INCIDENCE_HORIZON_MONTHS), groups, gray);
    }

    // ---- Cox ----------------------------------------------------------------------------------------

    private static OutcomesPage.Cox cox(Analytics.CoxResult result, OutcomesPage.Synthetic synthetic) {
        CoxModel model = result.model();
        List<OutcomesPage.Coefficient> rows = new ArrayList<>();
        for (CoxModel.Coefficient c : model.coefficients()) {
            String name = c.name();
            rows.add(new OutcomesPage.Coefficient(name, COVARIATE_LABELS.getOrDefault(name, name), fixed(c.coef(), 3),
                    fixed(c.hr(), 2), fixed(c.lower95(), 2), fixed(c.upper95(), 2), Double.toString(c.p()), pValue(c.p())));
        }
        ChiSquareTest lr = model.likelihoodRatio();
        Map<String, Integer> reasons = new java.util.LinkedHashMap<>(result.exclusions() == null ? Map.of() : result.exclusions());
        int missing = result.excluded() - reasons.values().stream().mapToInt(Integer::intValue).sum();
        if (missing > 0) {
            reasons.put("a missing time, outcome or covariate", missing);
        }
        return new OutcomesPage.Cox(model.n(), model.events(), result.excluded(), rows, fixed(lr.chiSquare(), 2), lr.df(),
                pValue(lr.p()), fixed(model.concordance().value(), 3), exclusions(model.n(), reasons, synthetic));
    }

    // ---- numbers ----------------------------------------------------------------------------------

    static String pValue(double p) {
        return Analytics.pValue(p);
    }

    private static String percent(double v) {
        return fixed(100 * v, 1) + " %";
    }

    private static String signed(double v) {
        return (v > 0 ? "+" : "") + fixed(v, 1);
    }

    private static String months(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : fixed(v, 1);
    }

    private static String bound(OptionalDouble v) {
        return v.isPresent() ? days(v.getAsDouble()) : "not reached";
    }

    private static String days(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : fixed(d, 1);
    }

    private static String fixed(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return "not available";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
