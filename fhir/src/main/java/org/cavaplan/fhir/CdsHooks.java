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
    /** What the EHR's record must hold for the service to speak (CDS Hooks 2.0 discovery {@code usageRequirements}). */
    static final String USAGE_REQUIREMENTS = "Cards appear for a patient whose problem list holds a Condition coded ICD-O-3 8890/3 "
            + "(leiomyosarcoma), ICD-10-CM C49.4 or C48.0 named a leiomyosarcoma or sited at the inferior vena cava, SNOMED CT "
            + "leiomyosarcoma, or any tumor with body site SNOMED CT 64131007 (inferior vena cava structure). Imaging is read from "
            + "DiagnosticReports of category v2-0074 RAD or LOINC LP29684-5 coded with a DICOM modality, a LOINC radiology term "
            + "(CT, MR, US, PT+CT) or the CavaPlan CodeSystem, the pathology report from a DiagnosticReport coded LOINC 11526-1, "
            + "and findings from Observations coded as in CavaPlan's FHIR mapping "
            + "(LOINC and https://cavaplan.org/fhir/CodeSystem/cavaplan).";

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
        service.put("usageRequirements", USAGE_REQUIREMENTS);
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
        return caseKeepingJson(prefetch).result();
    }

    /**
     * Like {@link #caseFrom}, keeping the case JSON read from the record (a SMART launch stores it in
     * the registry when the clinician chooses).
     */
    public MappedCase caseKeepingJson(JsonNode prefetch) {
        if (prefetch == null || !prefetch.isObject()) {
            return MappedCase.invalid(List.of(new InputError("/prefetch", "the request has no prefetch object")));
        }
        List<Resource> resources = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
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
                            addOnce(resources, seen, e.getResource());
                        }
                    }
                } else if (parsed instanceof Resource r) {
                    addOnce(resources, seen, r);
                }
            } catch (DataFormatException e) {
                errors.add(new InputError("/prefetch/" + key, "is not a FHIR R4 resource: "
                        + String.valueOf(e.getMessage()).replaceAll("HAPI-\\d+: ", "")));
            } catch (RuntimeException e) {
                errors.add(new InputError("/prefetch/" + key, "is not a FHIR R4 resource: it is malformed and cannot be read"));
            }
        }
        if (!errors.isEmpty()) {
            return MappedCase.invalid(errors);
        }
        return reader.readResourcesKeepingJson(resources);
    }

    /**
     * Adds the resource unless one of the same type and id came before: two searches may return the
     * same resource (a pathology report under an imaging category, an EHR that ignores a search
     * parameter), and it is one fact, read once. Resources without an id are all kept.
     */
    private static void addOnce(List<Resource> resources, java.util.Set<String> seen, Resource r) {
        String id = r.getIdElement().getIdPart();
        if (id == null || seen.add(r.fhirType() + "/" + id)) {
            resources.add(r);
        }
    }

    /** ICD-10-CM codes under which an IVC leiomyosarcoma is found on problem lists (the ConceptMap gives the reasons). */
    static final List<String> ICD_10_CM_CANDIDATES = List.of(Codes.ICD_10_CM_IVC_LEIOMYOSARCOMA, "C48.0");

    /**
     * Whether CavaPlan speaks for this patient: one of the prefetched Conditions (a resource or a
     * search Bundle) is, by the first rule that matches,
     * <ol>
     *   <li>coded ICD-O-3 8890/3 (leiomyosarcoma) in {@code code} or in an extension (mCODE
     *       histology-morphology-behavior);</li>
     *   <li>coded ICD-10-CM C49.4 or C48.0 (see the diagnosis ConceptMap) and named a leiomyosarcoma (text or
     *       display) or sited at the inferior vena cava;</li>
     *   <li>coded SNOMED CT and named a leiomyosarcoma in the concept's display or text (no SNOMED CT
     *       concept id could be checked where CavaPlan is built, so the description decides);</li>
     *   <li>a tumor sited at the inferior vena cava (SNOMED CT 64131007 in {@code bodySite}) whatever its
     *       code: a tumor of the IVC without histology is a presumed leiomyosarcoma, for which the plan
     *       recommends the biopsy (and the card says so).</li>
     * </ol>
     * A Condition {@code entered-in-error} or refuted does not count. Everyone else gets no card.
     */
    public static boolean speaksFor(JsonNode conditions) {
        if (conditions == null || conditions.isNull()) {
            return false;
        }
        List<JsonNode> resources = new ArrayList<>();
        if ("Bundle".equals(conditions.path("resourceType").asText())) {
            conditions.path("entry").forEach(e -> resources.add(e.path("resource")));
        } else {
            resources.add(conditions);
        }
        return resources.stream().anyMatch(CdsHooks::isIvcLeiomyosarcoma);
    }

    private static boolean isIvcLeiomyosarcoma(JsonNode r) {
        if (!"Condition".equals(r.path("resourceType").asText())) {
            return false;
        }
        String verification = r.path("verificationStatus").path("coding").path(0).path("code").asText("");
        if (verification.equals("entered-in-error") || verification.equals("refuted")) {
            return false;
        }
        JsonNode code = r.path("code");
        boolean named = mentionsLeiomyosarcoma(code);
        boolean ivc = false;
        for (JsonNode site : r.path("bodySite")) {
            ivc |= hasCoding(site, Codes.SNOMED, Codes.SCT_IVC);
        }
        if (hasCoding(code, Codes.ICD_O_3, Codes.ICD_O_3_LEIOMYOSARCOMA)
                || r.path("extension").findValues("valueCodeableConcept").stream()
                        .anyMatch(c -> hasCoding(c, Codes.ICD_O_3, Codes.ICD_O_3_LEIOMYOSARCOMA))) {
            return true;
        }
        if (ICD_10_CM_CANDIDATES.stream().anyMatch(c -> hasCoding(code, Codes.ICD_10_CM, c)) && (named || ivc)) {
            return true;
        }
        for (JsonNode coding : code.path("coding")) {
            if (Codes.SNOMED.equals(coding.path("system").asText()) && named) {
                return true;
            }
        }
        return ivc;
    }

    private static boolean mentionsLeiomyosarcoma(JsonNode concept) {
        StringBuilder words = new StringBuilder(concept.path("text").asText(""));
        concept.path("coding").forEach(c -> words.append(' ').append(c.path("display").asText("")));
        return words.toString().toLowerCase(java.util.Locale.ROOT).contains("leiomyosarcoma");
    }

    private static boolean hasCoding(JsonNode concept, String system, String code) {
        for (JsonNode coding : concept.path("coding")) {
            if (system.equals(coding.path("system").asText()) && code.equals(coding.path("code").asText())) {
                return true;
            }
        }
        return false;
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

    /** US Core's second Condition category system (health-concern), beside the base R4 one. */
    static final String US_CORE_CONDITION_CATEGORY = "http://hl7.org/fhir/us/core/CodeSystem/condition-category";
    /** US Core's Observation categories outside base R4 (clinical-test). */
    static final String US_CORE_OBSERVATION_CATEGORY = "http://hl7.org/fhir/us/core/CodeSystem/us-core-observation-category";
    /** US Core's screening and assessment categories (functional-status, sdoh, …). */
    static final String US_CORE_CATEGORY = "http://hl7.org/fhir/us/core/CodeSystem/us-core-category";

    /**
     * The Conditions the patient gate reads: every category US Core 6.1 gives a Condition (problem
     * list, encounter diagnosis, health concern), so a leiomyosarcoma recorded under any of them is seen.
     */
    static final List<String> CONDITION_CATEGORIES = List.of(Codes.CONDITION_CATEGORY + "|problem-list-item",
            Codes.CONDITION_CATEGORY + "|encounter-diagnosis", US_CORE_CONDITION_CATEGORY + "|health-concern");
    /**
     * The imaging reports: v2-0074 {@code RAD} and US Core's LOINC {@code LP29684-5} Radiology, the
     * categories the reader takes as imaging. Pathology reports are asked for by their code (below),
     * since an EHR may file them under pathology, surgical pathology or laboratory.
     */
    static final List<String> IMAGING_REPORT_CATEGORIES = List.of(Codes.V2_0074 + "|RAD",
            Codes.LOINC + "|" + BundleMapping.LOINC_RADIOLOGY_CATEGORY);
    /**
     * The Observations CavaPlan reads come under these categories: laboratory (eGFR, histology, the
     * pathology findings), imaging (the imaging findings, tumor sizes, LVEF), exam (age, ASA class,
     * operative and follow-up findings), survey (ECOG, vital status), and the categories an EHR may use
     * for the same measurements: procedure (LVEF from an echocardiogram), US Core clinical-test and
     * functional-status (ECOG). Left out: vital-signs, social-history, therapy, activity and US Core's
     * sdoh, disability-status and cognitive-status, none of which CavaPlan reads.
     */
    static final List<String> OBSERVATION_CATEGORIES = List.of(Codes.OBSERVATION_CATEGORY + "|laboratory",
            Codes.OBSERVATION_CATEGORY + "|imaging", Codes.OBSERVATION_CATEGORY + "|exam", Codes.OBSERVATION_CATEGORY + "|survey",
            Codes.OBSERVATION_CATEGORY + "|procedure", US_CORE_OBSERVATION_CATEGORY + "|clinical-test",
            US_CORE_CATEGORY + "|functional-status");

    /** The templates; after the category lists they are made of. */
    private static final Map<String, String> PREFETCH = prefetch();

    private static Map<String, String> prefetch() {
        String patient = "?patient={{context.patientId}}";
        Map<String, String> m = new LinkedHashMap<>();
        m.put("patient", "Patient/{{context.patientId}}");
        m.put("conditions", "Condition" + patient + "&category=" + String.join(",", CONDITION_CATEGORIES));
        m.put("reports", "DiagnosticReport" + patient + "&category=" + String.join(",", IMAGING_REPORT_CATEGORIES));
        m.put("pathology", "DiagnosticReport" + patient + "&code=" + Codes.LOINC + "|" + Codes.LOINC_PATHOLOGY_STUDY);
        m.put("procedures", "Procedure" + patient);
        m.put("encounters", "Encounter" + patient);
        m.put("observations", "Observation" + patient + "&category=" + String.join(",", OBSERVATION_CATEGORIES));
        m.put("medications", "MedicationStatement" + patient);
        return java.util.Collections.unmodifiableMap(m);
    }
}
