package org.cavaplan.fhir;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.plan.EvidenceUpdate;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.SourceRef;
import org.cavaplan.core.plan.Status;
import org.cavaplan.core.plan.SurveillanceSchedule;
import org.cavaplan.core.plan.Warning;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedArtifact;
import org.hl7.fhir.r4.model.RequestGroup;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/**
 * A plan in FHIR R4, in the style of CPG-on-FHIR: a RequestGroup whose actions are the
 * recommendations grouped by phase, with their sources as citations and the CPG strength and
 * quality-of-evidence extensions; each recommendation's action carries its proposal (a
 * ServiceRequest, MedicationRequest or Task of intent {@code proposal}, by {@link #MEDICATIONS} and
 * {@link #TASKS}), so every action has a resource or child actions (R4 invariant rqg-1). The AJCC
 * stage groups become Observations that the Condition's {@code stage} points at, the treatment intent
 * an extension of each proposal, and a CarePlan holds the surveillance schedule. The mapping is in
 * {@code docs/fhir-mapping.md}. Pure functions; thread-safe.
 */
public final class PlanFhir {

    static final String CPG = "http://hl7.org/fhir/uv/cpg/StructureDefinition/";
    static final String EXT_STRENGTH = CPG + "cpg-strengthOfRecommendation";
    static final String EXT_QUALITY = CPG + "cpg-qualityOfEvidence";
    static final String STRENGTH_SYSTEM = "http://terminology.hl7.org/CodeSystem/recommendation-strength";
    static final String QUALITY_SYSTEM = "http://terminology.hl7.org/CodeSystem/evidence-quality";
    static final String KNOWLEDGE_BASE = "https://cavaplan.org/knowledge-base/";
    static final String EXT_CONDITION_TEXT = Codes.BASE + "/StructureDefinition/condition-text";
    static final String SURVEILLANCE_ID = SurveillanceSchedule.RECOMMENDATION;

    /** Recommendations that propose a drug: a MedicationRequest. */
    static final java.util.Set<String> MEDICATIONS = java.util.Set.of("postop.aspirin", "postop.conduit-anticoagulation",
            "postop.extended-vte-prophylaxis", "preop.antibiotics", "preop.heparin-sc", "op.systemic-heparin",
            "vte.therapeutic-anticoagulation", "neoadjuvant.chemotherapy", "adjuvant.chemotherapy", "systemic.first-line",
            "systemic.subsequent-line");

    /**
     * Recommendations that are a judgement to make or a matter to weigh rather than a service to order: a
     * Task. By prefix (prognosis, intent, trial) and by name; every other recommendation is a ServiceRequest.
     */
    static final List<String> TASK_PREFIXES = List.of("prognosis.", "intent.", "trial.");
    static final java.util.Set<String> TASKS = java.util.Set.of("adjuvant.residual-disease-review", "neoadjuvant.progression-review",
            "surveillance.conduit-thrombosis-review", "preop.anticoagulation-plan", "postop.graft-infection-watch");

    /** The kind of request that carries a recommendation. */
    enum RequestKind { SERVICE_REQUEST, MEDICATION_REQUEST, TASK }

    private PlanFhir() {}

    static RequestKind kind(String recommendationId) {
        if (MEDICATIONS.contains(recommendationId)) {
            return RequestKind.MEDICATION_REQUEST;
        }
        if (TASKS.contains(recommendationId) || TASK_PREFIXES.stream().anyMatch(recommendationId::startsWith)) {
            return RequestKind.TASK;
        }
        return RequestKind.SERVICE_REQUEST;
    }

    /** The key of a recommendation's proposal in the plan Bundle (its entry id is a name-based UUID of it). */
    static String proposalKey(Recommendation r) {
        return "plan/proposal/" + r.id();
    }

    /**
     * The proposals of the plan, one per recommendation, in the order of the recommendations: status
     * active, intent proposal, for the patient, for the condition; a recommendation against (not
     * recommended, contraindicated) is a request with {@code doNotPerform} (a Task has no such flag: its
     * text says so). Services and drugs carry the treatment intent (mCODE procedure intent) when the plan
     * has decided it.
     */
    public static List<Resource> proposals(Case kase, Plan plan) {
        List<Resource> list = new ArrayList<>();
        Reference patient = CaseBundle.reference(kase.caseId(), "patient");
        Reference condition = CaseBundle.reference(kase.caseId(), "condition");
        for (Recommendation r : plan.recommendations()) {
            boolean against = r.status() == Status.NOT_RECOMMENDED || r.status() == Status.CONTRAINDICATED;
            String text = statusText(r.status()) + ": " + r.summary();
            String instantiates = KNOWLEDGE_BASE + plan.knowledgeBaseVersion() + "#" + r.id();
            Resource resource = switch (kind(r.id())) {
                case SERVICE_REQUEST -> {
                    org.hl7.fhir.r4.model.ServiceRequest sr = new org.hl7.fhir.r4.model.ServiceRequest();
                    sr.setStatus(org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus.ACTIVE);
                    sr.setIntent(org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestIntent.PROPOSAL);
                    sr.getCode().setText(r.summary());
                    sr.setDoNotPerform(against);
                    sr.setSubject(patient.copy());
                    sr.addReasonReference(condition.copy());
                    sr.addInstantiatesUri(instantiates);
                    sr.setAuthoredOnElement(new org.hl7.fhir.r4.model.DateTimeType(plan.asOf().toString()));
                    intent(plan).ifPresent(sr::addExtension);
                    sr.addNote().setText(text);
                    yield sr;
                }
                case MEDICATION_REQUEST -> {
                    org.hl7.fhir.r4.model.MedicationRequest mr = new org.hl7.fhir.r4.model.MedicationRequest();
                    mr.setStatus(org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus.ACTIVE);
                    mr.setIntent(org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestIntent.PROPOSAL);
                    mr.setMedication(new CodeableConcept().setText(r.summary()));
                    mr.setDoNotPerform(against);
                    mr.setSubject(patient.copy());
                    mr.addReasonReference(condition.copy());
                    mr.addInstantiatesUri(instantiates);
                    mr.setAuthoredOnElement(new org.hl7.fhir.r4.model.DateTimeType(plan.asOf().toString()));
                    intent(plan).ifPresent(mr::addExtension);
                    mr.addNote().setText(text);
                    yield mr;
                }
                case TASK -> {
                    org.hl7.fhir.r4.model.Task t = new org.hl7.fhir.r4.model.Task();
                    t.setStatus(org.hl7.fhir.r4.model.Task.TaskStatus.REQUESTED);
                    t.setIntent(org.hl7.fhir.r4.model.Task.TaskIntent.PROPOSAL);
                    t.getCode().setText(r.summary());
                    t.setDescription(text);
                    t.setFor(patient.copy());
                    t.setReasonReference(condition.copy());
                    t.setInstantiatesUri(instantiates);
                    t.setAuthoredOnElement(new org.hl7.fhir.r4.model.DateTimeType(plan.asOf().toString()));
                    yield t;
                }
            };
            resource.setId(CaseBundle.uuid(kase.caseId(), proposalKey(r)));
            list.add(resource);
        }
        return list;
    }

    /** The plan's treatment intent as the mCODE procedure-intent extension; none while it is undetermined. */
    static Optional<Extension> intent(Plan plan) {
        return switch (plan.intent()) {
            case CURATIVE -> Optional.of(new Extension(Codes.EXT_PROCEDURE_INTENT, new CodeableConcept(
                    Codes.coding(Codes.SNOMED, Codes.SCT_CURATIVE_INTENT, "Curative - procedure intent"))));
            case PALLIATIVE -> Optional.of(new Extension(Codes.EXT_PROCEDURE_INTENT, new CodeableConcept(
                    Codes.coding(Codes.SNOMED, Codes.SCT_PALLIATIVE_INTENT, "Palliative - procedure intent"))));
            case UNDETERMINED -> Optional.empty();
        };
    }

    /**
     * The AJCC 8th edition stage groups the plan computed (clinical, and pathological after resection) as
     * Observations: LOINC stage group code, the group as text (the AJCC code system is licensed; the
     * group's name is not), method AJCC 8th edition, focus the Condition.
     */
    public static List<org.hl7.fhir.r4.model.Observation> stageGroups(Case kase, Plan plan) {
        List<org.hl7.fhir.r4.model.Observation> list = new ArrayList<>();
        plan.classification().ajccStage().ifPresent(g -> list.add(stageGroup(kase, plan, g, Codes.LOINC_STAGE_CLINICAL,
                "Stage group.clinical Cancer", "plan/stage/clinical")));
        plan.classification().ajccPathologicalStage().ifPresent(g -> list.add(stageGroup(kase, plan, g,
                Codes.LOINC_STAGE_PATHOLOGICAL, "Stage group.pathology Cancer", "plan/stage/pathological")));
        return list;
    }

    private static org.hl7.fhir.r4.model.Observation stageGroup(Case kase, Plan plan, String group, String loinc, String display,
            String key) {
        org.hl7.fhir.r4.model.Observation o = new org.hl7.fhir.r4.model.Observation();
        o.setId(CaseBundle.uuid(kase.caseId(), key));
        o.setStatus(org.hl7.fhir.r4.model.Observation.ObservationStatus.FINAL);
        o.addCategory(new CodeableConcept(Codes.coding(Codes.OBSERVATION_CATEGORY, "survey", "Survey")));
        o.setCode(Codes.loinc(loinc, display));
        o.setSubject(CaseBundle.reference(kase.caseId(), "patient"));
        o.addFocus(CaseBundle.reference(kase.caseId(), "condition"));
        o.setEffective(CaseBundle.date(plan.asOf()));
        o.setMethod(new CodeableConcept().setText("AJCC Cancer Staging Manual, 8th edition (retroperitoneum)"));
        o.setValue(new CodeableConcept().setText("Stage " + group));
        return o;
    }

    /** The recommendations as a RequestGroup: one grouping action per phase, one action per recommendation. */
    public static RequestGroup requestGroup(Case kase, Plan plan) {
        RequestGroup group = new RequestGroup();
        group.setId(CaseBundle.uuid(kase.caseId(), "plan/request-group"));
        group.setStatus(RequestGroup.RequestStatus.ACTIVE);
        group.setIntent(RequestGroup.RequestIntent.PROPOSAL);
        group.addInstantiatesUri(KNOWLEDGE_BASE + plan.knowledgeBaseVersion());
        group.setSubject(CaseBundle.reference(kase.caseId(), "patient"));
        group.addReasonReference(CaseBundle.reference(kase.caseId(), "condition"));
        group.setAuthoredOnElement(new org.hl7.fhir.r4.model.DateTimeType(plan.asOf().toString()));
        group.getCode().setText("CavaPlan care plan, stage " + plan.stage() + ", intent " + plan.intent());
        for (Warning w : plan.warnings()) {
            group.addNote(new Annotation().setText(w.code() + ": " + w.message()));
        }
        for (Phase phase : Phase.values()) {
            List<Recommendation> inPhase = plan.recommendations().stream().filter(r -> r.phase() == phase).toList();
            if (inPhase.isEmpty()) {
                continue;
            }
            RequestGroup.RequestGroupActionComponent grouping = group.addAction();
            grouping.setId("phase-" + phase.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            grouping.setTitle(phaseTitle(phase));
            grouping.addCode(Codes.concept("phase." + phase.name()));
            grouping.setGroupingBehavior(RequestGroup.ActionGroupingBehavior.LOGICALGROUP);
            grouping.setSelectionBehavior(RequestGroup.ActionSelectionBehavior.ALL);
            for (Recommendation r : inPhase) {
                grouping.addAction(action(r).setResource(new Reference("urn:uuid:" + CaseBundle.uuid(kase.caseId(), proposalKey(r)))));
            }
        }
        return group;
    }

    private static RequestGroup.RequestGroupActionComponent action(Recommendation r) {
        RequestGroup.RequestGroupActionComponent a = new RequestGroup.RequestGroupActionComponent();
        a.setId(r.id());
        a.setPrefix(statusText(r.status()));
        a.setTitle(r.summary());
        a.setDescription(r.detail());
        a.addCode(Codes.concept("recommendation-status." + r.status().name()));
        a.addExtension(new Extension(EXT_STRENGTH, strength(r.status())));
        a.addExtension(new Extension(EXT_QUALITY, quality(r.evidence())));
        r.when().ifPresent(when -> {
            // R4 Expression allows only computable languages (CQL, FHIRPath, FHIR query): the plain-text
            // condition goes into an extension of the condition and into the action's textEquivalent.
            RequestGroup.RequestGroupActionConditionComponent condition = a.addCondition();
            condition.setKind(RequestGroup.ActionConditionKind.APPLICABILITY);
            condition.addExtension(new Extension(EXT_CONDITION_TEXT, new StringType(when)));
            a.setTextEquivalent("Applies when: " + when);
        });
        for (SourceRef s : r.sources()) {
            a.addDocumentation(new RelatedArtifact().setType(RelatedArtifact.RelatedArtifactType.CITATION).setLabel(s.id())
                    .setDisplay(s.locator()).setCitation(s.id() + ", " + s.locator()));
        }
        for (EvidenceUpdate u : r.evidenceUpdates()) {
            a.addDocumentation(new RelatedArtifact().setType(RelatedArtifact.RelatedArtifactType.DOCUMENTATION)
                    .setLabel(u.source()).setDisplay(u.note()));
        }
        return a;
    }

    /**
     * CPG strength of recommendation from the plan's status. The knowledge base does not grade
     * strength the way a GRADE panel does: a firm for or against (RECOMMENDED, CONTRAINDICATED) is
     * {@code strong}, anything that leaves room for judgement is {@code weak}; the text says so.
     */
    static CodeableConcept strength(Status status) {
        String code = status == Status.RECOMMENDED || status == Status.CONTRAINDICATED ? "strong" : "weak";
        CodeableConcept c = new CodeableConcept(Codes.coding(STRENGTH_SYSTEM, code, code.equals("strong") ? "Strong" : "Weak"));
        c.setText("from the CavaPlan status " + status + " (not a GRADE panel judgement)");
        return c;
    }

    /**
     * CPG quality of evidence from the recommendation's evidence label, by the first rule that
     * matches: expert opinion, "outside the source" and case reports are very low; series and NCCN
     * category 2B or cited NCCN guidance are low; a single review article or single source is very
     * low; randomised trials are moderate. The label itself is kept as the concept's text; a label
     * no rule matches gets the text only.
     */
    static CodeableConcept quality(String evidence) {
        CodeableConcept c = new CodeableConcept();
        qualityCode(evidence).ifPresent(code -> c.addCoding(Codes.coding(QUALITY_SYSTEM, code, switch (code) {
            case "moderate" -> "Moderate quality";
            case "low" -> "Low quality";
            default -> "Very low quality";
        })));
        c.setText(evidence);
        return c;
    }

    static Optional<String> qualityCode(String evidence) {
        String e = evidence.toLowerCase(Locale.ROOT);
        if (e.contains("expert opinion") || e.contains("outside the source") || e.contains("case report")) {
            return Optional.of("very-low");
        } else if (e.contains("series") || e.contains("nccn")) {
            return Optional.of("low");
        } else if (e.contains("single review") || e.contains("single source")) {
            return Optional.of("very-low");
        } else if (e.contains("randomi") || e.contains("trial")) {
            return Optional.of("moderate");
        }
        return Optional.empty();
    }

    /**
     * The surveillance schedule as a CarePlan, when the plan recommends surveillance imaging: one
     * activity per due date, {@code not-started} after the plan's date and {@code unknown} (we do not
     * know whether it was done) on or before it.
     */
    public static Optional<CarePlan> carePlan(Case kase, Plan plan) {
        Optional<Recommendation> surveillance = plan.recommendation(SURVEILLANCE_ID);
        if (surveillance.isEmpty() || surveillance.get().status() != Status.RECOMMENDED) {
            return Optional.empty();
        }
        Recommendation r = surveillance.get();
        Optional<SurveillanceSchedule> schedule = plan.sections().surveillance();
        CarePlan care = new CarePlan();
        care.setId(CaseBundle.uuid(kase.caseId(), "plan/care-plan"));
        care.setStatus(CarePlan.CarePlanStatus.ACTIVE);
        care.setIntent(CarePlan.CarePlanIntent.PLAN);
        care.setTitle("Surveillance after resection");
        care.setDescription(r.summary());
        care.addInstantiatesUri(KNOWLEDGE_BASE + plan.knowledgeBaseVersion());
        care.setSubject(CaseBundle.reference(kase.caseId(), "patient"));
        care.addAddresses(CaseBundle.reference(kase.caseId(), "condition"));
        // R4 basedOn admits only a CarePlan: the recommendations it follows are supporting information.
        care.addSupportingInfo(new Reference("urn:uuid:" + CaseBundle.uuid(kase.caseId(), "plan/request-group")));
        schedule.flatMap(SurveillanceSchedule::operationDate)
                .ifPresent(date -> care.setPeriod(new Period().setStartElement(CaseBundle.date(date))));
        String modality = schedule.map(SurveillanceSchedule::modality).orElse("imaging");
        for (SurveillanceSchedule.Due listed : schedule.map(SurveillanceSchedule::due).orElse(List.of())) {
            LocalDate due = listed.date();
            CarePlan.CarePlanActivityDetailComponent d = care.addActivity().getDetail();
            d.setKind(CarePlan.CarePlanActivityKind.SERVICEREQUEST);
            d.getCode().setText(modality);
            d.setStatus(due.isAfter(plan.asOf()) ? CarePlan.CarePlanActivityStatus.NOTSTARTED : CarePlan.CarePlanActivityStatus.UNKNOWN);
            d.setScheduled(new Period().setStartElement(CaseBundle.date(due)).setEndElement(CaseBundle.date(due)));
            d.setDescription(modality + " due " + due);
        }
        return Optional.of(care);
    }

    /**
     * The case's own resources, then the RequestGroup and the CarePlan, in one Bundle of type
     * {@code collection}: self-contained, every reference resolves inside it.
     */
    public static Bundle bundle(Case kase, Plan plan) {
        Bundle bundle = CaseBundle.of(kase);
        bundle.setId(CaseBundle.uuid(kase.caseId(), "plan/bundle"));
        List<org.hl7.fhir.r4.model.Observation> stages = stageGroups(kase, plan);
        String conditionUrl = "urn:uuid:" + CaseBundle.uuid(kase.caseId(), "condition");
        bundle.getEntry().stream().filter(e -> conditionUrl.equals(e.getFullUrl())).findFirst().ifPresent(e -> {
            org.hl7.fhir.r4.model.Condition c = (org.hl7.fhir.r4.model.Condition) e.getResource();
            for (org.hl7.fhir.r4.model.Observation o : stages) {
                // mCODE: the stage lives in the stage group Observation; the summary here is a copy for convenience
                c.addStage().setSummary(new CodeableConcept().setText(((CodeableConcept) o.getValue()).getText()))
                        .setType(o.getCode().copy()).addAssessment(new Reference("urn:uuid:" + o.getIdElement().getIdPart()));
            }
        });
        stages.forEach(o -> add(bundle, o));
        add(bundle, requestGroup(kase, plan));
        proposals(kase, plan).forEach(r -> add(bundle, r));
        carePlan(kase, plan).ifPresent(c -> add(bundle, c));
        return bundle;
    }

    private static void add(Bundle bundle, Resource r) {
        bundle.addEntry().setFullUrl("urn:uuid:" + r.getIdElement().getIdPart()).setResource(r);
    }

    static String statusText(Status status) {
        return switch (status) {
            case RECOMMENDED -> "Recommended";
            case CONSIDER -> "Consider";
            case CONDITIONAL -> "Conditional";
            case NOT_RECOMMENDED -> "Not recommended";
            case CONTRAINDICATED -> "Contraindicated";
        };
    }

    static String phaseTitle(Phase phase) {
        String words = phase.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1).replace("ivc", "IVC");
    }
}
