package org.cavaplan.server.smart;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.cavaplan.core.model.Case;
import org.cavaplan.fhir.CaseBundle;
import org.cavaplan.fhir.Fhir;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * The test EHR's charts: per patient, the Patient resource and the resources in the patient's
 * compartment, as FHIR R4 JSON with plain ids and {@code Type/id} references. Thread-safe.
 */
final class EhrRecords {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A resource and the patient whose chart holds it. */
    record Held(String patientId, ObjectNode resource) {
    }

    private final Map<String, ObjectNode> patients = new ConcurrentHashMap<>();
    private final Map<String, List<ObjectNode>> charts = new ConcurrentHashMap<>();

    /** Files the case's resources as the chart of {@code patientId}, replacing any chart of that id. */
    void addPatient(String patientId, Case kase) {
        List<ObjectNode> resources = resourcesOf(patientId, kase);
        List<ObjectNode> others = new CopyOnWriteArrayList<>();
        for (ObjectNode r : resources) {
            if (r.path("resourceType").asText().equals("Patient")) {
                patients.put(patientId, r);
            } else {
                others.add(r);
            }
        }
        charts.put(patientId, others);
    }

    /** Adds one resource (JSON with a resourceType; an id is given when it has none) to a patient's chart. */
    void add(String patientId, String resourceJson) {
        List<ObjectNode> chart = charts.get(patientId);
        if (chart == null) {
            throw new IllegalArgumentException("no patient " + patientId + " in the test EHR");
        }
        JsonNode parsed = parse(resourceJson);
        if (!(parsed instanceof ObjectNode resource) || !resource.path("resourceType").isTextual()) {
            throw new IllegalArgumentException("not a FHIR resource: " + resourceJson);
        }
        if (resource.path("resourceType").asText().equals("Patient")) {
            throw new IllegalArgumentException("the Patient comes from addPatient");
        }
        if (!resource.path("id").isTextual()) {
            resource.put("id", UUID.randomUUID().toString());
        }
        chart.add(resource);
    }

    /** Takes every resource of {@code type} out of the patient's chart. */
    void remove(String patientId, String type) {
        List<ObjectNode> chart = charts.get(patientId);
        if (chart == null) {
            throw new IllegalArgumentException("no patient " + patientId + " in the test EHR");
        }
        chart.removeIf(r -> r.path("resourceType").asText().equals(type));
    }

    boolean hasPatient(String patientId) {
        return patients.containsKey(patientId);
    }

    Optional<ObjectNode> patient(String patientId) {
        return Optional.ofNullable(patients.get(patientId));
    }

    /** The resource of that type and id in whichever chart holds it. */
    Optional<Held> find(String type, String id) {
        for (Map.Entry<String, List<ObjectNode>> chart : charts.entrySet()) {
            for (ObjectNode r : chart.getValue()) {
                if (r.path("resourceType").asText().equals(type) && r.path("id").asText().equals(id)) {
                    return Optional.of(new Held(chart.getKey(), r));
                }
            }
        }
        return Optional.empty();
    }

    /** The resources of a type in the patient's chart that pass the filter, in the order they were filed. */
    List<ObjectNode> search(String patientId, String type, Predicate<JsonNode> filter) {
        return charts.getOrDefault(patientId, List.of()).stream()
                .filter(r -> r.path("resourceType").asText().equals(type))
                .filter(filter)
                .toList();
    }

    /**
     * The case's resources as an EHR holds them: the Patient with id {@code patientId}, the others
     * with ids unique to this patient, and every {@code urn:uuid:} reference rewritten to {@code Type/id}.
     */
    static List<ObjectNode> resourcesOf(String patientId, Case kase) {
        Bundle bundle = CaseBundle.of(kase);
        Map<String, String> references = new HashMap<>();
        Map<String, String> ids = new HashMap<>();
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            String type = e.getResource().fhirType();
            String id = type.equals("Patient") ? patientId
                    : UUID.nameUUIDFromBytes((patientId + "|" + e.getFullUrl()).getBytes(StandardCharsets.UTF_8)).toString();
            ids.put(e.getFullUrl(), id);
            references.put(e.getFullUrl(), type + "/" + id);
        }
        List<ObjectNode> resources = new ArrayList<>();
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            Resource r = e.getResource();
            ObjectNode node = (ObjectNode) parse(Fhir.json(r));
            node.put("id", ids.get(e.getFullUrl()));
            rewriteReferences(node, references);
            resources.add(node);
        }
        return resources;
    }

    private static void rewriteReferences(JsonNode node, Map<String, String> references) {
        if (node instanceof ObjectNode object) {
            JsonNode reference = object.get("reference");
            if (reference != null && reference.isTextual() && references.containsKey(reference.asText())) {
                object.put("reference", references.get(reference.asText()));
            }
            object.forEach(child -> rewriteReferences(child, references));
        } else if (node.isArray()) {
            node.forEach(child -> rewriteReferences(child, references));
        }
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
