package org.cavaplan.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A FHIR R4 search over the test's resources, as the fake FHIR servers answer it: the type, and
 * the token parameters {@code category} and {@code code} (a comma between values is OR,
 * {@code system|code} names both, a bare code any system). {@code patient} is the test's only
 * patient and paging parameters are the server's own, so both match every resource; any other
 * parameter fails the test rather than being ignored.
 */
public record FhirSearch(String type, Map<String, String> tokens) {

    /** The search of a prefetch template ({@code Observation?patient={{context.patientId}}&category=…}). */
    static FhirSearch ofTemplate(String template) {
        int q = template.indexOf('?');
        java.util.Map<String, String> parameters = new java.util.LinkedHashMap<>();
        if (q >= 0) {
            for (String parameter : template.substring(q + 1).split("&")) {
                String[] nameValue = parameter.split("=", 2);
                parameters.put(nameValue[0], nameValue[1]);
            }
        }
        return of(q < 0 ? template.substring(0, template.indexOf('/')) : template.substring(0, q), parameters);
    }

    /** The search of a request to {@code /fhir/{type}} with these (decoded) query parameters. */
    static FhirSearch of(String type, Map<String, String> parameters) {
        java.util.Map<String, String> tokens = new java.util.LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            switch (name) {
                case "patient", "_page" -> { }
                case "category", "code" -> tokens.put(name, value);
                default -> throw new IllegalArgumentException("the fake FHIR server does not search by " + name);
            }
        });
        return new FhirSearch(type, Map.copyOf(tokens));
    }

    /** The resources (FHIR JSON) the search returns, in their order. */
    List<JsonNode> run(List<JsonNode> resources) {
        return resources.stream().filter(this::finds).toList();
    }

    boolean finds(JsonNode resource) {
        return type.equals(resource.path("resourceType").asText())
                && tokens.entrySet().stream().allMatch(t -> tokenMatches(resource.path(t.getKey()), t.getValue()));
    }

    /**
     * Whether a token search value matches a CodeableConcept (or an array of them): the value is
     * comma-separated alternatives, each {@code system|code}, {@code code}, {@code system|} or
     * {@code |code} (FHIR R4 search, token parameters). Also the test EHR's search.
     */
    public static boolean tokenMatches(JsonNode concepts, String orValues) {
        List<JsonNode> codings = new java.util.ArrayList<>();
        for (JsonNode concept : concepts.isArray() ? concepts : List.of(concepts)) {
            concept.path("coding").forEach(codings::add);
        }
        for (String value : orValues.split(",")) {
            int bar = value.indexOf('|');
            String system = bar < 0 ? null : value.substring(0, bar);
            String code = bar < 0 ? value : value.substring(bar + 1);
            for (JsonNode coding : codings) {
                boolean systemOk = system == null || (system.isEmpty() ? !coding.has("system")
                        : system.equals(coding.path("system").asText()));
                boolean codeOk = code.isEmpty() || code.equals(coding.path("code").asText());
                if (systemOk && codeOk) {
                    return true;
                }
            }
        }
        return false;
    }
}
