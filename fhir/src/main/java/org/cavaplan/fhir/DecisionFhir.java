package org.cavaplan.fhir;

import java.util.Date;
import java.util.Optional;
import java.util.function.Function;
import org.cavaplan.core.meeting.ActionItem;
import org.cavaplan.core.meeting.Attendee;
import org.cavaplan.core.meeting.Decision;
import org.cavaplan.core.meeting.DecisionItem;
import org.cavaplan.core.meeting.DecisionRecord;
import org.cavaplan.core.meeting.DecisionVersion;
import org.cavaplan.core.meeting.Dissent;
import org.cavaplan.core.meeting.Meeting;
import org.cavaplan.core.meeting.MeetingRules;
import org.cavaplan.core.meeting.Verdict;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * A tumor board's decision on a case (issue 22) as a FHIR R4 {@link CarePlan}: status {@code draft}
 * until the chair signs, {@code active} after; intent {@code plan}; the subject and the condition
 * are the references of the case's Bundle ({@link CaseBundle}); the author is the board, a contained
 * {@link CareTeam} with the chair and the attendees as participants and their disciplines as roles.
 * Activities: the agreed plan, one per verdict on a recommendation (in words; the recommendation id
 * and the verdict are extensions), one per action (owner, due date), and the next review. Overrides,
 * dissent and corrections are notes, in words. Stateless.
 */
public final class DecisionFhir {

    /** The extension of an activity that names the knowledge base's recommendation it answers. */
    public static final String EXT_RECOMMENDATION = Codes.BASE + "/StructureDefinition/recommendation-id";
    /** The extension of an activity that holds the board's verdict: ACCEPT, MODIFY or REJECT. */
    public static final String EXT_VERDICT = Codes.BASE + "/StructureDefinition/board-verdict";
    /** The code system of the disciplines of a board (the constants of {@code Discipline}). */
    public static final String DISCIPLINES = Codes.BASE + "/CodeSystem/board-discipline";
    /** The naming system of board decisions: {@code meeting/<id>/case/<case id>}. */
    public static final String DECISION_ID = Codes.BASE + "/NamingSystem/board-decision";

    private static final String BOARD = "board";

    private DecisionFhir() {}

    /**
     * The CarePlan of {@code record} taken at {@code meeting}. {@code recommendationWords} gives the
     * words of a recommendation id (the summary of the case's plan as of the meeting date); an id it
     * does not know is described as a recommendation the plan no longer makes.
     */
    public static CarePlan carePlan(Meeting meeting, DecisionRecord record, Function<String, Optional<String>> recommendationWords) {
        String caseId = record.caseId();
        Decision decision = record.decision();
        CarePlan plan = new CarePlan();
        plan.setId(CaseBundle.uuid(caseId, "meeting/" + meeting.id() + "/decision"));
        plan.addIdentifier(new Identifier().setSystem(DECISION_ID).setValue("meeting/" + meeting.id() + "/case/" + caseId));
        plan.setStatus(record.signed() ? CarePlan.CarePlanStatus.ACTIVE : CarePlan.CarePlanStatus.DRAFT);
        plan.setIntent(CarePlan.CarePlanIntent.PLAN);
        plan.setTitle("Tumor board decision, " + meeting.title() + ", " + meeting.date());
        plan.setDescription(decision.agreedPlan());
        plan.setSubject(CaseBundle.reference(caseId, "patient")
                .setIdentifier(new Identifier().setSystem(Codes.CASE_ID).setValue(caseId)));
        plan.addAddresses(CaseBundle.reference(caseId, "condition"));
        plan.setPeriod(new Period().setStartElement(CaseBundle.date(meeting.date())));
        plan.setCreated(Date.from(record.latest().recordedAt()));

        plan.addContained(careTeam(meeting));
        plan.setAuthor(new Reference("#" + BOARD).setDisplay(meeting.title()));
        plan.addCareTeam(new Reference("#" + BOARD));
        decision.present().forEach(name -> plan.addContributor(new Reference().setDisplay(name)));

        CarePlan.CarePlanActivityDetailComponent agreed = plan.addActivity().getDetail();
        agreed.getCode().setText("plan agreed by the tumor board");
        agreed.setStatus(CarePlan.CarePlanActivityStatus.NOTSTARTED);
        agreed.setDescription(decision.agreedPlan());

        for (DecisionItem item : decision.items()) {
            String words = recommendationWords.apply(item.recommendationId())
                    .orElse("a recommendation that the case's plan no longer makes");
            CarePlan.CarePlanActivityDetailComponent d = plan.addActivity().getDetail();
            d.addExtension(EXT_RECOMMENDATION, new StringType(item.recommendationId()));
            d.addExtension(EXT_VERDICT, new CodeType(item.verdict().name()));
            d.getCode().setText(words);
            d.setStatus(item.verdict() == Verdict.REJECT ? CarePlan.CarePlanActivityStatus.CANCELLED
                    : CarePlan.CarePlanActivityStatus.NOTSTARTED);
            d.setDescription(verdictSentence(item, words));
            if (item.verdict().overrides()) {
                plan.addNote(new Annotation().setText(verdictSentence(item, words)));
            }
        }
        for (ActionItem action : decision.actions()) {
            CarePlan.CarePlanActivityDetailComponent d = plan.addActivity().getDetail();
            d.setKind(CarePlan.CarePlanActivityKind.TASK);
            d.getCode().setText("action of the tumor board");
            d.setStatus(CarePlan.CarePlanActivityStatus.NOTSTARTED);
            d.setDescription(action.text() + " (" + action.owner() + ", due " + action.due() + ")");
            d.addPerformer(new Reference().setDisplay(action.owner()));
            d.setScheduled(new Period().setEndElement(CaseBundle.date(action.due())));
        }
        decision.nextReview().ifPresent(date -> {
            CarePlan.CarePlanActivityDetailComponent d = plan.addActivity().getDetail();
            d.setKind(CarePlan.CarePlanActivityKind.APPOINTMENT);
            d.getCode().setText("next review at the tumor board");
            d.setStatus(CarePlan.CarePlanActivityStatus.SCHEDULED);
            d.setDescription("Review at the tumor board on " + date);
            d.setScheduled(new Period().setStartElement(CaseBundle.date(date)));
        });
        for (Dissent dissent : decision.dissent()) {
            plan.addNote(new Annotation().setAuthor(new StringType(dissent.name()))
                    .setText(dissent.name() + " disagreed: " + dissent.note()));
        }
        for (DecisionVersion v : record.versions()) {
            if (v.change() == DecisionVersion.Change.CORRECTED) {
                plan.addNote(new Annotation().setAuthor(new StringType(v.author())).setTime(Date.from(v.recordedAt()))
                        .setText("Corrected after signing (version " + v.version() + "): " + v.reason().orElse("")));
            }
        }
        record.signature().ifPresent(s -> plan.addNote(new Annotation().setAuthor(new StringType(s.author()))
                .setTime(Date.from(s.recordedAt())).setText("Signed by " + s.author() + s.reason().map(r -> ", " + r).orElse(""))));
        return plan;
    }

    /** "Ligation of the IVC …: the board rejected it (anatomy): the cava is occluded." */
    static String verdictSentence(DecisionItem item, String words) {
        StringBuilder text = new StringBuilder(words).append(": the board ").append(item.verdict().words()).append(" it");
        item.reason().ifPresent(r -> text.append(" (").append(r.words()).append(')'));
        item.note().ifPresent(n -> text.append(": ").append(n));
        return text.toString();
    }

    private static CareTeam careTeam(Meeting meeting) {
        CareTeam team = new CareTeam();
        team.setId(BOARD);
        team.setStatus(CareTeam.CareTeamStatus.ACTIVE);
        team.setName(meeting.title());
        team.setPeriod(new Period().setStartElement(CaseBundle.date(meeting.date())).setEndElement(CaseBundle.date(meeting.date())));
        if (meeting.attendees().stream().noneMatch(a -> MeetingRules.sameName(a.name(), meeting.chair()))) {
            team.addParticipant().setMember(new Reference().setDisplay(meeting.chair()))
                    .addRole(new CodeableConcept().setText("chair of the tumor board"));
        }
        for (Attendee a : meeting.attendees()) {
            CareTeam.CareTeamParticipantComponent p = team.addParticipant().setMember(new Reference().setDisplay(a.name()));
            p.addRole(new CodeableConcept(new Coding(DISCIPLINES, a.discipline().name(), a.discipline().member()))
                    .setText(a.discipline().member()));
            if (MeetingRules.sameName(a.name(), meeting.chair())) {
                p.addRole(new CodeableConcept().setText("chair of the tumor board"));
            }
        }
        return team;
    }
}
