package org.cavaplan.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.cavaplan.core.meeting.ActionItem;
import org.cavaplan.core.meeting.AgendaItem;
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
import org.cavaplan.core.model.Case;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.vocabulary.PlanWords;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The minutes of a meeting with three cases, read back with PDFBox: the first case signed with an
 * override, a dissent and an action, then corrected; the second signed, all accepted; the third a
 * draft judging a recommendation its plan does not make.
 */
class MinutesTest {

    static final LocalDate DATE = LocalDate.of(2026, 3, 2);
    static final Meeting MEETING = new Meeting(7, DATE, "Sarcoma board, March", "dr.chair", List.of(
            new Attendee("dr.chair", Discipline.SURGICAL_ONCOLOGY),
            new Attendee("Dr Vasquez", Discipline.VASCULAR_SURGERY),
            new Attendee("Dr Rao", Discipline.RADIOLOGY),
            new Attendee("Dr Okafor", Discipline.RADIATION_ONCOLOGY)));
    static final Instant SAVED = Instant.parse("2026-03-02T16:10:00Z");
    static final Instant SIGNED = Instant.parse("2026-03-02T17:45:00Z");
    static final Instant CORRECTED = Instant.parse("2026-03-05T09:30:00Z");
    static final String NOT_IN_PLAN_ID = "adjuvant.made-up-by-the-board";

    static Plan ligation;
    static Plan seed;
    static Plan metastatic;
    static List<Minutes.Item> items;
    static byte[] bytes;
    static Pdf pdf;

    @BeforeAll
    static void render() throws IOException {
        ligation = plan("examples/level2-occluded-collaterals-ligation.json");
        seed = plan("examples/seed-case.json");
        metastatic = plan("examples/metastatic-symptomatic-palliative.json");
        items = List.of(first(), second(), third());
        bytes = Minutes.meeting(MEETING, items);
        pdf = Pdf.of(bytes);
    }

    @AfterAll
    static void close() throws IOException {
        pdf.close();
    }

    static Plan plan(String file) {
        Case kase = Fixtures.read(Fixtures.ROOT.resolve(file));
        return Fixtures.plan(kase, DATE);
    }

    /** The advice of a plan by recommendation id, as the server hands it. */
    static Map<String, Minutes.Advice> advice(Plan plan) {
        Map<String, Minutes.Advice> advice = new LinkedHashMap<>();
        for (Recommendation r : plan.recommendations()) {
            advice.put(r.id(), new Minutes.Advice(r.status(), r.summary()));
        }
        return advice;
    }

    static String key(Plan plan, int n) {
        return plan.keyDecisions().get(n).id();
    }

    /** The ligation case's key decisions the board judged: the resection (accepted) and the ligation (rejected). */
    static final String RESECTION = "intent.curative-resection";
    static final String LIGATION = "ivc.ligation";

    static Decision overridden(String note) {
        return new Decision("Resect en bloc with an interposition graft after restaging.", List.of(
                new DecisionItem(RESECTION, Verdict.ACCEPT, Optional.empty(), Optional.empty()),
                new DecisionItem(LIGATION, Verdict.REJECT, Optional.of(OverrideReason.ANATOMY), Optional.of(note))),
                List.of("dr.chair", "Dr Vasquez", "Dr Rao"),
                List.of(new Dissent("Dr Rao", "would restage with MRI before deciding")),
                List.of(new ActionItem("Book the operating theatre and a vascular surgeon", "Dr Vasquez", LocalDate.of(2026, 3, 16))),
                Optional.of(LocalDate.of(2026, 6, 1)));
    }

    /** Signed with an override, a dissent and an action; corrected three days later. */
    static Minutes.Item first() {
        AgendaItem agenda = new AgendaItem(7, ligation.caseId(), "Resectable with ligation, or is a graft needed?", "Dr Vasquez", 1);
        Decision draft = overridden("collaterals judged too few on the venogram");
        Decision corrected = overridden("collaterals too few on the venogram of 2026-02-20");
        DecisionRecord record = new DecisionRecord(7, ligation.caseId(), List.of(
                new DecisionVersion(1, DecisionVersion.Change.DRAFTED, draft, SAVED, "dr.chair", Optional.empty()),
                new DecisionVersion(2, DecisionVersion.Change.SIGNED, draft, SIGNED, "dr.chair", Optional.empty()),
                new DecisionVersion(3, DecisionVersion.Change.CORRECTED, corrected, CORRECTED, "dr.chair",
                        Optional.of("the note named the wrong study"))));
        return new Minutes.Item(agenda, Optional.of(record), advice(ligation));
    }

    /** Signed, everything accepted, signed by an administrator on the chair's behalf. */
    static Minutes.Item second() {
        AgendaItem agenda = new AgendaItem(7, seed.caseId(), "Surveillance after conduit thrombosis?", "Dr Rao", 2);
        Decision decision = new Decision("Continue anticoagulation; CT in three months.", List.of(
                new DecisionItem(key(seed, 0), Verdict.ACCEPT, Optional.empty(), Optional.empty())),
                List.of("dr.chair", "Dr Rao"), List.of(), List.of(), Optional.of(LocalDate.of(2026, 6, 1)));
        DecisionRecord record = new DecisionRecord(7, seed.caseId(), List.of(
                new DecisionVersion(1, DecisionVersion.Change.DRAFTED, decision, SAVED, "dr.chair", Optional.empty()),
                new DecisionVersion(2, DecisionVersion.Change.SIGNED, decision, SIGNED, "admin",
                        Optional.of("signed by an administrator on behalf of the chair dr.chair"))));
        return new Minutes.Item(agenda, Optional.of(record), advice(seed));
    }

    /** A draft that judges a recommendation the case's plan does not make. */
    static Minutes.Item third() {
        AgendaItem agenda = new AgendaItem(7, metastatic.caseId(), "Palliative options?", "Dr Okafor", 3);
        Decision decision = new Decision("Palliative radiotherapy to the symptomatic site.", List.of(
                new DecisionItem(NOT_IN_PLAN_ID, Verdict.MODIFY, Optional.of(OverrideReason.PATIENT_PREFERENCE),
                        Optional.of("the patient prefers a shorter course"))),
                List.of("Dr Okafor"), List.of(), List.of(), Optional.empty());
        DecisionRecord record = new DecisionRecord(7, metastatic.caseId(), List.of(
                new DecisionVersion(1, DecisionVersion.Change.DRAFTED, decision, SAVED, "Dr Okafor", Optional.empty())));
        return new Minutes.Item(agenda, Optional.of(record), advice(metastatic));
    }

    @Test
    void every_page_names_the_meeting_and_says_which_page_of_how_many_it_is() throws IOException {
        int pages = pdf.pages();
        assertThat(pages).isGreaterThanOrEqualTo(2);
        for (int page = 1; page <= pages; page++) {
            assertThat(pdf.text(page)).contains("Sarcoma board, March \u00b7 2026-03-02").contains("Page " + page + " of " + pages);
        }
    }

    @Test
    void the_meeting_opens_with_its_date_title_chair_and_attendees_with_their_disciplines() throws IOException {
        String page = pdf.text(1);
        assertThat(page).contains("Tumor-board minutes", "Date 2026-03-02", "Title Sarcoma board, March",
                "Chair dr.chair (chair, surgical oncology)", "4 attendees", "dr.chair (chair) Surgical oncology",
                "Dr Vasquez Vascular surgery", "Dr Rao Radiology", "Dr Okafor Radiation oncology",
                "3 cases: 2 signed, 1 draft");
    }

    @Test
    void the_agenda_lists_each_case_with_its_question_presenter_and_whether_it_is_signed() throws IOException {
        String text = pdf.text();
        String agenda = text.substring(text.indexOf("Agenda"), text.indexOf("1. Case"));
        assertThat(agenda).contains("1 " + ligation.caseId() + " Resectable with ligation, or is a graft needed? Dr Vasquez Signed",
                "2 " + seed.caseId() + " Surveillance after conduit thrombosis? Dr Rao Signed",
                // a long case id wraps in its column: the rest of it follows the row's other cells
                "3 golden-12-metastatic- Palliative options? Dr Okafor Draft symptomatic");
    }

    @Test
    void each_case_shows_its_question_presenter_present_and_agreed_plan_in_agenda_order() throws IOException {
        String text = pdf.text();
        int first = text.indexOf("1. Case " + ligation.caseId());
        int second = text.indexOf("2. Case " + seed.caseId());
        int third = text.indexOf("3. Case " + metastatic.caseId());
        assertThat(first).isPositive();
        assertThat(second).isGreaterThan(first);
        assertThat(third).isGreaterThan(second);
        String one = text.substring(first, second);
        assertThat(one).contains("Question Resectable with ligation, or is a graft needed?",
                "Presented by Dr Vasquez (vascular surgery)",
                "Present dr.chair (chair, surgical oncology); Dr Vasquez (vascular surgery); Dr Rao (radiology)",
                "Agreed plan Resect en bloc with an interposition graft after restaging.", "Next review 2026-06-01");
    }

    @Test
    void the_override_reads_the_advice_in_words_beside_the_verdict_the_reason_and_the_note() throws IOException {
        String text = pdf.text();
        String one = text.substring(text.indexOf("1. Case"), text.indexOf("2. Case"));
        assertThat(ligation.keyDecisions()).extracting(k -> k.id()).contains(RESECTION, LIGATION);
        var accepted = ligation.recommendation(RESECTION).orElseThrow();
        var rejected = ligation.recommendation(LIGATION).orElseThrow();
        assertThat(one).contains(PlanWords.status(accepted.status()) + " " + accepted.summary().substring(0, 25));
        assertThat(one).contains(PlanWords.status(rejected.status()) + " " + rejected.summary().substring(0, 25));
        // the cells of a row extract line by line: the first line of each, then the next
        assertThat(one).contains("Accepted", "Rejected Anatomy: collaterals too few on the", "venogram of 2026-02-20");
        String three = text.substring(text.indexOf("3. Case"));
        assertThat(three).contains("not in the plan A recommendation that the case's plan as of the Modified Patient preference:",
                "meeting date does not make", "a shorter course");
    }

    @Test
    void dissent_and_actions_name_who_why_the_owner_and_the_due_date() throws IOException {
        String text = pdf.text();
        String one = text.substring(text.indexOf("1. Case"), text.indexOf("2. Case"));
        assertThat(one).contains("Dissent Dr Rao (radiology) would restage with MRI before deciding",
                "Actions Action Owner Due Book the operating theatre and a vascular surgeon Dr Vasquez 2026-03-16");
        String two = text.substring(text.indexOf("2. Case"), text.indexOf("3. Case"));
        assertThat(two).contains("Dissent None recorded.", "Actions None.");
    }

    @Test
    void a_signed_decision_names_who_signed_and_when_and_a_draft_says_it_is_not_signed() throws IOException {
        String text = pdf.text();
        String one = text.substring(text.indexOf("1. Case"), text.indexOf("2. Case"));
        assertThat(one).contains("Signature Signed by dr.chair on 2026-03-02 at 17:45 UTC; corrected since, the decision above is"
                + " version 3.");
        String two = text.substring(text.indexOf("2. Case"), text.indexOf("3. Case"));
        assertThat(two).contains("Signed by admin on 2026-03-02 at 17:45 UTC (signed by an administrator on behalf of the chair"
                + " dr.chair).");
        String three = text.substring(text.indexOf("3. Case"));
        assertThat(three).contains("Not signed: a draft (version 1, saved by Dr Okafor on 2026-03-02 at 16:10 UTC)",
                "once the chair, dr.chair, signs it");
        assertThat(three).doesNotContain("Signed by");
    }

    @Test
    void the_correction_history_lists_the_signature_and_each_correction_with_its_reason_and_only_when_there_is_one()
            throws IOException {
        String text = pdf.text();
        String one = text.substring(text.indexOf("1. Case"), text.indexOf("2. Case"));
        assertThat(one).contains("Correction history", "2 Signed 2026-03-02 at 17:45 UTC dr.chair",
                "3 Corrected 2026-03-05 at 09:30 UTC dr.chair the note named the wrong study");
        assertThat(one).doesNotContain("collaterals judged too few");
        assertThat(text.substring(text.indexOf("2. Case"))).doesNotContain("Correction history");
    }

    @Test
    void no_rule_id_or_enum_constant_is_printed() throws IOException {
        String text = pdf.text();
        List<String> forbidden = new ArrayList<>();
        for (Minutes.Item item : items) {
            item.decision().orElseThrow().decision().items().forEach(i -> forbidden.add(i.recommendationId()));
        }
        for (Enum<?>[] constants : List.<Enum<?>[]>of(Verdict.values(), OverrideReason.values(), Discipline.values(),
                DecisionVersion.Change.values(), DecisionRecord.Status.values(), org.cavaplan.core.plan.Status.values())) {
            for (Enum<?> c : constants) {
                forbidden.add(c.name());
            }
        }
        assertThat(forbidden).contains(NOT_IN_PLAN_ID, "REJECT", "PATIENT_PREFERENCE", "RADIATION_ONCOLOGY", "CORRECTED");
        for (String f : forbidden) {
            assertThat(text).as(f).doesNotContain(f);
        }
    }

    @Test
    void both_fonts_are_embedded_as_subsets_on_every_page() throws IOException {
        for (int page = 0; page < pdf.pages(); page++) {
            var resources = pdf.document.getPage(page).getResources();
            assertThat(resources.getFontNames()).isNotEmpty();
            for (var name : resources.getFontNames()) {
                PDFont font = resources.getFont(name);
                assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                assertThat(font.getName()).matches("[A-Z]{6}\\+DejaVuSansCondensed(-Bold)?");
            }
        }
    }

    @Test
    void no_text_runs_off_the_page_or_into_the_header_and_footer() throws IOException {
        Layout.assertInsideMargins(pdf);
    }

    @Test
    void the_minutes_of_one_case_name_the_case_on_every_page_and_hold_no_other_case() throws IOException {
        List<Minutes.Item> many = new ArrayList<>();
        try (Pdf one = Pdf.of(Minutes.agendaCase(MEETING, items.get(0)))) {
            assertThat(one.text(1)).contains("Tumor-board minutes of one case", "Agenda item 1 of the meeting's agenda",
                    "Case " + ligation.caseId(), "Rejected");
            for (int page = 1; page <= one.pages(); page++) {
                assertThat(one.text(page)).contains("Case " + ligation.caseId() + " \u00b7 Sarcoma board, March, 2026-03-02",
                        "Page " + page + " of " + one.pages());
            }
            assertThat(one.text()).doesNotContain(seed.caseId(), metastatic.caseId(), "Question for the board");
            Layout.assertInsideMargins(one);
        }
        // a long decision flows over pages, each naming the case
        Decision decision = items.get(0).decision().orElseThrow().decision();
        List<ActionItem> actions = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            actions.add(new ActionItem("Action number " + i + " of a long list that the board asked for", "Dr Vasquez",
                    DATE.plusDays(i + 1)));
        }
        Decision longer = new Decision(decision.agreedPlan(), decision.items(), decision.present(), decision.dissent(), actions,
                decision.nextReview());
        many.add(new Minutes.Item(items.get(0).agenda(), Optional.of(new DecisionRecord(7, ligation.caseId(), List.of(
                new DecisionVersion(1, DecisionVersion.Change.DRAFTED, longer, SAVED, "dr.chair", Optional.empty())))),
                items.get(0).advice()));
        try (Pdf long_ = Pdf.of(Minutes.agendaCase(MEETING, many.get(0)))) {
            assertThat(long_.pages()).isGreaterThan(1);
            for (int page = 1; page <= long_.pages(); page++) {
                assertThat(long_.text(page)).contains("Case " + ligation.caseId(), "Page " + page + " of " + long_.pages());
            }
            assertThat(long_.text(2)).contains("Action Owner Due");
            Layout.assertInsideMargins(long_);
        }
    }

    @Test
    void a_case_without_a_decision_says_so() throws IOException {
        Minutes.Item none = Minutes.Item.undecided(new AgendaItem(7, "case-without-decision", "Anything to decide?", "Dr Rao", 4));
        try (Pdf one = Pdf.of(Minutes.meeting(MEETING, List.of(none)))) {
            assertThat(one.text()).contains("1 case: 1 without a decision", "No decision",
                    "Decision No decision has been recorded for this case.");
        }
    }

    @Test
    void the_same_inputs_give_the_same_bytes_dated_by_the_meeting_and_its_latest_version() throws IOException {
        assertThat(Minutes.meeting(MEETING, List.of(first(), second(), third()))).isEqualTo(bytes);
        var info = pdf.document.getDocumentInformation();
        assertThat(info.getCreationDate().toInstant()).isEqualTo(DATE.atStartOfDay(ZoneOffset.UTC).toInstant());
        assertThat(info.getModificationDate().toInstant()).isEqualTo(CORRECTED);
        assertThat(info.getTitle()).isEqualTo("CavaPlan tumor-board minutes: Sarcoma board, March, 2026-03-02");
    }

    @Test
    void an_item_of_another_meeting_is_refused() {
        Minutes.Item other = Minutes.Item.undecided(new AgendaItem(8, "x", "?", "Dr Rao", 1));
        assertThatThrownBy(() -> Minutes.meeting(MEETING, List.of(other))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("meeting 8");
        assertThatThrownBy(() -> new Minutes.Item(new AgendaItem(7, "x", "?", "Dr Rao", 1), items.get(0).decision(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_file_names_name_the_meeting_and_the_case() {
        assertThat(Minutes.fileName(MEETING)).isEqualTo("cavaplan-minutes-meeting-7-2026-03-02.pdf");
        assertThat(Minutes.fileName(MEETING, "abc")).isEqualTo("cavaplan-minutes-meeting-7-2026-03-02-abc.pdf");
    }

    @Test
    void poppler_renders_every_page_without_a_warning(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Poppler.installed(), "pdftoppm (poppler-utils) is not installed");
        Path file = dir.resolve("minutes.pdf");
        Files.write(file, bytes);
        Process p = new ProcessBuilder("pdftoppm", "-r", "40", "-png", file.toString(), dir.resolve("page").toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).isEmpty();
        String keep = System.getProperty("cavaplan.minutes.keep");
        if (keep != null) {
            Files.write(Path.of(keep), bytes);
        }
    }
}
