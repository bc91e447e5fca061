package org.cavaplan.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.ArrayList;
import org.cavaplan.core.meeting.DecisionRecord;
import org.cavaplan.core.meeting.DecisionVersion;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.cavaplan.core.model.Case;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.RequestGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The conformance gate (issue 23): every case Bundle, plan Bundle and the CodeSystem that the golden
 * cases, the seed case and a fixed sample of the synthetic cases produce pass the HL7 validator
 * ({@code hapi-fhir-validation}, the base R4 definitions of {@code hapi-fhir-validation-resources-r4})
 * with no error. The validator works offline: base R4 definitions, HAPI's common code systems and an
 * in-memory terminology service, with the CavaPlan CodeSystem and ConceptMap loaded beside them. It
 * does not hold the US Core or mCODE packages (no package server is reachable here), so the profiles
 * CavaPlan claims are reported as not checked (a warning) and {@link ProfileRulesTest} asserts their
 * rules resource by resource. Warnings and information are allowed, counted and printed.
 */
class ConformanceTest {

    /** Every how-many-th synthetic case is validated: the whole 300 take too long on two cores. */
    static final int SYNTHETIC_STEP = 5;

    private static final Validation VALIDATION = new Validation();

    /** The validator, built once for the class (loading the R4 definitions takes most of the time). */
    static final class Validation {
        final FhirValidator validator;
        final Map<ResultSeverityEnum, AtomicInteger> counts = new EnumMap<>(ResultSeverityEnum.class);
        final Map<String, AtomicInteger> warnings = new ConcurrentHashMap<>();
        int resources;

        Validation() {
            FhirContext ctx = Fhir.context();
            PrePopulatedValidationSupport cavaplan = new PrePopulatedValidationSupport(ctx);
            cavaplan.addCodeSystem(ctx.newJsonParser().parseResource(CodeSystem.class, Fhir.codeSystemJson()));
            ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(ctx), cavaplan,
                    new CommonCodeSystemsTerminologyService(ctx), new InMemoryTerminologyServerValidationSupport(ctx),
                    new SnapshotGeneratingValidationSupport(ctx));
            FhirInstanceValidator module = new FhirInstanceValidator(chain);
            module.setErrorForUnknownProfiles(false);
            module.setAnyExtensionsAllowed(true);
            validator = ctx.newValidator().setValidateAgainstStandardSchema(false).setValidateAgainstStandardSchematron(false);
            validator.registerValidatorModule(module);
            for (ResultSeverityEnum s : ResultSeverityEnum.values()) {
                counts.put(s, new AtomicInteger());
            }
        }

        /** The errors (and fatal errors) of one resource; warnings and information are counted. */
        List<String> errors(IBaseResource resource) {
            List<String> errors = new ArrayList<>();
            for (SingleValidationMessage m : validator.validateWithResult(resource).getMessages()) {
                counts.get(m.getSeverity()).incrementAndGet();
                if (m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL) {
                    errors.add(m.getLocationString() + " " + m.getMessage());
                } else if (m.getSeverity() == ResultSeverityEnum.WARNING) {
                    warnings.computeIfAbsent(kind(m.getMessage()), k -> new AtomicInteger()).incrementAndGet();
                }
            }
            resources++;
            return errors;
        }

        private static String kind(String message) {
            return message.replaceAll("'[^']*'", "'…'").replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "…");
        }
    }

    static List<Fixtures.Named> cases() {
        List<Fixtures.Named> list = new ArrayList<>(Fixtures.golden());
        list.add(Fixtures.seed());
        List<Fixtures.Named> synthetic = Fixtures.synthetic();
        for (int i = 0; i < synthetic.size(); i += SYNTHETIC_STEP) {
            list.add(synthetic.get(i));
        }
        return list;
    }

    @Test
    void everyCaseBundleAndPlanBundleOfTheGoldenAndSampledSyntheticCasesPassesTheHl7ValidatorWithoutError() {
        long start = System.nanoTime();
        Map<String, List<String>> failures = new TreeMap<>();
        List<Fixtures.Named> cases = cases();
        cases.parallelStream().forEach(named -> {
            Case kase = Fixtures.read(named.json());
            List<String> errors = new ArrayList<>();
            errors.addAll(VALIDATION.errors(CaseBundle.of(kase)));
            errors.addAll(VALIDATION.errors(PlanFhir.bundle(kase, Fixtures.plan(kase))));
            if (!errors.isEmpty()) {
                synchronized (failures) {
                    failures.put(named.name(), errors);
                }
            }
        });
        System.out.printf("conformance: %d cases (%d golden and seed, %d synthetic), %d Bundles in %.1f s%n", cases.size(),
                Fixtures.golden().size() + 1, cases.size() - Fixtures.golden().size() - 1, 2 * cases.size(),
                (System.nanoTime() - start) / 1e9);
        assertThat(failures).as("validator errors by case").isEmpty();
    }

    @Test
    void aTumorBoardDecisionAsACarePlanPassesTheHl7ValidatorDraftSignedAndCorrected() {
        for (DecisionVersion.Change[] changes : List.of(new DecisionVersion.Change[] {DecisionVersion.Change.DRAFTED},
                new DecisionVersion.Change[] {DecisionVersion.Change.DRAFTED, DecisionVersion.Change.SIGNED},
                new DecisionVersion.Change[] {DecisionVersion.Change.DRAFTED, DecisionVersion.Change.SIGNED,
                        DecisionVersion.Change.CORRECTED})) {
            DecisionRecord record = DecisionFhirTest.record(changes);
            assertThat(VALIDATION.errors(DecisionFhir.carePlan(DecisionFhirTest.MEETING, record,
                    id -> java.util.Optional.ofNullable(DecisionFhirTest.WORDS.get(id)))))
                    .as("%d versions", changes.length).isEmpty();
        }
    }

    @Test
    void theCavaPlanCodeSystemPassesTheHl7Validator() {
        CodeSystem cs = Fhir.context().newJsonParser().parseResource(CodeSystem.class, Fhir.codeSystemJson());
        assertThat(VALIDATION.errors(cs)).isEmpty();
    }

    @Test
    void theDiagnosisConceptMapPassesTheHl7ValidatorAndNamesTheCodesCavaPlanWrites() throws java.io.IOException {
        String json;
        try (java.io.InputStream in = CaseBundle.class.getResourceAsStream("cavaplan-diagnosis-conceptmap.json")) {
            json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        org.hl7.fhir.r4.model.ConceptMap map = Fhir.context().newJsonParser().parseResource(org.hl7.fhir.r4.model.ConceptMap.class, json);
        assertThat(VALIDATION.errors(map)).isEmpty();
        Map<String, String> written = new TreeMap<>();
        for (var g : map.getGroup()) {
            for (var t : g.getElementFirstRep().getTarget()) {
                written.put(g.getTarget() + "#" + t.getCode(), t.getEquivalence().toCode());
            }
        }
        assertThat(written).containsEntry(Codes.ICD_10_CM + "#" + Codes.ICD_10_CM_IVC_LEIOMYOSARCOMA, "wider")
                .containsEntry(Codes.ICD_O_3 + "#" + Codes.ICD_O_3_LEIOMYOSARCOMA, "wider")
                .containsEntry(Codes.ICD_10_CM + "#C49.A0", "disjoint");
    }

    @Test
    void theValidatorDoesCatchWhatTheR4InvariantsForbid() {
        Case kase = Fixtures.seedCase();
        Bundle plan = PlanFhir.bundle(kase, Fixtures.plan(kase));
        RequestGroup group = (RequestGroup) plan.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r instanceof RequestGroup).findFirst().orElseThrow();
        group.getActionFirstRep().getActionFirstRep().setResource(null);
        assertThat(VALIDATION.errors(plan)).anyMatch(e -> e.contains("rqg-1"));

        Bundle bundle = CaseBundle.of(kase);
        Observation o = (Observation) bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r instanceof Observation).findFirst().orElseThrow();
        o.setStatus(null);
        assertThat(VALIDATION.errors(bundle)).isNotEmpty();
    }

    @AfterAll
    static void report() {
        System.out.println("conformance: " + VALIDATION.resources + " resources validated; messages by severity " + VALIDATION.counts);
        VALIDATION.warnings.entrySet().stream().sorted((a, b) -> b.getValue().get() - a.getValue().get())
                .forEach(e -> System.out.println("  warning x" + e.getValue() + ": " + e.getKey()));
    }
}
