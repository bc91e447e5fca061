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
 * cases, the seed case and all 300 synthetic cases produce pass the HL7 validator
 * ({@code hapi-fhir-validation}, the base R4 definitions of {@code hapi-fhir-validation-resources-r4})
 * with no error. The validator works offline: base R4 definitions, HAPI's common code systems and an
 * in-memory terminology service, with the CavaPlan CodeSystem and ConceptMap loaded beside them. It
 * does not hold the US Core or mCODE packages (no package server is reachable here), so the profiles
 * CavaPlan claims are reported as not checked (a warning) and {@link ProfileRulesTest} asserts their
 * rules resource by resource. Warnings and information are allowed, counted and printed.
 */
class ConformanceTest {

    /**
     * Every synthetic case is validated by default; {@code -Dcavaplan.conformance=sample} takes every
     * fifth (60 of 300) for a quicker run while working on the mapping.
     */
    static final int SYNTHETIC_STEP = "sample".equals(System.getProperty("cavaplan.conformance")) ? 5 : 1;

    private static final Validation VALIDATION = new Validation();

    /** The validator, built once for the class (loading the R4 definitions takes most of the time). */
    static final class Validation {
        final FhirValidator validator;
        final Map<ResultSeverityEnum, AtomicInteger> counts = new EnumMap<>(ResultSeverityEnum.class);
        final Map<String, AtomicInteger> warnings = new ConcurrentHashMap<>();
        final AtomicInteger resources = new AtomicInteger();
        /** How long building the validator took (loading the R4 definitions, the support chain). */
        final long startNanos;

        Validation() {
            long start = System.nanoTime();
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
            startNanos = System.nanoTime() - start;
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
            resources.incrementAndGet();
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

    /** The errors of one case's Bundles, and the time spent building them and validating them. */
    private record Checked(String name, List<String> errors, long buildNanos, long caseNanos, long planNanos) {}

    private static Checked check(Fixtures.Named named) {
        long t0 = System.nanoTime();
        Case kase = Fixtures.read(named.json());
        Bundle caseBundle = CaseBundle.of(kase);
        Bundle planBundle = PlanFhir.bundle(kase, Fixtures.plan(kase));
        long t1 = System.nanoTime();
        List<String> errors = new ArrayList<>(VALIDATION.errors(caseBundle));
        long t2 = System.nanoTime();
        errors.addAll(VALIDATION.errors(planBundle));
        long t3 = System.nanoTime();
        return new Checked(named.name(), errors, t1 - t0, t2 - t1, t3 - t2);
    }

    /**
     * The first case is validated alone, so that the validator loads and snapshots the definitions it
     * needs on one thread (HAPI's snapshot generation is not safe on first use from several threads,
     * hapi-fhir#5019); the rest on the common pool (two threads on two cores). The validator is built
     * once for the class; HAPI's validators are thread-safe once warm (hapi-fhir#161).
     */
    @Test
    void everyCaseBundleAndPlanBundleOfTheGoldenSeedAndSyntheticCasesPassesTheHl7ValidatorWithoutError() {
        long start = System.nanoTime();
        List<Fixtures.Named> cases = cases();
        Checked first = check(cases.get(0));
        long warm = System.nanoTime();
        List<Checked> rest = cases.subList(1, cases.size()).parallelStream().map(ConformanceTest::check).toList();
        long end = System.nanoTime();

        Map<String, List<String>> failures = new TreeMap<>();
        java.util.stream.Stream.concat(java.util.stream.Stream.of(first), rest.stream()).filter(c -> !c.errors().isEmpty())
                .forEach(c -> failures.put(c.name(), c.errors()));
        System.out.printf("conformance: %d cases (%d golden and seed, %d synthetic), %d Bundles in %.1f s on %d threads "
                + "(validator built in %.1f s before)%n", cases.size(), Fixtures.golden().size() + 1,
                cases.size() - Fixtures.golden().size() - 1, 2 * cases.size(), (end - start) / 1e9,
                java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 1, VALIDATION.startNanos / 1e9);
        System.out.printf("conformance: first case alone %.1f s (building %.2f s, case Bundle %.2f s, plan Bundle %.2f s)%n",
                (warm - start) / 1e9, first.buildNanos() / 1e9, first.caseNanos() / 1e9, first.planNanos() / 1e9);
        System.out.printf("conformance: then %.1f s for %d cases; per case, summed over threads: building %.0f ms, "
                + "case Bundle %.0f ms, plan Bundle %.0f ms%n", (end - warm) / 1e9, rest.size(),
                rest.stream().mapToLong(Checked::buildNanos).average().orElse(0) / 1e6,
                rest.stream().mapToLong(Checked::caseNanos).average().orElse(0) / 1e6,
                rest.stream().mapToLong(Checked::planNanos).average().orElse(0) / 1e6);
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
        System.out.println("conformance: " + VALIDATION.resources.get() + " resources validated; messages by severity " + VALIDATION.counts);
        VALIDATION.warnings.entrySet().stream().sorted((a, b) -> b.getValue().get() - a.getValue().get())
                .forEach(e -> System.out.println("  warning x" + e.getValue() + ": " + e.getKey()));
    }
}
