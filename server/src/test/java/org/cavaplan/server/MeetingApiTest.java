package org.cavaplan.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cavaplan.fhir.Fhir;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 through the API: a whole tumor-board meeting on a real server over a real H2 registry,
 * with the user {@code clinician} in the chair.
 */
class MeetingApiTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(dir, 3);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return MAPPER.readTree(response.body());
    }

    static final String MEETING = """
            {"date": "2013-04-01", "title": "Sarcoma board", "chair": "clinician",
             "attendees": [{"name": "clinician", "discipline": "SURGICAL_ONCOLOGY"},
                           {"name": "Dr Vasquez", "discipline": "VASCULAR_SURGERY"},
                           {"name": "Dr Rao", "discipline": "RADIOLOGY"}]}""";

    /** A decision with one override (ligation rejected for the anatomy) and one dissent. */
    static String decision(String ligationReason) {
        return """
                {"agreedPlan": "Resect en bloc with an interposition graft after restaging.",
                 "items": [{"recommendationId": "intent.curative-resection", "verdict": "ACCEPT"},
                           {"recommendationId": "ivc.ligation", "verdict": "REJECT", %s"note": "too few collaterals"}],
                 "present": ["clinician", "Dr Vasquez", "Dr Rao"],
                 "dissent": [{"name": "Dr Rao", "note": "would restage with MRI first"}],
                 "actions": [{"text": "Book the operation", "owner": "clinician", "due": "2013-04-08"}],
                 "nextReview": "2013-07-01"}""".formatted(ligationReason);
    }

    @Test
    void a_whole_meeting_walks_from_the_agenda_to_a_signed_corrected_decision_its_care_plan_and_the_override_counts()
            throws Exception {
        String chair = server.clinician;
        HttpResponse<String> created = server.send("POST", "/api/v1/meetings", chair, MEETING);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = json(created).get("id").asLong();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/meetings/" + id);
        String meeting = "/api/v1/meetings/" + id;

        List<String> cases = new ArrayList<>(List.of(TestServer.SEED_CASE_ID));
        JsonNode listed = json(server.get("/api/v1/cases?limit=2", chair)).get("cases");
        listed.forEach(c -> {
            if (!c.get("caseId").asText().equals(TestServer.SEED_CASE_ID) && cases.size() < 3) {
                cases.add(c.get("caseId").asText());
            }
        });
        assertThat(cases).hasSize(3);
        for (String caseId : cases) {
            HttpResponse<String> added = server.send("POST", meeting + "/agenda", chair,
                    "{\"caseId\": \"" + caseId + "\", \"question\": \"Resectable?\", \"presenter\": \"Dr Rao\"}");
            assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        }
        JsonNode agenda = json(server.get(meeting, chair)).get("agenda");
        assertThat(agenda).hasSize(3);
        assertThat(agenda.get(2).get("order").asInt()).isEqualTo(3);

        String decisionPath = meeting + "/agenda/" + TestServer.SEED_CASE_ID + "/decision";
        HttpResponse<String> missingReason = server.send("PUT", decisionPath, chair, decision(""));
        assertThat(missingReason.statusCode()).as(missingReason.body()).isEqualTo(400);
        assertThat(missingReason.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json(missingReason).get("errors").get(0).get("pointer").asText()).isEqualTo("/items/1/reason");

        HttpResponse<String> draft = server.send("PUT", decisionPath, chair, decision("\"reason\": \"ANATOMY\", "));
        assertThat(draft.statusCode()).as(draft.body()).isEqualTo(200);
        assertThat(json(draft).get("status").asText()).isEqualTo("DRAFT");

        assertThat(server.send("POST", decisionPath + "/sign", server.researcher, null).statusCode()).isEqualTo(403);
        HttpResponse<String> signed = server.send("POST", decisionPath + "/sign", chair, null);
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        assertThat(json(signed).get("status").asText()).isEqualTo("SIGNED");
        assertThat(json(signed).get("signedBy").asText()).isEqualTo("clinician");

        HttpResponse<String> again = server.send("PUT", decisionPath, chair, decision("\"reason\": \"TRIAL\", "));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);

        String correction = decision("\"reason\": \"EVIDENCE\", ").replaceFirst("\\{", "{\"reason\": \"the reason was misrecorded\", ");
        HttpResponse<String> noReason = server.send("POST", decisionPath + "/corrections", chair,
                decision("\"reason\": \"EVIDENCE\", "));
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(json(noReason).get("errors").get(0).get("pointer").asText()).isEqualTo("/reason");
        HttpResponse<String> corrected = server.send("POST", decisionPath + "/corrections", chair, correction);
        assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(201);
        JsonNode versions = json(corrected).get("versions");
        assertThat(versions).hasSize(3);
        assertThat(versions.get(2).get("change").asText()).isEqualTo("CORRECTED");
        assertThat(versions.get(2).get("reason").asText()).isEqualTo("the reason was misrecorded");
        assertThat(versions.get(1).get("decision").get("items").get(1).get("reason").asText()).isEqualTo("ANATOMY");

        HttpResponse<String> fhir = server.get(decisionPath + "/fhir", chair);
        assertThat(fhir.statusCode()).as(fhir.body()).isEqualTo(200);
        CarePlan plan = Fhir.context().newJsonParser().parseResource(CarePlan.class, fhir.body());
        assertThat(plan.getStatus()).isEqualTo(CarePlan.CarePlanStatus.ACTIVE);
        assertThat(plan.getIntent()).isEqualTo(CarePlan.CarePlanIntent.PLAN);
        assertThat(((CareTeam) plan.getContained().get(0)).getParticipant()).hasSize(3);
        assertThat(plan.getActivity().get(1).getDetail().getDescription()).doesNotContain("intent.curative-resection")
                .contains("the board accepted it");

        // the minutes: the whole meeting (the other two cases without a decision) and the seed case alone
        String minutes = text(minutes(meeting + "/minutes.pdf", "cavaplan-minutes-meeting-" + id + "-2013-04-01.pdf"));
        assertThat(minutes).contains("Tumor-board minutes", "Sarcoma board", "Dr Vasquez Vascular surgery",
                "3 cases: 1 signed, 2 without a decision", "1. Case " + TestServer.SEED_CASE_ID,
                "Agreed plan Resect en bloc with an interposition graft after restaging.",
                "Dissent Dr Rao (radiology) would restage with MRI first", "Book the operation clinician 2013-04-08",
                "Signed by clinician on", "Correction history", "the reason was misrecorded",
                "No decision has been recorded for this case.");
        // the board's verdicts read the plan as of the meeting date in words: the ligation's summary, never its id
        assertThat(minutes).contains("Rejected Evidence judged differently: too few").doesNotContain("ivc.ligation",
                "intent.curative-resection", "REJECT", "EVIDENCE", "VASCULAR_SURGERY");
        String one = text(minutes(decisionPath.replace("/decision", "/minutes.pdf"), "cavaplan-minutes-meeting-" + id
                + "-2013-04-01-" + TestServer.SEED_CASE_ID + ".pdf"));
        assertThat(one).contains("Tumor-board minutes of one case", "Case " + TestServer.SEED_CASE_ID, "Page 1 of")
                .doesNotContain(cases.get(1), cases.get(2));
        assertThat(server.get(meeting + "/minutes.pdf", server.researcher).statusCode()).isEqualTo(403);
        assertThat(server.get("/api/v1/meetings/999999/minutes.pdf", chair).statusCode()).isEqualTo(404);
        assertThat(server.get(meeting + "/agenda/not-on-the-agenda/minutes.pdf", chair).statusCode()).isEqualTo(404);

        HttpResponse<String> overrides = server.get("/api/v1/analytics/overrides", server.researcher);
        assertThat(overrides.statusCode()).as(overrides.body()).isEqualTo(200);
        JsonNode stats = json(overrides);
        assertThat(stats.get("decisions").asInt()).isEqualTo(1);
        JsonNode ligation = stats.get("recommendations").get(1);
        assertThat(ligation.get("recommendationId").asText()).isEqualTo("ivc.ligation");
        assertThat(ligation.get("rejected").asInt()).isEqualTo(1);
        assertThat(ligation.get("reasons").get("EVIDENCE").asInt()).isEqualTo(1);
        JsonNode resection = stats.get("recommendations").get(0);
        assertThat(resection.get("accepted").asInt()).isEqualTo(1);
        assertThat(resection.get("matched").asInt()).isEqualTo(1);
        assertThat(overrides.body()).doesNotContain(TestServer.SEED_CASE_ID).doesNotContain("2013-");

        JsonNode range = json(server.get("/api/v1/meetings?from=2013-01-01&to=2013-12-31", chair));
        assertThat(range.get("meetings")).extracting(m -> m.get("id").asLong()).contains(id);
    }

    /** A minutes PDF from the API, checked as a download named {@code fileName}. */
    static byte[] minutes(String path, String fileName) {
        HttpResponse<byte[]> response = server.exchange("GET", path, server.clinician, null,
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        assertThat(response.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"" + fileName + "\"");
        return response.body();
    }

    /** The text of a PDF, whitespace collapsed. */
    static String text(byte[] pdf) throws java.io.IOException {
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            return new org.apache.pdfbox.text.PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    @Test
    void a_meeting_that_is_not_there_or_a_malformed_body_answers_with_a_problem() throws Exception {
        assertThat(server.get("/api/v1/meetings/999999", server.clinician).statusCode()).isEqualTo(404);
        assertThat(server.get("/api/v1/meetings/not-a-number", server.clinician).statusCode()).isEqualTo(404);
        HttpResponse<String> bad = server.send("POST", "/api/v1/meetings", server.clinician,
                "{\"date\": \"soon\", \"title\": \"x\", \"chair\": \"clinician\", \"attendees\": [{\"name\": \"A\", "
                        + "\"discipline\": \"ASTROLOGY\"}]}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("errors")).extracting(e -> e.get("pointer").asText())
                .containsExactly("/date", "/attendees/0/discipline");
        assertThat(server.get("/api/v1/meetings?from=2013-02-01&to=2013-01-01", server.clinician).statusCode())
                .isEqualTo(400);
        assertThat(server.get("/api/v1/meetings", server.researcher).statusCode()).isEqualTo(403);
    }
}
