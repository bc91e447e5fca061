package org.cavaplan.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.model.Diagnosis;
import org.cavaplan.core.plan.Intent;
import org.cavaplan.core.plan.Plan;
import org.hl7.fhir.r4.model.BodyStructure;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RequestGroup;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Specimen;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules of the profiles CavaPlan claims (mCODE STU4 4.0.0 on US Core 6.1.0), asserted resource by
 * resource for every golden, seed and synthetic case, together with the plan's CPG-on-FHIR shape. The
 * HL7 validator here has no mCODE or US Core package ({@link ConformanceTest}), so these are the checks
 * that the claims are met; each rule names the profile element it stands for.
 */
class ProfileRulesTest {

    static List<Fixtures.Named> cases() {
        return Fixtures.all();
    }

    /** The resources of a Bundle by fullUrl. */
    private static Map<String, Resource> byUrl(Bundle b) {
        Map<String, Resource> m = new HashMap<>();
        b.getEntry().forEach(e -> m.put(e.getFullUrl(), e.getResource()));
        return m;
    }

    private static <R extends Resource> List<R> all(Bundle b, Class<R> type) {
        return b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance).map(type::cast).toList();
    }

    private static boolean claims(DomainResource r, String profile) {
        return r.getMeta().getProfile().stream().anyMatch(p -> p.getValue().equals(profile));
    }

    private static boolean has(CodeableConcept c, String system, String code) {
        return c.getCoding().stream().anyMatch(x -> system.equals(x.getSystem()) && code.equals(x.getCode()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyResourceMeetsTheRulesOfTheProfilesItClaims(Fixtures.Named named) {
        Case kase = Fixtures.read(named.json());
        Plan plan = Fixtures.plan(kase);
        Bundle bundle = PlanFhir.bundle(kase, plan);
        Map<String, Resource> urls = byUrl(bundle);
        String patientUrl = "urn:uuid:" + CaseBundle.uuid(kase.caseId(), "patient");

        // every claimed profile is versioned (mCODE STU4 is 4.0.0)
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            e.getResource().getMeta().getProfile().forEach(p -> assertThat(p.getValue()).as("profile of %s", e.getFullUrl())
                    .endsWith("|4.0.0"));
        }

        // Patient (mCODE Cancer Patient on US Core Patient 6.1.0): identifier, gender, and a name or why it is absent (us-core-6)
        Patient patient = (Patient) urls.get(patientUrl);
        assertThat(claims(patient, Codes.PROFILE_PATIENT)).isTrue();
        assertThat(patient.getIdentifierFirstRep().getSystem()).isEqualTo(Codes.CASE_ID);
        assertThat(patient.getIdentifierFirstRep().getValue()).isEqualTo(kase.caseId());
        assertThat(patient.hasGender()).isTrue();
        assertThat(patient.getName()).isNotEmpty().allSatisfy(n -> assertThat(n.hasFamily() || n.hasGiven()
                || (n.getExtensionByUrl(Codes.EXT_DATA_ABSENT_REASON) != null
                        && ((CodeType) n.getExtensionByUrl(Codes.EXT_DATA_ABSENT_REASON).getValue()).getValue().equals("unknown"))).isTrue());

        // Primary Cancer Condition (on US Core Condition Problems and Health Concerns)
        Condition condition = (Condition) urls.get("urn:uuid:" + CaseBundle.uuid(kase.caseId(), "condition"));
        assertThat(claims(condition, Codes.PROFILE_PRIMARY_CANCER)).isTrue();
        assertThat(condition.getSubject().getReference()).isEqualTo(patientUrl);
        assertThat(has(condition.getClinicalStatus(), Codes.CLINICAL_STATUS, "active")).isTrue();
        assertThat(condition.getVerificationStatus().getCodingFirstRep().getSystem()).isEqualTo(Codes.VERIFICATION_STATUS);
        assertThat(condition.getCategory()).anyMatch(c -> has(c, Codes.CONDITION_CATEGORY, "problem-list-item"));
        assertThat(condition.getCode().hasText()).isTrue();
        assertThat(has(condition.getBodySiteFirstRep(), Codes.SNOMED, Codes.SCT_IVC)).isTrue();
        assertThat(condition.getCode().getCoding()).noneMatch(c -> c.getCode().startsWith("C49.A")); // C49.A- is GIST
        boolean leiomyosarcoma = kase.histology().filter(h -> h.diagnosis() == Diagnosis.LEIOMYOSARCOMA).isPresent();
        assertThat(has(condition.getCode(), Codes.ICD_10_CM, "C49.4")).isEqualTo(leiomyosarcoma);
        if (leiomyosarcoma) {
            assertThat(has((CodeableConcept) condition.getExtensionByUrl(Codes.EXT_MORPHOLOGY).getValue(), Codes.ICD_O_3, "8890/3")).isTrue();
            assertThat(condition.getVerificationStatus().getCodingFirstRep().getCode()).isEqualTo("confirmed");
        }

        // the AJCC stage the plan computed: Condition.stage points at the stage group Observation that holds it
        List<String> groups = new java.util.ArrayList<>();
        plan.classification().ajccStage().ifPresent(g -> groups.add(Codes.LOINC_STAGE_CLINICAL + " Stage " + g));
        plan.classification().ajccPathologicalStage().ifPresent(g -> groups.add(Codes.LOINC_STAGE_PATHOLOGICAL + " Stage " + g));
        assertThat(condition.getStage()).extracting(s -> {
            Observation o = (Observation) urls.get(s.getAssessmentFirstRep().getReference());
            assertThat(o.getSubject().getReference()).isEqualTo(patientUrl);
            assertThat(o.getCode().getCodingFirstRep().getCode()).isEqualTo(s.getType().getCodingFirstRep().getCode());
            assertThat(s.getSummary().getText()).isEqualTo(((CodeableConcept) o.getValue()).getText());
            return o.getCode().getCodingFirstRep().getCode() + " " + ((CodeableConcept) o.getValue()).getText();
        }).containsExactlyElementsOf(groups);

        // Tumor (a BodyStructure): identifier of type BodyStructure, morphology fixed, one location, the patient
        List<BodyStructure> tumors = all(bundle, BodyStructure.class);
        assertThat(tumors).hasSize(1);
        BodyStructure tumor = tumors.get(0);
        assertThat(claims(tumor, Codes.PROFILE_TUMOR)).isTrue();
        assertThat(tumor.getIdentifier()).anyMatch(i -> i.getUse() == org.hl7.fhir.r4.model.Identifier.IdentifierUse.USUAL
                && has(i.getType(), Codes.RESOURCE_TYPES, "BodyStructure") && i.hasValue());
        assertThat(has(tumor.getMorphology(), Codes.SNOMED, Codes.SCT_MALIGNANT_NEOPLASM_MORPHOLOGY)).isTrue();
        assertThat(has(tumor.getLocation(), Codes.SNOMED, Codes.SCT_IVC)).isTrue();
        assertThat(tumor.getPatient().getReference()).isEqualTo(patientUrl);
        String tumorUrl = "urn:uuid:" + tumor.getIdElement().getIdPart();

        // Tumor Size: focus a Tumor (in the body, imaging) or specimen (removed, pathology), never both; one longest dimension
        for (Observation o : all(bundle, Observation.class)) {
            if (!has(o.getCode(), Codes.LOINC, Codes.LOINC_TUMOR_SIZE)) {
                continue;
            }
            assertThat(claims(o, Codes.PROFILE_TUMOR_SIZE)).isTrue();
            assertThat(o.getSubject().getReference()).isEqualTo(patientUrl);
            assertThat(o.hasFocus() != o.hasSpecimen()).as("focus or specimen").isTrue();
            if (o.hasFocus()) {
                assertThat(o.getFocus()).singleElement().satisfies(f -> assertThat(f.getReference()).isEqualTo(tumorUrl));
            } else {
                assertThat(urls.get(o.getSpecimen().getReference())).isInstanceOf(Specimen.class);
                assertThat(has(((Specimen) urls.get(o.getSpecimen().getReference())).getType(), Codes.SPECIMEN_TYPE, "TUMOR")).isTrue();
            }
            assertThat(o.getComponent()).filteredOn(c -> has(c.getCode(), Codes.LOINC, Codes.LOINC_LONGEST_DIMENSION)).hasSize(1);
            assertThat(o.getComponent()).allSatisfy(c -> assertThat(((Quantity) c.getValue()).getCode()).isIn("cm", "mm"));
        }

        // ECOG performance status: LOINC 89247-1, an integer 0 to 5
        for (Observation o : all(bundle, Observation.class)) {
            if (claims(o, Codes.PROFILE_ECOG)) {
                assertThat(has(o.getCode(), Codes.LOINC, Codes.LOINC_ECOG)).isTrue();
                assertThat(((IntegerType) o.getValue()).getValue()).isBetween(0, 5);
            }
        }

        for (Procedure p : all(bundle, Procedure.class)) {
            // US Core Procedure us-core-7: a completed procedure says when
            if (p.getStatus() == Procedure.ProcedureStatus.COMPLETED && (claims(p, Codes.PROFILE_SURGERY) || claims(p, Codes.PROFILE_RADIOTHERAPY))) {
                assertThat(p.hasPerformed()).as("performed of a completed procedure").isTrue();
            }
            if (claims(p, Codes.PROFILE_SURGERY)) {
                assertThat(p.getSubject().getReference()).isEqualTo(patientUrl);
                assertThat(p.getCode().getCoding()).anyMatch(c -> Codes.SNOMED.equals(c.getSystem()));
                assertThat(p.getReasonReferenceFirstRep().getReference()).isEqualTo("urn:uuid:" + CaseBundle.uuid(kase.caseId(), "condition"));
            }
            // Radiotherapy Course Summary: the fixed code and category, a Period, a reason, a dose to a volume
            if (claims(p, Codes.PROFILE_RADIOTHERAPY)) {
                assertThat(has(p.getCode(), Codes.MCODE_RESOURCE_IDENTIFIER, "mcode-radiotherapy-course-summary")).isTrue();
                assertThat(has(p.getCategory(), Codes.SNOMED, Codes.SCT_RADIOTHERAPY_CATEGORY)).isTrue();
                assertThat(p.getPerformed() == null || p.getPerformed() instanceof Period).isTrue();
                assertThat(p.hasReasonReference()).isTrue();
                Extension dose = p.getExtensionByUrl(Codes.EXT_DOSE_DELIVERED);
                assertThat(((Reference) dose.getExtensionByUrl("volume").getValue()).getReference()).isEqualTo(tumorUrl);
                assertThat(((Quantity) dose.getExtensionByUrl("totalDoseDelivered").getValue()).getCode()).isEqualTo("cGy");
            }
        }

        // CPG-on-FHIR: each recommendation's action carries its proposal; grouping actions carry only actions (rqg-1)
        RequestGroup group = all(bundle, RequestGroup.class).get(0);
        assertThat(group.getAction()).allSatisfy(g -> assertThat(!g.hasResource() && g.hasAction()).isTrue());
        List<RequestGroup.RequestGroupActionComponent> leaves = group.getAction().stream().flatMap(g -> g.getAction().stream()).toList();
        assertThat(leaves).hasSize(plan.recommendations().size());
        for (RequestGroup.RequestGroupActionComponent a : leaves) {
            assertThat(a.hasAction()).isFalse();
            Resource r = urls.get(a.getResource().getReference());
            assertThat(r).as("proposal of %s", a.getId()).isNotNull();
            PlanFhir.RequestKind kind = PlanFhir.kind(a.getId());
            switch (kind) {
                case SERVICE_REQUEST -> assertThat(((ServiceRequest) r).getIntent()).isEqualTo(ServiceRequest.ServiceRequestIntent.PROPOSAL);
                case MEDICATION_REQUEST -> assertThat(((MedicationRequest) r).getIntent())
                        .isEqualTo(MedicationRequest.MedicationRequestIntent.PROPOSAL);
                case TASK -> assertThat(((Task) r).getIntent()).isEqualTo(Task.TaskIntent.PROPOSAL);
            }
            if (kind != PlanFhir.RequestKind.TASK) {
                Extension intent = ((DomainResource) r).getExtensionByUrl(Codes.EXT_PROCEDURE_INTENT);
                if (plan.intent() == Intent.UNDETERMINED) {
                    assertThat(intent).isNull();
                } else {
                    Coding c = ((CodeableConcept) intent.getValue()).getCodingFirstRep();
                    assertThat(c.getCode()).isEqualTo(plan.intent() == Intent.CURATIVE ? Codes.SCT_CURATIVE_INTENT : Codes.SCT_PALLIATIVE_INTENT);
                }
            }
        }

        // a CarePlan is not based on a RequestGroup (R4 admits only CarePlan there): the recommendations support it
        for (CarePlan care : all(bundle, CarePlan.class)) {
            assertThat(care.getBasedOn()).isEmpty();
            assertThat(care.getSupportingInfo()).anyMatch(s -> urls.get(s.getReference()) instanceof RequestGroup);
        }
    }
}
