package org.cavaplan.server.crash;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Case contents for the crash tests: the example seed case under another id, each one different
 * from every other (age, sex and closest margin follow a counter), so that every write makes a
 * new version whose extracted columns can be checked against its content. Thread-safe.
 */
final class CaseContent {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** Compares JSON by value: numbers by their decimal value (5 equals 5.0), the rest as Jackson does. */
    static final Comparator<JsonNode> BY_VALUE = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

    private final ObjectNode seed;
    private final AtomicInteger counter = new AtomicInteger();

    CaseContent() {
        try {
            seed = (ObjectNode) MAPPER.readTree(Files.readString(Path.of("..", "examples", "seed-case.json"),
                    StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new content for {@code caseId}, unlike any other this instance made. */
    ObjectNode next(String caseId) {
        int n = counter.incrementAndGet();
        ObjectNode kase = seed.deepCopy();
        kase.put("caseId", caseId);
        ObjectNode patient = (ObjectNode) kase.get("patient");
        patient.put("ageYears", 20 + n % 70);
        patient.put("sex", n % 3 == 0 ? "MALE" : "FEMALE");
        ((ObjectNode) kase.get("pathology")).put("closestMarginMm", (n % 19_999 + 1) / 100.0);
        return kase;
    }

    static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + text, e);
        }
    }

    static boolean sameValue(JsonNode a, JsonNode b) {
        return a.equals(BY_VALUE, b);
    }
}
