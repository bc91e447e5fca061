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
import org.cavaplan.survival.KaplanMeier;
import org.cavaplan.survival.Survival;

/**
 * The outcomes page's record ({@link OutcomesPage}): a GET form (grouping factor, Cox covariates),
 * Kaplan-Meier curves drawn as an inline SVG (laid out by the survival module, {@link PlotFigure}), a
 * table of the groups with median survival, the log-rank test and a Cox table. The numbers are those
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

    private static final double DAYS_PER_MONTH = 365.25 / 12;

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
     *     {@code covariates} (repeated, or comma-separated, from {@link Analytics#COVARIATES}); an
     *     empty query shows the defaults
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
        Optional<OutcomesPage.Km> km = Optional.empty();
        Optional<OutcomesPage.Alert> kmError = Optional.empty();
        Optional<OutcomesPage.Cox> cox = Optional.empty();
        Optional<OutcomesPage.Alert> coxError = Optional.empty();
        boolean askForCovariate = false;
        if (factor != null || covariates != null) {
            List<AnalysisRow> rows = Analytics.rows(registry, actor,
                    Analytics.analysis(factor, covariates == null ? List.of() : covariates));
            if (factor != null) {
                try {
                    km = Optional.of(km(factor, Analytics.km(rows, factor)));
                } catch (Problem p) {
                    kmError = Optional.of(alert(p));
                }
            }
            if (covariates != null) {
                try {
                    cox = Optional.of(cox(Analytics.cox(rows, covariates)));
                } catch (Problem p) {
                    coxError = Optional.of(alert(p));
                }
            } else {
                askForCovariate = query.covariates.isEmpty();
            }
        }
        return new OutcomesPage(frame, factors(query), covariates(query), queryErrors, km, kmError, cox, coxError,
                askForCovariate, board(registry.overrideStatistics(actor)));
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

    /** What the query asks for: the factor as typed and the covariates as typed, in order. */
    private record Query(String factor, List<String> covariates) {

        static Query of(Map<String, List<String>> params) {
            if (params.isEmpty()) {
                return new Query(DEFAULT_FACTOR, DEFAULT_COVARIATES);
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
            return new Query(factor == null ? "" : factor, covariates);
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

    private static OutcomesPage.Km km(String factor, Analytics.KmResult result) {
        String phrase = FACTOR_PHRASES.getOrDefault(factor, factor);
        PlotFigure plot = PlotFigure.of(Survival.plot(result.curves(), "Survival by " + phrase), "km-plot", "km-plot-title",
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
            groups.add(new OutcomesPage.Group(k.group(), k.n(), k.events(), medianDays, medianMonths, bound(m.lower95()),
                    bound(m.upper95())));
        }
        Optional<OutcomesPage.LogRank> logRank = result.logRank().map(l -> {
            ChiSquareTest lr = l.test();
            return new OutcomesPage.LogRank(Double.toString(lr.p()), fixed(lr.chiSquare(), 3), lr.df(), pValue(lr.p()));
        });
        return new OutcomesPage.Km(phrase, label(factor), plot, result.n(), result.excluded(), groups, logRank);
    }

    // ---- Cox ----------------------------------------------------------------------------------------

    private static OutcomesPage.Cox cox(Analytics.CoxResult result) {
        CoxModel model = result.model();
        List<OutcomesPage.Coefficient> rows = new ArrayList<>();
        for (CoxModel.Coefficient c : model.coefficients()) {
            String name = c.name();
            rows.add(new OutcomesPage.Coefficient(name, COVARIATE_LABELS.getOrDefault(name, name), fixed(c.coef(), 3),
                    fixed(c.hr(), 2), fixed(c.lower95(), 2), fixed(c.upper95(), 2), Double.toString(c.p()), pValue(c.p())));
        }
        ChiSquareTest lr = model.likelihoodRatio();
        return new OutcomesPage.Cox(model.n(), model.events(), result.excluded(), rows, fixed(lr.chiSquare(), 2), lr.df(),
                pValue(lr.p()), fixed(model.concordance().value(), 3));
    }

    // ---- numbers ----------------------------------------------------------------------------------

    static String pValue(double p) {
        if (Double.isNaN(p)) {
            return "not available";
        }
        if (p < 0.0001) {
            return "< 0.0001";
        }
        return p < 0.001 ? fixed(p, 4) : fixed(p, 3);
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
