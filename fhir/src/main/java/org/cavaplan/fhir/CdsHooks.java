package org.cavaplan.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IJsonLikeParser;
import ca.uhn.fhir.parser.json.jackson.JacksonStructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cavaplan.io.InputError;
import org.cavaplan.io.ReadResult;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * The CDS Hooks 2.0 service of CavaPlan, without HTTP: the discovery document for service
 * {@value #SERVICE_ID} on hook {@code patient-view}, and the case built from the prefetched FHIR R4
 * resources (through the same mapping as {@link BundleReader}, skipping what it does not know).
 * Thread-safe.
 */
public final class CdsHooks {

    /** The id of CavaPlan's service, the last segment of its URL under {@code /cds-services}. */
    public static final String SERVICE_ID = "cavaplan-patient-view";
    /** The hook the service answers. */
    public static final String HOOK = "patient-view";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<String, String> PREFETCH = prefetch();

    private final BundleReader reader;

    private CdsHooks(BundleReader reader) {
        this.reader = reader;
    }

    /** A service over the shipped case schema. */
    public static CdsHooks create() {
        return new CdsHooks(BundleReader.create());
    }

    /** The prefetch templates, key to FHIR query, in the order the case is assembled from them. */
    public static Map<String, String> prefetchTemplates() {
        return PREFETCH;
    }

    /** The body of {@code GET /cds-services}. */
    public static ObjectNode discovery() {
        ObjectNode body = NODES.objectNode();
        ObjectNode service = body.putArray("services").addObject();
        service.put("hook", HOOK);
        service.put("id", SERVICE_ID);
        service.put("title", "CavaPlan: IVC leiomyosarcoma care plan");
        service.put("description", "Evidence-traced recommendations for a patient with leiomyosarcoma of the inferior vena cava, "
                + "from the patient's FHIR R4 record mapped as in CavaPlan's FHIR mapping.");
        ObjectNode prefetch = service.putObject("prefetch");
        PREFETCH.forEach(prefetch::put);
        return body;
    }

    /**
     * The case in a CDS Hooks request's {@code prefetch} object: each value a resource or a search
     * Bundle (null when the EHR had nothing). Errors point into the request, e.g.
     * {@code /prefetch/observations}, or into the combined Bundle of the prefetched resources.
     */
    public ReadResult caseFrom(JsonNode prefetch) {
        if (prefetch == null || !prefetch.isObject()) {
            return new ReadResult.Invalid(List.of(new InputError("/prefetch", "the request has no prefetch object")));
        }
        List<Resource> resources = new ArrayList<>();
        List<InputError> errors = new ArrayList<>();
        List<String> keys = new ArrayList<>(PREFETCH.keySet());
        prefetch.fieldNames().forEachRemaining(k -> {
            if (!keys.contains(k)) {
                keys.add(k);
            }
        });
        for (String key : keys) {
            JsonNode value = prefetch.get(key);
            if (value == null || value.isNull()) {
                continue;
            }
            if (!(value instanceof ObjectNode object)) {
                errors.add(new InputError("/prefetch/" + key, "is not a FHIR R4 resource: it must be a JSON object"));
                continue;
            }
            try {
                IBaseResource parsed = parse(object);
                if (parsed instanceof Bundle b) {
                    for (Bundle.BundleEntryComponent e : b.getEntry()) {
                        if (e.getResource() != null && !(e.getResource() instanceof org.hl7.fhir.r4.model.OperationOutcome)) {
                            resources.add(e.getResource());
                        }
                    }
                } else if (parsed instanceof Resource r) {
                    resources.add(r);
                }
            } catch (DataFormatException e) {
                errors.add(new InputError("/prefetch/" + key, "is not a FHIR R4 resource: "
                        + String.valueOf(e.getMessage()).replaceAll("HAPI-\\d+: ", "")));
            } catch (RuntimeException e) {
                errors.add(new InputError("/prefetch/" + key, "is not a FHIR R4 resource: it is malformed and cannot be read"));
            }
        }
        if (!errors.isEmpty()) {
            return new ReadResult.Invalid(errors);
        }
        return reader.readResources(resources);
    }

    /**
     * HAPI reads the resource straight from the request's JSON tree, rather than from text written
     * out of that tree and parsed again: a patient-view request carries some 40 resources. Decimals
     * keep their written digits when the caller read the request with exact big decimals.
     */
    private static IBaseResource parse(ObjectNode resource) {
        JacksonStructure structure = new JacksonStructure();
        structure.setNativeObject(resource);
        return ((IJsonLikeParser) Fhir.context().newJsonParser()).parseResource(structure);
    }

    private static Map<String, String> prefetch() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("patient", "Patient/{{context.patientId}}");
        m.put("conditions", "Condition?patient={{context.patientId}}");
        m.put("reports", "DiagnosticReport?patient={{context.patientId}}");
        m.put("procedures", "Procedure?patient={{context.patientId}}");
        m.put("encounters", "Encounter?patient={{context.patientId}}");
        m.put("observations", "Observation?patient={{context.patientId}}");
        m.put("medications", "MedicationStatement?patient={{context.patientId}}");
        return java.util.Collections.unmodifiableMap(m);
    }
}
