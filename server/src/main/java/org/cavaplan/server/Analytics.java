package org.cavaplan.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.cavaplan.io.InputError;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.Registry;
import org.cavaplan.survival.ChiSquareTest;
import org.cavaplan.survival.CoxModel;
import org.cavaplan.survival.KaplanMeier;
import org.cavaplan.survival.LogRank;
import org.cavaplan.survival.Survival;
import org.cavaplan.survival.SurvivalData;
import org.cavaplan.survival.SurvivalException;

/**
 * Survival analytics over the registry: the data are the registry's de-identified CSV export (so
 * that every role may use them), parsed here; the JSON has the shape of {@code cavaplan survival}.
 */
public final class Analytics {

    /** Grouping factors of the Kaplan-Meier curves: API name to CSV column. */
    public static final Map<String, String> FACTORS = factors();

    /** Covariates of the Cox model, each a numeric CSV column or one derived from one. */
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

    private static Map<String, String> factors() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("level", "highest_level");
        m.put("margin", "margin");
        m.put("grade", "grade");
        m.put("intent", "intent");
        m.put("stage", "stage");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The rows of the de-identified CSV export: header and values. */
    public record Table(List<String> header, List<List<String>> rows) {
        int column(String name) {
            int i = header.indexOf(name);
            if (i < 0) {
                throw new IllegalStateException("the export has no column " + name);
            }
            return i;
        }

        String[] text(String name) {
            int c = column(name);
            String[] out = new String[rows.size()];
            for (int i = 0; i < out.length; i++) {
                List<String> row = rows.get(i);
                String v = c < row.size() ? row.get(c).strip() : "";
                out[i] = v.isEmpty() || v.equals("NA") ? null : v;
            }
            return out;
        }

        double[] numbers(String name) {
            String[] text = text(name);
            double[] out = new double[text.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = number(text[i]);
            }
            return out;
        }
    }

    /**
     * The registry's de-identified cases for {@code analysis} (what is computed, in words: see
     * {@link #analysis}), read as {@code actor}; audited as an analysis, not as an export.
     */
    public static Table table(Registry registry, Actor actor, String analysis) {
        StringWriter out = new StringWriter();
        try {
            registry.analyze(actor, analysis, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<List<String>> lines = parseCsv(out.toString());
        if (lines.isEmpty()) {
            throw new IllegalStateException("the export has no header");
        }
        return new Table(lines.get(0), lines.subList(1, lines.size()));
    }

    /** RFC 4180 CSV: quoted fields may hold commas, quotes (doubled) and line breaks. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> lines = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
                any = true;
            } else if (ch == ',') {
                row.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || field.length() > 0) {
                    row.add(field.toString());
                    lines.add(row);
                }
                row = new ArrayList<>();
                field.setLength(0);
                any = false;
            } else {
                field.append(ch);
                any = true;
            }
        }
        if (any || field.length() > 0) {
            row.add(field.toString());
            lines.add(row);
        }
        return lines;
    }

    private static double number(String text) {
        if (text == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The factor's CSV column, or a 400 problem pointing at {@code /factor}. */
    public static String factorColumn(String factor) {
        String key = factor == null ? "" : factor.strip().toLowerCase(Locale.ROOT);
        String column = FACTORS.get(key);
        if (column == null) {
            throw Problem.badParameter("factor", "must be one of " + String.join(", ", FACTORS.keySet())
                    + (factor == null ? "" : ", not \"" + factor + "\""));
        }
        return column;
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
    private static SurvivalData base(Table table) throws SurvivalException.InputException {
        return SurvivalData.of(table.numbers("time_days"), table.numbers("event"));
    }

    private static int complete(Table table, String... columns) {
        String[][] values = new String[columns.length][];
        for (int c = 0; c < columns.length; c++) {
            values[c] = table.text(columns[c]);
        }
        int n = 0;
        for (int i = 0; i < table.rows().size(); i++) {
            boolean all = true;
            for (String[] v : values) {
                all &= v[i] != null;
            }
            n += all ? 1 : 0;
        }
        return n;
    }

    /** Curves and the log-rank test per factor level; the curves for the plot. */
    public record KmResult(ObjectNode json, List<KaplanMeier> curves) {}

    public static KmResult km(Table table, String factor, String column) {
        try {
            SurvivalData data = base(table).withGroups(column, table.text(column));
            int n = complete(table, "time_days", "event", column);
            if (n == 0) {
                throw unprocessable("no case has an operation, an outcome and a value of " + factor);
            }
            List<KaplanMeier> curves = Survival.kaplanMeier(data);
            ObjectNode node = Json.MAPPER.createObjectNode();
            node.put("factor", factor);
            ArrayNode km = node.putArray("km");
            curves.forEach(k -> km.add(curve(k)));
            node.set("logRank", curves.size() > 1 ? logRankOrNull(data) : null);
            node.put("n", n);
            node.put("excluded", table.rows().size() - n);
            return new KmResult(node, curves);
        } catch (SurvivalException e) {
            throw unprocessable(e.getMessage());
        }
    }

    public static ObjectNode cox(Table table, List<String> covariates) {
        try {
            SurvivalData data = base(table);
            for (String name : covariates) {
                data = data.withCovariate(name, covariate(table, name));
            }
            CoxModel m = Survival.cox(data);
            ObjectNode node = Json.MAPPER.createObjectNode();
            ArrayNode names = node.putArray("covariates");
            covariates.forEach(names::add);
            node.set("cox", cox(m));
            node.put("n", m.n());
            node.put("excluded", table.rows().size() - m.n());
            return node;
        } catch (SurvivalException e) {
            throw unprocessable(e.getMessage());
        }
    }

    private static double[] covariate(Table table, String name) {
        if (!name.equals("margin_r1r2")) {
            return table.numbers(name);
        }
        String[] margin = table.text("margin");
        double[] out = new double[margin.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = margin[i] == null ? Double.NaN : margin[i].equals("R0") ? 0 : 1;
        }
        return out;
    }

    private static Problem unprocessable(String message) {
        return new Problem(422, "Unprocessable Content", message, List.<InputError>of());
    }

    // ---- JSON in the shape of cavaplan survival ---------------------------------------------

    private static ObjectNode curve(KaplanMeier k) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("group", k.group());
        node.put("n", k.n());
        node.put("events", k.events());
        number(node, "median", k.median().estimate());
        number(node, "medianLower95", k.median().lower95());
        number(node, "medianUpper95", k.median().upper95());
        ArrayNode rows = node.putArray("table");
        for (KaplanMeier.Row r : k.table()) {
            ObjectNode row = rows.addObject();
            number(row, "time", r.time());
            row.put("nRisk", r.nRisk());
            row.put("nEvent", r.nEvent());
            row.put("nCensor", r.nCensor());
            number(row, "survival", r.survival());
            number(row, "stdErr", r.stdErr());
            number(row, "lower95", r.lower95());
            number(row, "upper95", r.upper95());
        }
        return node;
    }

    /** The log-rank test, or null when it is not defined (no event, one group at risk). */
    private static ObjectNode logRankOrNull(SurvivalData data) throws SurvivalException {
        try {
            return logRank(Survival.logRank(data));
        } catch (SurvivalException.ModelException e) {
            return null;
        }
    }

    private static ObjectNode logRank(LogRank lr) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        number(node, "chiSquare", lr.test().chiSquare());
        node.put("df", lr.test().df());
        number(node, "p", lr.test().p());
        ArrayNode groups = node.putArray("groups");
        for (LogRank.Group g : lr.groups()) {
            ObjectNode group = groups.addObject();
            group.put("group", g.group());
            group.put("n", g.n());
            number(group, "observed", g.observed());
            number(group, "expected", g.expected());
        }
        return node;
    }

    private static ObjectNode cox(CoxModel m) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("ties", m.ties());
        ArrayNode coefficients = node.putArray("coefficients");
        for (CoxModel.Coefficient c : m.coefficients()) {
            ObjectNode coef = coefficients.addObject();
            coef.put("name", c.name());
            number(coef, "coef", c.coef());
            number(coef, "hr", c.hr());
            number(coef, "se", c.se());
            number(coef, "z", c.z());
            number(coef, "p", c.p());
            number(coef, "lower95", c.lower95());
            number(coef, "upper95", c.upper95());
        }
        ArrayNode ll = node.putArray("logLikelihood");
        ll.add(m.logLikelihoodNull());
        ll.add(m.logLikelihood());
        node.put("n", m.n());
        node.put("events", m.events());
        node.put("dropped", m.dropped());
        node.set("likelihoodRatio", test(m.likelihoodRatio()));
        node.set("wald", test(m.wald()));
        node.set("score", test(m.score()));
        ObjectNode c = node.putObject("concordance");
        number(c, "value", m.concordance().value());
        number(c, "stdErr", m.concordance().stdErr());
        c.put("concordant", m.concordance().concordant());
        c.put("discordant", m.concordance().discordant());
        c.put("tiedRisk", m.concordance().tiedRisk());
        c.put("tiedTime", m.concordance().tiedTime());
        node.put("iterations", m.iterations());
        return node;
    }

    private static ObjectNode test(ChiSquareTest t) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        number(node, "chiSquare", t.chiSquare());
        node.put("df", t.df());
        number(node, "p", t.p());
        return node;
    }

    private static void number(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }

    private static void number(ObjectNode node, String field, OptionalDouble value) {
        if (value.isPresent()) {
            node.put(field, value.getAsDouble());
        } else {
            node.putNull(field);
        }
    }
}
