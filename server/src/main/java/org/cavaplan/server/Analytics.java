package org.cavaplan.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.cavaplan.core.model.Margin;
import org.cavaplan.io.InputError;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.AnalysisRow;
import org.cavaplan.registry.Registry;
import org.cavaplan.survival.CompetingRisks;
import org.cavaplan.survival.CoxModel;
import org.cavaplan.survival.CumulativeIncidence;
import org.cavaplan.survival.CurvePlot;
import org.cavaplan.survival.GrayTest;
import org.cavaplan.survival.KaplanMeier;
import org.cavaplan.survival.LogRank;
import org.cavaplan.survival.PlotStyle;
import org.cavaplan.survival.Rmst;
import org.cavaplan.survival.Survival;
import org.cavaplan.survival.SurvivalData;
import org.cavaplan.survival.SurvivalException;
import org.cavaplan.survival.SurvivalJson;

/**
 * Survival analytics over the registry: the data are the registry's {@link AnalysisRow}s
 * (de-identified, so that every role may use them), read straight into the survival module; the
 * JSON is the survival module's ({@link SurvivalJson}), the same writer as {@code cavaplan survival}'s.
 */
public final class Analytics {

    /** Grouping factors of the Kaplan-Meier curves: API name to a row's group label (as in the CSV export). */
    public static final Map<String, Function<AnalysisRow, String>> FACTORS = factors();

    /** Covariates of the Cox model, each a number of a row (as in the CSV export) or one derived from one. */
    public static final List<String> COVARIATES = List.of("grade", "size_cm", "age", "ecog", "level_3", "intracardiac",
            "margin_r1r2", "neoadjuvant_rt", "neoadjuvant_chemo");

    /** The grouping factors in words, as they read inside a sentence. */
    public static final Map<String, String> FACTOR_WORDS = Map.of(
            "level", "highest IVC level",
            "margin", "resection margin",
            "grade", "FNCLCC grade",
            "intent", "intent of treatment");

    /** Days per month (365.25 / 12): display JSON gives times in months, the CSV export in days. */
    public static final double DAYS_PER_MONTH = 365.25 / 12;

    /** The events of the cumulative incidence route: API name to the row's record of that recurrence. */
    public static final Map<String, Function<AnalysisRow, AnalysisRow.Recurrence>> EVENTS = Map.of(
            "local", AnalysisRow::localRecurrence,
            "distant", AnalysisRow::distantMetastasis);

    /** The events in words. */
    public static final Map<String, String> EVENT_WORDS = Map.of(
            "local", "local recurrence",
            "distant", "distant metastasis");

    /** Why a case is left out of an analysis, in words (the JSON's {@code exclusions}). */
    static final String SYNTHETIC = "synthetic (demo) case";

    /** The covariates in words, as a label. */
    public static final Map<String, String> COVARIATE_WORDS = Map.of(
            "grade", "FNCLCC grade (1 to 3)",
            "size_cm", "Tumor size (per cm)",
            "age", "Age (per year)",
            "ecog", "ECOG performance status",
            "level_3", "Upper segment (level 3) involved",
            "intracardiac", "Intracardiac extension",
            "margin_r1r2", "R1 or R2 margin (against R0)",
            "neoadjuvant_rt", "Neoadjuvant radiotherapy",
            "neoadjuvant_chemo", "Neoadjuvant chemotherapy");

    private static final Map<String, ToDoubleFunction<AnalysisRow>> COVARIATE_VALUES = covariateValues();

    private Analytics() {
    }

    /**
     * What an analysis computes, in words for the audit log: "Kaplan-Meier survival by resection
     * margin and a Cox model on FNCLCC grade (1 to 3), tumor size (per cm)". {@code factor}: a key
     * of {@link #FACTORS}, or null for none; {@code covariates}: names of {@link #COVARIATES}.
     */
    public static String analysis(String factor, List<String> covariates) {
        List<String> parts = new ArrayList<>();
        if (factor != null) {
            parts.add("Kaplan-Meier survival by " + FACTOR_WORDS.getOrDefault(factor, factor));
        }
        if (!covariates.isEmpty()) {
            List<String> words = new ArrayList<>();
            covariates.forEach(c -> words.add(inSentence(COVARIATE_WORDS.getOrDefault(c, c))));
            parts.add((parts.isEmpty() ? "a Cox model of survival on " : "a Cox model on ") + String.join(", ", words));
        }
        return parts.isEmpty() ? "outcomes" : String.join(" and ", parts);
    }

    /** A label as it reads inside a sentence: "Tumor size" becomes "tumor size", "FNCLCC grade" stays. */
    private static String inSentence(String label) {
        return label.length() > 1 && Character.isLowerCase(label.charAt(1))
                ? Character.toLowerCase(label.charAt(0)) + label.substring(1) : label;
    }

    private static Map<String, Function<AnalysisRow, String>> factors() {
        Map<String, Function<AnalysisRow, String>> m = new LinkedHashMap<>();
        m.put("level", r -> text(r.highestLevel()));
        m.put("margin", r -> r.margin().map(Enum::name).orElse(null));
        m.put("grade", r -> text(r.grade()));
        m.put("intent", r -> r.intent().name());
        return Collections.unmodifiableMap(m);
    }

    private static Map<String, ToDoubleFunction<AnalysisRow>> covariateValues() {
        Map<String, ToDoubleFunction<AnalysisRow>> m = new LinkedHashMap<>();
        m.put("grade", r -> number(r.grade()));
        m.put("size_cm", r -> r.sizeCm().orElse(Double.NaN));
        m.put("age", AnalysisRow::ageYears);
        m.put("ecog", r -> number(r.ecog()));
        m.put("level_3", r -> r.level3().map(Analytics::flag).orElse(Double.NaN));
        m.put("intracardiac", r -> flag(r.intracardiac()));
        m.put("margin_r1r2", r -> r.margin().map(margin -> margin == Margin.R0 ? 0.0 : 1.0).orElse(Double.NaN));
        m.put("neoadjuvant_rt", r -> flag(r.neoadjuvantRadiotherapy()));
        m.put("neoadjuvant_chemo", r -> flag(r.neoadjuvantChemotherapy()));
        if (!m.keySet().equals(new java.util.HashSet<>(COVARIATES))) {
            throw new IllegalStateException("every covariate needs its value: " + COVARIATES + " against " + m.keySet());
        }
        return Collections.unmodifiableMap(m);
    }

    private static String text(OptionalInt value) {
        return value.isPresent() ? Integer.toString(value.getAsInt()) : null;
    }

    private static double number(OptionalInt value) {
        return value.isPresent() ? value.getAsInt() : Double.NaN;
    }

    private static double flag(boolean value) {
        return value ? 1 : 0;
    }

    /**
     * The registry's analysis rows, read as {@code actor} for {@code analysis} (what is computed, in
     * words, for the audit log).
     */
    public static List<AnalysisRow> rows(Registry registry, Actor actor, String analysis) {
        return registry.analysisRows(actor, analysis);
    }


    /** The factor's API name, or a 400 problem pointing at {@code /factor}. */
    public static String factor(String factor) {
        String key = factor == null ? "" : factor.strip().toLowerCase(Locale.ROOT);
        if (!FACTORS.containsKey(key)) {
            throw Problem.badParameter("factor", "must be one of " + String.join(", ", FACTORS.keySet())
                    + (factor == null ? "" : ", not \"" + factor + "\""));
        }
        return key;
    }

    /** The covariates asked for, or a 400 problem pointing at {@code /covariates}. */
    public static List<String> covariates(String text) {
        List<String> out = new ArrayList<>();
        String allowed = "must be a comma-separated list of " + String.join(", ", COVARIATES);
        if (text == null || text.isBlank()) {
            throw Problem.badParameter("covariates", allowed);
        }
        for (String part : text.split(",", -1)) {
            String name = part.strip().toLowerCase(Locale.ROOT);
            if (!COVARIATES.contains(name)) {
                throw Problem.badParameter("covariates", allowed + ", not \"" + part.strip() + "\"");
            }
            if (out.contains(name)) {
                throw Problem.badParameter("covariates", "names " + name + " twice");
            }
            out.add(name);
        }
        return out;
    }

    /** The data with time and event; rows without an operation or an outcome have NaN. */
    private static SurvivalData base(List<AnalysisRow> rows) throws SurvivalException.InputException {
        return SurvivalData.of(rows,
                r -> number(r.followUpDays()),
                r -> r.death().map(Analytics::flag).orElse(Double.NaN));
    }

    /**
     * Curves and the log-rank test per level of a factor.
     *
     * @param factor   the factor's API name (see {@link #factor(String)})
     * @param curves   one curve per level with a case, in level order
     * @param logRank  the test across the levels; empty when not defined (one group, or no death)
     * @param n        the cases in the curves: with an operation, an outcome and a value of the factor
     * @param excluded the other cases
     */
    public record KmResult(String factor, List<KaplanMeier> curves, Optional<LogRank> logRank, int n, int excluded,
            Optional<Rmst> rmst, Map<String, Integer> exclusions, boolean inMonths) {

        public KmResult {
            curves = List.copyOf(curves);
            exclusions = Collections.unmodifiableMap(new LinkedHashMap<>(exclusions));
        }

        /** Curves and test of every case given (the outcomes page's), times in days. */
        public KmResult(String factor, List<KaplanMeier> curves, Optional<LogRank> logRank, int n, int excluded) {
            this(factor, curves, logRank, n, excluded, Optional.empty(),
                    excluded == 0 ? Map.of() : Map.of("no operation, outcome or value of the factor", excluded), false);
        }

        /**
         * The JSON of {@code GET /api/v1/analytics/km}: times in months (days for results made
         * without a route's selection), the reasons for the cases left out, the RMST when asked for.
         */
        public String json() {
            return inMonths
                    ? SurvivalJson.kaplanMeier(factor, "months", DAYS_PER_MONTH, curves, logRank, rmst, n, exclusions,
                            g -> groupWords(factor, g))
                    : SurvivalJson.kaplanMeier(factor, curves, logRank, n, excluded);
        }

        /**
         * The curves as a plot: time in months since the operation, groups in words ({@link
         * #groupWords}), the log-rank test and its p-value inside the plot when it is defined.
         */
        public CurvePlot plot() {
            String phrase = FACTOR_WORDS.getOrDefault(factor, factor);
            List<KaplanMeier> named = curves.stream().map(k -> new KaplanMeier(groupWords(factor, k.group()), k.n(),
                    k.events(), k.table(), k.median())).toList();
            return Survival.survivalPlot(named, PlotStyle.daysAsMonths("Survival by " + phrase, TIME_AXIS, "Survival probability")
                    .withAnnotation(logRank.map(l -> "Log-rank test: " + pEquals(l.test().p())).orElse(null)));
        }
    }

    /** The name of the time axis of every plot of the registry's outcomes. */
    public static final String TIME_AXIS = "Months since operation";

    /** A p-value as shown: "0.012", "0.0004", "< 0.0001", or "not available". */
    public static String pValue(double p) {
        if (Double.isNaN(p)) {
            return "not available";
        }
        if (p < 0.0001) {
            return "< 0.0001";
        }
        return String.format(Locale.ROOT, p < 0.001 ? "%.4f" : "%.3f", p);
    }

    /** A p-value as it follows "p": "p = 0.012", "p < 0.0001". */
    public static String pEquals(double p) {
        String v = pValue(p);
        return v.startsWith("<") ? "p " + v : Double.isNaN(p) ? "p " + v : "p = " + v;
    }

    /**
     * A Cox model.
     *
     * @param covariates the covariates, in the model's order
     * @param model      the fitted model
     * @param excluded   the cases left out for a missing time, outcome or covariate
     */
    public record CoxResult(List<String> covariates, CoxModel model, int excluded, Map<String, Integer> exclusions) {

        public CoxResult {
            covariates = List.copyOf(covariates);
            exclusions = exclusions == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(exclusions));
        }

        /** A model of every case given (the outcomes page's). */
        public CoxResult(List<String> covariates, CoxModel model, int excluded) {
            this(covariates, model, excluded, null);
        }

        /** The JSON of {@code GET /api/v1/analytics/cox}; with the reasons for the cases left out when known. */
        public String json() {
            return exclusions == null ? SurvivalJson.cox(covariates, model, excluded)
                    : SurvivalJson.cox(covariates, model, exclusions);
        }
    }

    /**
     * A group of a factor in words: "Level 3", "R1", "Grade 2", "Curative"; the label itself for a
     * factor or value without words.
     */
    public static String groupWords(String factor, String group) {
        if (group == null) {
            return null;
        }
        return switch (factor) {
            case "level" -> "Level " + group;
            case "grade" -> "Grade " + group;
            case "intent" -> group.isEmpty() ? group
                    : group.charAt(0) + group.substring(1).toLowerCase(Locale.ROOT).replace('_', ' ');
            default -> group;
        };
    }

    /** The event's API name, or a 400 problem pointing at {@code /event}. */
    public static String event(String event) {
        String key = event == null ? "" : event.strip().toLowerCase(Locale.ROOT);
        if (!EVENTS.containsKey(key)) {
            throw Problem.badParameter("event", "must be local or distant" + (event == null ? "" : ", not \"" + event + "\""));
        }
        return key;
    }

    /** {@code includeSynthetic}: absent or false leaves synthetic cases out; else a 400 problem pointing at it. */
    public static boolean includeSynthetic(String text) {
        if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("false")) {
            return false;
        }
        if (text.strip().equalsIgnoreCase("true")) {
            return true;
        }
        throw Problem.badParameter("includeSynthetic", "must be true or false, not \"" + text + "\"");
    }

    /** The RMST horizon in months, or empty; a 400 problem pointing at {@code /rmst} unless a number > 0. */
    public static OptionalDouble rmstMonths(String text) {
        if (text == null || text.isBlank()) {
            return OptionalDouble.empty();
        }
        double tau;
        try {
            tau = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            tau = Double.NaN;
        }
        if (!(tau > 0 && tau < Double.POSITIVE_INFINITY)) {
            throw Problem.badParameter("rmst", "must be a horizon in months > 0, not \"" + text + "\"");
        }
        return OptionalDouble.of(tau);
    }

    /**
     * Rows kept and the cases left out, per reason in words, in the order the reasons are checked
     * (each case counted once, under the first reason that applies).
     */
    private record Selected(List<AnalysisRow> rows, Map<String, Integer> exclusions) {}

    /** "; left out: 300 synthetic (demo) case (includeSynthetic=true counts them)", or nothing. */
    private static String leftOut(Selected s) {
        if (s.exclusions().isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        s.exclusions().forEach((reason, n) -> parts.add(n + " " + reason));
        return "; left out: " + String.join(", ", parts)
                + (s.exclusions().containsKey(SYNTHETIC) ? " (includeSynthetic=true counts synthetic cases)" : "");
    }

    /** A Cox model for the analytics route: synthetic cases left out unless {@code includeSynthetic}. */
    public static CoxResult cox(List<AnalysisRow> rows, List<String> covariates, boolean includeSynthetic) {
        Selected s = select(rows, includeSynthetic, List.of());
        if (s.rows().isEmpty()) {
            throw unprocessable("no case to model" + leftOut(s));
        }
        CoxResult all = cox(s.rows(), covariates);
        return new CoxResult(all.covariates(), all.model(), rows.size() - all.model().n(), s.exclusions());
    }

    private static Selected select(List<AnalysisRow> rows, boolean includeSynthetic,
            List<Map.Entry<String, java.util.function.Predicate<AnalysisRow>>> reasons) {
        Map<String, Integer> excluded = new LinkedHashMap<>();
        if (!includeSynthetic) {
            excluded.put(SYNTHETIC, 0);
        }
        reasons.forEach(r -> excluded.put(r.getKey(), 0));
        List<AnalysisRow> kept = new ArrayList<>(rows.size());
        for (AnalysisRow r : rows) {
            String reason = !includeSynthetic && r.synthetic() ? SYNTHETIC : null;
            for (int i = 0; reason == null && i < reasons.size(); i++) {
                if (reasons.get(i).getValue().test(r)) {
                    reason = reasons.get(i).getKey();
                }
            }
            if (reason == null) {
                kept.add(r);
            } else {
                excluded.merge(reason, 1, Integer::sum);
            }
        }
        excluded.values().removeIf(n -> n == 0);
        return new Selected(kept, excluded);
    }

    /**
     * Kaplan-Meier curves for an analytics route: synthetic cases left out unless {@code
     * includeSynthetic}, and the restricted mean survival time up to {@code rmstMonths} when given.
     * The JSON ({@link KmResult#json()}) gives times in months.
     */
    public static KmResult km(List<AnalysisRow> rows, String factor, boolean includeSynthetic, OptionalDouble rmstMonths) {
        Function<AnalysisRow, String> group = FACTORS.get(factor);
        if (group == null) {
            throw new IllegalArgumentException("no factor " + factor);
        }
        Selected s = select(rows, includeSynthetic, List.of(
                Map.entry("no operation or no outcome recorded",
                        r -> r.followUpDays().isEmpty() || r.vitalStatus().isEmpty()),
                Map.entry("no value of " + FACTOR_WORDS.get(factor), r -> group.apply(r) == null)));
        if (s.rows().isEmpty()) {
            throw unprocessable("no case has an operation, an outcome and a value of " + FACTOR_WORDS.get(factor)
                    + leftOut(s));
        }
        KmResult all = km(s.rows(), factor);
        Optional<Rmst> rmst = Optional.empty();
        if (rmstMonths.isPresent()) {
            try {
                rmst = Optional.of(Survival.rmst(all.curves(), rmstMonths.getAsDouble() * DAYS_PER_MONTH));
            } catch (SurvivalException.InvalidHorizon e) {
                throw Problem.badParameter("rmst", e.getMessage());
            }
        }
        return new KmResult(factor, all.curves(), all.logRank(), all.n(), rows.size() - all.n(), rmst,
                s.exclusions(), true);
    }

    /**
     * Cumulative incidence of a recurrence with death without it as the competing risk, per level of
     * a factor (or one group without), and Gray's test; synthetic cases left out unless {@code
     * includeSynthetic}. Per case: status 1 at the first visit that records the recurrence; else 2
     * (death) at death when the patient died; else 0 (censored) at the last follow-up visit.
     *
     * @param rows the registry's rows
     * @param event {@code "local"} or {@code "distant"}
     * @param factor a key of {@link #FACTORS}, or null for one group
     * @param includeSynthetic whether synthetic cases count
     * @return the curves and tests
     */
    public static CifResult cif(List<AnalysisRow> rows, String event, String factor, boolean includeSynthetic) {
        Function<AnalysisRow, AnalysisRow.Recurrence> recurrence = EVENTS.get(event);
        if (recurrence == null) {
            throw new IllegalArgumentException("no event " + event);
        }
        Function<AnalysisRow, String> group = factor == null ? r -> "all" : FACTORS.get(factor);
        if (group == null) {
            throw new IllegalArgumentException("no factor " + factor);
        }
        List<Map.Entry<String, java.util.function.Predicate<AnalysisRow>>> reasons = new ArrayList<>();
        reasons.add(Map.entry("no operation, or neither a follow-up visit nor a death recorded",
                r -> Double.isNaN(cifTime(r, recurrence))));
        if (factor != null) {
            reasons.add(Map.entry("no value of " + FACTOR_WORDS.get(factor), r -> group.apply(r) == null));
        }
        Selected s = select(rows, includeSynthetic, reasons);
        if (s.rows().isEmpty()) {
            throw unprocessable("no case has a time to " + EVENT_WORDS.get(event) + " or death"
                    + (factor == null ? "" : " and a value of " + FACTOR_WORDS.get(factor)) + leftOut(s));
        }
        try {
            SurvivalData data = SurvivalData.ofCompeting(s.rows(), r -> cifTime(r, recurrence),
                    r -> cifStatus(r, recurrence));
            if (factor != null) {
                data = data.withGroups(factor, s.rows(), group);
            }
            return new CifResult(event, factor, Survival.competingRisks(data), Survival.kaplanMeier(data), s.rows().size(),
                    s.exclusions());
        } catch (SurvivalException e) {
            throw unprocessable(e.getMessage());
        }
    }

    /** Days to the recurrence, else to death, else to the last visit; NaN when unknown. */
    private static double cifTime(AnalysisRow r, Function<AnalysisRow, AnalysisRow.Recurrence> recurrence) {
        AnalysisRow.Recurrence rec = recurrence.apply(r);
        if (rec.recorded().orElse(false) && rec.days().isPresent()) {
            return rec.days().getAsInt();
        }
        if (r.death().orElse(false) && r.followUpDays().isPresent()) {
            return r.followUpDays().getAsInt();
        }
        if (rec.recorded().isPresent() && rec.days().isPresent()) {
            return rec.days().getAsInt();
        }
        return Double.NaN;
    }

    /** 1 the recurrence, 2 death without it, 0 censored; as {@link #cifTime}. */
    private static double cifStatus(AnalysisRow r, Function<AnalysisRow, AnalysisRow.Recurrence> recurrence) {
        AnalysisRow.Recurrence rec = recurrence.apply(r);
        if (rec.recorded().orElse(false) && rec.days().isPresent()) {
            return 1;
        }
        if (r.death().orElse(false) && r.followUpDays().isPresent()) {
            return 2;
        }
        return 0;
    }

    /**
     * Cumulative incidence for {@code GET /api/v1/analytics/cif}.
     *
     * @param event {@code "local"} or {@code "distant"}
     * @param factor the factor, or null for one group
     * @param result the curves and tests
     * @param followUp per group, in the order of the groups, the Kaplan-Meier curve of the time to the
     *     first event of either kind (its numbers at risk and censored times)
     * @param n the cases analysed
     * @param exclusions the cases left out, per reason in words
     */
    public record CifResult(String event, String factor, CompetingRisks result, List<KaplanMeier> followUp, int n,
            Map<String, Integer> exclusions) {

        public CifResult {
            followUp = List.copyOf(followUp);
            exclusions = Collections.unmodifiableMap(new LinkedHashMap<>(exclusions));
        }

        /** A group's name in words: "Level 3", "All cases" without a factor. */
        public String words(String group) {
            return factor == null ? "All cases" : groupWords(factor, group);
        }

        /**
         * Per group, in the order of {@link #followUp}, the cumulative incidence of {@code cause} (1 the
         * event, 2 death without it); a group without such an event has a curve at 0.
         */
        public List<CumulativeIncidence> curves(int cause) {
            List<CumulativeIncidence> out = new ArrayList<>();
            for (KaplanMeier k : followUp) {
                CumulativeIncidence found = new CumulativeIncidence(k.group(), cause, k.n(), 0, List.of());
                for (CumulativeIncidence c : result.curves()) {
                    if (c.cause() == cause && c.group().equals(k.group())) {
                        found = c;
                    }
                }
                out.add(found);
            }
            return out;
        }

        /** Gray's test of {@code cause} across the groups, when there are groups and such events. */
        public Optional<GrayTest> grayTest(int cause) {
            return result.grayTests().stream().filter(g -> g.cause() == cause).findFirst();
        }

        /**
         * The cumulative incidence of the event as a plot: time in months since the operation, one
         * curve per group in words rising from 0, Gray's test and its p-value inside the plot.
         */
        public CurvePlot plot() {
            String what = EVENT_WORDS.get(event);
            String title = Character.toUpperCase(what.charAt(0)) + what.substring(1)
                    + (factor == null ? "" : " by " + FACTOR_WORDS.getOrDefault(factor, factor));
            List<CumulativeIncidence> named = curves(1).stream().map(c -> new CumulativeIncidence(words(c.group()),
                    c.cause(), c.n(), c.events(), c.points())).toList();
            List<KaplanMeier> followed = followUp.stream().map(k -> new KaplanMeier(words(k.group()), k.n(), k.events(),
                    k.table(), k.median())).toList();
            return Survival.incidencePlot(named, followed, PlotStyle.daysAsMonths(title, TIME_AXIS,
                    "Cumulative incidence").withAnnotation(grayTest(1).map(g -> "Gray's test: " + pEquals(g.test().p()))
                    .orElse(null)));
        }

        /** The JSON of the route: times in months, groups in words beside their labels. */
        public String json() {
            return SurvivalJson.cumulativeIncidence(event, factor == null ? "none" : factor, "months", DAYS_PER_MONTH,
                    result, n, exclusions, g -> factor == null ? "All cases" : groupWords(factor, g));
        }
    }

    public static KmResult km(List<AnalysisRow> rows, String factor) {
        Function<AnalysisRow, String> group = FACTORS.get(factor);
        if (group == null) {
            throw new IllegalArgumentException("no factor " + factor);
        }
        try {
            SurvivalData data = base(rows).withGroups(factor, rows, group);
            int n = 0;
            for (AnalysisRow r : rows) {
                n += r.followUpDays().isPresent() && r.vitalStatus().isPresent() && group.apply(r) != null ? 1 : 0;
            }
            if (n == 0) {
                throw unprocessable("no case has an operation, an outcome and a value of " + factor);
            }
            List<KaplanMeier> curves = Survival.kaplanMeier(data);
            Optional<LogRank> logRank = curves.size() > 1 ? logRankIfDefined(data) : Optional.empty();
            return new KmResult(factor, curves, logRank, n, rows.size() - n);
        } catch (SurvivalException e) {
            throw unprocessable(e.getMessage());
        }
    }

    public static CoxResult cox(List<AnalysisRow> rows, List<String> covariates) {
        try {
            SurvivalData data = base(rows);
            for (String name : covariates) {
                ToDoubleFunction<AnalysisRow> value = COVARIATE_VALUES.get(name);
                if (value == null) {
                    throw new IllegalArgumentException("no covariate " + name);
                }
                data = data.withCovariate(name, rows, value);
            }
            CoxModel m = Survival.cox(data);
            return new CoxResult(covariates, m, rows.size() - m.n());
        } catch (SurvivalException e) {
            throw unprocessable(e.getMessage());
        }
    }

    /** The log-rank test, or empty when it is not defined (no event, one group at risk). */
    private static Optional<LogRank> logRankIfDefined(SurvivalData data) throws SurvivalException {
        try {
            return Optional.of(Survival.logRank(data));
        } catch (SurvivalException.ModelException e) {
            return Optional.empty();
        }
    }

    private static Problem unprocessable(String message) {
        return new Problem(422, "Unprocessable Content", message, List.<InputError>of());
    }
}
