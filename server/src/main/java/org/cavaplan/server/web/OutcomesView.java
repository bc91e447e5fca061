package org.cavaplan.server.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
 * The outcomes page's body: a GET form (grouping factor, Cox covariates), Kaplan-Meier curves as an
 * inline SVG, a table of the groups with median survival, the log-rank test and a Cox table. The
 * numbers are those of the analytics API ({@link Analytics}) over the registry's de-identified analysis rows,
 * so every role that may read aggregates (researchers included) sees the same figures. A bad query
 * value is shown as a message in the page, never as a server error. Thread-safe.
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
     * The page body for {@code actor} and the query of the request.
     *
     * @param actor who asks (the registry's de-identified analysis rows are read as this actor)
     * @param queryParams the query parameters: {@code factor} (one of {@link Analytics#FACTORS}) and
     *     {@code covariates} (repeated, or comma-separated, from {@link Analytics#COVARIATES}); an
     *     empty query shows the defaults
     * @return an HTML fragment
     * @throws org.cavaplan.registry.RegistryException when the registry refuses the actor or is unavailable
     */
    public String body(Actor actor, Map<String, List<String>> queryParams) {
        Query query = Query.of(queryParams == null ? Map.of() : queryParams);
        StringBuilder out = new StringBuilder(96 * 1024);
        out.append("<section class=\"outcomes\" aria-labelledby=\"outcomes-title\">\n")
                .append("<h1 id=\"outcomes-title\">Outcomes</h1>\n")
                .append("<p class=\"lead\">Survival from the operation to death or last contact, over the registry's ")
                .append("de-identified cases that are not retired. Aggregates only; times in days.</p>\n");
        form(out, query);

        String factor = null;
        try {
            factor = Analytics.factor(query.factor);
        } catch (Problem p) {
            error(out, p);
        }
        List<String> covariates = null;
        if (!query.covariates.isEmpty()) {
            try {
                covariates = Analytics.covariates(String.join(",", query.covariates));
            } catch (Problem p) {
                error(out, p);
            }
        }
        if (factor == null && covariates == null) {
            out.append("</section>\n");
            return out.toString();
        }
        List<AnalysisRow> rows = Analytics.rows(registry, actor,
                Analytics.analysis(factor, covariates == null ? List.of() : covariates));
        if (factor != null) {
            try {
                km(out, factor, Analytics.km(rows, factor));
            } catch (Problem p) {
                error(out, p);
            }
        }
        if (covariates != null) {
            try {
                cox(out, Analytics.cox(rows, covariates));
            } catch (Problem p) {
                error(out, p);
            }
        } else if (query.covariates.isEmpty()) {
            out.append("<p class=\"note\">Tick at least one covariate to fit a Cox model.</p>\n");
        }
        out.append("</section>\n");
        return out.toString();
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

    private static void form(StringBuilder out, Query query) {
        String selected = query.factor.strip().toLowerCase(Locale.ROOT);
        out.append("<form class=\"outcomes-form\" method=\"get\">\n<fieldset>\n<legend>Kaplan&ndash;Meier curves</legend>\n")
                .append("<label for=\"factor\">Group the cases by</label>\n<select id=\"factor\" name=\"factor\">\n");
        for (String key : Analytics.FACTORS.keySet()) {
            out.append("<option value=\"").append(Html.attr(key)).append('"').append(key.equals(selected) ? " selected" : "")
                    .append('>').append(Html.text(label(key))).append("</option>\n");
        }
        out.append("</select>\n</fieldset>\n<fieldset>\n<legend>Cox model covariates</legend>\n<ul class=\"checks\">\n");
        Set<String> ticked = query.ticked();
        for (String name : Analytics.COVARIATES) {
            String id = "cov-" + name.replace('_', '-');
            out.append("<li><input type=\"checkbox\" id=\"").append(Html.attr(id)).append("\" name=\"covariates\" value=\"")
                    .append(Html.attr(name)).append('"').append(ticked.contains(name) ? " checked" : "").append("> <label for=\"")
                    .append(Html.attr(id)).append("\">").append(Html.text(COVARIATE_LABELS.getOrDefault(name, name)))
                    .append("</label></li>\n");
        }
        out.append("</ul>\n</fieldset>\n<p class=\"form-actions\"><button type=\"submit\" class=\"button\">Show</button></p>\n")
                .append("</form>\n");
    }

    /** A factor's name for a control or a column head: its phrase with a capital. */
    private static String label(String factor) {
        String phrase = FACTOR_PHRASES.getOrDefault(factor, factor);
        return phrase.isEmpty() ? phrase : Character.toUpperCase(phrase.charAt(0)) + phrase.substring(1);
    }

    private static void error(StringBuilder out, Problem p) {
        out.append("<div class=\"error\" role=\"alert\">\n<p><strong>").append(Html.text(sentence(p.detail())))
                .append("</strong></p>\n");
        if (!p.errors().isEmpty()) {
            out.append("<ul>\n");
            for (InputError e : p.errors()) {
                String name = e.pointer().startsWith("/") ? e.pointer().substring(1) : e.pointer();
                out.append("<li><code>").append(Html.text(name)).append("</code> ").append(Html.text(e.message()))
                        .append("</li>\n");
            }
            out.append("</ul>\n");
        }
        out.append("</div>\n");
    }

    private static String sentence(String text) {
        if (text == null || text.isEmpty()) {
            return "The request could not be answered.";
        }
        String s = Character.toUpperCase(text.charAt(0)) + text.substring(1);
        return s.endsWith(".") ? s : s + ".";
    }

    // ---- Kaplan-Meier and log-rank ---------------------------------------------------------------

    private static void km(StringBuilder out, String factor, Analytics.KmResult result) {
        String phrase = FACTOR_PHRASES.getOrDefault(factor, factor);
        String label = label(factor);
        out.append("<section id=\"km\" class=\"plan-section\" aria-labelledby=\"km-title\">\n<h2 id=\"km-title\">Survival by ")
                .append(Html.text(phrase)).append("</h2>\n<figure class=\"km\">\n");
        out.append(inlineSvg(Survival.plotSvg(result.curves(), "Survival by " + phrase),
                "Kaplan-Meier curves of survival by " + phrase));
        out.append("<figcaption>").append(result.n()).append(" cases with an operation, an outcome and a value; ")
                .append(result.excluded()).append(" excluded. Shaded bands: 95 % confidence intervals; ")
                .append("ticks: censored cases.</figcaption>\n</figure>\n");
        out.append("<table class=\"data km-groups\">\n<caption>Groups</caption>\n<thead><tr><th scope=\"col\">")
                .append(Html.text(label)).append("</th><th scope=\"col\">Cases</th><th scope=\"col\">Deaths</th>")
                .append("<th scope=\"col\">Median survival (days)</th><th scope=\"col\">95 % CI (days)</th></tr></thead>\n<tbody>\n");
        for (KaplanMeier k : result.curves()) {
            KaplanMeier.Median m = k.median();
            out.append("<tr><th scope=\"row\">").append(Html.text(k.group())).append("</th><td>").append(k.n()).append("</td><td>")
                    .append(k.events()).append("</td><td>");
            if (m.estimate().isPresent()) {
                double d = m.estimate().getAsDouble();
                out.append(days(d)).append(" <span class=\"months\">(").append(fixed(d / DAYS_PER_MONTH, 1))
                        .append(" months)</span>");
            } else {
                out.append("not reached");
            }
            out.append("</td><td>").append(bound(m.lower95())).append(" to ").append(bound(m.upper95())).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n");
        out.append("<h3>Log-rank test</h3>\n");
        if (result.logRank().isEmpty()) {
            out.append("<p class=\"logrank\">Not defined here: it needs two groups at risk and at least one death.</p>\n");
        } else {
            ChiSquareTest lr = result.logRank().get().test();
            double p = lr.p();
            out.append("<dl class=\"plan-facts logrank\" data-p=\"").append(Html.attr(Double.toString(p))).append("\">\n")
                    .append("<div><dt>Chi-square</dt><dd>").append(fixed(lr.chiSquare(), 3)).append("</dd></div>\n")
                    .append("<div><dt>Degrees of freedom</dt><dd>").append(lr.df()).append("</dd></div>\n")
                    .append("<div><dt>p</dt><dd class=\"p-value\">").append(pValue(p)).append("</dd></div>\n</dl>\n");
        }
        out.append("</section>\n");
    }

    /** The survival module's standalone SVG made an inline, labelled image (no prolog; it has no style or script). */
    static String inlineSvg(String svg, String title) {
        String s = svg;
        if (s.startsWith("<?xml")) {
            s = s.substring(s.indexOf("?>") + 2).stripLeading();
        }
        int end = s.indexOf('>');
        if (!s.startsWith("<svg") || end < 0) {
            throw new IllegalStateException("the survival module did not return an SVG document");
        }
        return "<svg class=\"km-plot\" role=\"img\" aria-labelledby=\"km-plot-title\"" + s.substring(4, end + 1)
                + "\n<title id=\"km-plot-title\">" + Html.text(title) + "</title>" + s.substring(end + 1);
    }

    // ---- Cox ----------------------------------------------------------------------------------------

    private static void cox(StringBuilder out, Analytics.CoxResult result) {
        CoxModel model = result.model();
        int n = model.n();
        int events = model.events();
        out.append("<section id=\"cox\" class=\"plan-section\" aria-labelledby=\"cox-title\">\n")
                .append("<h2 id=\"cox-title\">Cox proportional hazards model</h2>\n")
                .append("<table class=\"data cox\">\n<caption>Efron ties; ").append(n).append(" cases, ").append(events)
                .append(" deaths; ").append(result.excluded()).append(" cases excluded for a missing value</caption>\n")
                .append("<thead><tr><th scope=\"col\">Covariate</th><th scope=\"col\">Coefficient</th>")
                .append("<th scope=\"col\">Hazard ratio</th><th scope=\"col\">95 % CI</th><th scope=\"col\">p</th>")
                .append("<th scope=\"col\">Cases</th><th scope=\"col\">Deaths</th></tr></thead>\n<tbody>\n");
        for (CoxModel.Coefficient c : model.coefficients()) {
            String name = c.name();
            double p = c.p();
            out.append("<tr data-covariate=\"").append(Html.attr(name)).append("\"><th scope=\"row\">")
                    .append(Html.text(COVARIATE_LABELS.getOrDefault(name, name))).append(" <code>").append(Html.text(name))
                    .append("</code></th><td>").append(fixed(c.coef(), 3)).append("</td><td>")
                    .append(fixed(c.hr(), 2)).append("</td><td>").append(fixed(c.lower95(), 2))
                    .append(" to ").append(fixed(c.upper95(), 2)).append("</td><td data-p=\"")
                    .append(Html.attr(Double.toString(p))).append("\">").append(pValue(p)).append("</td><td>").append(n)
                    .append("</td><td>").append(events).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n");
        ChiSquareTest lr = model.likelihoodRatio();
        out.append("<p class=\"cox-tests\">Likelihood ratio test: chi-square ").append(fixed(lr.chiSquare(), 2))
                .append(" on ").append(lr.df()).append(" df, p ").append(pValue(lr.p()))
                .append(". Concordance ").append(fixed(model.concordance().value(), 3)).append(".</p>\n</section>\n");
    }

    // ---- numbers ----------------------------------------------------------------------------------

    static String pValue(double p) {
        if (Double.isNaN(p)) {
            return "not available";
        }
        if (p < 0.0001) {
            return "&lt; 0.0001";
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
