package org.cavaplan.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import org.cavaplan.io.InputError;
import org.cavaplan.io.Json;
import org.cavaplan.io.ReadResult;
import org.junit.jupiter.api.Test;

/** Bad Bundles are rejected with every problem, each with a JSON pointer into the Bundle, never with an exception. */
class BadBundleTest {

    private static final BundleReader READER = BundleReader.create();
    private static final String SEED = CaseBundle.json(Fixtures.seedCase());

    private static List<InputError> errors(String text) {
        ReadResult result = READER.read(text);
        assertThat(result).isInstanceOf(ReadResult.Invalid.class);
        return ((ReadResult.Invalid) result).errors();
    }

    /** The seed Bundle changed by {@code edit}; {@code entry(b, code)} finds an entry by its Observation code. */
    private static String edited(Consumer<ObjectNode> edit) {
        try {
            ObjectNode bundle = (ObjectNode) Json.mapper().readTree(SEED);
            edit.accept(bundle);
            return bundle.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int entry(ObjectNode bundle, String code) {
        ArrayNode entries = (ArrayNode) bundle.get("entry");
        for (int i = 0; i < entries.size(); i++) {
            JsonNode coding = entries.get(i).path("resource").path("code").path("coding");
            for (JsonNode c : coding) {
                if (c.path("code").asText().equals(code)) {
                    return i;
                }
            }
        }
        throw new AssertionError("no entry with code " + code);
    }

    private static ObjectNode resource(ObjectNode bundle, int i) {
        return (ObjectNode) bundle.get("entry").get(i).get("resource");
    }

    @Test
    void textThatIsNotJsonIsRejectedWithItsLineAndColumn() {
        assertThat(errors("{\"resourceType\": \"Bundle\", ")).singleElement()
                .satisfies(e -> assertThat(e.message()).startsWith("the input is not valid JSON (line 1"));
    }

    @Test
    void aFhirResourceThatIsNotABundleIsToldItMustBeOne() {
        assertThat(errors("{\"resourceType\": \"Patient\"}")).containsExactly(
                new InputError("/resourceType", "must be \"Bundle\", not \"Patient\""));
    }

    @Test
    void anEmptyBundleLacksThePatient() {
        assertThat(errors("{\"resourceType\": \"Bundle\", \"type\": \"collection\"}")).containsExactly(
                new InputError("", "the Bundle has no Patient"));
    }

    @Test
    void aValueOutOfRangeIsReportedAtTheValueInTheBundleWithTheCaseFieldItFills() {
        String text = edited(b -> resource(b, entry(b, "ivc-circumference-resected")).withObject("/valueQuantity").put("value", 130));
        int i = entry(asObject(text), "ivc-circumference-resected");
        assertThat(errors(text)).containsExactly(new InputError("/entry/" + i + "/resource/valueQuantity/value",
                "must be at most 100, not 130 (case field /operation/circumferenceResectedPct)"));
    }

    @Test
    void aTumorDiameterBelowZeroIsReportedAtItsComponent() {
        String text = edited(b -> ((ObjectNode) resource(b, entry(b, "21889-1")).withArray("component").get(0)).withObject("/valueQuantity").put("value", -2));
        int i = entry(asObject(text), "21889-1");
        assertThat(errors(text)).containsExactly(new InputError("/entry/" + i + "/resource/component/0/valueQuantity/value",
                "must be greater than 0, not -2 (case field /imaging/0/tumorDiametersCm/0)"));
    }

    @Test
    void anUnknownCavaPlanCodeIsNamedWithTheCodesThatWouldDo() {
        String text = edited(b -> ((ObjectNode) resource(b, entry(b, "ivc-lumen")).get("valueCodeableConcept").get("coding").get(0))
                .put("code", "lumen.HALF_OPEN"));
        List<InputError> errors = errors(text);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.pointer()).endsWith("/resource/valueCodeableConcept/coding/0/code");
            assertThat(e.message()).contains("\"lumen.HALF_OPEN\" is not a CavaPlan lumen code").contains("lumen.OCCLUDED");
        });
    }

    @Test
    void anObservationWithACodeTheMappingDoesNotKnowIsAnError() {
        String text = edited(b -> ((ObjectNode) resource(b, entry(b, "chest-included")).get("code").get("coding").get(0))
                .put("system", "http://loinc.org").put("code", "8480-6"));
        assertThat(errors(text)).singleElement().satisfies(e -> {
            assertThat(e.pointer()).matches("/entry/\\d+/resource/code");
            assertThat(e.message()).contains("no coding of this Observation is one the CavaPlan mapping knows");
        });
    }

    @Test
    void aResourceTypeOutsideTheMappingIsIgnoredAndCounted() {
        // issue 23: an EHR's export holds more than the mapping reads; an AllergyIntolerance is passed over, not an error
        String text = edited(b -> b.withArray("entry").addObject().putObject("resource").put("resourceType", "AllergyIntolerance")
                .putObject("patient").put("reference", b.get("entry").get(0).get("fullUrl").asText()));
        assertThat(READER.read(text)).isEqualTo(new ReadResult.Valid(Fixtures.seedCase()));
        org.hl7.fhir.r4.model.Bundle parsed = Fhir.context().newJsonParser().parseResource(org.hl7.fhir.r4.model.Bundle.class, text);
        assertThat(BundleReader.ignoredResourceTypes(parsed)).containsExactly(java.util.Map.entry("AllergyIntolerance", 1));
    }

    @Test
    void aReferenceToNoEntryIsAnError() {
        String text = edited(b -> resource(b, entry(b, "local-recurrence")).withObject("/encounter").put("reference", "urn:uuid:nowhere"));
        assertThat(errors(text)).singleElement().satisfies(e -> {
            assertThat(e.pointer()).matches("/entry/\\d+/resource/encounter/reference");
            assertThat(e.message()).isEqualTo("no entry of the Bundle is urn:uuid:nowhere");
        });
    }

    @Test
    void aReportResultThatIsNotAnObservationIsAnError() {
        String text = edited(b -> {
            String patient = b.get("entry").get(0).get("fullUrl").asText();
            ((ObjectNode) resource(b, entry(b, "CT")).withArray("result").get(0)).put("reference", patient);
        });
        assertThat(errors(text)).anySatisfy(e -> {
            assertThat(e.pointer()).matches("/entry/\\d+/resource/result/0/reference");
            assertThat(e.message()).isEqualTo("a report's result must be an Observation");
        });
    }

    @Test
    void aFollowUpVisitWithoutADateIsAnError() {
        String text = edited(b -> {
            ArrayNode entries = (ArrayNode) b.get("entry");
            for (JsonNode e : entries) {
                if (e.path("resource").path("resourceType").asText().equals("Encounter")) {
                    ((ObjectNode) e.get("resource")).remove("period");
                    return;
                }
            }
        });
        assertThat(errors(text)).singleElement().satisfies(e -> {
            assertThat(e.pointer()).matches("/entry/\\d+/resource/period/start");
            assertThat(e.message()).startsWith("a follow-up visit needs its date");
        });
    }

    @Test
    void elementsFhirDoesNotKnowAndMalformedValuesArePointedAt() {
        String text = "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Observation\","
                + "\"valueQuantity\":{\"value\":\"abc\"},\"bogus\":1}}]}";
        assertThat(errors(text)).extracting(InputError::pointer)
                .contains("/entry/0/resource/bogus", "/entry/0/resource/valueQuantity/value");
    }

    @Test
    void anUnknownResourceNameIsPointedAt() {
        assertThat(errors("{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Foo\"}}]}")).singleElement()
                .satisfies(e -> {
                    assertThat(e.pointer()).isEqualTo("/entry/0/resource/resourceType");
                    assertThat(e.message()).contains("Unknown resource name \"Foo\"");
                });
    }

    @Test
    void aSemanticErrorOfTheCaseComesBackOnTheBundle() {
        String text = edited(b -> {
            for (JsonNode e : b.get("entry")) {
                JsonNode r = e.path("resource");
                if (r.path("code").path("coding").path(0).path("code").asText().equals(Codes.SCT_RADIOTHERAPY_COURSE)) {
                    ((ObjectNode) r.get("performedPeriod")).put("end", "2013-06-01");
                }
            }
        });
        assertThat(errors(text)).singleElement().satisfies(e -> {
            assertThat(e.pointer()).matches("/entry/\\d+/resource/performedPeriod/end");
            assertThat(e.message()).contains("after the operation").endsWith("(case field /neoadjuvant/radiotherapy/endDate)");
        });
    }

    @Test
    void aMappingErrorAndAValueErrorAreReportedTogether() {
        String text = edited(b -> {
            resource(b, entry(b, "ivc-circumference-resected")).withObject("/valueQuantity").put("value", 130);
            resource(b, entry(b, "local-recurrence")).withObject("/encounter").put("reference", "urn:uuid:nowhere");
        });
        assertThat(errors(text)).extracting(InputError::message)
                .containsExactlyInAnyOrder("no entry of the Bundle is urn:uuid:nowhere",
                        "must be at most 100, not 130 (case field /operation/circumferenceResectedPct)");
    }

    @Test
    void anObservationEnteredInErrorIsIgnored() {
        String text = edited(b -> resource(b, entry(b, "ivc-circumference-resected")).put("status", "entered-in-error")
                .withObject("/valueQuantity").put("value", 130));
        ReadResult result = READER.read(text);
        assertThat(result).isInstanceOf(ReadResult.Valid.class);
        assertThat(((ReadResult.Valid) result).value().operation().orElseThrow().circumferenceResectedPct()).isEmpty();
    }

    @Test
    void aSecondPatientIsAnError() {
        String text = edited(b -> b.withArray("entry").addObject().putObject("resource").put("resourceType", "Patient"));
        assertThat(errors(text)).anySatisfy(e -> assertThat(e.message()).startsWith("the Bundle has a second Patient"));
    }

    private static ObjectNode asObject(String text) {
        try {
            return (ObjectNode) Json.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
