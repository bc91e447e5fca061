package org.cavaplan.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cavaplan.core.meeting.Attendee;
import org.cavaplan.core.meeting.Decision;
import org.cavaplan.core.meeting.DecisionItem;
import org.cavaplan.core.meeting.Discipline;
import org.cavaplan.core.meeting.Meeting;
import org.cavaplan.core.meeting.NewMeeting;
import org.cavaplan.core.meeting.OverrideReason;
import org.cavaplan.core.meeting.Verdict;
import org.cavaplan.registry.Actor;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The meeting pages over real HTTP on a real registry: what changed since an earlier discussion, the
 * readiness checklist, the chair's signature refused to another clinician, and the override counts
 * on the outcomes page as a researcher sees them.
 */
class MeetingPagesTest {

    @TempDir
    static Path dir;

    static WebTestServer server;
    static final Actor OPERATOR = Actor.localOperator("test", "meeting pages");
    static final String ID = WebTestServer.SEED_CASE_ID;
    static Meeting earlier;
    static Meeting later;

    @BeforeAll
    static void start() {
        server = WebTestServer.h2(dir);
        earlier = server.registry.createMeeting(OPERATOR, new NewMeeting(LocalDate.parse("2026-01-08"), "January board",
                WebTestServer.ADMIN, List.of(new Attendee("Dr Rao", Discipline.RADIOLOGY))));
        server.registry.addToAgenda(OPERATOR, earlier.id(), ID, "Resectable?", "Dr Rao");
        server.registry.saveDecision(OPERATOR, earlier.id(), ID, new Decision("Resect after radiotherapy.", List.of(
                new DecisionItem("adjuvant.radiotherapy", Verdict.REJECT, Optional.of(OverrideReason.PATIENT_PREFERENCE),
                        Optional.of("the patient declines further radiotherapy"))), List.of("Dr Rao"), List.of(), List.of(),
                Optional.empty()));
        server.registry.signDecision(OPERATOR, earlier.id(), ID);
        // the case changes after the January board (the clock stands on 2026-01-15)
        server.registry.save(OPERATOR, WebTestServer.seedCase().replace("\"margin\": \"R0\"", "\"margin\": \"R1\""),
                "margin revised by pathology");
        later = server.registry.createMeeting(OPERATOR, new NewMeeting(LocalDate.parse("2026-01-22"), "Late January board",
                WebTestServer.ADMIN, List.of(new Attendee("Dr Rao", Discipline.RADIOLOGY))));
        server.registry.addToAgenda(OPERATOR, later.id(), ID, "Re-resection after R1?", "Dr Rao");
        server.registry.save(OPERATOR, example("level2-occluded-collaterals-ligation"), "a case before its operation");
        server.registry.addToAgenda(OPERATOR, later.id(), "golden-03-level2-ligation", "Ligation or graft?", "Dr Rao");
    }

    static String example(String name) {
        try {
            return java.nio.file.Files.readString(Path.of("..", "examples", name + ".json"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void the_presentation_of_a_case_before_its_operation_draws_its_ivc_decision_and_offers_no_control() {
        WebTestServer.Client clinician = signedIn(WebTestServer.CLINICIAN, WebTestServer.PASSWORD);

        Document page = Jsoup.parse(clinician.get(server.url("/meetings/" + later.id() + "/present/2")).body());
        assertThat(page.selectFirst(".present-question").text()).isEqualTo("Ligation or graft?");
        assertThat(page.select(".present-ivc svg.ivc-tree-svg")).hasSize(1);
        assertThat(page.select(".present-size svg.size-chart-svg circle")).isNotEmpty();
        assertThat(page.select("main form, main input, main button, main select, main textarea")).isEmpty();
        assertThat(page.selectFirst("a.present-prev").attr("href")).isEqualTo("/meetings/" + later.id() + "/present/1");
        assertThat(page.select("a.present-next")).isEmpty();
        assertThat(page.select("script[src]")).extracting(e -> e.attr("src")).contains("/static/present.js");
        assertThat(clinician.get(server.url("/meetings/" + later.id() + "/present/3")).statusCode()).isEqualTo(404);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static WebTestServer.Client signedIn(String name, String password) {
        WebTestServer.Client client = new WebTestServer.Client();
        client.signIn(server, name, password);
        return client;
    }

    @Test
    void the_preparation_says_what_changed_since_the_case_was_last_discussed_and_the_first_discussion_says_so() {
        WebTestServer.Client clinician = signedIn(WebTestServer.CLINICIAN, WebTestServer.PASSWORD);

        Document now = Jsoup.parse(clinician.get(server.url("/meetings/" + later.id() + "/cases/" + ID)).body());
        assertThat(now.selectFirst(".changes").text()).contains("Last discussed at January board, 2026-01-08")
                .contains("version 1 then, version 2 now");
        assertThat(now.select(".change-list li")).singleElement().satisfies(li -> {
            assertThat(li.text()).isEqualTo("Pathology: resection margin R0 \u2192 R1");
            assertThat(li.attr("title")).isEqualTo("/pathology/margin");
        });
        Document first = Jsoup.parse(clinician.get(server.url("/meetings/" + earlier.id() + "/cases/" + ID)).body());
        assertThat(first.selectFirst(".first-discussion").text()).startsWith("First discussion");
    }

    @Test
    void the_readiness_checklist_names_a_case_without_recent_imaging_in_words() {
        WebTestServer.Client clinician = signedIn(WebTestServer.CLINICIAN, WebTestServer.PASSWORD);

        Document page = Jsoup.parse(clinician.get(server.url("/meetings/" + later.id())).body());
        assertThat(page.selectFirst("#readiness").text()).contains(ID)
                .contains("no imaging within 60 days before the meeting (latest study 2013-04-12)");
        assertThat(page.selectFirst("tr.agenda-item td.not-ready").text()).isEqualTo("not ready");
    }

    @Test
    void only_the_chair_is_offered_the_signature_and_another_clinician_is_refused_it() {
        WebTestServer.Client clinician = signedIn(WebTestServer.CLINICIAN, WebTestServer.PASSWORD);
        String decision = "/meetings/" + later.id() + "/cases/" + ID + "/decision";
        Map<String, List<String>> form = new LinkedHashMap<>();
        form.put("_csrf", List.of(csrf(clinician, decision)));
        form.put("/agreedPlan", List.of("Re-resect."));
        form.put("/present", List.of("Dr Rao"));
        assertThat(clinician.post(server.url(decision), form).statusCode()).isEqualTo(303);

        Document page = Jsoup.parse(clinician.get(server.url(decision)).body());
        assertThat(page.select("form.sign-form")).isEmpty();
        assertThat(page.selectFirst(".sign-waiting").text()).isEqualTo("The chair, admin, signs the decision.");
        HttpResponse<String> refused = clinician.post(server.url(decision + "/sign"),
                Map.of("_csrf", List.of(csrf(clinician, decision))));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(Jsoup.parse(refused.body()).text()).contains("Only the chair of the meeting (admin) signs its decisions");
        assertThat(server.registry.decision(OPERATOR, later.id(), ID).orElseThrow().signed()).isFalse();
    }

    @Test
    void a_researcher_sees_how_the_board_used_the_recommendations_as_counts_without_a_case_id() {
        WebTestServer.Client researcher = signedIn(WebTestServer.RESEARCHER, WebTestServer.PASSWORD);

        String body = researcher.get(server.url("/outcomes")).body();
        Document page = Jsoup.parse(body);
        assertThat(page.selectFirst("#board-use .lead").text()).startsWith("Over 1 signed tumor-board decision:");
        assertThat(page.select(".board-use-table tbody tr")).singleElement().satisfies(row -> {
            assertThat(row.attr("data-id")).isEqualTo("adjuvant.radiotherapy");
            assertThat(row.selectFirst("th").text()).isEqualTo("Adjuvant therapy: radiotherapy after the operation");
            assertThat(row.select("td")).extracting(org.jsoup.nodes.Element::text)
                    .containsExactly("0", "0", "1", "patient preference 1", "not known yet");
        });
        assertThat(body).doesNotContain(ID).doesNotContain("January board").doesNotContain("Dr Rao");
        assertThat(researcher.get(server.url("/meetings/" + later.id())).statusCode()).isEqualTo(403);
    }

    private static String csrf(WebTestServer.Client client, String page) {
        client.get(server.url(page));
        return client.csrf();
    }
}
