package org.cavaplan.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.cavaplan.io.CaseReader;
import org.cavaplan.io.InputError;
import org.cavaplan.io.Json;
import org.cavaplan.core.vocabulary.Vocabulary;

/**
 * The mapping between the case schema and flat HTML form fields. Every field is named by its JSON
 * pointer ({@code /patient/ageYears}, {@code /imaging/0/date}, {@code /imaging/0/tumorDiametersCm/1});
 * the list of fields, their types, bounds and options are read from the case schema the io module
 * ships, with the project's own labels and pathway grouping on top.
 *
 * <p>{@link #toJson} builds a case from submitted fields: empty fields are left out (the engine sees
 * them as missing), blank repeated groups are dropped and the remaining ones renumbered in order, and
 * numbers are read as a person types them ({@link TypedNumber}: a decimal point or comma, nothing
 * ambiguous guessed); {@link #read} also returns the problems only the form can see. {@link #values} flattens a case back into field
 * values. Both never throw for bad input. Thread-safe: the layout is built once and never changes.
 *
 * <p>Conventions of the flat form, shared with {@link CaseFormView}:
 * <ul>
 *   <li>yes/no fields take {@code true} or {@code false};</li>
 *   <li>a set of choices (symptoms, organs, sites…) is submitted as one value per ticked box under the
 *       field's pointer; {@link #NONE} ticked alone records an empty list ("checked, none found"), as
 *       opposed to leaving the field out ("not recorded"); in {@link #values} the set is one string,
 *       joined with commas, and the order it had is sent back in the hidden field
 *       {@link #ORDER_PREFIX}{@code pointer}, so that editing a case does not reorder its lists;</li>
 *   <li>fields whose names start with {@code _} ({@code _csrf}, {@code _reason}) are not case content.</li>
 * </ul>
 */
public final class CaseForm {

    /** The value of the "none found" box of a set of choices: the list is recorded and empty. */
    public static final String NONE = "_NONE";

    /** Prefix of the hidden field carrying the recorded order of a set of choices. */
    public static final String ORDER_PREFIX = "_order:";

    /** Blank repeated groups offered beyond the existing ones, and the fewest offered. */
    static final int EXTRA_SLOTS = 2;
    static final int MIN_SLOTS = 3;

    /** Indexes above this are ignored, so a crafted field name cannot make a huge case. */
    private static final int MAX_INDEX = 999;

    private static final Pattern INDEX = Pattern.compile("\\d{1,4}");

    /** What kind of control a field is. */
    enum Kind { TEXT, INTEGER, NUMBER, BOOLEAN, CHOICE, CHOICES, DATE, CONSTANT }

    /** A part of the form: a group of fields, a repeated part, or one field. Patterns use {@code *} for array indexes. */
    sealed interface Part permits Group, Repeat, Field {
        String pattern();
    }

    /** Fields of one JSON object, shown as a fieldset (the root group is the whole form). */
    record Group(String pattern, String legend, String hint, boolean required, List<Part> parts) implements Part {
        Group {
            parts = List.copyOf(parts);
        }
    }

    /** An array: {@code item} repeated, indexed from 0; {@code maxItems} 0 when unbounded. */
    record Repeat(String pattern, String legend, String itemLegend, String hint, boolean required, int maxItems, Part item)
            implements Part {}

    /** One value. {@code options} for choices; {@code min}/{@code max} inclusive bounds for numbers (null when none). */
    record Field(String pattern, Kind kind, String label, String hint, boolean required, List<String> options,
            BigDecimal min, BigDecimal max) implements Part {
        Field {
            options = List.copyOf(options);
        }
    }

    private static final Group LAYOUT = new Builder(schema()).root();
    private static final Map<String, Part> PARTS = index(LAYOUT);

    private CaseForm() {}

    // ---------------------------------------------------------------- entry points

    /**
     * The case JSON for submitted form fields (name to the values sent under it). Never throws; a case
     * that is incomplete or wrong comes back as JSON the case reader will reject with pointers.
     */
    public static String toJson(Map<String, List<String>> formParams) {
        return read(formParams).json();
    }

    /**
     * What a person submitted: the case JSON ({@link #toJson}) and the problems only the form can see,
     * each at its field's pointer: a number typed ambiguously or not as a number ({@link TypedNumber};
     * the text is kept in the JSON so that the form shows it again), and "none found" ticked together
     * with a choice. An error here replaces the case reader's error at the same pointer.
     */
    public record Submitted(String json, List<InputError> errors) {
        public Submitted {
            errors = List.copyOf(errors);
        }
    }

    /** Reads submitted form fields; never throws. */
    public static Submitted read(Map<String, List<String>> formParams) {
        Params params = new Params(formParams);
        List<InputError> errors = new ArrayList<>();
        JsonNode built = build(LAYOUT, "", params, errors);
        ObjectNode root = built instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
        try {
            return new Submitted(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root), errors);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /**
     * The form field values of a case (pointer to text), to prefill the edit form. Values of the wrong
     * type are kept as text; content outside the schema is left out; text that is not a JSON object
     * gives no values.
     */
    public static Map<String, String> values(String caseJson) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode root;
        try {
            root = Json.mapper().readTree(caseJson == null ? "" : caseJson);
        } catch (JsonProcessingException e) {
            return out;
        }
        if (root != null && root.isObject()) {
            flatten(LAYOUT, "", root, out);
        }
        return out;
    }

    // ---------------------------------------------------------------- for the view and tests

    /** The whole form, as read from the schema. */
    static Group layout() {
        return LAYOUT;
    }

    /** The part at a concrete pointer ({@code /imaging/2/date}), if the form has one. */
    static Optional<Part> part(String pointer) {
        return Optional.ofNullable(PARTS.get(pattern(pointer)));
    }

    /** {@code /imaging/2/date} to {@code /imaging/*}{@code /date}. */
    static String pattern(String pointer) {
        if (pointer.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (String segment : pointer.substring(1).split("/", -1)) {
            b.append('/').append(INDEX.matcher(segment).matches() ? "*" : segment);
        }
        return b.toString();
    }

    /**
     * A reader's name for a pointer: the labels of the groups it sits in and its own, e.g.
     * "Imaging study 2 › IVC lumen". Pointers outside the form get the labels of the nearest part.
     */
    static String describe(String pointer) {
        if (pointer.isEmpty()) {
            return "Case";
        }
        List<String> names = new ArrayList<>();
        StringBuilder concrete = new StringBuilder();
        for (String segment : pointer.substring(1).split("/", -1)) {
            concrete.append('/').append(segment);
            boolean index = INDEX.matcher(segment).matches();
            int n = index ? Integer.parseInt(segment) + 1 : 0;
            Part part = PARTS.get(pattern(concrete.toString()));
            if (part instanceof Group g && index) {
                names.set(names.size() - 1, g.legend() + " " + n);
            } else if (part instanceof Group g) {
                names.add(g.legend());
            } else if (part instanceof Repeat r) {
                names.add(r.legend());
            } else if (part instanceof Field f) {
                names.add(index ? numbered(f.label(), n) : f.label());
            } else {
                names.add(index ? "item " + n : segment);
            }
        }
        return String.join(" › ", names);
    }

    /** "Diameter (cm)" and 2 to "Diameter 2 (cm)": the label of one item of a repeated field. */
    static String numbered(String label, int n) {
        int unit = label.indexOf(" (");
        return unit < 0 ? label + " " + n : label.substring(0, unit) + " " + n + label.substring(unit);
    }

    /** Form parameters as a browser would send them for these values (sets split into one value per box). */
    static Map<String, List<String>> params(Map<String, String> values) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            Part part = PARTS.get(pattern(name));
            if (part instanceof Field f && f.kind() == Kind.CHOICES) {
                out.put(name, Arrays.asList(value.split(",", -1)));
                out.put(ORDER_PREFIX + name, List.of(value));
            } else {
                out.put(name, List.of(value));
            }
        });
        return out;
    }

    /** The array indexes present under {@code arrayPointer} among these names, in order. */
    static Set<Integer> indexes(String arrayPointer, Iterable<String> names) {
        Set<Integer> out = new TreeSet<>();
        String prefix = arrayPointer + "/";
        for (String name : names) {
            if (name.startsWith(prefix)) {
                String rest = name.substring(prefix.length());
                int slash = rest.indexOf('/');
                String segment = slash < 0 ? rest : rest.substring(0, slash);
                if (INDEX.matcher(segment).matches() && Integer.parseInt(segment) <= MAX_INDEX) {
                    out.add(Integer.parseInt(segment));
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- form to JSON

    private static JsonNode build(Part part, String pointer, Params params, List<InputError> errors) {
        if (part instanceof Group g) {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            for (Part child : g.parts()) {
                String name = lastSegment(child.pattern());
                JsonNode value = build(child, pointer + "/" + name, params, errors);
                if (value != null) {
                    object.set(name, value);
                }
            }
            return object.isEmpty() ? null : object;
        }
        if (part instanceof Repeat r) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            for (int index : indexes(pointer, params.names())) {
                List<InputError> found = new ArrayList<>();
                JsonNode value = build(r.item(), pointer + "/" + index, params, found);
                if (value != null) {
                    // blank items are dropped and the rest renumbered: errors follow their item
                    String from = pointer + "/" + index;
                    String to = pointer + "/" + array.size();
                    found.forEach(e -> errors.add(new InputError(to + e.pointer().substring(from.length()), e.message())));
                    array.add(value);
                }
            }
            return array.isEmpty() ? null : array;
        }
        Field f = (Field) part;
        if (f.kind() == Kind.CHOICES) {
            return choices(f, pointer, params, errors);
        }
        String text = params.first(pointer).strip();
        if (text.isEmpty()) {
            return null;
        }
        if (f.kind() == Kind.INTEGER || f.kind() == Kind.NUMBER) {
            return number(pointer, text, errors);
        }
        return convert(f.kind(), text);
    }

    private static JsonNode choices(Field f, String pointer, Params params, List<InputError> errors) {
        List<String> ticked = new ArrayList<>();
        boolean none = false;
        for (String value : params.all(pointer)) {
            String v = value.strip();
            if (v.equals(NONE)) {
                none = true;
            } else if (!v.isEmpty()) {
                ticked.add(v);
            }
        }
        if (ticked.isEmpty()) {
            return none ? JsonNodeFactory.instance.arrayNode() : null;
        }
        if (none) {
            List<String> words = ticked.stream().map(t -> Labels.option(f.pattern(), t)).toList();
            errors.add(new InputError(pointer, "\u201cNone found\u201d is ticked together with " + String.join(", ", words)
                    + ": untick one or the other"));
        }
        Set<String> ordered = new LinkedHashSet<>();
        for (String earlier : params.first(ORDER_PREFIX + pointer).split(",")) {
            if (ticked.contains(earlier.strip())) {
                ordered.add(earlier.strip());
            }
        }
        ordered.addAll(ticked);
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        ordered.forEach(array::add);
        return array;
    }

    private static JsonNode convert(Kind kind, String text) {
        if (kind == Kind.BOOLEAN) {
            if (text.equals("true")) {
                return BooleanNode.TRUE;
            }
            return text.equals("false") ? BooleanNode.FALSE : TextNode.valueOf(text);
        }
        return TextNode.valueOf(text);
    }

    /**
     * A typed number read as the person meant it ({@link TypedNumber}); a whole number becomes a JSON
     * integer, a decimal a JSON number. Text that is refused stays text, with the refusal as the error.
     */
    private static JsonNode number(String pointer, String text, List<InputError> errors) {
        TypedNumber.Reading reading = TypedNumber.read(text);
        if (reading instanceof TypedNumber.Refused refused) {
            errors.add(new InputError(pointer, refused.message()));
            return TextNode.valueOf(text);
        }
        BigDecimal value = ((TypedNumber.Read) reading).value();
        if (value.scale() <= 0) {
            BigInteger whole = value.toBigIntegerExact();
            return whole.bitLength() < 32 ? JsonNodeFactory.instance.numberNode(whole.intValue())
                    : JsonNodeFactory.instance.numberNode(whole);
        }
        return JsonNodeFactory.instance.numberNode(value.doubleValue());
    }

    // ---------------------------------------------------------------- JSON to form

    private static void flatten(Part part, String pointer, JsonNode node, Map<String, String> out) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return;
        }
        if (part instanceof Group g) {
            for (Part child : g.parts()) {
                String name = lastSegment(child.pattern());
                flatten(child, pointer + "/" + name, node.get(name), out);
            }
        } else if (part instanceof Repeat r) {
            if (node.isArray()) {
                for (int i = 0; i < node.size() && i <= MAX_INDEX; i++) {
                    flatten(r.item(), pointer + "/" + i, node.get(i), out);
                }
            }
        } else {
            Field f = (Field) part;
            if (f.kind() == Kind.CHOICES && node.isArray()) {
                List<String> items = new ArrayList<>();
                node.forEach(item -> items.add(item.isTextual() ? item.asText() : item.toString()));
                out.put(pointer, items.isEmpty() ? NONE : String.join(",", items));
            } else if (node.isTextual()) {
                out.put(pointer, node.asText());
            } else if (node.isValueNode()) {
                out.put(pointer, node.isNumber() ? TypedNumber.write(node.decimalValue()) : node.asText());
            } else {
                out.put(pointer, node.toString());
            }
        }
    }

    private static String lastSegment(String pattern) {
        return pattern.substring(pattern.lastIndexOf('/') + 1);
    }

    /** Submitted parameters; missing names read as empty. */
    private record Params(Map<String, List<String>> map) {
        String first(String name) {
            List<String> values = map.get(name);
            if (values == null) {
                return "";
            }
            for (String v : values) {
                if (v != null) {
                    return v;
                }
            }
            return "";
        }

        List<String> all(String name) {
            List<String> values = map.get(name);
            return values == null ? List.of() : values.stream().filter(v -> v != null).toList();
        }

        Set<String> names() {
            return map.keySet();
        }
    }

    // ---------------------------------------------------------------- the layout, from the schema

    private static JsonNode schema() {
        try {
            return Json.mapper().readTree(CaseReader.schemaText());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the case schema shipped with io is not JSON", e);
        }
    }

    private static Map<String, Part> index(Group root) {
        Map<String, Part> out = new LinkedHashMap<>();
        indexInto(root, out);
        return java.util.Collections.unmodifiableMap(out);
    }

    private static void indexInto(Part part, Map<String, Part> out) {
        out.put(part.pattern(), part);
        if (part instanceof Group g) {
            g.parts().forEach(p -> indexInto(p, out));
        } else if (part instanceof Repeat r) {
            indexInto(r.item(), out);
        }
    }

    /** Walks the schema into parts. */
    private static final class Builder {
        private final JsonNode schema;

        Builder(JsonNode schema) {
            this.schema = schema;
        }

        Group root() {
            return (Group) part("", "", schema, true);
        }

        private JsonNode resolve(JsonNode node) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.asText().startsWith("#/")) {
                JsonNode target = schema.at(ref.asText().substring(1));
                return target.isMissingNode() ? node : resolve(target);
            }
            return node;
        }

        private Part part(String pattern, String name, JsonNode raw, boolean required) {
            JsonNode node = resolve(raw);
            String description = raw.path("description").asText(node.path("description").asText(""));
            String type = node.path("type").asText("");
            if (type.equals("object") || node.has("properties")) {
                List<Part> parts = new ArrayList<>();
                Set<String> requiredNames = new LinkedHashSet<>();
                node.path("required").forEach(r -> requiredNames.add(r.asText()));
                for (Map.Entry<String, JsonNode> p : node.path("properties").properties()) {
                    parts.add(part(pattern + "/" + p.getKey(), p.getKey(), p.getValue(), requiredNames.contains(p.getKey())));
                }
                return new Group(pattern, Labels.legend(pattern, name), Labels.hint(pattern, description), required, parts);
            }
            if (type.equals("array")) {
                JsonNode items = resolve(node.path("items"));
                if (items.has("enum")) {
                    return field(pattern, name, Kind.CHOICES, description, required, items);
                }
                int maxItems = node.path("maxItems").asInt(0);
                Part item = part(pattern + "/*", name, node.path("items"), false);
                return new Repeat(pattern, Labels.legend(pattern, name), Labels.legend(pattern + "/*", name),
                        Labels.hint(pattern, description), required, maxItems, item);
            }
            if (node.has("const")) {
                return new Field(pattern, Kind.CONSTANT, Labels.label(pattern, name), "", required,
                        List.of(node.get("const").asText()), null, null);
            }
            if (node.has("enum")) {
                return field(pattern, name, Kind.CHOICE, description, required, node);
            }
            Kind kind = switch (type) {
                case "integer" -> Kind.INTEGER;
                case "number" -> Kind.NUMBER;
                case "boolean" -> Kind.BOOLEAN;
                default -> node.path("format").asText("").equals("date") ? Kind.DATE : Kind.TEXT;
            };
            // an exclusive minimum (above 0) is not written as a bound: "up to 60" reads right, "0 to 60" would not
            BigDecimal min = node.has("minimum") ? node.get("minimum").decimalValue() : null;
            BigDecimal max = node.has("maximum") ? node.get("maximum").decimalValue() : null;
            return new Field(pattern, kind, Labels.label(pattern, name), Labels.hint(pattern, description), required,
                    List.of(), min, max);
        }

        private Field field(String pattern, String name, Kind kind, String description, boolean required, JsonNode enumNode) {
            List<String> options = new ArrayList<>();
            enumNode.path("enum").forEach(e -> options.add(e.asText()));
            String hint = Labels.hint(pattern, description);
            if (hint.startsWith("Position along the IVC")) {
                hint = "Landmarks run head to foot.";
            }
            return new Field(pattern, kind, Labels.label(pattern, name), hint, required, options, null, null);
        }
    }

    /** The project's labels, keyed by pattern; anything not named here gets a humanised name. */
    static final class Labels {
        private static final Map<String, String> LEGENDS = Map.ofEntries(
                Map.entry("", "Case"),
                Map.entry("/patient", "Patient"),
                Map.entry("/presentation", "Presentation and symptoms"),
                Map.entry("/histology", "Histology before treatment"),
                Map.entry("/imaging", "Imaging studies, staging and metastases"),
                Map.entry("/imaging/*", "Imaging study"),
                Map.entry("/imaging/*/tumorDiametersCm", "Tumor diameters (cm)"),
                Map.entry("/neoadjuvant", "Neoadjuvant therapy"),
                Map.entry("/neoadjuvant/radiotherapy", "Neoadjuvant radiotherapy"),
                Map.entry("/neoadjuvant/chemotherapy", "Neoadjuvant chemotherapy"),
                Map.entry("/operation", "Operation and IVC management"),
                Map.entry("/operation/findings", "Intraoperative findings"),
                Map.entry("/pathology", "Pathology of the specimen"),
                Map.entry("/postoperative", "Postoperative and adjuvant therapy"),
                Map.entry("/followUp", "Follow-up visits and recurrence"),
                Map.entry("/followUp/*", "Follow-up visit"),
                Map.entry("/outcome", "Outcome"));

        private static final Map<String, String> HINTS = Map.ofEntries(
                Map.entry("", "Leave out what is not known; an empty field is recorded as not known, never as no."),
                Map.entry("/imaging", "Enter each study in any order: they are sorted by date, and the latest one before "
                        + "the operation is the planning baseline. Blank studies are ignored."),
                Map.entry("/patient/ecog", "At presentation."),
                Map.entry("/followUp", "One entry per visit. Blank visits are ignored."),
                Map.entry("/neoadjuvant/radiotherapy", "Leave blank if no radiotherapy was given before the operation."),
                Map.entry("/neoadjuvant/chemotherapy", "Leave blank if no chemotherapy was given before the operation."),
                Map.entry("/imaging/*/tumorDiametersCm", "Orthogonal diameters; the largest is the RECIST longest diameter."),
                Map.entry("/pathology/treatmentEffectPct", "Share of the tumor destroyed by neoadjuvant therapy."));

        private Labels() {}

        /**
         * A field's label from the one clinical vocabulary ({@link Vocabulary}), with its unit: "Age (years)",
         * "IVC lumen at operation", "Closest margin (mm)". A field the vocabulary does not know (a defect its
         * coverage test finds) gets a humanised name.
         */
        static String label(String pattern, String name) {
            try {
                String words = pattern.startsWith("/operation/findings/") ? Vocabulary.heading(pattern) : Vocabulary.field(pattern);
                return Vocabulary.unit(pattern).map(unit -> words + " (" + unit + ")").orElse(words);
            } catch (IllegalArgumentException unknown) {
                return humanise(name);
            }
        }

        static String legend(String pattern, String name) {
            return LEGENDS.getOrDefault(pattern, humanise(name));
        }

        static String hint(String pattern, String description) {
            String hint = HINTS.getOrDefault(pattern, description == null ? "" : description.strip());
            if (hint.isEmpty()) {
                return "";
            }
            hint = Character.toUpperCase(hint.charAt(0)) + hint.substring(1);
            return hint.endsWith(".") || hint.endsWith(")") ? hint : hint + ".";
        }

        /**
         * A reader's name for a value of a field, from the one clinical vocabulary: {@code LOWER_EXTREMITY_EDEMA}
         * of the symptoms reads "Lower extremity edema", the "none" choice of a list "None found".
         */
        static String option(String pattern, String value) {
            if (NONE.equals(value)) {
                return "None found";
            }
            String words;
            try {
                words = Vocabulary.value(pattern, value);
            } catch (IllegalArgumentException unknown) {
                words = value.toLowerCase(Locale.ROOT).replace('_', ' ');
            }
            return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
        }

        /** {@code ivcDiameterMm} to "Ivc diameter mm". */
        static String humanise(String name) {
            if (name == null || name.isEmpty()) {
                return "";
            }
            String spaced = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
            return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
        }
    }
}
