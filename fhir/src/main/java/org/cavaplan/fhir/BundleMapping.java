package org.cavaplan.fhir;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.cavaplan.core.model.Antithrombotic;
import org.cavaplan.core.model.CauseOfDeath;
import org.cavaplan.core.model.Collaterals;
import org.cavaplan.core.model.Conduit;
import org.cavaplan.core.model.ConduitStatus;
import org.cavaplan.core.model.Diagnosis;
import org.cavaplan.core.model.HistologySource;
import org.cavaplan.core.model.IntraluminalGrowth;
import org.cavaplan.core.model.IvcInvolvement;
import org.cavaplan.core.model.IvcManagement;
import org.cavaplan.core.model.Landmark;
import org.cavaplan.core.model.Lumen;
import org.cavaplan.core.model.Margin;
import org.cavaplan.core.model.Modality;
import org.cavaplan.core.model.Organ;
import org.cavaplan.core.model.RegionalNodes;
import org.cavaplan.core.model.Site;
import org.cavaplan.core.model.Symptom;
import org.cavaplan.core.model.VitalStatus;
import org.cavaplan.io.CaseReader;
import org.cavaplan.io.InputError;
import org.cavaplan.io.ReadResult;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;
import org.hl7.fhir.r4.model.UnsignedIntType;

/**
 * One mapping of a Bundle to the case format. The case JSON is built with a note of where each
 * value came from in the Bundle, then read by {@link CaseReader}; its errors are moved back onto the
 * Bundle. In strict mode unknown resources and codes are errors; otherwise they are skipped.
 */
final class BundleMapping {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Where an Observation belongs. */
    private enum Kind {
        PATIENT("the patient's own findings"), IMAGING("an imaging report"), OPERATION("the operation"),
        PATHOLOGY("the pathology report"), FOLLOW_UP("a follow-up visit");

        final String text;

        Kind(String text) {
            this.text = text;
        }
    }

    private record Context(Kind kind, String pointer, String at) {}

    /** How a coded Observation fills one field of its context. */
    private enum ValueKind { BOOLEAN, INTEGER, QUANTITY, CONCEPT, SET, SPECIAL }

    private record Field(String path, ValueKind kind, Class<? extends Enum<?>> type, String unit, String component) {
        static Field of(String path, ValueKind kind) {
            return new Field(path, kind, null, null, null);
        }

        static Field concept(String path, Class<? extends Enum<?>> type) {
            return new Field(path, ValueKind.CONCEPT, type, null, null);
        }

        static Field quantity(String path, String unit) {
            return new Field(path, ValueKind.QUANTITY, null, unit, null);
        }

        static Field set(String path, Class<? extends Enum<?>> type, String component) {
            return new Field(path, ValueKind.SET, type, null, component);
        }
    }

    private static final Map<Kind, Map<String, Field>> FIELDS = fields();

    private final Bundle bundle;
    private final boolean strict;
    private final CaseReader cases;
    private final List<InputError> errors = new ArrayList<>();
    private final Map<String, String> provenance = new HashMap<>();
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<Integer, Context> contextOf = new HashMap<>();
    private final Map<Integer, Context> owners = new HashMap<>();
    private final ObjectNode root = NODES.objectNode();
    private int patientEntry = -1;
    private int imagingCount;
    private int followUpCount;

    private BundleMapping(Bundle bundle, boolean strict, CaseReader cases) {
        this.bundle = bundle;
        this.strict = strict;
        this.cases = cases;
    }

    static ReadResult map(Bundle bundle, boolean strict, CaseReader cases) {
        return new BundleMapping(bundle, strict, cases).run();
    }

    /** Like {@link #map}, keeping the case JSON the Bundle was turned into when it is a valid case. */
    static MappedCase mapKeepingJson(Bundle bundle, boolean strict, CaseReader cases) {
        BundleMapping mapping = new BundleMapping(bundle, strict, cases);
        ReadResult result = mapping.run();
        return new MappedCase(result, result instanceof ReadResult.Valid ? java.util.Optional.of(mapping.root.toString())
                : java.util.Optional.empty());
    }

    private ReadResult run() {
        root.put("schemaVersion", "1");
        indexEntries();
        patient();
        if (patientEntry >= 0) {
            forEach(DiagnosticReport.class, this::report);
            forEach(Procedure.class, this::procedure);
            forEach(Encounter.class, this::encounter);
            forEach(Observation.class, this::observation);
            forEach(MedicationStatement.class, this::medication);
            age();
            if (imagingCount == 0) {
                error("", "the Bundle has no imaging study (a DiagnosticReport of category RAD); a case needs at least one");
            }
            checkTypes();
        }
        ReadResult result = cases.read(root);
        if (!errors.isEmpty()) {
            // The case is incomplete, so only the case checks of values taken from the Bundle are added.
            if (result instanceof ReadResult.Invalid invalid) {
                invalid.errors().stream().filter(e -> provenance.containsKey(e.pointer()) && !e.pointer().isEmpty())
                        .forEach(e -> errors.add(moved(e)));
            }
            return invalid(errors);
        }
        if (result instanceof ReadResult.Invalid invalid) {
            List<InputError> moved = new ArrayList<>();
            for (InputError e : invalid.errors()) {
                moved.add(moved(e));
            }
            return invalid(moved);
        }
        return result;
    }

    /** An error of the case checks, moved onto the Bundle. */
    private InputError moved(InputError e) {
        return new InputError(bundlePointer(e.pointer()), e.message() + " (case field " + (e.pointer().isEmpty() ? "/" : e.pointer()) + ")");
    }

    private static ReadResult invalid(List<InputError> list) {
        return new ReadResult.Invalid(list.stream().distinct()
                .sorted(Comparator.comparing(InputError::pointer).thenComparing(InputError::message)).toList());
    }

    private String bundlePointer(String casePointer) {
        String p = casePointer;
        while (true) {
            String found = provenance.get(p);
            if (found != null) {
                return found;
            }
            if (p.isEmpty()) {
                return "";
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    // ---- entries and references

    private void indexEntries() {
        List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
        for (int i = 0; i < entries.size(); i++) {
            Bundle.BundleEntryComponent e = entries.get(i);
            if (e.hasFullUrl()) {
                index.putIfAbsent(e.getFullUrl(), i);
            }
            Resource r = e.getResource();
            if (r == null) {
                if (strict) {
                    error(at(i).replace("/resource", ""), "an entry needs a resource");
                }
                continue;
            }
            String idPart = r.getIdElement().getIdPart();
            if (idPart != null && idPart.startsWith("urn:")) {
                index.putIfAbsent(idPart, i);
            } else if (idPart != null) {
                index.putIfAbsent(r.fhirType() + "/" + idPart, i);
                index.putIfAbsent("urn:uuid:" + idPart, i);
            }
        }
    }

    private static String at(int entry) {
        return "/entry/" + entry + "/resource";
    }

    private <R extends Resource> void forEach(Class<R> type, java.util.function.ObjIntConsumer<R> action) {
        List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
        for (int i = 0; i < entries.size(); i++) {
            Resource r = entries.get(i).getResource();
            if (type.isInstance(r)) {
                checkSubject(r, i);
                action.accept(type.cast(r), i);
            }
        }
    }

    /**
     * The resource types the mapping reads or knows to pass over: a plan written by CavaPlan (plan --format
     * fhir) is made anew, so its RequestGroup, CarePlan and proposals are passed over; the Tumor BodyStructure
     * and the pathology Specimen are what the tumor sizes refer to. Any other type (an AllergyIntolerance
     * in an EHR's export) is ignored and counted ({@link #ignored}).
     */
    static final List<String> MAPPED_TYPES = List.of("Patient", "Condition", "Observation", "DiagnosticReport", "Procedure",
            "Encounter", "MedicationStatement", "RequestGroup", "CarePlan", "ServiceRequest", "MedicationRequest", "Task",
            "BodyStructure", "Specimen");

    /** How many resources of each type outside {@link #MAPPED_TYPES} the Bundle holds: read past, not errors. */
    static java.util.SortedMap<String, Integer> ignored(Bundle bundle) {
        java.util.SortedMap<String, Integer> counts = new java.util.TreeMap<>();
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            Resource r = e.getResource();
            if (r != null && !MAPPED_TYPES.contains(r.fhirType())) {
                counts.merge(r.fhirType(), 1, Integer::sum);
            }
        }
        return counts;
    }

    private void checkTypes() {
        if (!strict) {
            return;
        }
        List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
        for (int i = 0; i < entries.size(); i++) {
            Resource r = entries.get(i).getResource();
            if (r instanceof org.hl7.fhir.r4.model.Condition c) {
                checkSubject(c, i);
            }
        }
    }

    /** The entry a reference points at, or an error at {@code pointer}. */
    private Optional<Integer> resolve(Reference ref, String pointer) {
        String value = ref.getReference();
        if (value == null || value.isBlank()) {
            error(pointer, "the reference is empty");
            return Optional.empty();
        }
        Integer found = index.get(value);
        if (found == null) {
            String[] parts = value.replaceAll("/_history/.*$", "").split("/");
            if (parts.length >= 2) {
                found = index.get(parts[parts.length - 2] + "/" + parts[parts.length - 1]);
            }
        }
        if (found == null) {
            error(pointer, "no entry of the Bundle is " + value);
            return Optional.empty();
        }
        return Optional.of(found);
    }

    private void checkSubject(Resource r, int i) {
        Reference subject = subjectOf(r);
        if (subject == null || !subject.hasReference() || r instanceof Patient) {
            return;
        }
        Optional<Integer> target = resolve(subject, at(i) + "/subject/reference");
        if (target.isPresent() && target.get() != patientEntry) {
            error(at(i) + "/subject/reference", "must refer to the case's Patient");
        }
    }

    private static Reference subjectOf(Resource r) {
        if (r instanceof Observation o) {
            return o.getSubject();
        } else if (r instanceof DiagnosticReport d) {
            return d.getSubject();
        } else if (r instanceof Procedure p) {
            return p.getSubject();
        } else if (r instanceof Encounter e) {
            return e.getSubject();
        } else if (r instanceof MedicationStatement m) {
            return m.getSubject();
        } else if (r instanceof org.hl7.fhir.r4.model.Condition c) {
            return c.getSubject();
        }
        return null;
    }

    // ---- Patient

    private void patient() {
        List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).getResource() instanceof Patient p) {
                if (patientEntry >= 0) {
                    error(at(i), "the Bundle has a second Patient (the first is " + at(patientEntry) + "); one case is one patient");
                    continue;
                }
                patientEntry = i;
                patient(p, i);
            }
        }
        if (patientEntry < 0) {
            error("", "the Bundle has no Patient");
        }
    }

    private void patient(Patient p, int i) {
        String at = at(i);
        provenance.put("/patient", at);
        String caseId = null;
        for (int k = 0; k < p.getIdentifier().size(); k++) {
            if (Codes.CASE_ID.equals(p.getIdentifier().get(k).getSystem())) {
                caseId = p.getIdentifier().get(k).getValue();
                provenance.put("/caseId", at + "/identifier/" + k + "/value");
            }
        }
        if (caseId == null && p.getIdElement().getIdPart() != null) {
            caseId = p.getIdElement().getIdPart();
            provenance.put("/caseId", at + "/id");
        }
        if (caseId == null) {
            error(at + "/identifier", "the Patient needs an identifier with system " + Codes.CASE_ID + " (the case id)");
        } else {
            root.put("caseId", caseId);
        }
        ObjectNode patient = obj(root, "patient");
        if (p.hasGender()) {
            String sex = switch (p.getGender()) {
                case FEMALE -> "FEMALE";
                case MALE -> "MALE";
                case OTHER -> "OTHER";
                default -> "UNKNOWN";
            };
            patient.put("sex", sex);
            provenance.put("/patient/sex", at + "/gender");
        }
    }

    /** Age from the birth date at the first imaging study, when no Age observation was given (EHR data). */
    private void age() {
        ObjectNode patient = obj(root, "patient");
        if (patient.has("ageYears") || patientEntry < 0) {
            return;
        }
        Patient p = (Patient) bundle.getEntry().get(patientEntry).getResource();
        JsonNode imaging = root.path("imaging");
        if (p.hasBirthDateElement() && p.getBirthDateElement().getPrecision().ordinal() >= TemporalPrecisionEnum.DAY.ordinal()
                && imaging.size() > 0 && imaging.get(0).has("date")) {
            try {
                LocalDate born = LocalDate.parse(p.getBirthDateElement().getValueAsString());
                LocalDate first = LocalDate.parse(imaging.get(0).get("date").asText());
                patient.put("ageYears", Period.between(born, first).getYears());
                provenance.put("/patient/ageYears", at(patientEntry) + "/birthDate");
            } catch (java.time.DateTimeException e) {
                error(at(patientEntry) + "/birthDate", "is not a real date");
            }
        }
    }

    // ---- reports, procedures, encounters

    private void report(DiagnosticReport r, int i) {
        String at = at(i);
        Context context;
        if (hasCoding(r.getCode(), Codes.LOINC, Codes.LOINC_PATHOLOGY_STUDY)) {
            if (root.has("pathology")) {
                error(at, "the Bundle has a second pathology report; a case has one");
                return;
            }
            obj(root, "pathology");
            provenance.put("/pathology", at);
            context = new Context(Kind.PATHOLOGY, "/pathology", at);
        } else if (isImaging(r)) {
            int n = imagingCount++;
            String pointer = "/imaging/" + n;
            ObjectNode study = arr(root, "imaging").addObject();
            provenance.put(pointer, at);
            context = new Context(Kind.IMAGING, pointer, at);
            date(r.getEffective(), at + "/effectiveDateTime", "an imaging study needs its date").ifPresent(d -> {
                study.put("date", d);
                provenance.put(pointer + "/date", at + "/effectiveDateTime");
            });
            loincModality(r.getCode()).or(() -> decode(r.getCode(), Modality.class, at + "/code")).ifPresent(m -> {
                study.put("modality", m.name());
                provenance.put(pointer + "/modality", at + "/code");
            });
        } else {
            if (strict) {
                error(at + "/code", "a DiagnosticReport must be an imaging study (category RAD) or the pathology report (LOINC "
                        + Codes.LOINC_PATHOLOGY_STUDY + ")");
            }
            return;
        }
        for (int j = 0; j < r.getResult().size(); j++) {
            String pointer = at + "/result/" + j + "/reference";
            resolve(r.getResult().get(j), pointer).ifPresent(k -> {
                if (!(bundle.getEntry().get(k).getResource() instanceof Observation)) {
                    error(pointer, "a report's result must be an Observation");
                } else if (contextOf.containsKey(k)) {
                    error(pointer, "this Observation already belongs to " + contextOf.get(k).at());
                } else {
                    contextOf.put(k, context);
                }
            });
        }
    }

    /** US Core's category of a radiology report (a LOINC part code). */
    static final String LOINC_RADIOLOGY_CATEGORY = "LP29684-5";

    /**
     * The modality of a report coded only in LOINC, from the LOINC name: LOINC's radiology terms name
     * the modality first ("CT Abdomen and Pelvis W contrast IV", "MR Abdomen WO and W contrast IV",
     * "US Abdomen", "US.doppler …", "PT+CT …"). Empty when the CavaPlan or DICOM coding is there (it
     * decides) or no LOINC name says.
     */
    static Optional<Modality> loincModality(CodeableConcept code) {
        boolean decided = code.getCoding().stream().anyMatch(c -> Codes.CAVAPLAN.equals(c.getSystem()) || Codes.DICOM.equals(c.getSystem()));
        if (decided) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        code.getCoding().stream().filter(c -> Codes.LOINC.equals(c.getSystem()) && c.hasDisplay()).forEach(c -> names.add(c.getDisplay()));
        if (names.isEmpty() && code.hasText() && code.getCoding().stream().anyMatch(c -> Codes.LOINC.equals(c.getSystem()))) {
            names.add(code.getText());
        }
        for (String name : names) {
            String n = name.trim();
            if (n.startsWith("PT+CT") || n.startsWith("PET")) {
                return Optional.of(Modality.PET_CT);
            } else if (n.startsWith("CT ") || n.startsWith("CTA ") || n.startsWith("CT.")) {
                return Optional.of(Modality.CT);
            } else if (n.startsWith("MR ") || n.startsWith("MRA ") || n.startsWith("MR.")) {
                return Optional.of(Modality.MRI);
            } else if (n.startsWith("US.doppler")) {
                return Optional.of(Modality.DOPPLER_ULTRASOUND);
            } else if (n.startsWith("US ") || n.startsWith("US.")) {
                return Optional.of(Modality.ULTRASOUND);
            }
        }
        return Optional.empty();
    }

    private static boolean isImaging(DiagnosticReport r) {
        for (CodeableConcept c : r.getCategory()) {
            if (hasCoding(c, Codes.V2_0074, "RAD") || hasCoding(c, Codes.LOINC, LOINC_RADIOLOGY_CATEGORY)) {
                return true;
            }
        }
        if (loincModality(r.getCode()).isPresent()) {
            return true;
        }
        return r.getCode().getCoding().stream().anyMatch(c -> Codes.DICOM.equals(c.getSystem())
                || (Codes.CAVAPLAN.equals(c.getSystem()) && c.getCode() != null && c.getCode().startsWith("modality.")));
    }

    private void procedure(Procedure p, int i) {
        String at = at(i);
        if (hasCoding(p.getCode(), Codes.SNOMED, Codes.SCT_EXCISION)) {
            if (root.has("operation")) {
                error(at, "the Bundle has a second surgical procedure; a case records one operation");
                return;
            }
            ObjectNode op = obj(root, "operation");
            provenance.put("/operation", at);
            provenance.put("/operation/findings", at);
            owners.put(i, new Context(Kind.OPERATION, "/operation", at));
            Type performed = p.getPerformed();
            String where = performed instanceof org.hl7.fhir.r4.model.Period ? at + "/performedPeriod/start" : at + "/performedDateTime";
            Type date = performed instanceof org.hl7.fhir.r4.model.Period period ? period.getStartElement() : performed;
            date(date, where, "the operation needs its date").ifPresent(d -> {
                op.put("date", d);
                provenance.put("/operation/date", where);
            });
        } else if (hasCoding(p.getCode(), Codes.SNOMED, Codes.SCT_RADIOTHERAPY_COURSE)) {
            timing(p, at).ifPresent(neoadjuvant -> radiotherapy(p, at, neoadjuvant));
        } else if (hasCoding(p.getCode(), Codes.SNOMED, Codes.SCT_CHEMOTHERAPY)) {
            timing(p, at).ifPresent(neoadjuvant -> chemotherapy(p, at, neoadjuvant));
        } else if (strict) {
            error(at + "/code", "a Procedure must be the cancer surgery (SNOMED " + Codes.SCT_EXCISION + "), a radiotherapy course ("
                    + Codes.SCT_RADIOTHERAPY_COURSE + ") or chemotherapy (" + Codes.SCT_CHEMOTHERAPY + ")");
        }
    }

    /** True for neoadjuvant, false for adjuvant. */
    private Optional<Boolean> timing(Procedure p, String at) {
        for (int k = 0; k < p.getExtension().size(); k++) {
            Extension e = p.getExtension().get(k);
            if (Codes.EXT_TREATMENT_TIMING.equals(e.getUrl())) {
                String code = e.getValue() instanceof Coding c && Codes.CAVAPLAN.equals(c.getSystem()) ? c.getCode() : null;
                if (Codes.TIMING_NEOADJUVANT.equals(code)) {
                    return Optional.of(true);
                } else if (Codes.TIMING_ADJUVANT.equals(code)) {
                    return Optional.of(false);
                }
                error(at + "/extension/" + k + "/valueCoding", "must be the CavaPlan code " + Codes.TIMING_NEOADJUVANT + " or "
                        + Codes.TIMING_ADJUVANT);
                return Optional.empty();
            }
        }
        if (strict) {
            error(at + "/extension", "a radiotherapy or chemotherapy Procedure needs the extension " + Codes.EXT_TREATMENT_TIMING
                    + " (before or after the operation)");
        }
        return Optional.empty();
    }

    private void radiotherapy(Procedure p, String at, boolean neoadjuvant) {
        String section = neoadjuvant ? "/neoadjuvant/radiotherapy" : "/postoperative/adjuvantRadiotherapyGy";
        if (provenance.containsKey(section)) {
            error(at, "a second " + (neoadjuvant ? "neoadjuvant" : "adjuvant") + " radiotherapy course; the case records one (first at "
                    + provenance.get(section) + ")");
            return;
        }
        ObjectNode parent = neoadjuvant ? obj(obj(root, "neoadjuvant"), "radiotherapy") : obj(root, "postoperative");
        provenance.putIfAbsent(neoadjuvant ? "/neoadjuvant" : "/postoperative", at);
        provenance.put(section, at);
        String doseField = neoadjuvant ? "totalDoseGy" : "adjuvantRadiotherapyGy";
        String dosePointer = neoadjuvant ? section + "/totalDoseGy" : section;
        for (int k = 0; k < p.getExtension().size(); k++) {
            Extension e = p.getExtension().get(k);
            if (!Codes.EXT_DOSE_DELIVERED.equals(e.getUrl())) {
                continue;
            }
            for (int m = 0; m < e.getExtension().size(); m++) {
                Extension sub = e.getExtension().get(m);
                String subAt = at + "/extension/" + k + "/extension/" + m;
                if ("totalDoseDelivered".equals(sub.getUrl()) && sub.getValue() instanceof Quantity q) {
                    gray(q, subAt + "/valueQuantity").ifPresent(gy -> {
                        parent.put(doseField, gy);
                        provenance.put(dosePointer, subAt + "/valueQuantity/value");
                    });
                } else if ("fractionsDelivered".equals(sub.getUrl()) && sub.getValue() instanceof UnsignedIntType n && neoadjuvant) {
                    parent.put("fractions", n.getValue());
                    provenance.put(section + "/fractions", subAt + "/valueUnsignedInt");
                }
            }
        }
        if (!parent.has(doseField)) {
            error(at + "/extension", "a radiotherapy course needs its total dose: extension " + Codes.EXT_DOSE_DELIVERED
                    + " with totalDoseDelivered in cGy or Gy");
        }
        if (neoadjuvant) {
            endDate(p, at).ifPresent(d -> {
                parent.put("endDate", d);
                provenance.put(section + "/endDate", at + "/performedPeriod/end");
            });
        }
    }

    private Optional<BigDecimal> gray(Quantity q, String at) {
        if (!q.hasValue()) {
            error(at + "/value", "a dose needs a value");
            return Optional.empty();
        }
        String unit = q.hasCode() ? q.getCode() : q.getUnit();
        if ("cGy".equals(unit)) {
            return Optional.of(q.getValue().movePointLeft(2));
        } else if ("Gy".equals(unit)) {
            return Optional.of(q.getValue());
        }
        error(at + (q.hasCode() ? "/code" : "/unit"), "a dose must be in cGy or Gy, not " + unit);
        return Optional.empty();
    }

    private Optional<String> endDate(Procedure p, String at) {
        if (p.getPerformed() instanceof org.hl7.fhir.r4.model.Period period && period.hasEndElement()) {
            return date(period.getEndElement(), at + "/performedPeriod/end", "");
        }
        return Optional.empty();
    }

    private void chemotherapy(Procedure p, String at, boolean neoadjuvant) {
        String section = neoadjuvant ? "/neoadjuvant/chemotherapy" : "/postoperative/adjuvantChemotherapy";
        if (provenance.containsKey(section)) {
            error(at, "a second " + (neoadjuvant ? "neoadjuvant" : "adjuvant") + " chemotherapy; the case records one (first at "
                    + provenance.get(section) + ")");
            return;
        }
        provenance.putIfAbsent(neoadjuvant ? "/neoadjuvant" : "/postoperative", at);
        provenance.put(section, at);
        if (!neoadjuvant) {
            ObjectNode post = obj(root, "postoperative");
            switch (p.getStatus() == null ? Procedure.ProcedureStatus.NULL : p.getStatus()) {
                case COMPLETED, INPROGRESS, STOPPED -> post.put("adjuvantChemotherapy", true);
                case NOTDONE -> post.put("adjuvantChemotherapy", false);
                default -> error(at + "/status", "adjuvant chemotherapy must be completed (given) or not-done (not given)");
            }
            return;
        }
        ObjectNode chemo = obj(obj(root, "neoadjuvant"), "chemotherapy");
        if (p.getCode().hasText()) {
            chemo.put("regimen", p.getCode().getText());
            provenance.put(section + "/regimen", at + "/code/text");
        }
        for (int k = 0; k < p.getExtension().size(); k++) {
            Extension e = p.getExtension().get(k);
            if (Codes.EXT_CHEMOTHERAPY_CYCLES.equals(e.getUrl())) {
                if (e.getValue() instanceof PositiveIntType n) {
                    chemo.put("cycles", n.getValue());
                    provenance.put(section + "/cycles", at + "/extension/" + k + "/valuePositiveInt");
                } else {
                    error(at + "/extension/" + k, "the number of cycles must be a valuePositiveInt");
                }
            }
        }
        endDate(p, at).ifPresent(d -> {
            chemo.put("endDate", d);
            provenance.put(section + "/endDate", at + "/performedPeriod/end");
        });
    }

    private void encounter(Encounter e, int i) {
        String at = at(i);
        boolean followUp = e.getType().stream().anyMatch(t -> hasCoding(t, Codes.CAVAPLAN, Codes.FOLLOW_UP_VISIT));
        if (!followUp) {
            if (strict) {
                error(at + "/type", "an Encounter must be a follow-up visit (CavaPlan code " + Codes.FOLLOW_UP_VISIT + ")");
            }
            return;
        }
        int n = followUpCount++;
        String pointer = "/followUp/" + n;
        ObjectNode visit = arr(root, "followUp").addObject();
        provenance.put(pointer, at);
        owners.put(i, new Context(Kind.FOLLOW_UP, pointer, at));
        date(e.getPeriod().getStartElement(), at + "/period/start", "a follow-up visit needs its date (period.start)").ifPresent(d -> {
            visit.put("date", d);
            provenance.put(pointer + "/date", at + "/period/start");
        });
    }

    private void medication(MedicationStatement m, int i) {
        String at = at(i);
        if (!(m.getMedication() instanceof CodeableConcept concept)) {
            if (strict) {
                error(at, "a MedicationStatement needs medicationCodeableConcept with an antithrombotic code");
            }
            return;
        }
        Optional<Antithrombotic> drug = strict || knows(concept, Antithrombotic.class)
                ? decode(concept, Antithrombotic.class, at + "/medicationCodeableConcept") : Optional.empty();
        drug.ifPresent(d -> {
            ArrayNode list = arr(obj(root, "postoperative"), "antithrombotics");
            provenance.putIfAbsent("/postoperative", at);
            provenance.put("/postoperative/antithrombotics/" + list.size(), at + "/medicationCodeableConcept");
            list.add(d.name());
        });
    }

    // ---- observations

    private void observation(Observation o, int i) {
        if (o.getStatus() == Observation.ObservationStatus.ENTEREDINERROR || o.getStatus() == Observation.ObservationStatus.CANCELLED) {
            return;
        }
        if (hasCoding(o.getCode(), Codes.LOINC, Codes.LOINC_STAGE_CLINICAL) || hasCoding(o.getCode(), Codes.LOINC, Codes.LOINC_STAGE_PATHOLOGICAL)) {
            return; // the AJCC stage group of a plan written by CavaPlan: the plan computes it anew
        }
        String at = at(i);
        Context context = contextOf.get(i);
        if (context == null && !o.getPartOf().isEmpty()) {
            for (int j = 0; j < o.getPartOf().size(); j++) {
                String pointer = at + "/partOf/" + j + "/reference";
                Optional<Integer> k = resolve(o.getPartOf().get(j), pointer);
                if (k.isPresent()) {
                    Context owner = owners.get(k.get());
                    if (owner == null || owner.kind() != Kind.OPERATION) {
                        error(pointer, "an Observation can be part of the surgical procedure only");
                    } else {
                        context = owner;
                    }
                }
            }
            if (context == null) {
                return;
            }
        }
        if (context == null && o.hasEncounter() && o.getEncounter().hasReference()) {
            String pointer = at + "/encounter/reference";
            Optional<Integer> k = resolve(o.getEncounter(), pointer);
            if (k.isEmpty()) {
                return;
            }
            context = owners.get(k.get());
            if (context == null || context.kind() != Kind.FOLLOW_UP) {
                if (strict) {
                    error(pointer, "an Observation's encounter must be a follow-up visit");
                }
                return;
            }
        }
        if (context == null) {
            context = new Context(Kind.PATIENT, "", at);
        }
        Map<String, Field> table = FIELDS.get(context.kind());
        Field field = null;
        for (Coding c : o.getCode().getCoding()) {
            Field f = table.get(key(c));
            if (f != null) {
                field = f;
                break;
            }
        }
        if (field == null) {
            if (strict) {
                boolean known = FIELDS.values().stream().anyMatch(t -> o.getCode().getCoding().stream().anyMatch(c -> t.containsKey(key(c))));
                error(at + "/code", known ? "this finding does not belong to " + context.kind().text
                        : "no coding of this Observation is one the CavaPlan mapping knows (see " + Codes.CAVAPLAN + ")");
            }
            return;
        }
        fill(o, at, context, field);
    }

    private static String key(Coding c) {
        if (Codes.CAVAPLAN.equals(c.getSystem())) {
            return "cp:" + c.getCode();
        } else if (Codes.LOINC.equals(c.getSystem())) {
            return "loinc:" + c.getCode();
        }
        return "?";
    }

    private void fill(Observation o, String at, Context context, Field field) {
        String pointer = context.pointer() + "/" + field.path();
        if (field.kind() == ValueKind.SPECIAL) {
            special(o, at, context, field.path());
            return;
        }
        if (provenance.containsKey(pointer) && field.kind() != ValueKind.SET) {
            error(at, "recorded twice in " + context.kind().text + " (also at " + provenance.get(pointer) + ")");
            return;
        }
        ObjectNode target = target(context, field.path());
        String name = field.path().substring(field.path().lastIndexOf('/') + 1);
        switch (field.kind()) {
            case BOOLEAN -> booleanValue(o.getValue(), at).ifPresent(v -> set(target, name, NODES.booleanNode(v), pointer, at + "/valueBoolean"));
            case INTEGER -> integerValue(o.getValue(), at).ifPresent(v -> set(target, name, NODES.numberNode(v), pointer, at + "/valueInteger"));
            case QUANTITY -> quantityValue(o.getValue(), at, field.unit()).ifPresent(v -> set(target, name, number(v), pointer,
                    at + "/valueQuantity/value"));
            case CONCEPT -> conceptValue(o.getValue(), at, field.type()).ifPresent(v -> set(target, name, NODES.textNode(v), pointer,
                    at + "/valueCodeableConcept"));
            case SET -> {
                if (provenance.containsKey(pointer)) {
                    error(at, "recorded twice in " + context.kind().text + " (also at " + provenance.get(pointer) + ")");
                    return;
                }
                setValue(o, at, field, target, name, pointer);
            }
            default -> throw new IllegalStateException(field.kind().name());
        }
    }

    private void set(ObjectNode target, String name, JsonNode value, String pointer, String from) {
        target.set(name, value);
        provenance.put(pointer, from);
    }

    private ObjectNode target(Context context, String path) {
        ObjectNode node;
        if (context.kind() == Kind.PATIENT) {
            node = root;
        } else if (context.kind() == Kind.IMAGING || context.kind() == Kind.FOLLOW_UP) {
            String[] parts = context.pointer().substring(1).split("/");
            node = (ObjectNode) root.get(parts[0]).get(Integer.parseInt(parts[1]));
        } else {
            node = obj(root, context.pointer().substring(1));
        }
        String[] parts = path.split("/");
        for (int k = 0; k < parts.length - 1; k++) {
            node = obj(node, parts[k]);
        }
        return node;
    }

    private void setValue(Observation o, String at, Field field, ObjectNode target, String name, String pointer) {
        Optional<Boolean> present = booleanValue(o.getValue(), at);
        if (present.isEmpty()) {
            return;
        }
        ArrayNode list = NODES.arrayNode();
        for (int j = 0; j < o.getComponent().size(); j++) {
            Observation.ObservationComponentComponent c = o.getComponent().get(j);
            String cAt = at + "/component/" + j;
            if (!hasCoding(c.getCode(), Codes.CAVAPLAN, field.component())) {
                if (strict) {
                    error(cAt + "/code", "expected the CavaPlan code " + field.component());
                }
                continue;
            }
            Optional<String> v = conceptValue(c.getValue(), cAt, field.type());
            if (v.isPresent()) {
                provenance.put(pointer + "/" + list.size(), cAt + "/valueCodeableConcept");
                list.add(v.get());
            }
        }
        if (present.get() && list.isEmpty()) {
            error(at + "/component", "marked present (valueBoolean true) but names none; add a component per item");
            return;
        }
        if (!present.get() && !list.isEmpty()) {
            error(at + "/valueBoolean", "is false but the components name " + list.size() + " item(s)");
            return;
        }
        set(target, name, list, pointer, at);
    }

    private void special(Observation o, String at, Context context, String what) {
        switch (what) {
            case "tumorSize" -> tumorSize(o, at, context);
            case "presentation" -> presentation(o, at);
            case "histology" -> histology(o, at);
            case "outcome" -> outcome(o, at);
            case "emptySection" -> emptySection(o, at);
            default -> throw new IllegalStateException(what);
        }
    }

    private void tumorSize(Observation o, String at, Context context) {
        boolean pathology = context.kind() == Kind.PATHOLOGY;
        String pointer = context.pointer() + (pathology ? "/maxDiameterCm" : "/tumorDiametersCm");
        if (provenance.containsKey(pointer)) {
            error(at, "a second tumor size in " + context.kind().text + " (also at " + provenance.get(pointer) + ")");
            return;
        }
        ArrayNode list = NODES.arrayNode();
        ObjectNode target = target(context, "x");
        for (int j = 0; j < o.getComponent().size(); j++) {
            Observation.ObservationComponentComponent c = o.getComponent().get(j);
            String cAt = at + "/component/" + j;
            boolean longest = hasCoding(c.getCode(), Codes.LOINC, Codes.LOINC_LONGEST_DIMENSION);
            if (!longest && !hasCoding(c.getCode(), Codes.LOINC, Codes.LOINC_OTHER_DIMENSION)) {
                if (strict) {
                    error(cAt + "/code", "a tumor size component must be LOINC " + Codes.LOINC_LONGEST_DIMENSION + " or "
                            + Codes.LOINC_OTHER_DIMENSION);
                }
                continue;
            }
            Optional<BigDecimal> v = quantityValue(c.getValue(), cAt, "cm");
            if (v.isEmpty()) {
                continue;
            }
            if (pathology) {
                if (longest) {
                    set(target, "maxDiameterCm", number(v.get()), pointer, cAt + "/valueQuantity/value");
                }
            } else {
                provenance.put(pointer + "/" + list.size(), cAt + "/valueQuantity/value");
                list.add(number(v.get()));
            }
        }
        if (!pathology) {
            set(target, "tumorDiametersCm", list, pointer, at);
        } else if (!target.has("maxDiameterCm")) {
            error(at + "/component", "the pathology tumor size needs its longest dimension (LOINC " + Codes.LOINC_LONGEST_DIMENSION + ")");
        }
    }

    private void presentation(Observation o, String at) {
        if (once("/presentation", at)) {
            ObjectNode p = obj(root, "presentation");
            if (o.hasValue()) {
                booleanValue(o.getValue(), at).ifPresent(v -> set(p, "incidental", NODES.booleanNode(v), "/presentation/incidental",
                        at + "/valueBoolean"));
            }
            ArrayNode symptoms = NODES.arrayNode();
            for (int j = 0; j < o.getComponent().size(); j++) {
                String cAt = at + "/component/" + j;
                Observation.ObservationComponentComponent c = o.getComponent().get(j);
                if (!hasCoding(c.getCode(), Codes.CAVAPLAN, Codes.SYMPTOM)) {
                    if (strict) {
                        error(cAt + "/code", "expected the CavaPlan code " + Codes.SYMPTOM);
                    }
                    continue;
                }
                int n = symptoms.size();
                conceptValue(c.getValue(), cAt, Symptom.class).ifPresent(v -> {
                    provenance.put("/presentation/symptoms/" + n, cAt + "/valueCodeableConcept");
                    symptoms.add(v);
                });
            }
            if (!symptoms.isEmpty()) {
                p.set("symptoms", symptoms);
            }
        }
    }

    private void histology(Observation o, String at) {
        if (once("/histology", at)) {
            ObjectNode h = obj(root, "histology");
            conceptValue(o.getValue(), at, Diagnosis.class).ifPresent(v -> set(h, "diagnosis", NODES.textNode(v), "/histology/diagnosis",
                    at + "/valueCodeableConcept"));
            if (o.hasMethod()) {
                decode(o.getMethod(), HistologySource.class, at + "/method").ifPresent(v -> set(h, "source", NODES.textNode(v.name()),
                        "/histology/source", at + "/method"));
            }
            for (int j = 0; j < o.getComponent().size(); j++) {
                String cAt = at + "/component/" + j;
                Observation.ObservationComponentComponent c = o.getComponent().get(j);
                if (hasCoding(c.getCode(), Codes.CAVAPLAN, Codes.FNCLCC_GRADE)) {
                    integerValue(c.getValue(), cAt).ifPresent(v -> set(h, "fnclccGrade", NODES.numberNode(v), "/histology/fnclccGrade",
                            cAt + "/valueInteger"));
                } else if (strict) {
                    error(cAt + "/code", "expected the CavaPlan code " + Codes.FNCLCC_GRADE);
                }
            }
        }
    }

    private void outcome(Observation o, String at) {
        if (once("/outcome", at)) {
            ObjectNode out = obj(root, "outcome");
            conceptValue(o.getValue(), at, VitalStatus.class).ifPresent(v -> set(out, "vitalStatus", NODES.textNode(v),
                    "/outcome/vitalStatus", at + "/valueCodeableConcept"));
            date(o.getEffective(), at + "/effectiveDateTime", "the vital status needs its date (death, or last contact)")
                    .ifPresent(d -> set(out, "lastContactDate", NODES.textNode(d), "/outcome/lastContactDate", at + "/effectiveDateTime"));
            for (int j = 0; j < o.getComponent().size(); j++) {
                String cAt = at + "/component/" + j;
                Observation.ObservationComponentComponent c = o.getComponent().get(j);
                if (hasCoding(c.getCode(), Codes.CAVAPLAN, Codes.CAUSE_OF_DEATH)) {
                    conceptValue(c.getValue(), cAt, CauseOfDeath.class).ifPresent(v -> set(out, "causeOfDeath", NODES.textNode(v),
                            "/outcome/causeOfDeath", cAt + "/valueCodeableConcept"));
                } else if (strict) {
                    error(cAt + "/code", "expected the CavaPlan code " + Codes.CAUSE_OF_DEATH);
                }
            }
        }
    }

    private void emptySection(Observation o, String at) {
        if (o.getValue() instanceof CodeableConcept c && hasCoding(c, Codes.CAVAPLAN, Codes.SECTION_NEOADJUVANT)) {
            obj(root, "neoadjuvant");
            provenance.putIfAbsent("/neoadjuvant", at);
        } else if (o.getValue() instanceof CodeableConcept c && hasCoding(c, Codes.CAVAPLAN, Codes.SECTION_POSTOPERATIVE)) {
            obj(root, "postoperative");
            provenance.putIfAbsent("/postoperative", at);
        } else {
            error(at + "/valueCodeableConcept", "must be the CavaPlan code " + Codes.SECTION_NEOADJUVANT + " or "
                    + Codes.SECTION_POSTOPERATIVE);
        }
    }

    private boolean once(String pointer, String at) {
        if (provenance.containsKey(pointer)) {
            error(at, "recorded twice (also at " + provenance.get(pointer) + ")");
            return false;
        }
        provenance.put(pointer, at);
        return true;
    }

    // ---- values

    private Optional<Boolean> booleanValue(Type value, String at) {
        if (value instanceof BooleanType b && b.getValue() != null) {
            return Optional.of(b.getValue());
        }
        error(at + valueName(value), "must be a valueBoolean");
        return Optional.empty();
    }

    private Optional<Integer> integerValue(Type value, String at) {
        if (value instanceof IntegerType n && n.getValue() != null) {
            return Optional.of(n.getValue());
        }
        error(at + valueName(value), "must be a valueInteger");
        return Optional.empty();
    }

    private Optional<BigDecimal> quantityValue(Type value, String at, String unit) {
        if (!(value instanceof Quantity q)) {
            error(at + valueName(value), "must be a valueQuantity in " + unit);
            return Optional.empty();
        }
        if (!q.hasValue()) {
            error(at + "/valueQuantity", "has no value");
            return Optional.empty();
        }
        String given = q.hasCode() ? q.getCode() : q.getUnit();
        if (!unit.equals(given)) {
            error(at + "/valueQuantity/" + (q.hasCode() ? "code" : "unit"), "the unit must be " + unit + " (UCUM), not " + given);
            return Optional.empty();
        }
        return Optional.of(q.getValue());
    }

    private <E extends Enum<E>> Optional<String> conceptValue(Type value, String at, Class<? extends Enum<?>> type) {
        Class<E> enumType = cast(type);
        if (!(value instanceof CodeableConcept c)) {
            error(at + valueName(value), "must be a valueCodeableConcept with a " + Codes.group(enumType) + " code");
            return Optional.empty();
        }
        return decode(c, enumType, at + "/valueCodeableConcept").map(Enum::name);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Enum<E>> Class<E> cast(Class<? extends Enum<?>> type) {
        return (Class<E>) type;
    }

    private <E extends Enum<E>> boolean knows(CodeableConcept concept, Class<E> type) {
        String prefix = Codes.group(type) + ".";
        return concept.getCoding().stream().anyMatch(c -> (Codes.CAVAPLAN.equals(c.getSystem()) && c.getCode() != null
                && c.getCode().startsWith(prefix)) || Codes.fromStandard(type, c.getSystem(), c.getCode()).isPresent());
    }

    /** The vocabulary value of a concept: its CavaPlan coding, else a standard coding the mapping knows. */
    private <E extends Enum<E>> Optional<E> decode(CodeableConcept concept, Class<E> type, String at) {
        String group = Codes.group(type);
        List<Coding> codings = concept.getCoding();
        for (int k = 0; k < codings.size(); k++) {
            Coding c = codings.get(k);
            if (Codes.CAVAPLAN.equals(c.getSystem())) {
                String code = c.getCode() == null ? "" : c.getCode();
                if (code.startsWith(group + ".")) {
                    try {
                        return Optional.of(Enum.valueOf(type, code.substring(group.length() + 1)));
                    } catch (IllegalArgumentException e) {
                        // reported below
                    }
                }
                error(at + "/coding/" + k + "/code", "\"" + code + "\" is not a CavaPlan " + group + " code (expected one of "
                        + java.util.Arrays.stream(type.getEnumConstants()).map(v -> Codes.code(v)).toList().toString()
                                .replace("[", "").replace("]", "") + ")");
                return Optional.empty();
            }
        }
        for (Coding c : codings) {
            Optional<E> v = Codes.fromStandard(type, c.getSystem(), c.getCode());
            if (v.isPresent()) {
                return v;
            }
        }
        error(at, "has no coding the CavaPlan mapping knows for a " + group + " (use " + Codes.CAVAPLAN + " codes " + group + ".*)");
        return Optional.empty();
    }

    private static String valueName(Type value) {
        if (value == null) {
            return "";
        }
        String type = value.fhirType();
        return "/value" + Character.toUpperCase(type.charAt(0)) + type.substring(1);
    }

    private Optional<String> date(Type value, String at, String missing) {
        if (value instanceof BaseDateTimeType d && d.getValue() != null) {
            if (d.getPrecision().ordinal() < TemporalPrecisionEnum.DAY.ordinal()) {
                error(at, "needs a full date (YYYY-MM-DD), not " + d.getValueAsString());
                return Optional.empty();
            }
            return Optional.of(d.getValueAsString().substring(0, 10));
        }
        if (!missing.isEmpty()) {
            error(at, missing);
        }
        return Optional.empty();
    }

    private static JsonNode number(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
            return NODES.numberNode(stripped.intValue());
        }
        return NODES.numberNode(value);
    }

    private static boolean hasCoding(CodeableConcept concept, String system, String code) {
        return concept != null && concept.getCoding().stream().anyMatch(c -> system.equals(c.getSystem()) && code.equals(c.getCode()));
    }

    private static ObjectNode obj(ObjectNode parent, String field) {
        JsonNode node = parent.get(field);
        return node instanceof ObjectNode o ? o : parent.putObject(field);
    }

    private static ArrayNode arr(ObjectNode parent, String field) {
        JsonNode node = parent.get(field);
        return node instanceof ArrayNode a ? a : parent.putArray(field);
    }

    private void error(String pointer, String message) {
        errors.add(new InputError(pointer, message));
    }

    // ---- the tables

    private static Map<Kind, Map<String, Field>> fields() {
        Map<Kind, Map<String, Field>> all = new java.util.EnumMap<>(Kind.class);
        Function<String, String> cp = code -> "cp:" + code;
        Function<String, String> loinc = code -> "loinc:" + code;

        Map<String, Field> patient = new HashMap<>();
        patient.put(loinc.apply(Codes.LOINC_AGE), Field.quantity("patient/ageYears", "a"));
        patient.put(loinc.apply(Codes.LOINC_ECOG), Field.of("patient/ecog", ValueKind.INTEGER));
        patient.put(cp.apply(Codes.ASA_CLASS), Field.of("patient/asaClass", ValueKind.INTEGER));
        patient.put(loinc.apply(Codes.LOINC_LVEF), Field.quantity("patient/lvefPct", "%"));
        patient.put(loinc.apply(Codes.LOINC_EGFR), Field.quantity("patient/egfrMlMin", "mL/min/{1.73_m2}"));
        patient.put(cp.apply(Codes.INCIDENTAL), Field.of("presentation", ValueKind.SPECIAL));
        patient.put(loinc.apply(Codes.LOINC_HISTOLOGY), Field.of("histology", ValueKind.SPECIAL));
        patient.put(cp.apply(Codes.VITAL_STATUS), Field.of("outcome", ValueKind.SPECIAL));
        patient.put(cp.apply(Codes.EMPTY_SECTION), Field.of("emptySection", ValueKind.SPECIAL));
        all.put(Kind.PATIENT, patient);

        Map<String, Field> imaging = new HashMap<>();
        imaging.put(cp.apply(Codes.CHEST_INCLUDED), Field.of("chestIncluded", ValueKind.BOOLEAN));
        imaging.put(loinc.apply(Codes.LOINC_TUMOR_SIZE), Field.of("tumorSize", ValueKind.SPECIAL));
        imaging.put(cp.apply(Codes.IVC_INVOLVEMENT), Field.concept("ivcInvolvement", IvcInvolvement.class));
        imaging.put(cp.apply(Codes.CRANIAL_EXTENT), Field.concept("cranialExtent", Landmark.class));
        imaging.put(cp.apply(Codes.CAUDAL_EXTENT), Field.concept("caudalExtent", Landmark.class));
        imaging.put(cp.apply(Codes.CIRCUMFERENCE_INVOLVED), Field.quantity("ivcCircumferenceInvolvedPct", "%"));
        imaging.put(cp.apply(Codes.IVC_DIAMETER), Field.quantity("ivcDiameterMm", "mm"));
        imaging.put(cp.apply(Codes.IVC_LUMEN), Field.concept("ivcLumen", Lumen.class));
        imaging.put(cp.apply(Codes.COLLATERALS), Field.concept("collaterals", Collaterals.class));
        imaging.put(cp.apply(Codes.INTRALUMINAL_GROWTH), Field.concept("intraluminalGrowth", IntraluminalGrowth.class));
        imaging.put(cp.apply(Codes.HEPATIC_VEIN_THROMBOSIS), Field.of("hepaticVeinThrombosis", ValueKind.BOOLEAN));
        imaging.put(cp.apply(Codes.RENAL_VEIN_THROMBOSIS), Field.of("renalVeinThrombosis", ValueKind.BOOLEAN));
        imaging.put(cp.apply(Codes.PULMONARY_EMBOLISM), Field.of("pulmonaryEmbolism", ValueKind.BOOLEAN));
        imaging.put(cp.apply(Codes.REGIONAL_NODES), Field.concept("regionalNodes", RegionalNodes.class));
        imaging.put(cp.apply(Codes.INVADED_ORGANS), Field.set("invadedOrgans", Organ.class, Codes.INVADED_ORGAN));
        imaging.put(cp.apply(Codes.DISTANT_METASTASES), Field.set("distantMetastases", Site.class, Codes.METASTASIS_SITE));
        all.put(Kind.IMAGING, imaging);

        Map<String, Field> operation = new HashMap<>();
        operation.put(cp.apply(Codes.LIVER_METASTASES), Field.of("findings/liverMetastases", ValueKind.BOOLEAN));
        operation.put(cp.apply(Codes.PERITONEAL_METASTASES), Field.of("findings/peritonealMetastases", ValueKind.BOOLEAN));
        operation.put(cp.apply(Codes.FROZEN_SECTION_METASTASIS), Field.of("findings/frozenSectionConfirmedMetastasis", ValueKind.BOOLEAN));
        operation.put(cp.apply(Codes.IVC_LUMEN), Field.concept("findings/ivcLumen", Lumen.class));
        operation.put(cp.apply(Codes.COLLATERALS), Field.concept("findings/collaterals", Collaterals.class));
        operation.put(cp.apply(Codes.GROSS_CONTAMINATION), Field.of("findings/grossContamination", ValueKind.BOOLEAN));
        operation.put(cp.apply(Codes.CIRCUMFERENCE_RESECTED), Field.quantity("circumferenceResectedPct", "%"));
        operation.put(cp.apply(Codes.RESECTED_LENGTH), Field.quantity("resectedLengthCm", "cm"));
        operation.put(cp.apply(Codes.IVC_MANAGEMENT), Field.concept("ivcManagement", IvcManagement.class));
        operation.put(cp.apply(Codes.CONDUIT), Field.concept("conduit", Conduit.class));
        operation.put(cp.apply(Codes.CONDUIT_DIAMETER), Field.quantity("conduitDiameterMm", "mm"));
        operation.put(cp.apply(Codes.EN_BLOC_RESECTIONS), Field.set("enBlocResections", Organ.class, Codes.EN_BLOC_ORGAN));
        all.put(Kind.OPERATION, operation);

        Map<String, Field> pathology = new HashMap<>();
        pathology.put(cp.apply(Codes.MARGIN), Field.concept("margin", Margin.class));
        pathology.put(cp.apply(Codes.CLOSEST_MARGIN), Field.quantity("closestMarginMm", "mm"));
        pathology.put(cp.apply(Codes.FNCLCC_GRADE), Field.of("fnclccGrade", ValueKind.INTEGER));
        pathology.put(loinc.apply(Codes.LOINC_TUMOR_SIZE), Field.of("tumorSize", ValueKind.SPECIAL));
        pathology.put(cp.apply(Codes.TREATMENT_EFFECT), Field.quantity("treatmentEffectPct", "%"));
        pathology.put(cp.apply(Codes.REGIONAL_NODES), Field.concept("regionalNodes", RegionalNodes.class));
        all.put(Kind.PATHOLOGY, pathology);

        Map<String, Field> followUp = new HashMap<>();
        followUp.put(loinc.apply(Codes.LOINC_ECOG), Field.of("ecog", ValueKind.INTEGER));
        followUp.put(cp.apply(Codes.CONDUIT_PATENCY), Field.concept("conduit", ConduitStatus.class));
        followUp.put(cp.apply(Codes.LOCAL_RECURRENCE), Field.of("localRecurrence", ValueKind.BOOLEAN));
        followUp.put(cp.apply(Codes.DISTANT_METASTASES), Field.set("distantMetastases", Site.class, Codes.METASTASIS_SITE));
        followUp.put(cp.apply(Codes.METASTASIS_COUNT), Field.of("metastasisCount", ValueKind.INTEGER));
        followUp.put(cp.apply(Codes.METASTASES_RESECTABLE), Field.of("metastasesResectable", ValueKind.BOOLEAN));
        all.put(Kind.FOLLOW_UP, followUp);
        return all;
    }
}
