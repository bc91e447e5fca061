package org.cavaplan.bench.run;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The helper of {@code bench/run} for what bash does badly: reading JMH's JSON results and writing
 * {@code results.json} with its readable table.
 *
 * <pre>
 * BenchResults jmh FILE BENCHMARK score|p50 [PARAM=VALUE…]
 *     prints the score (or the median of the samples) of the one result whose benchmark name ends
 *     with BENCHMARK and whose parameters match; exit 2 when there is none
 * BenchResults write FIGURES.tsv MACHINE DATE MODE LOAD OUT.json OUT.md
 *     FIGURES.tsv: one figure a line, tab-separated: name, value (empty when not measured), unit,
 *     goal, lower|higher, note (may be empty); prints the table and writes both files
 * </pre>
 */
public final class BenchResults {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    /** One figure of the results file; {@code value} is null when it could not be measured, then {@code note} says why. */
    record Figure(String name, Double value, String unit, double goal, String better, String note) {
        Figure {
            if (!better.equals("lower") && !better.equals("higher")) {
                throw new IllegalArgumentException(name + ": better must be lower or higher, not " + better);
            }
        }

        boolean met() {
            return value != null && (better.equals("lower") ? value <= goal : value >= goal);
        }

        static Figure parse(String line) {
            String[] f = line.split("\t", -1);
            if (f.length < 5) {
                throw new IllegalArgumentException("a figure needs at least 5 tab-separated fields: " + line);
            }
            String value = f[1].strip();
            return new Figure(f[0].strip(), value.isEmpty() || value.equals("null") ? null : Double.valueOf(value),
                    f[2].strip(), Double.parseDouble(f[3].strip()), f[4].strip(), f.length > 5 ? f[5].strip() : "");
        }
    }

    private BenchResults() {}

    public static void main(String[] args) throws IOException {
        if (args.length >= 4 && args[0].equals("jmh")) {
            List<String> params = List.of(args).subList(4, args.length);
            Double v = jmh(Path.of(args[1]), args[2], args[3], params);
            if (v == null) {
                System.err.println("no result for " + args[2] + " " + params + " in " + args[1]);
                System.exit(2);
            }
            System.out.println(String.format(Locale.ROOT, "%.6f", v));
        } else if (args.length == 8 && args[0].equals("write")) {
            List<Figure> figures = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    figures.add(Figure.parse(line));
                }
            }
            String table = table(figures, args[2], args[3], args[4]);
            Files.writeString(Path.of(args[6]), json(figures, args[2], args[3], args[4], args[5]), StandardCharsets.UTF_8);
            Files.writeString(Path.of(args[7]), table, StandardCharsets.UTF_8);
            System.out.print(table);
        } else {
            System.err.println("usage: BenchResults jmh FILE BENCHMARK score|p50 [PARAM=VALUE...] | "
                    + "BenchResults write FIGURES.tsv MACHINE DATE MODE LOAD OUT.json OUT.md");
            System.exit(2);
        }
    }

    static Double jmh(Path file, String benchmark, String stat, List<String> params) throws IOException {
        JsonNode results = JSON.readTree(file.toFile());
        for (JsonNode r : results) {
            if (!r.path("benchmark").asText().endsWith(benchmark) || !matches(r.path("params"), params)) {
                continue;
            }
            JsonNode metric = r.path("primaryMetric");
            JsonNode v = stat.equals("p50") ? metric.path("scorePercentiles").path("50.0") : metric.path("score");
            return v.isNumber() ? v.asDouble() : null;
        }
        return null;
    }

    private static boolean matches(JsonNode actual, List<String> params) {
        for (String p : params) {
            int eq = p.indexOf('=');
            if (!actual.path(p.substring(0, eq)).asText().equals(p.substring(eq + 1))) {
                return false;
            }
        }
        return true;
    }

    static String json(List<Figure> figures, String machine, String date, String mode, String load) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("machine", machine);
        root.put("date", date);
        root.put("mode", mode);
        root.put("load", load);
        ArrayNode list = root.putArray("figures");
        for (Figure f : figures) {
            ObjectNode o = list.addObject();
            o.put("name", f.name());
            if (f.value() == null) {
                o.putNull("value");
            } else {
                o.put("value", round(f.value()));
            }
            o.put("unit", f.unit());
            o.put("goal", round(f.goal()));
            o.put("better", f.better());
            if (!f.note().isEmpty()) {
                o.put("note", f.note());
            }
        }
        return JSON.writeValueAsString(root) + "\n";
    }

    /** Four significant digits (at least the integer part): the noise of this machine is far larger. */
    private static BigDecimal round(double v) {
        BigDecimal d = new BigDecimal(v);
        int digits = Math.max(4, d.precision() - d.scale());
        return d.round(new MathContext(digits)).stripTrailingZeros();
    }

    static String table(List<Figure> figures, String machine, String date, String mode) {
        StringBuilder b = new StringBuilder();
        b.append("Benchmarks (").append(mode).append(") of ").append(date).append(" on ").append(machine).append("\n\n");
        b.append("| figure | goal | measured | met | note |\n|---|---|---|---|---|\n");
        for (Figure f : figures) {
            String goal = (f.better().equals("lower") ? "≤ " : "≥ ") + plain(f.goal()) + " " + f.unit();
            String value = f.value() == null ? "—" : plain(round(f.value()).doubleValue()) + " " + f.unit();
            String met = f.value() == null ? "not measured" : f.met() ? "yes" : "**no**";
            b.append("| `").append(f.name()).append("` | ").append(goal).append(" | ").append(value).append(" | ")
                    .append(met).append(" | ").append(f.note().replace("|", "\\|")).append(" |\n");
        }
        return b.toString();
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%,d", (long) v)
                : round(v).toPlainString();
    }
}
