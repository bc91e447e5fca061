package org.cavaplan.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a CDS Hooks {@code patient-view} request for the load test of figure
 * {@code cds.patient_view.p99_ms_at_200rps}, from a FHIR R4 Bundle of one patient (as
 * {@code cavaplan fhir bundle CASE} prints it): the Patient as the {@code patient} prefetch, the other
 * resources as search Bundles under the prefetch keys an EHR would fill ({@code conditions},
 * {@code reports}, {@code procedures}, {@code encounters}, {@code observations}, {@code medications};
 * other types under their own name), and an empty search for every other template the service names.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.cavaplan.bench.http.CdsRequestMain BUNDLE.json REQUEST.json
 * </pre>
 */
public final class CdsRequestMain {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, String> KEYS = Map.of("Condition", "conditions", "DiagnosticReport", "reports",
            "Procedure", "procedures", "Encounter", "encounters", "Observation", "observations", "MedicationStatement",
            "medications");

    private CdsRequestMain() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: CdsRequestMain BUNDLE.json REQUEST.json");
            System.exit(2);
        }
        JsonNode bundle = JSON.readTree(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8));
        if (!"Bundle".equals(bundle.path("resourceType").asText())) {
            throw new IOException(args[0] + " is not a FHIR Bundle");
        }
        ObjectNode request = JSON.createObjectNode();
        request.put("hook", "patient-view");
        request.put("hookInstance", "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea");
        ObjectNode context = request.putObject("context");
        context.put("userId", "Practitioner/bench");
        ObjectNode prefetch = request.putObject("prefetch");
        Map<String, ArrayNode> searches = new LinkedHashMap<>();
        for (JsonNode entry : bundle.path("entry")) {
            JsonNode resource = entry.path("resource");
            String type = resource.path("resourceType").asText();
            if (type.equals("Patient")) {
                prefetch.set("patient", resource);
                context.put("patientId", resource.path("id").asText("bench"));
            } else if (!type.isEmpty()) {
                String key = KEYS.getOrDefault(type, type);
                searches.computeIfAbsent(key, k -> {
                    ObjectNode search = prefetch.putObject(k);
                    search.put("resourceType", "Bundle");
                    search.put("type", "searchset");
                    return search.putArray("entry");
                }).addObject().set("resource", resource);
            }
        }
        if (!context.has("patientId")) {
            throw new IOException(args[0] + " has no Patient");
        }
        searches.forEach((key, entries) -> ((ObjectNode) prefetch.get(key)).put("total", entries.size()));
        // every template the service names is answered, as an EHR answers each: an empty search where it found nothing
        for (String key : org.cavaplan.fhir.CdsHooks.prefetchTemplates().keySet()) {
            if (!prefetch.has(key)) {
                prefetch.putObject(key).put("resourceType", "Bundle").put("type", "searchset").put("total", 0);
            }
        }
        Files.writeString(Path.of(args[1]), JSON.writeValueAsString(request), StandardCharsets.UTF_8);
    }
}
