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
                List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.size());
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    fields.add(field);
                }
                fields.sort(Map.Entry.comparingByKey());
                g.writeStartObject();
                for (Map.Entry<String, JsonNode> field : fields) {
                    g.writeFieldName(field.getKey());
                    write(field.getValue(), g);
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
            case NUMBER -> number(node, g);
            case STRING -> g.writeString(node.textValue());
            case BOOLEAN -> g.writeBoolean(node.booleanValue());
            case NULL -> g.writeNull();
            default -> throw new IllegalArgumentException("not JSON data: " + node.getNodeType());
        }
    }

    private static void number(JsonNode node, JsonGenerator g) throws IOException {
        if (node.isInt() || node.isLong()) {
            g.writeNumber(node.longValue());
        } else if (node.isIntegralNumber()) {
            g.writeNumber(node.bigIntegerValue().toString());
        } else {
            BigDecimal value = node.decimalValue().stripTrailingZeros();
            g.writeNumber(value.signum() == 0 ? "0" : value.toPlainString());
        }
    }
}
