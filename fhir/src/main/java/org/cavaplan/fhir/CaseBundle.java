package org.cavaplan.fhir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.cavaplan.core.model.Antithrombotic;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.model.FollowUp;
import org.cavaplan.core.model.Histology;
import org.cavaplan.core.model.ImagingStudy;
import org.cavaplan.core.model.Neoadjuvant;
import org.cavaplan.core.model.Operation;
import org.cavaplan.core.model.Organ;
import org.cavaplan.core.model.Outcome;
import org.cavaplan.core.model.Pathology;
import org.cavaplan.core.model.Postoperative;
import org.cavaplan.core.model.Presentation;
import org.cavaplan.core.model.Site;
import org.cavaplan.core.model.Symptom;
import org.cavaplan.core.model.VitalStatus;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;
import org.hl7.fhir.r4.model.UnsignedIntType;

/**
 * A case as a FHIR R4 Bundle (type {@code collection}), following {@code docs/fhir-mapping.md}:
 * Patient, the mCODE primary cancer condition, one imaging DiagnosticReport per study with its
 * Observations, mCODE radiotherapy course summaries and surgical procedure, the pathology report,
 * follow-up Encounters and the vital status. Entry ids are name-based UUIDs of the case id, so the
 * same case always gives the same Bundle. Pure function; thread-safe.
 */
public final class CaseBundle {

    private final Case kase;
    private final Bundle bundle = new Bundle();
    private Reference patient;
    private Reference condition;
    private Reference tumor;

    private CaseBundle(Case kase) {
        this.kase = kase;
    }

    /** The Bundle for a case. */
    public static Bundle of(Case kase) {
        return new CaseBundle(kase).build();
    }

    /** The Bundle for a case as pretty-printed FHIR JSON. */
    public static String json(Case kase) {
        return Fhir.json(of(kase));
    }

    private Bundle build() {
        bundle.setType(Bundle.BundleType.COLLECTION);
        bundle.setId(uuid("bundle"));
        bundle.setIdentifier(new Identifier().setSystem(Codes.CASE_ID).setValue(kase.caseId()));
        patient();
        condition();
        tumor();
        kase.presentation().ifPresent(this::presentation);
        kase.histology().ifPresent(this::histology);
        kase.imaging().forEach(this::imaging);
        kase.neoadjuvant().ifPresent(this::neoadjuvant);
        kase.operation().ifPresent(this::operation);
        kase.pathology().ifPresent(this::pathology);
        kase.postoperative().ifPresent(this::postoperative);
        kase.followUp().forEach(this::followUp);
        kase.outcome().ifPresent(this::outcome);
        return bundle;
    }

    private void patient() {
        Patient p = new Patient();
        p.getMeta().addProfile(Codes.PROFILE_PATIENT);
        p.addIdentifier().setSystem(Codes.CASE_ID).setValue(kase.caseId());
        // The registry keeps no names (US Core 6.1.0 us-core-6: a name, or the reason it is absent).
        p.addName().addExtension(new Extension(Codes.EXT_DATA_ABSENT_REASON, new org.hl7.fhir.r4.model.CodeType("unknown")));
        p.setGender(switch (kase.patient().sex()) {
            case FEMALE -> AdministrativeGender.FEMALE;
            case MALE -> AdministrativeGender.MALE;
            case OTHER -> AdministrativeGender.OTHER;
            case UNKNOWN -> AdministrativeGender.UNKNOWN;
        });
        kase.outcome().ifPresent(o -> {
            if (o.vitalStatus() == VitalStatus.DEAD) {
                p.setDeceased(date(o.lastContactDate()));
            } else {
                p.setDeceased(new BooleanType(false));
            }
        });
        patient = add("patient", p);

        Observation age = observation(Codes.loinc(Codes.LOINC_AGE, "Age"), "exam");
        age.setValue(new Quantity().setValue(new BigDecimal(kase.patient().ageYears())).setUnit("a")
                .setSystem(Codes.UCUM).setCode("a"));
        add("age", age);
        kase.patient().ecog().ifPresent(ecog -> add("ecog", ecog(ecog)));
        kase.patient().asaClass().ifPresent(asa -> {
            Observation o = observation(Codes.concept(Codes.ASA_CLASS), "exam");
            o.setValue(new IntegerType(asa));
            add("asaClass", o);
        });
        kase.patient().lvefPct().ifPresent(v -> {
            Observation o = observation(Codes.loinc(Codes.LOINC_LVEF, "Left ventricular Ejection fraction"), "imaging");
            o.setValue(quantity(v, "%", "%"));
            add("lvef", o);
        });
        kase.patient().egfrMlMin().ifPresent(v -> {
            Observation o = observation(Codes.loinc(Codes.LOINC_EGFR,
                    "Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma or Blood by Creatinine-based formula (CKD-EPI)"),
                    "laboratory");
            o.setValue(quantity(v, "mL/min/{1.73_m2}", "mL/min/{1.73_m2}"));
            add("egfr", o);
        });
    }

    private Observation ecog(int value) {
        Observation o = observation(Codes.loinc(Codes.LOINC_ECOG, "ECOG Performance Status score"), "survey");
        o.getMeta().addProfile(Codes.PROFILE_ECOG);
        o.setValue(new IntegerType(value));
        return o;
    }

    private void condition() {
        Condition c = new Condition();
        c.getMeta().addProfile(Codes.PROFILE_PRIMARY_CANCER);
        c.addCategory(new CodeableConcept(Codes.coding(Codes.CONDITION_CATEGORY, "problem-list-item", "Problem List Item")));
        boolean leiomyosarcoma = kase.histology().map(h -> h.diagnosis() == org.cavaplan.core.model.Diagnosis.LEIOMYOSARCOMA)
                .orElse(false);
        c.setClinicalStatus(new CodeableConcept(Codes.coding(Codes.CLINICAL_STATUS, "active", "Active")));
        c.setVerificationStatus(new CodeableConcept(leiomyosarcoma
                ? Codes.coding(Codes.VERIFICATION_STATUS, "confirmed", "Confirmed")
                : Codes.coding(Codes.VERIFICATION_STATUS, "provisional", "Provisional")));
        if (leiomyosarcoma) {
            c.getCode().addCoding(Codes.coding(Codes.ICD_10_CM, Codes.ICD_10_CM_IVC_LEIOMYOSARCOMA,
                    "Malignant neoplasm of connective and soft tissue of abdomen"));
        }
        c.getCode().setText(leiomyosarcoma ? "Leiomyosarcoma of the inferior vena cava" : "Tumor of the inferior vena cava");
        if (leiomyosarcoma) {
            c.addExtension(new Extension(Codes.EXT_MORPHOLOGY, new CodeableConcept(
                    Codes.coding(Codes.ICD_O_3, Codes.ICD_O_3_LEIOMYOSARCOMA, "Leiomyosarcoma, NOS"))));
        }
        c.addBodySite(new CodeableConcept(Codes.coding(Codes.SNOMED, Codes.SCT_IVC, "Inferior vena cava structure")));
        c.setSubject(patient);
        condition = add("condition", c);
    }

    /** The tumor in the body (mCODE Tumor), which the imaging tumor sizes and the radiotherapy volume refer to. */
    private void tumor() {
        org.hl7.fhir.r4.model.BodyStructure b = new org.hl7.fhir.r4.model.BodyStructure();
        b.getMeta().addProfile(Codes.PROFILE_TUMOR);
        b.addIdentifier().setUse(Identifier.IdentifierUse.USUAL)
                .setType(new CodeableConcept(Codes.coding(Codes.RESOURCE_TYPES, "BodyStructure", "BodyStructure")))
                .setSystem(Codes.BASE + "/NamingSystem/tumor-id").setValue(kase.caseId() + "/primary");
        b.setMorphology(new CodeableConcept(Codes.coding(Codes.SNOMED, Codes.SCT_MALIGNANT_NEOPLASM_MORPHOLOGY,
                "Malignant neoplasm of primary, secondary, or uncertain origin (morphologic abnormality)")));
        b.setLocation(new CodeableConcept(Codes.coding(Codes.SNOMED, Codes.SCT_IVC, "Inferior vena cava structure")));
        b.setDescription("The primary tumor of the inferior vena cava");
        b.setPatient(patient);
        tumor = add("tumor", b);
    }

    private void presentation(Presentation p) {
        Observation o = observation(Codes.concept(Codes.INCIDENTAL), "exam");
        setBoolean(o, p.incidental());
        for (Symptom s : sorted(p.symptoms())) {
            o.addComponent().setCode(Codes.concept(Codes.SYMPTOM)).setValue(Codes.valueConcept(s));
        }
        add("presentation", o);
    }

    private void histology(Histology h) {
        Observation o = observation(Codes.loinc(Codes.LOINC_HISTOLOGY, "Histology and Behavior ICD-O-3 Cancer"), "laboratory");
        o.setValue(Codes.valueConcept(h.diagnosis()));
        o.setMethod(Codes.valueConcept(h.source()));
        o.addFocus(condition);
        h.fnclccGrade().ifPresent(g -> o.addComponent().setCode(Codes.concept(Codes.FNCLCC_GRADE)).setValue(new IntegerType(g)));
        add("histology", o);
    }

    private void imaging(ImagingStudy s) {
        String key = "imaging/" + s.index();
        DiagnosticReport report = new DiagnosticReport();
        report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        report.addCategory(new CodeableConcept(Codes.coding(Codes.V2_0074, "RAD", "Radiology")));
        report.setCode(Codes.valueConcept(s.modality()));
        report.getCode().setText("Imaging study");
        report.setSubject(patient);
        report.setEffective(date(s.date()));
        add(key, report);
        Finder f = new Finder(key, s.date(), "imaging", report, null, null);
        s.chestIncluded().ifPresent(v -> f.add(Codes.CHEST_INCLUDED, new BooleanType(v)));
        if (!s.tumorDiametersCm().isEmpty()) {
            Observation size = tumorSize(s.tumorDiametersCm(), Codes.SCT_IMAGING_METHOD, "Imaging");
            size.addFocus(tumor.copy());
            f.put("tumorSize", size);
        }
        s.ivcInvolvement().ifPresent(v -> f.add(Codes.IVC_INVOLVEMENT, Codes.valueConcept(v)));
        s.cranialExtent().ifPresent(v -> f.add(Codes.CRANIAL_EXTENT, Codes.valueConcept(v)));
        s.caudalExtent().ifPresent(v -> f.add(Codes.CAUDAL_EXTENT, Codes.valueConcept(v)));
        s.ivcCircumferenceInvolvedPct().ifPresent(v -> f.add(Codes.CIRCUMFERENCE_INVOLVED, quantity(v, "%", "%")));
        s.ivcDiameterMm().ifPresent(v -> f.add(Codes.IVC_DIAMETER, quantity(v, "mm", "mm")));
        s.ivcLumen().ifPresent(v -> f.add(Codes.IVC_LUMEN, Codes.valueConcept(v)));
        s.collaterals().ifPresent(v -> f.add(Codes.COLLATERALS, Codes.valueConcept(v)));
        s.intraluminalGrowth().ifPresent(v -> f.add(Codes.INTRALUMINAL_GROWTH, Codes.valueConcept(v)));
        s.hepaticVeinThrombosis().ifPresent(v -> f.add(Codes.HEPATIC_VEIN_THROMBOSIS, new BooleanType(v)));
        s.renalVeinThrombosis().ifPresent(v -> f.add(Codes.RENAL_VEIN_THROMBOSIS, new BooleanType(v)));
        s.pulmonaryEmbolism().ifPresent(v -> f.add(Codes.PULMONARY_EMBOLISM, new BooleanType(v)));
        s.regionalNodes().ifPresent(v -> f.add(Codes.REGIONAL_NODES, Codes.valueConcept(v)));
        s.invadedOrgans().ifPresent(v -> f.put(Codes.INVADED_ORGANS, organs(Codes.INVADED_ORGANS, Codes.INVADED_ORGAN, v)));
        s.distantMetastases().ifPresent(v -> f.put(Codes.DISTANT_METASTASES, sites(v)));
    }

    private Observation tumorSize(List<Double> diametersCm, String method, String methodDisplay) {
        Observation o = observation(Codes.loinc(Codes.LOINC_TUMOR_SIZE, "Size Tumor"), "imaging");
        o.getMeta().addProfile(Codes.PROFILE_TUMOR_SIZE);
        o.setMethod(new CodeableConcept(Codes.coding(Codes.SNOMED, method, methodDisplay)));
        double longest = diametersCm.stream().max(Double::compare).orElseThrow();
        boolean longestWritten = false;
        for (double d : diametersCm) {
            boolean isLongest = !longestWritten && d == longest;
            longestWritten |= isLongest;
            o.addComponent()
                    .setCode(isLongest ? Codes.loinc(Codes.LOINC_LONGEST_DIMENSION, "Size.maximum dimension in Tumor")
                            : Codes.loinc(Codes.LOINC_OTHER_DIMENSION, "Size additional dimension in Tumor"))
                    .setValue(quantity(d, "cm", "cm"));
        }
        return o;
    }

    private Observation organs(String code, String componentCode, Set<Organ> organs) {
        Observation o = observation(Codes.concept(code), "exam");
        o.setValue(new BooleanType(!organs.isEmpty()));
        for (Organ organ : sorted(organs)) {
            o.addComponent().setCode(Codes.concept(componentCode)).setValue(Codes.valueConcept(organ));
        }
        return o;
    }

    private Observation sites(Set<Site> sites) {
        Observation o = observation(Codes.concept(Codes.DISTANT_METASTASES), "exam");
        o.setValue(new BooleanType(!sites.isEmpty()));
        for (Site site : sorted(sites)) {
            o.addComponent().setCode(Codes.concept(Codes.METASTASIS_SITE)).setValue(Codes.valueConcept(site));
        }
        return o;
    }

    private void neoadjuvant(Neoadjuvant n) {
        n.radiotherapy().ifPresent(r -> add("neoadjuvant/radiotherapy",
                radiotherapy(Codes.TIMING_NEOADJUVANT, r.totalDoseGy(), r.fractions(), r.endDate())));
        n.chemotherapy().ifPresent(c -> {
            Procedure p = chemotherapy(Codes.TIMING_NEOADJUVANT, Procedure.ProcedureStatus.COMPLETED);
            p.getCode().setText(c.regimen());
            c.cycles().ifPresent(k -> p.addExtension(new Extension(Codes.EXT_CHEMOTHERAPY_CYCLES, new PositiveIntType(k))));
            c.endDate().ifPresent(d -> p.setPerformed(new Period().setEndElement(date(d))));
            add("neoadjuvant/chemotherapy", p);
        });
        if (!n.hasTherapy()) {
            emptySection(Codes.SECTION_NEOADJUVANT);
        }
    }

    private Procedure radiotherapy(String timing, double totalDoseGy, Optional<Integer> fractions, Optional<LocalDate> endDate) {
        // Completed only with the date it ended (US Core us-core-7: a completed procedure has performed[x]).
        Procedure p = procedure(new CodeableConcept(Codes.coding(Codes.SNOMED, Codes.SCT_RADIOTHERAPY_COURSE,
                "Radiotherapy course of treatment (regime/therapy)")), endDate.isPresent() ? Procedure.ProcedureStatus.COMPLETED
                : Procedure.ProcedureStatus.UNKNOWN);
        p.getCode().addCoding(Codes.coding(Codes.MCODE_RESOURCE_IDENTIFIER, "mcode-radiotherapy-course-summary",
                "Radiotherapy Course Summary"));
        p.setCategory(new CodeableConcept(Codes.coding(Codes.SNOMED, Codes.SCT_RADIOTHERAPY_CATEGORY,
                "Radiation oncology AND/OR radiotherapy (procedure)")));
        p.getMeta().addProfile(Codes.PROFILE_RADIOTHERAPY);
        p.addExtension(new Extension(Codes.EXT_TREATMENT_TIMING, Codes.cavaplan(timing)));
        Extension dose = new Extension(Codes.EXT_DOSE_DELIVERED);
        // the volume treated: the tumor (the registry records no planning volume of its own)
        dose.addExtension(new Extension("volume", tumor.copy()));
        dose.addExtension(new Extension("totalDoseDelivered",
                new Quantity().setValue(BigDecimal.valueOf(totalDoseGy).movePointRight(2)).setUnit("cGy")
                        .setSystem(Codes.UCUM).setCode("cGy")));
        fractions.ifPresent(k -> dose.addExtension(new Extension("fractionsDelivered", new UnsignedIntType(k))));
        p.addExtension(dose);
        endDate.ifPresent(d -> p.setPerformed(new Period().setEndElement(date(d))));
        return p;
    }

    private Procedure chemotherapy(String timing, Procedure.ProcedureStatus status) {
        Procedure p = procedure(new CodeableConcept(Codes.coding(Codes.SNOMED, Codes.SCT_CHEMOTHERAPY, "Chemotherapy")), status);
        p.addExtension(new Extension(Codes.EXT_TREATMENT_TIMING, Codes.cavaplan(timing)));
        return p;
    }

    private Procedure procedure(CodeableConcept code, Procedure.ProcedureStatus status) {
        Procedure p = new Procedure();
        p.setStatus(status);
        p.setCode(code);
        p.setSubject(patient);
        p.addReasonReference(condition);
        return p;
    }

    private void operation(Operation op) {
        Procedure p = procedure(new CodeableConcept(Codes.coding(Codes.SNOMED, Codes.SCT_EXCISION, "Excision")),
                Procedure.ProcedureStatus.COMPLETED);
        p.getMeta().addProfile(Codes.PROFILE_SURGERY);
        p.getCode().setText("Resection of the tumor of the inferior vena cava");
        p.addBodySite(new CodeableConcept(Codes.coding(Codes.SNOMED, Codes.SCT_IVC, "Inferior vena cava structure")));
        p.setPerformed(date(op.date()));
        Reference ref = add("operation", p);
        Finder f = new Finder("operation", op.date(), "exam", null, ref, null);
        Operation.Findings fi = op.findings();
        fi.liverMetastases().ifPresent(v -> f.add(Codes.LIVER_METASTASES, new BooleanType(v)));
        fi.peritonealMetastases().ifPresent(v -> f.add(Codes.PERITONEAL_METASTASES, new BooleanType(v)));
        fi.frozenSectionConfirmedMetastasis().ifPresent(v -> f.add(Codes.FROZEN_SECTION_METASTASIS, new BooleanType(v)));
        fi.ivcLumen().ifPresent(v -> f.add(Codes.IVC_LUMEN, Codes.valueConcept(v)));
        fi.collaterals().ifPresent(v -> f.add(Codes.COLLATERALS, Codes.valueConcept(v)));
        fi.grossContamination().ifPresent(v -> f.add(Codes.GROSS_CONTAMINATION, new BooleanType(v)));
        op.circumferenceResectedPct().ifPresent(v -> f.add(Codes.CIRCUMFERENCE_RESECTED, quantity(v, "%", "%")));
        op.resectedLengthCm().ifPresent(v -> f.add(Codes.RESECTED_LENGTH, quantity(v, "cm", "cm")));
        op.ivcManagement().ifPresent(v -> f.add(Codes.IVC_MANAGEMENT, Codes.valueConcept(v)));
        op.conduit().ifPresent(v -> f.add(Codes.CONDUIT, Codes.valueConcept(v)));
        op.conduitDiameterMm().ifPresent(v -> f.add(Codes.CONDUIT_DIAMETER, quantity(v, "mm", "mm")));
        if (!op.enBlocResections().isEmpty()) {
            f.put(Codes.EN_BLOC_RESECTIONS, organs(Codes.EN_BLOC_RESECTIONS, Codes.EN_BLOC_ORGAN, op.enBlocResections()));
        }
    }

    private void pathology(Pathology path) {
        DiagnosticReport report = new DiagnosticReport();
        report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        report.addCategory(new CodeableConcept(Codes.coding(Codes.V2_0074, "SP", "Surgical Pathology")));
        report.setCode(Codes.loinc(Codes.LOINC_PATHOLOGY_STUDY, "Pathology study"));
        report.setSubject(patient);
        kase.operation().ifPresent(op -> report.setEffective(date(op.date())));
        add("pathology", report);
        LocalDate date = kase.operation().map(Operation::date).orElse(null);
        Finder f = new Finder("pathology", date, "laboratory", report, null, null);
        f.add(Codes.MARGIN, Codes.valueConcept(path.margin()));
        path.closestMarginMm().ifPresent(v -> f.add(Codes.CLOSEST_MARGIN, quantity(v, "mm", "mm")));
        path.fnclccGrade().ifPresent(v -> f.add(Codes.FNCLCC_GRADE, new IntegerType(v)));
        path.maxDiameterCm().ifPresent(v -> {
            Observation size = tumorSize(List.of(v), "787377000", "Gross examination and sampling of tissue specimen");
            size.setSpecimen(specimen());
            f.put("tumorSize", size);
        });
        path.treatmentEffectPct().ifPresent(v -> f.add(Codes.TREATMENT_EFFECT, quantity(v, "%", "%")));
        path.regionalNodes().ifPresent(v -> f.add(Codes.REGIONAL_NODES, Codes.valueConcept(v)));
    }

    /** The resected tumor (mCODE: a tumor measured after removal is referred to by {@code specimen}, not {@code focus}). */
    private Reference specimen() {
        org.hl7.fhir.r4.model.Specimen sp = new org.hl7.fhir.r4.model.Specimen();
        sp.setType(new CodeableConcept(Codes.coding(Codes.SPECIMEN_TYPE, "TUMOR", "Tumor")));
        sp.setSubject(patient);
        sp.addIdentifier().setUse(Identifier.IdentifierUse.USUAL)
                .setType(new CodeableConcept(Codes.coding(Codes.RESOURCE_TYPES, "BodyStructure", "BodyStructure")))
                .setSystem(Codes.BASE + "/NamingSystem/tumor-id").setValue(kase.caseId() + "/primary");
        kase.operation().ifPresent(op -> sp.getCollection().setCollected(date(op.date())));
        return add("pathology/specimen", sp);
    }

    private void postoperative(Postoperative post) {
        for (Antithrombotic drug : sorted(post.antithrombotics())) {
            MedicationStatement m = new MedicationStatement();
            m.setStatus(MedicationStatement.MedicationStatementStatus.COMPLETED);
            m.setMedication(Codes.valueConcept(drug));
            m.setSubject(patient);
            m.addReasonReference(condition);
            add("postoperative/antithrombotics/" + drug.name(), m);
        }
        post.adjuvantRadiotherapyGy().ifPresent(gy -> add("postoperative/radiotherapy",
                radiotherapy(Codes.TIMING_ADJUVANT, gy, Optional.empty(), Optional.empty())));
        post.adjuvantChemotherapy().ifPresent(given -> add("postoperative/chemotherapy",
                chemotherapy(Codes.TIMING_ADJUVANT, given ? Procedure.ProcedureStatus.COMPLETED : Procedure.ProcedureStatus.NOTDONE)));
        if (post.antithrombotics().isEmpty() && post.adjuvantRadiotherapyGy().isEmpty() && post.adjuvantChemotherapy().isEmpty()) {
            emptySection(Codes.SECTION_POSTOPERATIVE);
        }
    }

    private void followUp(FollowUp v) {
        String key = "followUp/" + v.index();
        Encounter e = new Encounter();
        e.setStatus(Encounter.EncounterStatus.FINISHED);
        e.setClass_(Codes.coding(Codes.ACT_CODE, "AMB", "ambulatory"));
        e.addType(Codes.concept(Codes.FOLLOW_UP_VISIT));
        e.setSubject(patient);
        e.setPeriod(new Period().setStartElement(date(v.date())));
        e.addReasonReference(condition);
        Reference ref = add(key, e);
        Finder f = new Finder(key, v.date(), "exam", null, null, ref);
        v.ecog().ifPresent(x -> f.put("ecog", ecog(x)));
        v.conduit().ifPresent(x -> f.add(Codes.CONDUIT_PATENCY, Codes.valueConcept(x)));
        v.localRecurrence().ifPresent(x -> f.add(Codes.LOCAL_RECURRENCE, new BooleanType(x)));
        v.distantMetastases().ifPresent(x -> f.put(Codes.DISTANT_METASTASES, sites(x)));
        v.metastasisCount().ifPresent(x -> f.add(Codes.METASTASIS_COUNT, new IntegerType(x)));
        v.metastasesResectable().ifPresent(x -> f.add(Codes.METASTASES_RESECTABLE, new BooleanType(x)));
    }

    private void outcome(Outcome o) {
        Observation obs = observation(Codes.concept(Codes.VITAL_STATUS), "survey");
        obs.setEffective(date(o.lastContactDate()));
        obs.setValue(Codes.valueConcept(o.vitalStatus()));
        o.causeOfDeath().ifPresent(c -> obs.addComponent().setCode(Codes.concept(Codes.CAUSE_OF_DEATH)).setValue(Codes.valueConcept(c)));
        add("outcome", obs);
    }

    private void emptySection(String section) {
        Observation o = observation(Codes.concept(Codes.EMPTY_SECTION), "exam");
        o.setValue(Codes.concept(section));
        add(section, o);
    }

    /** Adds the Observations of one imaging study, operation, pathology report or follow-up visit. */
    private final class Finder {
        private final String key;
        private final LocalDate date;
        private final String category;
        private final DiagnosticReport report;
        private final Reference partOf;
        private final Reference encounter;

        Finder(String key, LocalDate date, String category, DiagnosticReport report, Reference partOf, Reference encounter) {
            this.key = key;
            this.date = date;
            this.category = category;
            this.report = report;
            this.partOf = partOf;
            this.encounter = encounter;
        }

        void add(String code, Type value) {
            Observation o = observation(Codes.concept(code), category);
            o.setValue(value);
            put(code, o);
        }

        void put(String name, Observation o) {
            if (date != null) {
                o.setEffective(date(date));
            }
            if (partOf != null) {
                o.addPartOf(partOf);
            }
            if (encounter != null) {
                o.setEncounter(encounter);
            }
            if (!o.hasFocus() && !o.hasSpecimen()) {
                o.addFocus(condition);
            }
            Reference ref = CaseBundle.this.add(key + "/" + name, o);
            if (report != null) {
                report.addResult(ref.copy());
            }
        }
    }

    private Observation observation(CodeableConcept code, String category) {
        Observation o = new Observation();
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.addCategory(new CodeableConcept(Codes.coding(Codes.OBSERVATION_CATEGORY, category, null)));
        o.setCode(code);
        o.setSubject(patient);
        return o;
    }

    private static void setBoolean(Observation o, Optional<Boolean> value) {
        if (value.isPresent()) {
            o.setValue(new BooleanType(value.get()));
        } else {
            o.setDataAbsentReason(new CodeableConcept(Codes.coding(
                    "http://terminology.hl7.org/CodeSystem/data-absent-reason", "unknown", "Unknown")));
        }
    }

    private Reference add(String key, Resource resource) {
        String id = uuid(key);
        resource.setId(id);
        bundle.addEntry().setFullUrl("urn:uuid:" + id).setResource(resource);
        return new Reference("urn:uuid:" + id);
    }

    private String uuid(String key) {
        return uuid(kase.caseId(), key);
    }

    /** The id of one resource of a case's Bundle: a name-based UUID of the case id and a key. */
    static String uuid(String caseId, String key) {
        return UUID.nameUUIDFromBytes((caseId + "|" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A reference to one resource of a case's Bundle, e.g. key {@code patient} or {@code condition}. */
    static Reference reference(String caseId, String key) {
        return new Reference("urn:uuid:" + uuid(caseId, key));
    }

    static DateTimeType date(LocalDate date) {
        return new DateTimeType(date.toString());
    }

    static Quantity quantity(double value, String unit, String ucum) {
        return new Quantity().setValue(BigDecimal.valueOf(value)).setUnit(unit).setSystem(Codes.UCUM).setCode(ucum);
    }

    private static <E extends Comparable<E>> Collection<E> sorted(Set<E> values) {
        return new TreeSet<>(values);
    }
}
