package org.cavaplan.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.validation.FhirValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cavaplan.io.Json;
import ca.uhn.fhir.validation.SchemaBaseValidator;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.ArrayList;
import java.util.List;
import org.cavaplan.core.model.Case;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What CavaPlan writes is valid FHIR R4: HAPI parses it back, and it passes the base R4 XML
 * schemas (HAPI's {@link SchemaBaseValidator} with the R4 validation resources). The HL7 validator
 * (structure, FHIRPath invariants, bindings) runs in {@link ConformanceTest}; the rules of the
 * claimed profiles are asserted in {@link ProfileRulesTest}.
 */
class ValidationTest {

    private static final FhirValidator VALIDATOR = validator();

    private static FhirValidator validator() {
        FhirValidator v = Fhir.context().newValidator();
        v.setValidateAgainstStandardSchematron(false);
        v.setValidateAgainstStandardSchema(false);
        v.registerValidatorModule(new SchemaBaseValidator(Fhir.context()));
        return v;
    }

    static List<Fixtures.Named> golden() {
        List<Fixtures.Named> list = new ArrayList<>(Fixtures.golden());
        list.add(Fixtures.seed());
        return list;
    }

    /**
     * The R4 XML schema types MedicationStatement.status with the codes of Medication.status (its own
     * documentation says the value is "generally active or completed"): a defect of the schema, not
     * of the resource, so those two messages are set aside.
     */
    private static List<String> problems(IBaseResource resource) {
        ValidationResult result = VALIDATOR.validateWithResult(resource);
        return result.getMessages().stream().map(SingleValidationMessage::toString)
                .filter(m -> !m.contains("MedicationStatusCodes-list") && !m.contains("'[active, inactive, entered-in-error]'"))
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void theCaseBundleAndThePlanBundleParseBackAndPassTheR4Schemas(Fixtures.Named named) {
        Case kase = Fixtures.read(named.json());
        Bundle caseBundle = CaseBundle.of(kase);
        Bundle planBundle = PlanFhir.bundle(kase, Fixtures.plan(kase));

        for (Bundle b : List.of(caseBundle, planBundle)) {
            String json = Fhir.json(b);
            Bundle parsed = Fhir.context().newJsonParser().setParserErrorHandler(new StrictErrorHandler())
                    .parseResource(Bundle.class, json);
            assertThat(tree(Fhir.json(parsed))).isEqualTo(withoutEntryIds(tree(json)));
            assertThat(problems(parsed)).as(named.name()).isEmpty();
        }
    }

    /** HAPI takes an entry's id from its urn:uuid fullUrl and leaves it out when it writes the Bundle again. */
    private static JsonNode withoutEntryIds(JsonNode bundle) {
        bundle.get("entry").forEach(e -> ((ObjectNode) e.get("resource")).remove("id"));
        return bundle;
    }

    private static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theSchemaCheckDoesCatchAnInvalidResource() {
        Bundle bundle = CaseBundle.of(Fixtures.seedCase());
        org.hl7.fhir.r4.model.Observation o = (org.hl7.fhir.r4.model.Observation) bundle.getEntry().get(1).getResource();
        o.setStatus(null);
        assertThat(problems(bundle)).isNotEmpty();
    }

    @Test
    void theCavaPlanCodeSystemParsesAndPassesTheR4Schemas() {
        CodeSystem cs = Fhir.context().newJsonParser().parseResource(CodeSystem.class, Fhir.codeSystemJson());
        assertThat(cs.getUrl()).isEqualTo(Fhir.codeSystemUrl()).isEqualTo("https://cavaplan.org/fhir/CodeSystem/cavaplan");
        assertThat(problems(cs)).isEmpty();
    }
}
