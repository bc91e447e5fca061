package org.cavaplan.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.cavaplan.core.meeting.ActionDue;
import org.cavaplan.core.meeting.ActionItem;
import org.cavaplan.core.meeting.AgendaItem;
import org.cavaplan.core.meeting.Attendee;
import org.cavaplan.core.meeting.Decision;
import org.cavaplan.core.meeting.DecisionItem;
import org.cavaplan.core.meeting.DecisionRecord;
import org.cavaplan.core.meeting.DecisionVersion;
import org.cavaplan.core.meeting.Discipline;
import org.cavaplan.core.meeting.Dissent;
import org.cavaplan.core.meeting.FieldError;
import org.cavaplan.core.meeting.Meeting;
import org.cavaplan.core.meeting.NewMeeting;
import org.cavaplan.core.meeting.OverrideReason;
import org.cavaplan.core.meeting.OverrideStatistics;
import org.cavaplan.core.meeting.RecommendationOverrides;
import org.cavaplan.core.meeting.Verdict;
import org.cavaplan.io.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the registry promises about tumor-board meetings, agendas and decisions (issue 22), on
 * whichever database a subclass gives it: a fresh database per test and a clock that stands still.
 */
abstract class MeetingContract {

    static final Instant START = Instant.parse("2026-01-05T09:30:00Z");
    /** Before the seed case's operation: its plan then recommends a curative resection. */
    static final LocalDate MEETING_DAY = LocalDate.parse("2013-04-01");

    final TestClock clock = new TestClock(START);
    final Actor operator = Actor.localOperator("tester", "cli");
    TestDatabase database;
    Registry registry;
    Actor chair;
    Actor colleague;
    Actor researcher;

    abstract TestDatabase newDatabase();

    @BeforeEach
    void open() throws IOException {
        database = newDatabase();
        registry = Registry.open(database.url(), clock);
        chair = user("dr.chair", Role.CLINICIAN);
        colleague = user("dr.colleague", Role.CLINICIAN);
        researcher = user("a.researcher", Role.RESEARCHER);
        registry.save(operator, RegistryContract.seedCase(), "the article's patient");
        registry.save(operator, caseWithId("second-case"), "a second patient");
        registry.save(operator, caseWithId("third-case"), "a third patient");
    }

    @AfterEach
    void close() {
        if (registry != null) {
            registry.close();
        }
        database.close();
    }

    Actor user(String name, Role role) {
        NewUser user = registry.addUser(operator, name, role);
        return ((Authentication.Authenticated) registry.authenticate(user.token(), "10.0.0.9")).actor();
    }

    static String caseWithId(String id) throws IOException {
        ObjectNode tree = (ObjectNode) Json.mapper().readTree(Files.readString(RegistryContract.SEED_CASE));
        tree.put("caseId", id);
        return tree.toString();
    }

    Meeting meeting() {
        return registry.createMeeting(chair, new NewMeeting(MEETING_DAY, "Sarcoma board", "dr.chair", List.of(
                new Attendee("dr.chair", Discipline.SURGICAL_ONCOLOGY),
                new Attendee("Dr Vasquez", Discipline.VASCULAR_SURGERY),
                new Attendee("Dr Rao", Discipline.RADIOLOGY))));
    }

    static Decision decision(DecisionItem... items) {
        return new Decision("Resect en bloc with an interposition graft.", List.of(items), List.of("dr.chair", "Dr Vasquez"),
                List.of(), List.of(new ActionItem("Book the operation", "dr.colleague", MEETING_DAY.plusDays(7))),
                Optional.of(MEETING_DAY.plusMonths(3)));
    }

    static DecisionItem accept(String id) {
        return new DecisionItem(id, Verdict.ACCEPT, Optional.empty(), Optional.empty());
    }

    static DecisionItem override(String id, Verdict verdict, OverrideReason reason) {
        return new DecisionItem(id, verdict, Optional.of(reason), Optional.of("the board weighed it otherwise"));
    }

    // ---- meetings and agendas ---------------------------------------------------------------

    @Test
    void a_meeting_is_stored_with_its_attendees_in_order_and_found_by_its_dates() {
        Meeting created = meeting();

        assertThat(created.id()).isPositive();
        assertThat(registry.meeting(colleague, created.id())).contains(created);
        assertThat(created.attendees()).extracting(Attendee::name).containsExactly("dr.chair", "Dr Vasquez", "Dr Rao");
        assertThat(registry.meetings(colleague, MEETING_DAY, MEETING_DAY)).containsExactly(created);
        assertThat(registry.meetings(colleague, MEETING_DAY.plusDays(1), MEETING_DAY.plusDays(30))).isEmpty();
        assertThat(registry.meeting(colleague, created.id() + 100)).isEmpty();
        assertThat(registry.audit(operator, AuditQuery.latest(100).about("meeting:" + created.id())))
                .extracting(AuditEntry::action).contains(AuditEntry.Action.MEETING_CREATE);
    }

    @Test
    void a_meeting_whose_chair_is_no_user_or_without_a_title_is_rejected_at_those_fields() {
        assertThatThrownBy(() -> registry.createMeeting(chair, new NewMeeting(MEETING_DAY, " ", "dr.nobody",
                List.of(new Attendee("A", Discipline.PATHOLOGY), new Attendee("a ", Discipline.NURSING)))))
                .isInstanceOfSatisfying(RegistryException.Rejected.class, e -> assertThat(e.errors())
                        .extracting(FieldError::pointer).containsExactlyInAnyOrder("/title", "/chair", "/attendees/1/name"));
        assertThat(registry.meetings(chair, MEETING_DAY, MEETING_DAY)).isEmpty();
    }

    @Test
    void cases_join_the_agenda_in_order_and_a_case_joins_a_meeting_once() {
        Meeting m = meeting();
        registry.addToAgenda(chair, m.id(), "seed-case-report", "Resectable after radiotherapy?", "Dr Vasquez");
        registry.addToAgenda(chair, m.id(), "second-case", "Which IVC reconstruction?", "Dr Rao");

        assertThat(registry.agenda(colleague, m.id())).extracting(AgendaItem::caseId, AgendaItem::order)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("seed-case-report", 1),
                        org.assertj.core.groups.Tuple.tuple("second-case", 2));
        assertThatThrownBy(() -> registry.addToAgenda(chair, m.id(), "seed-case-report", "Again?", "Dr Rao"))
                .isInstanceOf(RegistryException.AlreadyOnAgenda.class);
        assertThatThrownBy(() -> registry.addToAgenda(chair, m.id(), "no-such-case", "?", "Dr Rao"))
                .isInstanceOf(RegistryException.UnknownCase.class);
        assertThatThrownBy(() -> registry.addToAgenda(chair, m.id() + 50, "third-case", "?", "Dr Rao"))
                .isInstanceOf(RegistryException.UnknownMeeting.class);
        assertThatThrownBy(() -> registry.addToAgenda(chair, m.id(), "third-case", "", "Dr Rao"))
                .isInstanceOfSatisfying(RegistryException.Rejected.class,
                        e -> assertThat(e.errors()).extracting(FieldError::pointer).containsExactly("/question"));
        registry.retire(operator, "third-case", "entered twice");
        assertThatThrownBy(() -> registry.addToAgenda(chair, m.id(), "third-case", "Still?", "Dr Rao"))
                .isInstanceOf(RegistryException.UnknownCase.class);
    }

    @Test
    void the_meetings_of_a_case_are_those_whose_agenda_holds_it_by_date_and_reading_them_is_audited() {
        Meeting later = meeting();
        Meeting earlier = registry.createMeeting(chair, new NewMeeting(MEETING_DAY.minusDays(14), "Earlier board", "dr.chair",
                List.of()));
        Meeting without = registry.createMeeting(chair, new NewMeeting(MEETING_DAY.minusDays(7), "Other board", "dr.chair",
                List.of()));
        registry.addToAgenda(chair, later.id(), "seed-case-report", "Resectable now?", "Dr Rao");
        registry.addToAgenda(chair, earlier.id(), "seed-case-report", "Resectable?", "Dr Rao");
        registry.addToAgenda(chair, without.id(), "second-case", "Which graft?", "Dr Rao");

        assertThat(registry.meetingsOfCase(colleague, "seed-case-report")).containsExactly(earlier, later);
        assertThat(registry.meetingsOfCase(colleague, "third-case")).isEmpty();
        assertThat(registry.audit(operator, AuditQuery.latest(100).about("seed-case-report")))
                .extracting(AuditEntry::action, AuditEntry::detail)
                .contains(org.assertj.core.groups.Tuple.tuple(AuditEntry.Action.MEETING_READ,
                        "the case is on the agenda of 2 meetings"));
        assertThatThrownBy(() -> registry.meetingsOfCase(researcher, "seed-case-report"))
                .isInstanceOf(RegistryException.AccessDenied.class);
    }

    @Test
    void a_researcher_sees_no_meeting_agenda_decision_or_action_and_each_refusal_is_audited() {
        Meeting m = meeting();
        registry.addToAgenda(chair, m.id(), "seed-case-report", "Resectable?", "Dr Rao");
        registry.saveDecision(chair, m.id(), "seed-case-report", decision(accept("intent.curative-resection")));
        List<Runnable> calls = List.of(
                () -> registry.createMeeting(researcher, new NewMeeting(MEETING_DAY, "x", "dr.chair", List.of())),
                () -> registry.meetings(researcher, MEETING_DAY, MEETING_DAY),
                () -> registry.meeting(researcher, m.id()),
                () -> registry.addToAgenda(researcher, m.id(), "second-case", "?", "x"),
                () -> registry.agenda(researcher, m.id()),
                () -> registry.saveDecision(researcher, m.id(), "seed-case-report", decision()),
                () -> registry.signDecision(researcher, m.id(), "seed-case-report"),
                () -> registry.correctDecision(researcher, m.id(), "seed-case-report", decision(), "why"),
                () -> registry.decision(researcher, m.id(), "seed-case-report"),
                () -> registry.decisions(researcher, m.id()),
                () -> registry.actionsDue(researcher, "a.researcher", MEETING_DAY));
        for (Runnable call : calls) {
            assertThatThrownBy(call::run).isInstanceOf(RegistryException.AccessDenied.class);
        }
        assertThat(registry.audit(operator, AuditQuery.latest(100).by("a.researcher")))
                .filteredOn(e -> e.outcome() == AuditEntry.Outcome.DENIED).hasSize(calls.size());
        assertThat(registry.overrideStatistics(researcher).decisions()).isZero();
    }

    // ---- decisions ----------------------------------------------------------------------------

    @Test
    void a_draft_is_replaced_by_a_new_version_and_the_same_draft_again_stores_nothing() {
        Meeting m = meeting();
        registry.addToAgenda(chair, m.id(), "seed-case-report", "Resectable?", "Dr Rao");
        registry.saveDecision(colleague, m.id(), "seed-case-report", decision(accept("intent.curative-resection")));
        Decision second = decision(accept("intent.curative-resection"),
                override("ivc.ligation", Verdict.REJECT, OverrideReason.ANATOMY));
        DecisionRecord record = registry.saveDecision(colleague, m.id(), "seed-case-report", second);
        DecisionRecord again = registry.saveDecision(colleague, m.id(), "seed-case-report", second);

        assertThat(record.versions()).extracting(DecisionVersion::change)
                .containsExactly(DecisionVersion.Change.DRAFTED, DecisionVersion.Change.DRAFTED);
        assertThat(record.status()).isEqualTo(DecisionRecord.Status.DRAFT);
        assertThat(again).isEqualTo(record);
        assertThat(registry.decision(chair, m.id(), "seed-case-report")).contains(record);
        assertThat(registry.decision(chair, m.id(), "seed-case-report").orElseThrow().decision()).isEqualTo(second);
        assertThat(registry.decisions(chair, m.id())).containsExactly(record);
    }

    @Test
    void an_override_without_a_reason_or_note_is_rejected_at_its_pointers_and_nothing_is_stored() {
        Meeting m = meeting();
        registry.addToAgenda(chair, m.id(), "seed-case-report", "Resectable?", "Dr Rao");
        Decision bad = new Decision("Resect.", List.of(accept("intent.curative-resection"),
                new DecisionItem("ivc.ligation", Verdict.MODIFY, Optional.empty(), Optional.empty())),
                List.of("Dr Nobody"), List.of(new Dissent("Dr Rao", "")), List.of(), Optional.of(MEETING_DAY));

        assertThatThrownBy(() -> registry.saveDecision(chair, m.id(), "seed-case-report", bad))
                .isInstanceOfSatisfying(RegistryException.Rejected.class, e -> assertThat(e.errors())
                        .extracting(FieldError::pointer).containsExactly("/items/1/reason", "/items/1/note", "/present/0",
                                "/dissent/0/name", "/dissent/0/note", "/nextReview"));
        assertThat(registry.decision(chair, m.id(), "seed-case-report")).isEmpty();
        assertThatThrownBy(() -> registry.saveDecision(chair, m.id(), "second-case", decision()))
                .isInstanceOf(RegistryException.NotOnAgenda.class);
    }

    @Test
    void only_the_chair_signs_or_an_admin_on_the_chairs_behalf() {
        Meeting m = meeting();
        registry.addToAgenda(chair, m.id(), "seed-case-report", "Resectable?", "Dr Rao");
        registry.addToAgenda(chair, m.id(), "second-case", "Graft?", "Dr Rao");
        assertThatThrownBy(() -> registry.signDecision(chair, m.id(), "seed-case-report"))
                .isInstanceOf(RegistryException.NoDecision.class);
        registry.saveDecision(colleague, m.id(), "seed-case-report", decision(accept("intent.curative-resection")));
        registry.saveDecision(colleague, m.id(), "second-case", decision(accept("intent.curative-resection")));

        assertThatThrownBy(() -> registry.signDecision(colleague, m.id(), "seed-case-report"))
                .isInstanceOf(RegistryException.AccessDenied.class);
        clock.advance(java.time.Duration.ofMinutes(5));
        DecisionRecord signed = registry.signDecision(chair, m.id(), "seed-case-report");
        DecisionRecord onBehalf = registry.signDecision(operator, m.id(), "second-case");

        assertThat(signed.status()).isEqualTo(DecisionRecord.Status.SIGNED);
        assertThat(signed.signature().orElseThrow().author()).isEqualTo("dr.chair");
        assertThat(signed.signature().orElseThrow().recordedAt()).isEqualTo(START.plusSeconds(300));
        assertThat(signed.signature().orElseThrow().reason()).isEmpty();
        assertThat(onBehalf.signature().orElseThrow().reason().orElseThrow()).contains("on behalf of the chair dr.chair");
        assertThatThrownBy(() -> registry.signDecision(chair, m.id(), "seed-case-report"))
                .isInstanceOf(RegistryException.DecisionSigned.class);
    }

    @Test
    void a_signed_decision_cannot_be_saved_again_and_a_correction_is_a_new_version_with_its_reason() {
        Meeting m = meeting();
        registry.addToAgenda(chair, m.id(), "seed-case-report", "Resectable?", "Dr Rao");
        Decision first = decision(accept("intent.curative-resection"));
        registry.saveDecision(chair, m.id(), "seed-case-report", first);
        assertThatThrownBy(() -> registry.correctDecision(chair, m.id(), "seed-case-report", first, "typo"))
                .isInstanceOf(RegistryException.DecisionNotSigned.class);
        registry.signDecision(chair, m.id(), "seed-case-report");
        Decision corrected = decision(override("intent.curative-resection", Verdict.MODIFY, OverrideReason.PATIENT_PREFERENCE));

        assertThatThrownBy(() -> registry.saveDecision(chair, m.id(), "seed-case-report", corrected))
                .isInstanceOf(RegistryException.DecisionSigned.class);
        assertThatThrownBy(() -> registry.correctDecision(chair, m.id(), "seed-case-report", corrected, " "))
                .isInstanceOf(RegistryException.Invalid.class);
        assertThatThrownBy(() -> registry.correctDecision(colleague, m.id(), "seed-case-report", corrected, "misheard"))
                .isInstanceOf(RegistryException.AccessDenied.class);
        assertThatThrownBy(() -> registry.correctDecision(chair, m.id(), "seed-case-report", first, "nothing"))
                .isInstanceOf(RegistryException.Rejected.class);
        DecisionRecord record = registry.correctDecision(chair, m.id(), "seed-case-report", corrected,
                "the patient declined the graft after the meeting");

        assertThat(record.versions()).extracting(DecisionVersion::change).containsExactly(DecisionVersion.Change.DRAFTED,
                DecisionVersion.Change.SIGNED, DecisionVersion.Change.CORRECTED);
        assertThat(record.latest().reason()).contains("the patient declined the graft after the meeting");
        assertThat(record.decision()).isEqualTo(corrected);
        assertThat(record.versions().get(1).decision()).isEqualTo(first);
        assertThat(registry.audit(operator, AuditQuery.latest(100).about("seed-case-report")))
                .extracting(AuditEntry::action, AuditEntry::outcome).contains(
                        org.assertj.core.groups.Tuple.tuple(AuditEntry.Action.DECISION_SIGN, AuditEntry.Outcome.OK),
                        org.assertj.core.groups.Tuple.tuple(AuditEntry.Action.DECISION_SAVE, AuditEntry.Outcome.DENIED),
                        org.assertj.core.groups.Tuple.tuple(AuditEntry.Action.DECISION_CORRECT, AuditEntry.Outcome.OK));
    }

    @Test
    void the_database_refuses_to_change_or_delete_meetings_agendas_and_decision_versions() throws Exception {
        Meeting m = meeting();
        registry.addToAgenda(chair, m.id(), "seed-case-report", "Resectable?", "Dr Rao");
        registry.saveDecision(chair, m.id(), "seed-case-report", decision(accept("intent.curative-resection")));
        List<String> tampering = List.of("UPDATE decision_version SET author = 'someone'",
                "DELETE FROM decision_version", "UPDATE agenda_item SET question = 'other'", "DELETE FROM board_attendee",
                "UPDATE board_meeting SET chair = 'someone'", "TRUNCATE TABLE board_attendee",
                "TRUNCATE TABLE decision_version");
        for (String sql : tampering) {
            try (Connection c = database.connect(); Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.execute(sql)).as(sql).isInstanceOf(java.sql.SQLException.class);
            }
        }
        assertThat(registry.decision(chair, m.id(), "seed-case-report").orElseThrow().latest().author()).isEqualTo("dr.chair");
    }

    @Test
    void actions_of_signed_decisions_are_due_for_their_owner_and_those_of_drafts_are_not() {
        Meeting m = meeting();
        registry.addToAgenda(chair, m.id(), "seed-case-report", "Resectable?", "Dr Rao");
        registry.addToAgenda(chair, m.id(), "second-case", "Graft?", "Dr Rao");
        registry.saveDecision(chair, m.id(), "seed-case-report", decision(accept("intent.curative-resection")));
        registry.saveDecision(chair, m.id(), "second-case", decision(accept("intent.curative-resection")));
        registry.signDecision(chair, m.id(), "seed-case-report");

        List<ActionDue> due = registry.actionsDue(colleague, "DR.Colleague", MEETING_DAY.plusDays(7));
        assertThat(due).extracting(ActionDue::caseId).containsExactly("seed-case-report");
        assertThat(due.get(0).action().text()).isEqualTo("Book the operation");
        assertThat(due.get(0).overdue(MEETING_DAY.plusDays(8))).isTrue();
        assertThat(registry.actionsDue(colleague, "dr.colleague", MEETING_DAY.plusDays(6))).isEmpty();
        assertThat(registry.actionsDue(colleague, "dr.chair", MEETING_DAY.plusYears(1))).isEmpty();
    }

    @Test
    void override_statistics_count_signed_verdicts_reasons_and_whether_what_was_done_matched() {
        Meeting m = meeting();
        for (String id : List.of("seed-case-report", "second-case", "third-case")) {
            registry.addToAgenda(chair, m.id(), id, "Resectable?", "Dr Rao");
        }
        // all three cases were operated on later: accepting the curative resection matched, rejecting it did not
        registry.saveDecision(chair, m.id(), "seed-case-report", decision(accept("intent.curative-resection"),
                override("ivc.ligation", Verdict.REJECT, OverrideReason.ANATOMY)));
        registry.saveDecision(chair, m.id(), "second-case", decision(
                override("intent.curative-resection", Verdict.REJECT, OverrideReason.COMORBIDITY),
                override("ivc.ligation", Verdict.MODIFY, OverrideReason.ANATOMY)));
        registry.saveDecision(chair, m.id(), "third-case", decision(accept("intent.curative-resection")));
        registry.signDecision(chair, m.id(), "seed-case-report");
        registry.signDecision(chair, m.id(), "second-case");
        // the third stays a draft: not counted

        OverrideStatistics stats = registry.overrideStatistics(researcher);

        assertThat(stats.decisions()).isEqualTo(2);
        assertThat(stats.recommendations()).extracting(RecommendationOverrides::recommendationId)
                .containsExactly("intent.curative-resection", "ivc.ligation");
        RecommendationOverrides resection = stats.recommendations().get(0);
        assertThat(List.of(resection.accepted(), resection.modified(), resection.rejected())).containsExactly(1, 0, 1);
        assertThat(resection.reasons().get(OverrideReason.COMORBIDITY)).isEqualTo(1);
        assertThat(resection.reasons().get(OverrideReason.ANATOMY)).isZero();
        assertThat(resection.assessed()).isEqualTo(2);
        assertThat(resection.matched()).isEqualTo(1);
        RecommendationOverrides ligation = stats.recommendations().get(1);
        assertThat(List.of(ligation.accepted(), ligation.modified(), ligation.rejected())).containsExactly(0, 1, 1);
        assertThat(ligation.reasons().get(OverrideReason.ANATOMY)).isEqualTo(2);
        // ligation was CONDITIONAL on the meeting day: no direction to compare with
        assertThat(ligation.assessed()).isZero();

        registry.retire(operator, "second-case", "duplicate");
        assertThat(registry.overrideStatistics(researcher).decisions()).isEqualTo(1);
    }
}
