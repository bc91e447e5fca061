package org.cavaplan.survival;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One reference data set written by {@code src/test/r/make-fixtures.R}: the data, the column
 * spec, R's expected numbers and R's Kaplan-Meier table.
 */
final class RFixture {
    /** Relative tolerance of every comparison with R. */
    static final double RELATIVE = 1e-6;
    /** Absolute floor for values near 0. */
    static final double ABSOLUTE = 1e-12;

    final String name;
    final ColumnSpec spec;
    final Map<String, String> expected;
    final List<String[]> kmTable;

    private RFixture(String name, ColumnSpec spec, Map<String, String> expected, List<String[]> km) {
        this.name = name;
        this.spec = spec;
        this.expected = expected;
        this.kmTable = km;
    }

    static RFixture load(String name) {
        Map<String, String> spec = new LinkedHashMap<>();
        for (String line : lines(name + ".spec")) {
            int eq = line.indexOf('=');
            spec.put(line.substring(0, eq), line.substring(eq + 1));
        }
        String cov = spec.get("covariates");
        List<String> covariates = cov.isEmpty() ? List.of() : Arrays.asList(cov.split(","));
        String group = spec.get("group").isEmpty() ? null : spec.get("group");
        ColumnSpec columns = new ColumnSpec(spec.get("time"), spec.get("event"), group, covariates);
        Map<String, String> expected = new LinkedHashMap<>();
        for (String line : lines(name + "-expected.csv")) {
            int comma = line.indexOf(',');
            expected.put(line.substring(0, comma), line.substring(comma + 1));
        }
        List<String[]> km = new ArrayList<>();
        List<String> kmLines = lines(name + "-km.csv");
        for (String line : kmLines.subList(1, kmLines.size())) {
            String[] f = line.split(",", -1);
            for (int i = 0; i < f.length; i++) {
                f[i] = f[i].replace("\"", "");
            }
            km.add(f);
        }
        return new RFixture(name, columns, expected, km);
    }

    SurvivalData data() throws SurvivalException.InputException {
        try (InputStream in = resource(name + ".csv")) {
            return Survival.readCsv(in, name + ".csv", spec);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    SurvivalData dataWithout(String... dropCovariates) throws SurvivalException.InputException {
        List<String> keep = new ArrayList<>(spec.covariates());
        keep.removeAll(Arrays.asList(dropCovariates));
        try (InputStream in = resource(name + ".csv")) {
            return Survival.readCsv(in, name + ".csv", spec.withCovariates(keep));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean has(String key) {
        return expected.containsKey(key);
    }

    String text(String key) {
        assertThat(expected).as("fixture %s has key %s", name, key).containsKey(key);
        return expected.get(key);
    }

    double number(String key) {
        String v = text(key);
        return v.equals("NA") ? Double.NaN : Double.parseDouble(v);
    }

    /** Asserts actual equals R's value for key within the tolerance (NA expects NaN). */
    void check(String key, double actual) {
        close(name + " " + key, actual, number(key));
    }

    void check(String key, OptionalDouble actual) {
        check(key, actual.isPresent() ? actual.getAsDouble() : Double.NaN);
    }

    static void close(String what, double actual, double expected) {
        if (Double.isNaN(expected)) {
            assertThat(actual).as(what + " (R: NA)").isNaN();
            return;
        }
        double tol = RELATIVE * Math.abs(expected) + ABSOLUTE;
        assertThat(actual).as(what).isCloseTo(expected, org.assertj.core.data.Offset.offset(tol));
    }

    static double parse(String s) {
        return s.equals("NA") ? Double.NaN : Double.parseDouble(s);
    }

    private static InputStream resource(String file) {
        InputStream in = RFixture.class.getResourceAsStream("/fixtures/" + file);
        if (in == null) {
            throw new IllegalStateException("missing fixture " + file);
        }
        return in;
    }

    private static List<String> lines(String file) {
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(resource(file), StandardCharsets.UTF_8))) {
            List<String> out = new ArrayList<>();
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank()) {
                    out.add(line);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
