package org.cavaplan.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.cavaplan.core.model.Margin;
import org.cavaplan.io.InputError;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.AnalysisRow;
import org.cavaplan.registry.Registry;
import org.cavaplan.survival.CoxModel;
import org.cavaplan.survival.KaplanMeier;
import org.cavaplan.survival.LogRank;
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
            "intent", "intent of treatment",
            "stage", "stage of the pathway");

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
        m.put("stage", r -> r.stage().name());
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
    public record KmResult(String factor, List<KaplanMeier> curves, Optional<LogRank> logRank, int n, int excluded) {

        public KmResult {
            curves = List.copyOf(curves);
        }

        /** The JSON of {@code GET /api/v1/analytics/km}. */
        public String json() {
            return SurvivalJson.kaplanMeier(factor, curves, logRank, n, excluded);
        }
    }

    /**
     * A Cox model.
     *
     * @param covariates the covariates, in the model's order
     * @param model      the fitted model
     * @param excluded   the cases left out for a missing time, outcome or covariate
     */
    public record CoxResult(List<String> covariates, CoxModel model, int excluded) {

        public CoxResult {
            covariates = List.copyOf(covariates);
        }

        /** The JSON of {@code GET /api/v1/analytics/cox}. */
        public String json() {
            return SurvivalJson.cox(covariates, model, excluded);
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
