package org.cavaplan.registry;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.cavaplan.io.Json;

/**
 * The canonical JSON of a document: object keys sorted, no white space, every number written by its
 * value (plain decimal, no exponent, no trailing zeros), strings escaped as Jackson does. Two
 * documents that mean the same have the same canonical text, whatever the database did to the
 * layout (PostgreSQL's JSONB reorders keys). Thread-safe.
 */
final class CanonicalJson {

    /**
     * Decimals as {@code BigDecimal}; integers need nothing more, as Jackson reads each one exactly as an
     * int, a long or (beyond) a {@code BigInteger}. Forcing {@code BigInteger} for every integer cost 10 %
     * of an import's intake (bench/HISTORY.md) and changed no canonical text.
     */
    private static final ObjectReader EXACT = Json.mapper().reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private CanonicalJson() {}

    /** Parses JSON text keeping every number exactly. */
    static JsonNode parse(String text) throws JsonProcessingException {
        return EXACT.readTree(text);
    }

    /** The canonical text of JSON text that is known to be valid (e.g. read back from the database). */
    static String of(String text) {
        try {
            return of(parse(text));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not parse: " + e.getOriginalMessage(), e);
        }
    }

    /** The canonical text of a tree. */
    static String of(JsonNode node) {
        StringWriter out = new StringWriter(2048);
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
            write(node, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The SHA-256 of the UTF-8 bytes of {@code text}, in lower-case hex. */
    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    private static void write(JsonNode node, JsonGenerator g) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<String> names = new ArrayList<>(node.size());
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    names.add(field.getKey());
                }
                Collections.sort(names);
                g.writeStartObject();
                for (String name : names) {
                    g.writeFieldName(name);
                    write(node.get(name), g);
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode item : node) {
                    write(item, g);
                }
                g.writeEndArray();
            }
            case NUMBER -> g.writeNumber(number(node));
            case STRING -> g.writeString(node.textValue());
            case BOOLEAN -> g.writeBoolean(node.booleanValue());
            case NULL -> g.writeNull();
            default -> throw new IllegalArgumentException("not JSON data: " + node.getNodeType());
        }
    }

    private static String number(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        BigDecimal value = node.decimalValue().stripTrailingZeros();
        if (value.signum() == 0) {
            return "0";
        }
        return value.toPlainString();
    }
}
