package org.cavaplan.server.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Finds case content in log lines: {@code CaseContentScan.create().addCase(json)…scan(file)}.
 *
 * <p>What counts as case content of a case (see {@code case.schema.json}; a case has no name, no
 * date of birth and no MRN field, so its identifying values are these): its {@code caseId} (a
 * centre may use its MRN there), every date (imaging, operation, therapy, follow-up, death or last
 * contact), and every free-text value ({@code neoadjuvant/chemotherapy/regimen}); also any extra
 * identifier given with {@link #addValue} (e.g. the FHIR Patient id of a CDS Hooks request). Besides
 * the values of known cases, every property name of the case format as a quoted JSON key
 * ({@code "ivc"}, {@code "margin"}…) is a finding, so a logged case body is caught even for a case
 * the scan was not told about.
 *
 * <p>Not scanned: enumerated codes ({@code FEMALE}, {@code R0}…) and numbers, which occur in any log
 * line (times, statuses) and identify nobody alone; and values shorter than {@value #MIN_LENGTH}
 * characters. A leading ISO-8601 timestamp (the log's own, e.g. {@code 2026-11-27T11:18:10.123Z})
 * is not part of the scanned text, so a case date equal to today is not a false finding there.
 *
 * <p>Matching is plain substring search (a value inside a longer word is a finding too), indexed by
 * the first {@value #MIN_LENGTH} characters so that a few hundred thousand lines against tens of
 * thousands of values take seconds. Not thread-safe while values are added.
 */
final class CaseContentScan {

    /** Values shorter than this are too common to scan for. */
    static final int MIN_LENGTH = 4;

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern LEADING_TIMESTAMP = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\S*\\s?");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One value that must not appear in a log, and what it is (for the failure message). */
    record Marker(String text, String what) {}

    /** One appearance of a marker: the file, the line number (from 1) and the line. */
    record Finding(String file, long line, Marker marker, String text) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + marker.what() + " \"" + marker.text() + "\" in: "
                    + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
        }
    }

    private final Map<String, List<Marker>> byPrefix = new HashMap<>();
    private final Set<String> known = new java.util.HashSet<>();

    private CaseContentScan() {}

    /** A scan that knows the case format's JSON keys and no case yet. */
    static CaseContentScan create() {
        CaseContentScan scan = new CaseContentScan();
        for (String key : caseFormatKeys()) {
            scan.add(new Marker("\"" + key + "\"", "a JSON key of the case format"));
        }
        return scan;
    }

    /** Adds the identifying and clinical values of the case {@code json} (case JSON as stored and served). */
    CaseContentScan addCase(String json) {
        JsonNode kase;
        try {
            kase = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not case JSON", e);
        }
        String id = kase.path("caseId").asText("?");
        collect(kase, "", id);
        return this;
    }

    /** Adds one more value of the case {@code caseId} that identifies it, e.g. a FHIR resource id. */
    CaseContentScan addValue(String value, String what) {
        if (value.length() >= MIN_LENGTH) {
            add(new Marker(value, what));
        }
        return this;
    }

    /** How many distinct values are scanned for. */
    int size() {
        return known.size();
    }

    /** Every finding in the lines of {@code file} (read as UTF-8, malformed bytes replaced). */
    List<Finding> scan(Path file) {
        try (InputStream in = Files.newInputStream(file);
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return scan(file.getFileName().toString(), r.lines().iterator());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every finding in {@code lines}, named {@code source} in the findings. */
    List<Finding> scan(String source, Iterator<String> lines) {
        List<Finding> findings = new ArrayList<>();
        long number = 0;
        while (lines.hasNext()) {
            String line = lines.next();
            number++;
            String text = LEADING_TIMESTAMP.matcher(line).replaceFirst("");
            for (int i = 0; i + MIN_LENGTH <= text.length(); i++) {
                List<Marker> candidates = byPrefix.get(text.substring(i, i + MIN_LENGTH));
                if (candidates == null) {
                    continue;
                }
                for (Marker m : candidates) {
                    if (text.startsWith(m.text(), i)) {
                        findings.add(new Finding(source, number, m, line));
                    }
                }
            }
        }
        return findings;
    }

    private void collect(JsonNode node, String pointer, String caseId) {
        if (node.isObject()) {
            node.properties().forEach(e -> collect(e.getValue(), pointer + "/" + e.getKey(), caseId));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), pointer + "/" + i, caseId);
            }
        } else if (node.isTextual()) {
            String value = node.asText();
            if (pointer.equals("/caseId")) {
                addValue(value, "the case id");
            } else if (DATE.matcher(value).matches()) {
                addValue(value, "the date " + pointer + " of case " + caseId);
            } else if (!CODE.matcher(value).matches()) {
                addValue(value, "the free text " + pointer + " of case " + caseId);
            }
        }
    }

    private void add(Marker m) {
        if (m.text().length() >= MIN_LENGTH && known.add(m.text())) {
            byPrefix.computeIfAbsent(m.text().substring(0, MIN_LENGTH), k -> new ArrayList<>(1)).add(m);
        }
    }

    /** Every property name in the case schema the product validates with. */
    static Set<String> caseFormatKeys() {
        try (InputStream in = CaseContentScan.class.getResourceAsStream("/org/cavaplan/io/case.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("the case schema is not on the class path");
            }
            Set<String> keys = new TreeSet<>();
            keysOf(MAPPER.readTree(in), keys);
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void keysOf(JsonNode node, Set<String> keys) {
        if (node.isObject()) {
            JsonNode properties = node.get("properties");
            if (properties != null && properties.isObject()) {
                properties.fieldNames().forEachRemaining(keys::add);
            }
            node.elements().forEachRemaining(child -> keysOf(child, keys));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> keysOf(child, keys));
        }
    }
}
