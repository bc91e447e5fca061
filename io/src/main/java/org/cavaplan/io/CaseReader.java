package org.cavaplan.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Reads a case: JSON syntax, then the case schema ({@code case.schema.json}, JSON Schema 2020-12),
 * then calendar dates and the semantic checks of the plan contract's §4. Every problem is reported
 * at once with its JSON pointer, in plain words; nothing else is ever thrown for bad input.
 * Thread-safe; create one and share it.
 */
public final class CaseReader {

    private static final String SCHEMA_RESOURCE = "case.schema.json";

    private final Schema schema;

    private CaseReader(Schema schema) {
        this.schema = schema;
    }

    /** A reader over the case schema shipped with CavaPlan. */
    public static CaseReader create() {
        try (InputStream in = CaseReader.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the case schema is missing from the build");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new CaseReader(SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The case schema as shipped, for anyone who needs to publish it. */
    public static String schemaText() {
        try (InputStream in = CaseReader.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one case from JSON text. */
    public ReadResult read(String text) {
        if (text.isBlank()) {
            return invalid("", "the input is empty: expected one JSON object describing a case");
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            return invalid("", syntaxMessage(e));
        }
        return read(node);
    }

    /** Reads one case from bytes in UTF-8. */
    public ReadResult read(byte[] utf8) {
        return read(new String(utf8, StandardCharsets.UTF_8));
    }

    /** Reads one case from an already parsed JSON tree. */
    public ReadResult read(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return invalid("", "the input is empty: expected one JSON object describing a case");
        }
        if (!node.isObject()) {
            return invalid("", "a case must be a JSON object, not " + SchemaMessages.kind(node));
        }
        List<InputError> outOfRange = new ArrayList<>();
        findNonFiniteNumbers(node, "", outOfRange);
        if (!outOfRange.isEmpty()) {
            // The schema validator cannot compare such a number with anything (it throws), so stop here.
            return sorted(outOfRange);
        }
        List<InputError> errors = new ArrayList<>();
        for (com.networknt.schema.Error e : schema.validate(node)) {
            errors.add(SchemaMessages.toInputError(e));
        }
        errors.addAll(SemanticChecks.check(node));
        if (!errors.isEmpty()) {
            return sorted(errors);
        }
        return new ReadResult.Valid(CaseMapper.map(node));
    }

    /**
     * Numbers that do not fit a double: JSON allows {@code 1e400}, which Jackson reads as infinity,
     * or as a huge exact decimal when the caller reads exact decimals (and a tree built in code may
     * hold NaN). No field of a case can take one. A first pass without pointers, since nearly every
     * case has none.
     */
    private static void findNonFiniteNumbers(JsonNode node, String pointer, List<InputError> out) {
        if (!holdsNonFinite(node)) {
            return;
        }
        if (node.isNumber()) {
            out.add(new InputError(pointer, "is a number too large in magnitude for any field of a case"));
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                findNonFiniteNumbers(field.getValue(), pointer + "/" + SchemaMessages.escape(field.getKey()), out);
            }
        } else {
            for (int i = 0; i < node.size(); i++) {
                findNonFiniteNumbers(node.get(i), pointer + "/" + i, out);
            }
        }
    }

    private static boolean holdsNonFinite(JsonNode node) {
        if (node.isNumber()) {
            return !Double.isFinite(node.doubleValue());
        }
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                if (holdsNonFinite(child)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static ReadResult invalid(String pointer, String message) {
        return new ReadResult.Invalid(List.of(new InputError(pointer, message)));
    }

    private static ReadResult sorted(List<InputError> errors) {
        List<InputError> list = errors.stream().distinct()
                .sorted(Comparator.comparing(InputError::pointer).thenComparing(InputError::message)).toList();
        return new ReadResult.Invalid(list);
    }

    static String syntaxMessage(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message.startsWith("Trailing token")) {
            message = "more than one JSON value; a case is exactly one object";
        }
        for (String cut : new String[] {"\n", " (bound as", " (start marker", " [Source:", " at [Source"}) {
            int at = message.indexOf(cut);
            if (at > 0) {
                message = message.substring(0, at);
            }
        }
        message = message.replaceAll("`[a-z]+(\\.[a-zA-Z0-9_$]+)+`", "").trim();
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        return "the input is not valid JSON" + where + ": " + message;
    }
}
