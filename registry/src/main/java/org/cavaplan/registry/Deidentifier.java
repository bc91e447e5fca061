package org.cavaplan.registry;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * De-identification in the manner of HIPAA Safe Harbor, for one export:
 * <ul>
 *   <li>the case id becomes a pseudonym, {@code P-} and 20 hex digits of HMAC-SHA256(key, caseId);</li>
 *   <li>every calendar date becomes a day offset from day zero, the operation (or the first imaging
 *       study when there was no operation): a field {@code date} becomes {@code day}, a field
 *       {@code somethingDate} becomes {@code somethingDay}, and {@code dayZero} says which day zero is;</li>
 *   <li>an age over 89 becomes 90, with {@code ageOver89: true};</li>
 *   <li>free text ({@link #FREE_TEXT}) is left out, since anything may be written in it.</li>
 * </ul>
 * The case holds no other direct identifier (no name, address or record number). Not thread-safe:
 * one instance per export.
 */
final class Deidentifier {

    /** Ages above this are grouped. */
    static final int MAX_EXACT_AGE = 89;

    /** The case's free-text fields, as JSON pointers: a de-identified case leaves them out. */
    static final List<String> FREE_TEXT = List.of("/neoadjuvant/chemotherapy/regimen");

    private final Mac mac;

    Deidentifier(PseudonymKey key) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.bytes(), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks HmacSHA256", e);
        }
    }

    String pseudonym(String caseId) {
        byte[] digest = mac.doFinal(caseId.getBytes(StandardCharsets.UTF_8));
        return "P-" + HexFormat.of().formatHex(digest, 0, 10);
    }

    static int age(int ageYears) {
        return Math.min(ageYears, MAX_EXACT_AGE + 1);
    }

    /** The de-identified canonical JSON of a stored case. */
    String json(String canonicalCase) {
        ObjectNode node = (ObjectNode) parse(canonicalCase);
        String caseId = node.path("caseId").asText();
        Optional<LocalDate> operation = date(node.path("operation").path("date"));
        LocalDate dayZero = operation.orElseGet(() -> firstImaging(node));
        replaceDates(node, dayZero);
        for (String pointer : FREE_TEXT) {
            JsonPointer at = JsonPointer.compile(pointer);
            if (node.at(at.head()) instanceof ObjectNode holder) {
                holder.remove(at.last().getMatchingProperty());
            }
        }
        node.put("caseId", pseudonym(caseId));
        node.put("dayZero", operation.isPresent() ? "OPERATION" : "FIRST_IMAGING");
        node.put("deidentified", true);
        JsonNode patient = node.path("patient");
        if (patient instanceof ObjectNode p && p.path("ageYears").asInt() > MAX_EXACT_AGE) {
            p.put("ageYears", MAX_EXACT_AGE + 1);
            p.put("ageOver89", true);
        }
        return CanonicalJson.of(node);
    }

    private static JsonNode parse(String text) {
        try {
            return CanonicalJson.parse(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not parse", e);
        }
    }

    private static LocalDate firstImaging(ObjectNode node) {
        LocalDate first = null;
        for (JsonNode study : node.path("imaging")) {
            Optional<LocalDate> d = date(study.path("date"));
            if (d.isPresent() && (first == null || d.get().isBefore(first))) {
                first = d.get();
            }
        }
        if (first == null) {
            throw new IllegalStateException("a stored case without an imaging date: " + node.path("caseId").asText());
        }
        return first;
    }

    private static void replaceDates(JsonNode node, LocalDate dayZero) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                names.add(field.getKey());
            }
            for (String name : names) {
                JsonNode value = object.get(name);
                Optional<LocalDate> date = isDateField(name) ? date(value) : Optional.empty();
                if (date.isPresent()) {
                    object.remove(name);
                    object.put(name.substring(0, name.length() - 4) + (name.equals("date") ? "day" : "Day"),
                            ChronoUnit.DAYS.between(dayZero, date.get()));
                } else {
                    replaceDates(value, dayZero);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode item : array) {
                replaceDates(item, dayZero);
            }
        }
    }

    private static boolean isDateField(String name) {
        return name.equals("date") || name.endsWith("Date");
    }

    private static Optional<LocalDate> date(JsonNode value) {
        if (!value.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value.textValue()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
