package org.cavaplan.io.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Damages a copy of a well-formed JSON tree as the fuzzer's bytes direct: values replaced by words
 * of the format, dates, numbers at the edges, other types; fields removed, added, renamed or copied.
 * Starting from a valid document keeps most inputs past the JSON parser and the schema, so the
 * fuzzer spends its time in the checks behind them. Shared with the FHIR module's fuzz tests through
 * io's test jar.
 */
public final class TreeMutator {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long[] EDGE_INTEGERS = {0, -1, 1, 2, 4, 5, 17, 18, 63, 64, 65, 100, 101, 120, 121, 255, 1000,
        Integer.MAX_VALUE, Integer.MIN_VALUE, (long) Integer.MAX_VALUE + 1, Long.MAX_VALUE, Long.MIN_VALUE};
    private static final String[] EDGE_DECIMALS = {"0.0", "-0.0", "0.5", "1e-9", "99.99", "1e308", "1e400", "-1e400",
        "123456789012345678901234567890", "1e-400"};

    private final List<String> words;

    /** A mutator that draws replacement texts and field names from {@code words} (never empty). */
    public TreeMutator(List<String> words) {
        this.words = List.copyOf(words);
    }

    /** The field names, enumeration values and constants of a JSON Schema document, in document order. */
    public static List<String> wordsOfSchema(JsonNode schema) {
        List<String> out = new ArrayList<>();
        collectWords(schema, out);
        return out.stream().distinct().toList();
    }

    private static void collectWords(JsonNode node, List<String> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().equals("properties")) {
                    field.getValue().fieldNames().forEachRemaining(out::add);
                }
                if (field.getKey().equals("enum") || field.getKey().equals("const")) {
                    field.getValue().forEach(v -> out.add(v.asText()));
                    if (field.getValue().isTextual()) {
                        out.add(field.getValue().asText());
                    }
                }
                collectWords(field.getValue(), out);
            }
        } else if (node.isArray()) {
            node.forEach(child -> collectWords(child, out));
        }
    }

    /** Every text value and field name of a document, in document order: a dictionary taken from a seed. */
    public static List<String> wordsOfDocument(JsonNode document) {
        List<String> out = new ArrayList<>();
        collectDocumentWords(document, out);
        return out.stream().distinct().toList();
    }

    private static void collectDocumentWords(JsonNode node, List<String> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                out.add(field.getKey());
                collectDocumentWords(field.getValue(), out);
            }
        } else if (node.isArray()) {
            node.forEach(child -> collectDocumentWords(child, out));
        } else if (node.isTextual()) {
            out.add(node.asText());
        }
    }

    /** A damaged copy of {@code seed}: between none and {@code maxEdits} edits, as many as the data ask for. */
    public JsonNode mutate(JsonNode seed, FuzzedDataProvider data, int maxEdits) {
        JsonNode tree = seed.deepCopy();
        int edits = data.consumeInt(0, maxEdits);
        for (int n = 0; n < edits; n++) {
            List<Slot> slots = new ArrayList<>();
            collectSlots(tree, slots);
            if (slots.isEmpty()) {
                break;
            }
            edit(slots.get(data.consumeInt(0, slots.size() - 1)), slots, data);
        }
        return tree;
    }

    /** A place in the tree: a field of an object or an element of an array. */
    private record Slot(JsonNode parent, String field, int index) {
        JsonNode value() {
            return parent.isObject() ? parent.get(field) : parent.get(index);
        }

        void set(JsonNode value) {
            if (parent instanceof ObjectNode object) {
                object.set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void remove() {
            if (parent instanceof ObjectNode object) {
                object.remove(field);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }

    private static void collectSlots(JsonNode node, List<Slot> out) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                out.add(new Slot(object, name, -1));
                collectSlots(object.get(name), out);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                out.add(new Slot(array, null, i));
                collectSlots(array.get(i), out);
            }
        }
    }

    private void edit(Slot slot, List<Slot> slots, FuzzedDataProvider data) {
        switch (data.consumeInt(0, 9)) {
            case 0 -> slot.set(NODES.textNode(data.pickValue(words)));
            case 1 -> slot.set(NODES.textNode(data.consumeString(48)));
            case 2 -> slot.set(data.consumeBoolean() ? NODES.numberNode(data.pickValue(EDGE_INTEGERS))
                    : NODES.numberNode(data.consumeLong()));
            case 3 -> slot.set(data.consumeBoolean() ? NODES.numberNode(new BigDecimal(data.pickValue(EDGE_DECIMALS)))
                    : NODES.numberNode(data.consumeRegularDouble()));
            case 4 -> slot.set(data.consumeBoolean() ? NODES.booleanNode(data.consumeBoolean()) : NODES.nullNode());
            case 5 -> slot.set(NODES.textNode(String.format(java.util.Locale.ROOT, "%04d-%02d-%02d",
                    data.consumeInt(0, 9999), data.consumeInt(0, 13), data.consumeInt(0, 32))));
            case 6 -> slot.remove();
            case 7 -> {
                JsonNode value = slot.value();
                JsonNode copy = slots.get(data.consumeInt(0, slots.size() - 1)).value().deepCopy();
                if (value instanceof ObjectNode object) {
                    object.set(data.consumeBoolean() ? data.pickValue(words) : data.consumeString(16), copy);
                } else if (value instanceof ArrayNode array) {
                    array.add(copy);
                } else {
                    slot.set(data.consumeBoolean() ? NODES.objectNode() : NODES.arrayNode());
                }
            }
            case 8 -> {
                if (slot.parent() instanceof ObjectNode object) {
                    JsonNode value = object.remove(slot.field());
                    object.set(data.consumeBoolean() ? data.pickValue(words) : data.consumeString(16), value);
                } else {
                    ((ArrayNode) slot.parent()).insert(slot.index(), slot.value().deepCopy());
                }
            }
            default -> slot.set(slots.get(data.consumeInt(0, slots.size() - 1)).value().deepCopy());
        }
    }
}
