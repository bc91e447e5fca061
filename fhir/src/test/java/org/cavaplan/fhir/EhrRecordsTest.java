package org.cavaplan.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.Status;
import org.cavaplan.io.Json;
import org.cavaplan.io.ReadResult;
import org.junit.jupiter.api.Test;

/**
 * What EHRs send (issue 23, items 3 and 4): problem lists coded in ICD-10-CM or SNOMED CT, radiology
 * reports coded in LOINC the way US Core sandboxes publish them, and a tumor of the vena cava that
 * has no histology yet. Resources are written here from the public descriptions of those shapes.
 */
class EhrRecordsTest {

    private static final BundleReader READER = BundleReader.create();

    private static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A Condition as a problem list holds it: a code, text, perhaps a body site. */
    private static ObjectNode condition(String system, String code, String display, String text) {
        ObjectNode c = Json.mapper().createObjectNode();
        c.put("resourceType", "Condition");
        c.put("id", "problem-1");
        c.putObject("clinicalStatus").putArray("coding").addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/condition-clinical").put("code", "active");
        ObjectNode concept = c.putObject("code");
        ObjectNode coding = concept.putArray("coding").addObject().put("system", system).put("code", code);
        if (display != null) {
            coding.put("display", display);
        }
        if (text != null) {
            concept.put("text", text);
        }
        c.putObject("subject").put("reference", "Patient/p1");
        return c;
    }

    private static ObjectNode searchset(ObjectNode... resources) {
        ObjectNode b = Json.mapper().createObjectNode();
        b.put("resourceType", "Bundle");
        b.put("type", "searchset");
        for (ObjectNode r : resources) {
            b.withArray("entry").addObject().set("resource", r);
        }
        return b;
    }

    private static ObjectNode ivcSite(ObjectNode condition) {
        condition.putArray("bodySite").addObject().putArray("coding").addObject().put("system", Codes.SNOMED)
                .put("code", Codes.SCT_IVC).put("display", "Inferior vena cava structure");
        return condition;
    }

    @Test
    void aProblemListCodedInIcd10CmOrSnomedCtNamesALeiomyosarcomaPatient() {
        // ICD-10-CM C49.4 with the words, or at the vena cava
        assertThat(CdsHooks.speaksFor(searchset(condition(Codes.ICD_10_CM, "C49.4",
                "Malignant neoplasm of connective and soft tissue of abdomen", "Leiomyosarcoma of the inferior vena cava")))).isTrue();
        assertThat(CdsHooks.speaksFor(searchset(ivcSite(condition(Codes.ICD_10_CM, "C48.0", "Malignant neoplasm of retroperitoneum",
                null))))).isTrue();
        // SNOMED CT, by the concept's description
        assertThat(CdsHooks.speaksFor(condition(Codes.SNOMED, "0", "Leiomyosarcoma (disorder)", null))).isTrue();
        // ICD-O-3 morphology in the mCODE extension, as CavaPlan writes it
        assertThat(CdsHooks.speaksFor(tree(Fhir.json(CaseBundle.of(Fixtures.seedCase()))))).isTrue();
    }

    @Test
    void otherPatientsGetNoCard() {
        // an abdominal soft-tissue cancer that is not said to be a leiomyosarcoma, nor at the vena cava
        assertThat(CdsHooks.speaksFor(searchset(condition(Codes.ICD_10_CM, "C49.4",
                "Malignant neoplasm of connective and soft tissue of abdomen", "Liposarcoma of the retroperitoneum")))).isFalse();
        // C49.A- is a gastrointestinal stromal tumor
        assertThat(CdsHooks.speaksFor(searchset(condition(Codes.ICD_10_CM, "C49.A2", "Gastrointestinal stromal tumor of stomach",
                null)))).isFalse();
        assertThat(CdsHooks.speaksFor(searchset(condition(Codes.SNOMED, "0", "Essential hypertension (disorder)", null)))).isFalse();
        ObjectNode retracted = ivcSite(condition(Codes.ICD_O_3, "8890/3", "Leiomyosarcoma, NOS", null));
        retracted.putObject("verificationStatus").putArray("coding").addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/condition-ver-status").put("code", "entered-in-error");
        assertThat(CdsHooks.speaksFor(searchset(retracted))).isFalse();
        assertThat(CdsHooks.speaksFor(null)).isFalse();
    }

    @Test
    void aTumorOfTheVenaCavaWithoutHistologyGetsTheBiopsyCard() {
        ObjectNode json = (ObjectNode) tree(Fixtures.golden().stream().filter(n -> n.name().equals("02-level1-infrarenal-patch-pretreatment"))
                .findFirst().orElseThrow().json());
        json.remove("histology");
        Case kase = Fixtures.read(json.toString());
        ObjectNode prefetch = CdsHooksTest.prefetch(kase);

        assertThat(CdsHooks.speaksFor(prefetch.get("conditions"))).as("the vena cava tumor is spoken for").isTrue();
        ReadResult read = CdsHooks.create().caseFrom(prefetch);
        assertThat(read).isInstanceOf(ReadResult.Valid.class);
        Plan plan = Fixtures.ENGINE.plan(((ReadResult.Valid) read).value(), kase.latestDate());
        assertThat(plan.recommendation("workup.core-biopsy").orElseThrow().status()).isEqualTo(Status.RECOMMENDED);
        List<ObjectNode> cards = Cards.from(plan, "https://cavaplan.example/cases/" + kase.caseId());
        assertThat(cards).anySatisfy(c -> assertThat(c.get("uuid").asText()).isEqualTo(Cards.uuid(kase.caseId(), "workup.core-biopsy")));
    }

    @Test
    void ctAndMriReportsCodedInLoincAsUsCoreSandboxesSendThemAreRead() {
        ObjectNode bundle = (ObjectNode) tree(CaseBundle.json(Fixtures.seedCase()));
        int changed = 0;
        for (JsonNode e : bundle.get("entry")) {
            ObjectNode r = (ObjectNode) e.get("resource");
            if (!"DiagnosticReport".equals(r.path("resourceType").asText()) || !r.toString().contains("modality.")) {
                continue;
            }
            boolean ct = r.toString().contains("modality.CT");
            // US Core DiagnosticReport for report and note exchange: category LOINC LP29684-5 Radiology; the report's
            // code a LOINC radiology term, whose name leads with the modality
            r.putArray("category").addObject().putArray("coding").addObject().put("system", Codes.LOINC).put("code", "LP29684-5")
                    .put("display", "Radiology");
            ObjectNode code = r.putObject("code");
            code.putArray("coding").addObject().put("system", Codes.LOINC)
                    .put("display", ct ? "CT Abdomen and Pelvis W contrast IV" : "MR Abdomen WO and W contrast IV");
            changed++;
        }
        assertThat(changed).isGreaterThanOrEqualTo(2);
        assertThat(READER.read(bundle.toString())).isEqualTo(new ReadResult.Valid(Fixtures.seedCase()));
    }

    @Test
    void anMcodeTumorBodyStructureIsAcceptedAndNotRead() {
        Case kase = Fixtures.seedCase();
        String json = CaseBundle.json(kase);
        assertThat(json).contains("\"resourceType\": \"BodyStructure\"");
        assertThat(READER.read(json)).isEqualTo(new ReadResult.Valid(kase));
    }

    @Test
    void discoveryStatesTheCodesTheServiceNeeds() {
        String usage = CdsHooks.discovery().get("services").get(0).get("usageRequirements").asText();
        assertThat(usage).contains("ICD-O-3 8890/3", "ICD-10-CM C49.4", "C48.0", "SNOMED CT 64131007", "LP29684-5");
    }
}
