package org.cavaplan.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cavaplan.core.model.Case;
import org.cavaplan.io.InputError;
import org.cavaplan.io.Json;
import org.cavaplan.io.ReadResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CdsHooksTest {

    private static final CdsHooks SERVICE = CdsHooks.create();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static List<Fixtures.Named> golden() {
        List<Fixtures.Named> list = new java.util.ArrayList<>(Fixtures.golden());
        list.add(Fixtures.seed());
        return list;
    }

    /**
     * The case's resources as an EHR would prefetch them: plain ids, references written
     * {@code Type/id}, one search Bundle per query (the Patient on its own).
     */
    static ObjectNode prefetch(Case kase) {
        JsonNode bundle = tree(CaseBundle.json(kase));
        Map<String, String> typeOf = new HashMap<>();
        for (JsonNode e : bundle.get("entry")) {
            typeOf.put(e.get("fullUrl").asText(), e.get("resource").get("resourceType").asText());
        }
        ObjectNode prefetch = NODES.objectNode();
        for (JsonNode e : bundle.get("entry")) {
            ObjectNode resource = (ObjectNode) e.get("resource");
            rewriteReferences(resource, typeOf);
            String type = resource.get("resourceType").asText();
            if (type.equals("Patient")) {
                prefetch.set("patient", resource);
                continue;
            }
            List<String> keys = keysFinding(resource);
            if (keys.isEmpty()) {
                if (!List.of("BodyStructure", "Specimen").contains(type)) {
                    throw new AssertionError("no prefetch template finds " + type + " " + resource.path("code"));
                }
                continue; // the Tumor BodyStructure and the tumor Specimen: no prefetch template asks for them
            }
            for (String key : keys) {
                ObjectNode search = prefetch.has(key) ? (ObjectNode) prefetch.get(key) : searchBundle(prefetch, key);
                ObjectNode entry = search.withArray("entry").addObject();
                entry.put("fullUrl", "https://ehr.example/fhir/" + type + "/" + resource.get("id").asText());
                entry.set("resource", resource);
            }
        }
        return prefetch;
    }

    /** The prefetch keys whose search returns the resource (a resource may answer two). */
    static List<String> keysFinding(JsonNode resource) {
        List<String> keys = new java.util.ArrayList<>();
        CdsHooks.prefetchTemplates().forEach((key, template) -> {
            if (!key.equals("patient") && TemplateSearch.of(template).finds(resource)) {
                keys.add(key);
            }
        });
        return keys;
    }

    private static ObjectNode searchBundle(ObjectNode prefetch, String key) {
        ObjectNode search = prefetch.putObject(key);
        search.put("resourceType", "Bundle");
        search.put("type", "searchset");
        return search;
    }

    private static void rewriteReferences(JsonNode node, Map<String, String> typeOf) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            if (o.has("reference") && typeOf.containsKey(o.get("reference").asText())) {
                String url = o.get("reference").asText();
                o.put("reference", typeOf.get(url) + "/" + url.substring("urn:uuid:".length()));
            }
            o.elements().forEachRemaining(child -> rewriteReferences(child, typeOf));
        } else if (node.isArray()) {
            node.forEach(child -> rewriteReferences(child, typeOf));
        }
    }

    private static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void discoveryDescribesThePatientViewServiceWithItsPrefetchTemplates() {
        JsonNode service = CdsHooks.discovery().get("services").get(0);

        assertThat(service.get("id").asText()).isEqualTo("cavaplan-patient-view");
        assertThat(service.get("hook").asText()).isEqualTo("patient-view");
        assertThat(service.get("description").asText()).isNotBlank();
        JsonNode prefetch = service.get("prefetch");
        assertThat(prefetch.get("patient").asText()).isEqualTo("Patient/{{context.patientId}}");
        assertThat(prefetch.get("conditions").asText()).isEqualTo("Condition?patient={{context.patientId}}&category="
                + "http://terminology.hl7.org/CodeSystem/condition-category|problem-list-item,"
                + "http://terminology.hl7.org/CodeSystem/condition-category|encounter-diagnosis,"
                + "http://hl7.org/fhir/us/core/CodeSystem/condition-category|health-concern");
        assertThat(prefetch.get("observations").asText()).isEqualTo("Observation?patient={{context.patientId}}&category="
                + "http://terminology.hl7.org/CodeSystem/observation-category|laboratory,"
                + "http://terminology.hl7.org/CodeSystem/observation-category|imaging,"
                + "http://terminology.hl7.org/CodeSystem/observation-category|exam,"
                + "http://terminology.hl7.org/CodeSystem/observation-category|survey,"
                + "http://terminology.hl7.org/CodeSystem/observation-category|procedure,"
                + "http://hl7.org/fhir/us/core/CodeSystem/us-core-observation-category|clinical-test,"
                + "http://hl7.org/fhir/us/core/CodeSystem/us-core-category|functional-status");
        assertThat(prefetch.get("procedures").asText()).isEqualTo("Procedure?patient={{context.patientId}}");
        assertThat(prefetch.get("reports").asText()).isEqualTo("DiagnosticReport?patient={{context.patientId}}&category="
                + "http://terminology.hl7.org/CodeSystem/v2-0074|RAD,http://loinc.org|LP29684-5");
        assertThat(prefetch.get("pathology").asText())
                .isEqualTo("DiagnosticReport?patient={{context.patientId}}&code=http://loinc.org|11526-1");
        assertThat(prefetch.get("encounters").asText()).isEqualTo("Encounter?patient={{context.patientId}}");
        assertThat(prefetch.get("medications").asText()).isEqualTo("MedicationStatement?patient={{context.patientId}}");
    }

    @Test
    void theNarrowedTemplatesFindEveryResourceCavaPlanWritesForEveryCase() {
        List<Fixtures.Named> cases = new java.util.ArrayList<>(golden());
        cases.addAll(Fixtures.synthetic());
        java.util.Set<String> missed = new java.util.TreeSet<>();
        for (Fixtures.Named named : cases) {
            for (JsonNode e : tree(CaseBundle.json(Fixtures.read(named.json()))).get("entry")) {
                JsonNode r = e.get("resource");
                String type = r.get("resourceType").asText();
                if (!List.of("Patient", "BodyStructure", "Specimen").contains(type) && keysFinding(r).isEmpty()) {
                    missed.add(type + " " + r.path("code").path("coding").toString());
                }
            }
        }
        assertThat(missed).as("resources no prefetch search would return").isEmpty();
    }

    @Test
    void theNarrowedTemplatesLeaveOutAnEhrsVitalSignsSocialHistoryAndLaboratoryReports() {
        ObjectNode bloodPressure = observation("vital-signs", "85354-9");
        ObjectNode smoking = observation("social-history", "72166-2");
        ObjectNode cbc = NODES.objectNode().put("resourceType", "DiagnosticReport");
        cbc.putArray("category").addObject().putArray("coding").addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/v2-0074").put("code", "LAB");
        cbc.putObject("code").putArray("coding").addObject().put("system", "http://loinc.org").put("code", "58410-2");
        assertThat(keysFinding(bloodPressure)).isEmpty();
        assertThat(keysFinding(smoking)).isEmpty();
        assertThat(keysFinding(cbc)).isEmpty();

        ObjectNode labPathology = cbc.deepCopy();
        ((ObjectNode) labPathology.get("code").get("coding").get(0)).put("code", "11526-1");
        assertThat(keysFinding(labPathology)).as("a pathology report filed as laboratory").containsExactly("pathology");
        ObjectNode ecogAsClinicalTest = NODES.objectNode().put("resourceType", "Observation");
        ecogAsClinicalTest.putArray("category").addObject().putArray("coding").addObject()
                .put("system", "http://hl7.org/fhir/us/core/CodeSystem/us-core-observation-category").put("code", "clinical-test");
        assertThat(keysFinding(ecogAsClinicalTest)).as("ECOG as mCODE's examples file it").containsExactly("observations");
    }

    @Test
    void aResourceThatTwoSearchesReturnIsReadOnce() {
        Case kase = Fixtures.seedCase();
        ObjectNode prefetch = prefetch(kase);
        ArrayNode reports = (ArrayNode) prefetch.get("reports").get("entry");
        prefetch.get("pathology").get("entry").forEach(e -> reports.add(e.deepCopy()));
        reports.add(reports.get(0).deepCopy());

        assertThat(SERVICE.caseFrom(prefetch)).isEqualTo(new ReadResult.Valid(kase));
    }

    private static ObjectNode observation(String category, String loinc) {
        ObjectNode o = NODES.objectNode().put("resourceType", "Observation");
        o.putArray("category").addObject().putArray("coding").addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/observation-category").put("code", category);
        o.putObject("code").putArray("coding").addObject().put("system", "http://loinc.org").put("code", loinc);
        return o;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void theCasePrefetchedFromAnEhrIsTheCaseItCameFromAndGetsTheSameCards(Fixtures.Named named) {
        Case kase = Fixtures.read(named.json());

        ReadResult result = SERVICE.caseFrom(prefetch(kase));

        assertThat(result).as(result.toString()).isEqualTo(new ReadResult.Valid(kase));
        assertThat(Cards.from(Fixtures.plan(((ReadResult.Valid) result).value()), "u")).isEqualTo(Cards.from(Fixtures.plan(kase), "u"));
    }

    @Test
    void whatTheEhrHasBesideTheMappingIsSkipped() {
        Case kase = Fixtures.seedCase();
        ObjectNode prefetch = prefetch(kase);
        String patient = "Patient/" + prefetch.get("patient").get("id").asText();
        ObjectNode bp = ((ArrayNode) prefetch.get("observations").get("entry")).addObject().putObject("resource");
        bp.put("resourceType", "Observation").put("id", "bp1").put("status", "final");
        bp.putObject("code").putArray("coding").addObject().put("system", "http://loinc.org").put("code", "8480-6");
        bp.putObject("subject").put("reference", patient);
        bp.putObject("valueQuantity").put("value", 120).put("unit", "mm[Hg]");
        ObjectNode visit = ((ArrayNode) prefetch.get("encounters").get("entry")).addObject().putObject("resource");
        visit.put("resourceType", "Encounter").put("id", "e1").put("status", "finished");
        visit.putObject("subject").put("reference", patient);
        ObjectNode allergy = prefetch.putObject("allergies").put("resourceType", "Bundle").put("type", "searchset");
        allergy.putArray("entry").addObject().putObject("resource").put("resourceType", "AllergyIntolerance").put("id", "a1")
                .putObject("patient").put("reference", patient);

        assertThat(SERVICE.caseFrom(prefetch)).isEqualTo(new ReadResult.Valid(kase));
    }

    @Test
    void withoutAnAgeObservationTheAgeComesFromTheBirthDateAtTheFirstImagingStudy() {
        Case kase = Fixtures.seedCase();
        ObjectNode prefetch = prefetch(kase);
        ArrayNode observations = (ArrayNode) prefetch.get("observations").get("entry");
        for (int i = 0; i < observations.size(); i++) {
            if (observations.get(i).get("resource").get("code").get("coding").get(0).get("code").asText().equals("30525-0")) {
                observations.remove(i);
                break;
            }
        }
        ((ObjectNode) prefetch.get("patient")).put("birthDate", "1950-06-30");

        Case read = ((ReadResult.Valid) SERVICE.caseFrom(prefetch)).value();

        assertThat(read.patient().ageYears()).isEqualTo(62);
        assertThat(read.imaging().get(0).date()).hasToString("2013-01-07");
    }

    @Test
    void aPrefetchValueThatIsNotFhirIsNamedByItsKey() {
        ObjectNode prefetch = prefetch(Fixtures.seedCase());
        prefetch.putObject("observations").put("resourceType", "Nonsense");

        ReadResult result = SERVICE.caseFrom(prefetch);

        assertThat(result).isInstanceOf(ReadResult.Invalid.class);
        assertThat(((ReadResult.Invalid) result).errors()).extracting(InputError::pointer).containsExactly("/prefetch/observations");
    }

    @Test
    void aPrefetchWithoutThePatientIsRejected() {
        ObjectNode prefetch = prefetch(Fixtures.seedCase());
        prefetch.remove("patient");

        assertThat(SERVICE.caseFrom(prefetch)).isInstanceOf(ReadResult.Invalid.class);
    }
}
