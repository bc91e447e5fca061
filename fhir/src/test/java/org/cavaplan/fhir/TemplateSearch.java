package org.cavaplan.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an EHR's FHIR server returns for a prefetch template, in the tests: the resource type, and
 * each token parameter ({@code category}, {@code code}) as FHIR R4 search reads it: a comma between
 * values is OR, {@code system|code} names both, a bare code any system. The patient is the test's
 * only patient, so {@code patient} matches every resource.
 */
record TemplateSearch(String type, Map<String, String> tokens) {

    static TemplateSearch of(String template) {
        int q = template.indexOf('?');
        String type = q < 0 ? template.substring(0, template.indexOf('/')) : template.substring(0, q);
        Map<String, String> tokens = new LinkedHashMap<>();
        if (q >= 0) {
            for (String parameter : template.substring(q + 1).split("&")) {
                String[] nameValue = parameter.split("=", 2);
                if (!nameValue[0].equals("patient")) {
                    if (!nameValue[0].equals("category") && !nameValue[0].equals("code")) {
                        throw new IllegalArgumentException("the test does not search by " + nameValue[0]);
                    }
                    tokens.put(nameValue[0], nameValue[1]);
                }
            }
        }
        return new TemplateSearch(type, tokens);
    }

    /** Whether the search returns this resource (FHIR JSON). */
    boolean finds(JsonNode resource) {
        if (!type.equals(resource.path("resourceType").asText())) {
            return false;
        }
        return tokens.entrySet().stream().allMatch(t -> anyConceptHas(resource.path(t.getKey()), t.getValue()));
    }

    /** Whether one of the concepts (one CodeableConcept or a list) has a coding one of the comma-separated tokens names. */
    private static boolean anyConceptHas(JsonNode concepts, String tokenList) {
        for (String token : tokenList.split(",")) {
            int bar = token.indexOf('|');
            String system = bar < 0 ? null : token.substring(0, bar);
            String code = bar < 0 ? token : token.substring(bar + 1);
            for (JsonNode concept : concepts.isArray() ? concepts : java.util.List.of(concepts)) {
                for (JsonNode coding : concept.path("coding")) {
                    boolean systemMatches = system == null || (system.isEmpty() ? !coding.has("system")
                            : system.equals(coding.path("system").asText()));
                    if (systemMatches && code.equals(coding.path("code").asText())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
