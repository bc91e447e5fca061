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
 * quality-of-evidence extensions, and a CarePlan for the surveillance schedule. The mapping is in
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

    private PlanFhir() {}

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
                grouping.addAction(action(r));
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
        care.addBasedOn(new Reference("urn:uuid:" + CaseBundle.uuid(kase.caseId(), "plan/request-group")));
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
        add(bundle, requestGroup(kase, plan));
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
