package org.cavaplan.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.SchemaBaseValidator;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cavaplan.core.meeting.ActionItem;
import org.cavaplan.core.meeting.Attendee;
import org.cavaplan.core.meeting.Decision;
import org.cavaplan.core.meeting.DecisionItem;
import org.cavaplan.core.meeting.DecisionRecord;
import org.cavaplan.core.meeting.DecisionVersion;
import org.cavaplan.core.meeting.Discipline;
import org.cavaplan.core.meeting.Dissent;
import org.cavaplan.core.meeting.Meeting;
import org.cavaplan.core.meeting.OverrideReason;
import org.cavaplan.core.meeting.Verdict;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.junit.jupiter.api.Test;

class DecisionFhirTest {

    static final Meeting MEETING = new Meeting(7, LocalDate.parse("2013-04-01"), "Sarcoma board", "dr.chair", List.of(
            new Attendee("dr.chair", Discipline.SURGICAL_ONCOLOGY), new Attendee("Dr Vasquez", Discipline.VASCULAR_SURGERY),
            new Attendee("Dr Rao", Discipline.RADIOLOGY)));

    static final Decision DECISION = new Decision("Resect en bloc with an interposition graft.", List.of(
            new DecisionItem("intent.curative-resection", Verdict.ACCEPT, Optional.empty(), Optional.empty()),
            new DecisionItem("ivc.ligation", Verdict.REJECT, Optional.of(OverrideReason.ANATOMY),
                    Optional.of("the collaterals are too few"))),
            List.of("dr.chair", "Dr Vasquez", "Dr Rao"), List.of(new Dissent("Dr Rao", "would restage first")),
            List.of(new ActionItem("Book the operation", "dr.colleague", LocalDate.parse("2013-04-08"))),
            Optional.of(LocalDate.parse("2013-07-01")));

    static final Map<String, String> WORDS = Map.of("intent.curative-resection", "Aim for a curative resection",
            "ivc.ligation", "Ligation of the IVC is an option");

    static DecisionRecord record(DecisionVersion.Change... changes) {
        List<DecisionVersion> versions = new java.util.ArrayList<>();
        for (int i = 0; i < changes.length; i++) {
            versions.add(new DecisionVersion(i + 1, changes[i], DECISION, Instant.parse("2026-01-05T10:00:00Z").plusSeconds(i),
                    "dr.chair", changes[i] == DecisionVersion.Change.CORRECTED ? Optional.of("a typo in the plan") : Optional.empty()));
        }
        return new DecisionRecord(MEETING.id(), "seed-case-report", versions);
    }

    static CarePlan parsedBack(DecisionRecord record) {
        String json = Fhir.json(DecisionFhir.carePlan(MEETING, record, id -> Optional.ofNullable(WORDS.get(id))));
        return Fhir.context().newJsonParser().setParserErrorHandler(new StrictErrorHandler()).parseResource(CarePlan.class, json);
    }

    @Test
    void a_signed_decision_is_an_active_care_plan_authored_by_the_board_that_parses_back_and_passes_the_r4_schemas() {
        CarePlan plan = parsedBack(record(DecisionVersion.Change.DRAFTED, DecisionVersion.Change.SIGNED));

        assertThat(plan.getStatus()).isEqualTo(CarePlan.CarePlanStatus.ACTIVE);
        assertThat(plan.getIntent()).isEqualTo(CarePlan.CarePlanIntent.PLAN);
        assertThat(plan.getSubject().getReference()).isEqualTo(CaseBundle.reference("seed-case-report", "patient").getReference());
        assertThat(plan.getAuthor().getReference()).isEqualTo("#board");
        CareTeam team = (CareTeam) plan.getContained().get(0);
        assertThat(team.getParticipant()).extracting(p -> p.getMember().getDisplay())
                .containsExactly("dr.chair", "Dr Vasquez", "Dr Rao");
        assertThat(team.getParticipant().get(1).getRoleFirstRep().getText()).isEqualTo("vascular surgeon");
        assertThat(team.getParticipant().get(0).getRole()).extracting(r -> r.getText()).contains("chair of the tumor board");

        FhirValidator validator = Fhir.context().newValidator();
        validator.setValidateAgainstStandardSchematron(false);
        validator.setValidateAgainstStandardSchema(false);
        validator.registerValidatorModule(new SchemaBaseValidator(Fhir.context()));
        assertThat(validator.validateWithResult(plan).getMessages()).extracting(SingleValidationMessage::toString).isEmpty();
    }

    @Test
    void a_draft_is_a_draft_care_plan() {
        assertThat(parsedBack(record(DecisionVersion.Change.DRAFTED)).getStatus()).isEqualTo(CarePlan.CarePlanStatus.DRAFT);
    }

    @Test
    void activities_describe_the_plan_verdicts_actions_and_review_in_words_and_keep_the_ids_in_extensions() {
        CarePlan plan = parsedBack(record(DecisionVersion.Change.DRAFTED, DecisionVersion.Change.SIGNED,
                DecisionVersion.Change.CORRECTED));
        List<String> descriptions = plan.getActivity().stream().map(a -> a.getDetail().getDescription()).toList();

        assertThat(descriptions).containsExactly("Resect en bloc with an interposition graft.",
                "Aim for a curative resection: the board accepted it",
                "Ligation of the IVC is an option: the board rejected it (anatomy): the collaterals are too few",
                "Book the operation (dr.colleague, due 2013-04-08)", "Review at the tumor board on 2013-07-01");
        assertThat(descriptions).noneMatch(d -> d.contains("ivc.ligation") || d.contains("REJECT") || d.contains("ANATOMY"));
        CarePlan.CarePlanActivityDetailComponent rejected = plan.getActivity().get(2).getDetail();
        assertThat(rejected.getExtensionByUrl(DecisionFhir.EXT_RECOMMENDATION).getValue().primitiveValue()).isEqualTo("ivc.ligation");
        assertThat(rejected.getExtensionByUrl(DecisionFhir.EXT_VERDICT).getValue().primitiveValue()).isEqualTo("REJECT");
        assertThat(rejected.getStatus()).isEqualTo(CarePlan.CarePlanActivityStatus.CANCELLED);
        assertThat(plan.getNote()).extracting(Annotation::getText).contains(
                "Ligation of the IVC is an option: the board rejected it (anatomy): the collaterals are too few",
                "Dr Rao disagreed: would restage first", "Corrected after signing (version 3): a typo in the plan");
    }
}
