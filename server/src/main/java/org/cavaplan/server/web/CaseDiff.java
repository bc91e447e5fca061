package org.cavaplan.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.cavaplan.core.vocabulary.Vocabulary;

/**
 * The differences between two versions of a case in a clinician's words, one line per field that
 * differs: "Imaging study 2 (CT, 2013-04-12): tumor diameters 5.5 × 3.3 cm → 6.5 × 3.3 cm",
 * "Pathology: resection margin R1 → R0". Field names and values come from the project's vocabulary
 * ({@link Vocabulary}); JSON pointers are kept for hover text only.
 *
 * <p>Nested objects are compared field by field. Imaging studies and follow-up visits are matched by
 * what identifies them (date and modality) where that is unique, else by position, so that a study
 * added before the others is one added study, not a change of every study after it; a study or visit
 * added or removed as a whole is one line that says what it held. A list of plain values (symptoms,
 * diameters, metastatic sites) is one value. Numbers are compared by value ({@code 18} equals
 * {@code 18.0}). Thread-safe (no state).
 */
final class CaseDiff {

    /** What happened to a field, or to a whole study or visit. */
    enum Kind { ADDED, REMOVED, CHANGED }

    /**
     * One line. {@code where}: the section or item ("Pathology", "Imaging study 2 (CT, 2013-04-12)");
     * {@code field}: the field inside it in words, empty for a whole item or a top-level field;
     * {@code before} and {@code after}: the values in words ({@value Vocabulary#NOT_RECORDED} where
     * there was none); {@code pointer}: where the field is in the later version (the earlier one
     * for a removal), for hover text.
     */
    record Line(String pointer, Kind kind, String where, String field, String before, String after) {
        Line {
            Objects.requireNonNull(pointer, "pointer");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(where, "where");
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
        }

        /**
         * The line as one sentence, as the history page shows it: "Pathology: resection margin R1 → R0",
         * "Imaging study 3 (MRI, 2014-01-02) added: tumor diameters 6 cm; …".
         */
        String sentence() {
            if (field.isEmpty() && kind != Kind.CHANGED) {
                return where + (kind == Kind.ADDED ? " added: " + after : " removed: " + before);
            }
            String subject = field.isEmpty() ? where : where.isEmpty() ? field : where + ": " + inSentence(field);
            return subject + " " + before + " \u2192 " + after;
        }
    }

    /** The case's sections in the order of the case form, for the order of the lines. */
    private static final List<String> SECTIONS = List.of("schemaVersion", "caseId", "patient", "presentation", "histology",
            "imaging", "neoadjuvant", "operation", "pathology", "postoperative", "followUp", "outcome");

    private final List<Line> lines = new ArrayList<>();

    private CaseDiff() {}

    /** The lines from {@code before} to {@code after} (two cases as JSON), in the order of the form; empty when equal. */
    static List<Line> diff(JsonNode before, JsonNode after) {
        CaseDiff d = new CaseDiff();
        d.object("", "", "", before, after);
        return List.copyOf(d.lines);
    }

    // ---- walking the two trees ------------------------------------------------------------------

    private void object(String pointerA, String pointerB, String where, JsonNode a, JsonNode b) {
        for (String name : names(a, b, pointerB.isEmpty())) {
            String escaped = name.replace("~", "~0").replace("/", "~1");
            field(pointerA + "/" + escaped, pointerB + "/" + escaped, where, a.get(name), b.get(name));
        }
    }

    private void field(String pointerA, String pointerB, String where, JsonNode a, JsonNode b) {
        boolean hasA = present(a);
        boolean hasB = present(b);
        if (!hasA && !hasB) {
            return;
        }
        if ((hasA ? a : b).isObject() && (!hasA || !hasB || a.isObject() && b.isObject())) {
            String inner = fieldWords(hasB ? pointerB : pointerA);
            object(pointerA, pointerB, inner, hasA ? a : EMPTY, hasB ? b : EMPTY);
            return;
        }
        boolean listA = hasA && items(a);
        boolean listB = hasB && items(b);
        if ((listA || listB) && (listA || !hasA || a.isArray() && a.isEmpty()) && (listB || !hasB || b.isArray() && b.isEmpty())) {
            items(pointerA, pointerB, listA ? a : EMPTY_LIST, listB ? b : EMPTY_LIST);
        } else if (!hasA || !hasB || !same(a, b)) {
            String pointer = hasB ? pointerB : pointerA;
            Kind kind = !hasA ? Kind.ADDED : !hasB ? Kind.REMOVED : Kind.CHANGED;
            lines.add(new Line(pointer, kind, where, fieldWords(pointer),
                    hasA ? valueWords(pointerA, a) : Vocabulary.NOT_RECORDED,
                    hasB ? valueWords(pointerB, b) : Vocabulary.NOT_RECORDED));
        }
    }

    /** Imaging studies or follow-up visits: matched by what identifies them, else by position. */
    private void items(String pointerA, String pointerB, JsonNode a, JsonNode b) {
        Map<Integer, Integer> match = match(a, b);
        Set<Integer> matchedA = new HashSet<>(match.values());
        for (int j = 0; j < b.size(); j++) {
            String itemB = pointerB + "/" + j;
            Integer i = match.get(j);
            if (i == null) {
                lines.add(new Line(itemB, Kind.ADDED, itemWords(itemB, b.get(j)), "", Vocabulary.NOT_RECORDED,
                        summary(itemB, b.get(j))));
            } else {
                object(pointerA + "/" + i, itemB, itemWords(itemB, b.get(j)), a.get(i), b.get(j));
            }
        }
        for (int i = 0; i < a.size(); i++) {
            if (!matchedA.contains(i)) {
                String itemA = pointerA + "/" + i;
                lines.add(new Line(itemA, Kind.REMOVED, itemWords(itemA, a.get(i)), "", summary(itemA, a.get(i)),
                        Vocabulary.NOT_RECORDED));
            }
        }
    }

    /** Index in {@code b} to index in {@code a}: by date and modality when every item has a unique one, else by position. */
    private static Map<Integer, Integer> match(JsonNode a, JsonNode b) {
        Map<Integer, Integer> match = new HashMap<>();
        Map<String, Integer> keysA = keys(a);
        Map<String, Integer> keysB = keys(b);
        if (keysA != null && keysB != null) {
            keysB.forEach((key, j) -> {
                if (keysA.containsKey(key)) {
                    match.put(j, keysA.get(key));
                }
            });
        } else {
            for (int j = 0; j < Math.min(a.size(), b.size()); j++) {
                match.put(j, j);
            }
        }
        return match;
    }

    /** Each item's date and modality, or null when an item has no date or two items share theirs. */
    private static Map<String, Integer> keys(JsonNode items) {
        Map<String, Integer> keys = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (!item.hasNonNull("date")) {
                return null;
            }
            String key = item.get("date").asText() + "|" + (item.hasNonNull("modality") ? item.get("modality").asText() : "");
            if (keys.put(key, i) != null) {
                return null;
            }
        }
        return keys;
    }

    private static Set<String> names(JsonNode a, JsonNode b, boolean top) {
        Set<String> names = new LinkedHashSet<>();
        if (top) {
            for (String section : SECTIONS) {
                if (a.has(section) || b.has(section)) {
                    names.add(section);
                }
            }
        }
        a.fieldNames().forEachRemaining(names::add);
        b.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isMissingNode() && !node.isNull();
    }

    /** A list of objects (studies, visits), empty lists included when the other side has objects. */
    private static boolean items(JsonNode node) {
        if (!node.isArray() || node.isEmpty()) {
            return false;
        }
        for (JsonNode item : node) {
            if (!item.isObject()) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static final JsonNode EMPTY = org.cavaplan.io.Json.mapper().createObjectNode();
    private static final JsonNode EMPTY_LIST = org.cavaplan.io.Json.mapper().createArrayNode();

    // ---- words ----------------------------------------------------------------------------------

    /** "Imaging study 2 (CT, 2013-04-12)", "Follow-up visit 1 (2014-07-07)": an item by its number and what identifies it. */
    private static String itemWords(String pointer, JsonNode item) {
        int slash = pointer.lastIndexOf('/');
        int n = Integer.parseInt(pointer.substring(slash + 1)) + 1;
        List<String> identity = new ArrayList<>();
        if (item.hasNonNull("modality")) {
            identity.add(valueWords(pointer + "/modality", item.get("modality")));
        }
        if (item.hasNonNull("date")) {
            identity.add(item.get("date").asText());
        }
        return fieldWords(pointer) + " " + n + (identity.isEmpty() ? "" : " (" + String.join(", ", identity) + ")");
    }

    /** What a whole study or visit held, field by field: "tumor diameters 5 cm; IVC lumen occluded". */
    private static String summary(String pointer, JsonNode item) {
        List<String> parts = new ArrayList<>();
        item.properties().forEach(p -> {
            if (!p.getKey().equals("date") && !p.getKey().equals("modality") && present(p.getValue())) {
                String child = pointer + "/" + p.getKey();
                parts.add(inSentence(fieldWords(child)) + " " + valueWords(child, p.getValue()));
            }
        });
        return parts.isEmpty() ? "no findings recorded" : String.join("; ", parts);
    }

    /** The field's name in the vocabulary; a field it does not know is named by its last segment. */
    private static String fieldWords(String pointer) {
        try {
            return Vocabulary.field(pointer);
        } catch (IllegalArgumentException e) {
            return pointer.substring(pointer.lastIndexOf('/') + 1);
        }
    }

    /** A value in the vocabulary's words ("occluded", "5.5 × 3.3 cm", "ECOG 1"); as written where it has none. */
    private static String valueWords(String pointer, JsonNode node) {
        try {
            return Vocabulary.value(pointer, java(node));
        } catch (IllegalArgumentException e) {
            return node.isTextual() ? node.asText() : node.toString();
        }
    }

    private static Object java(JsonNode node) {
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.forEach(item -> items.add(java(item)));
            return items;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()) {
            return node.asText();
        }
        throw new IllegalArgumentException("not a plain value: " + node);
    }

    /** A label as it reads inside a sentence: "Tumor diameters" becomes "tumor diameters", "IVC lumen" stays. */
    static String inSentence(String label) {
        return label.length() > 1 && Character.isUpperCase(label.charAt(0)) && Character.isLowerCase(label.charAt(1))
                ? Character.toLowerCase(label.charAt(0)) + label.substring(1) : label;
    }

    /** "no field differs", "1 field differs", "2 fields differ". */
    static String count(int n) {
        return n == 0 ? "No field differs" : n == 1 ? "1 field differs" : n + " fields differ";
    }
}
