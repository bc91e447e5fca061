package org.cavaplan.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.ErrorHandlerAdapter;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cavaplan.io.CaseReader;
import org.cavaplan.io.InputError;
import org.cavaplan.io.Json;
import org.cavaplan.io.ReadResult;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * Reads a case from a FHIR R4 Bundle written after {@code docs/fhir-mapping.md}. The Bundle is
 * mapped to the case format and then checked exactly like case JSON (schema and semantic checks),
 * so a Bundle is accepted exactly when the case it stands for is. Every problem is reported at once
 * with a JSON pointer into the Bundle ({@code /entry/3/resource/valueQuantity/value}); nothing else
 * is thrown for bad input. Thread-safe; create one and share it.
 */
public final class BundleReader {

    private final CaseReader cases;

    private BundleReader(CaseReader cases) {
        this.cases = cases;
    }

    /** A reader over the case schema shipped with CavaPlan. */
    public static BundleReader create() {
        return new BundleReader(CaseReader.create());
    }

    /**
     * True when the text is a JSON object with a {@code resourceType}: FHIR, not case JSON (which
     * has no such field). The command line and the API use this to choose the reader, so that a FHIR
     * resource other than a Bundle is told it must be a Bundle.
     */
    public static boolean isFhir(String text) {
        try {
            JsonNode node = Json.mapper().readTree(text);
            return node != null && node.isObject() && node.has("resourceType");
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** Reads a case from a Bundle in FHIR JSON; unknown codes are errors, resource types outside the mapping are ignored. */
    public ReadResult read(String text) {
        if (text.isBlank()) {
            return invalid("", "the input is empty: expected a FHIR R4 Bundle");
        }
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage().lines().findFirst().orElse("");
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            return invalid("", "the input is not valid JSON" + where + ": " + message);
        }
        if (tree == null || !tree.isObject()) {
            return invalid("", "a FHIR Bundle must be a JSON object");
        }
        if (!"Bundle".equals(tree.path("resourceType").asText(null))) {
            return invalid("/resourceType", "must be \"Bundle\", not " + (tree.has("resourceType")
                    ? tree.get("resourceType").toString() : "missing"));
        }
        Problems problems = new Problems(tree);
        Bundle bundle;
        try {
            IParser parser = Fhir.context().newJsonParser().setParserErrorHandler(problems);
            bundle = parser.parseResource(Bundle.class, text);
        } catch (DataFormatException | ClassCastException | IllegalArgumentException e) {
            problems.fail(e.getMessage());
            return new ReadResult.Invalid(problems.errors);
        } catch (RuntimeException e) {
            // HAPI's parser fails on some broken structures with an unchecked exception of its own.
            return invalid("", "is not a valid FHIR R4 Bundle: an entry or a resource is malformed and cannot be read");
        }
        if (!problems.errors.isEmpty()) {
            return new ReadResult.Invalid(problems.errors);
        }
        ReadResult result = read(bundle);
        if (result instanceof ReadResult.Invalid invalid) {
            return new ReadResult.Invalid(invalid.errors().stream().map(e -> new InputError(within(tree, e.pointer()), e.message()))
                    .distinct().sorted(Comparator.comparing(InputError::pointer).thenComparing(InputError::message)).toList());
        }
        return result;
    }

    /**
     * The pointer, or the {@code null} it goes below. HAPI reads {@code "partOf": null} or a
     * {@code null} in a list as an empty element, so the mapping's pointer may go below the null
     * ({@code /partOf/0/reference}); the null itself is the place to show. A pointer below a missing
     * field is kept: it names where a required value belongs.
     */
    private static String within(JsonNode tree, String pointer) {
        JsonPointer at;
        try {
            at = JsonPointer.compile(pointer);
        } catch (IllegalArgumentException e) {
            return pointer;
        }
        while (at.head() != null && tree.at(at).isMissingNode()) {
            at = at.head();
        }
        return tree.at(at).isNull() ? at.toString() : pointer;
    }

    /**
     * The resources of a Bundle the reader passes over, by type and count (an AllergyIntolerance, an
     * Immunization in an EHR's export): they are neither read nor errors, and a caller can say how
     * many were ignored.
     */
    public static java.util.SortedMap<String, Integer> ignoredResourceTypes(Bundle bundle) {
        return BundleMapping.ignored(bundle);
    }

    /** Reads a case from a parsed Bundle; unknown codes are errors, resource types outside the mapping are ignored. */
    public ReadResult read(Bundle bundle) {
        return BundleMapping.map(bundle, true, cases);
    }

    /**
     * Reads a case from resources as an EHR hands them over (CDS Hooks prefetch): resources and
     * codes the mapping does not know are skipped; pointers refer to a Bundle of these resources in
     * the given order.
     */
    public ReadResult readResources(List<? extends Resource> resources) {
        return BundleMapping.map(collection(resources), false, cases);
    }

    /** Like {@link #readResources}, keeping the case JSON read (to store it in the registry). */
    public MappedCase readResourcesKeepingJson(List<? extends Resource> resources) {
        return BundleMapping.mapKeepingJson(collection(resources), false, cases);
    }

    private static Bundle collection(List<? extends Resource> resources) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        for (Resource r : resources) {
            String id = r.getIdElement().getIdPart();
            String fullUrl = id == null ? null : id.startsWith("urn:") ? id : r.fhirType() + "/" + id;
            bundle.addEntry().setFullUrl(fullUrl).setResource(r);
        }
        return bundle;
    }

    private static ReadResult invalid(String pointer, String message) {
        return new ReadResult.Invalid(List.of(new InputError(pointer, message)));
    }

    /** Collects HAPI's parse problems and finds where they are in the JSON tree. */
    private static final class Problems extends ErrorHandlerAdapter {
        private final JsonNode tree;
        private final List<InputError> errors = new ArrayList<>();

        Problems(JsonNode tree) {
            this.tree = tree;
        }

        @Override
        public void unknownElement(IParseLocation location, String name) {
            errors.add(new InputError(find(tree, "", name, null).orElse(""), "is not an element of this FHIR R4 type"
                    + where(location)));
        }

        @Override
        public void invalidValue(IParseLocation location, String value, String error) {
            errors.add(new InputError(find(tree, "", null, value).orElse(""), "is not a valid FHIR value: "
                    + clean(error) + where(location)));
        }

        @Override
        public void incorrectJsonType(IParseLocation location, String name, BaseJsonLikeValue.ValueType expected,
                BaseJsonLikeValue.ScalarType expectedScalar, BaseJsonLikeValue.ValueType found,
                BaseJsonLikeValue.ScalarType foundScalar) {
            String want = expectedScalar == null ? String.valueOf(expected) : String.valueOf(expectedScalar);
            String got = foundScalar == null ? String.valueOf(found) : String.valueOf(foundScalar);
            errors.add(new InputError(find(tree, "", name, null).orElse(""), "must be a JSON " + want.toLowerCase(java.util.Locale.ROOT)
                    + ", not a " + got.toLowerCase(java.util.Locale.ROOT)));
        }

        @Override
        public void unexpectedRepeatingElement(IParseLocation location, String name) {
            errors.add(new InputError(find(tree, "", name, null).orElse(""), "must not repeat" + where(location)));
        }

        void fail(String message) {
            String text = clean(message == null ? "unreadable" : message);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"([A-Za-z]+)\"").matcher(text);
            String pointer = m.find() ? find(tree, "", null, m.group(1)).orElse("") : "";
            errors.add(new InputError(pointer, "is not a valid FHIR R4 Bundle: " + text));
        }

        private static String where(IParseLocation location) {
            return location == null || location.getParentElementName() == null ? ""
                    : " (inside " + location.getParentElementName() + ")";
        }

        private static String clean(String message) {
            return message.replaceAll("HAPI-\\d+: ", "").trim();
        }

        /** The pointer of the first field with this name, or of the first text value equal to {@code value}. */
        private static Optional<String> find(JsonNode node, String at, String name, String value) {
            if (node.isObject()) {
                for (Map.Entry<String, JsonNode> f : node.properties()) {
                    String here = at + "/" + f.getKey().replace("~", "~0").replace("/", "~1");
                    if (name != null && f.getKey().equals(name)) {
                        return Optional.of(here);
                    }
                    Optional<String> inner = find(f.getValue(), here, name, value);
                    if (inner.isPresent()) {
                        return inner;
                    }
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    Optional<String> inner = find(node.get(i), at + "/" + i, name, value);
                    if (inner.isPresent()) {
                        return inner;
                    }
                }
            } else if (value != null && node.isValueNode() && node.asText().equals(value)) {
                return Optional.of(at);
            }
            return Optional.empty();
        }
    }
}
