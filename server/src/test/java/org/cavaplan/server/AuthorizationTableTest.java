package org.cavaplan.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cavaplan.core.meeting.Attendee;
import org.cavaplan.core.meeting.Decision;
import org.cavaplan.core.meeting.Discipline;
import org.cavaplan.core.meeting.Meeting;
import org.cavaplan.core.meeting.NewMeeting;
import org.cavaplan.registry.Actor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuthorizationTableTest {

    enum Who { NOBODY, RESEARCHER, CLINICIAN, ADMIN }

    /** Who may use a route: anyone, any signed-in user, or a clinician or admin (identified data). */
    enum Access { PUBLIC, SIGNED_IN, CLINICAL }

    record Call(String method, String routePath, String requestPath, String body, Access access) {}

    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(dir, 40);
        // a meeting (the user clinician in the chair) with the seed case on its agenda and a draft decision
        Actor operator = Actor.localOperator("test", "test");
        Meeting meeting = server.registry.createMeeting(operator, new NewMeeting(LocalDate.parse("2013-04-01"), "Board",
                "clinician", List.of(new Attendee("Dr Rao", Discipline.RADIOLOGY))));
        meetingPath = "/api/v1/meetings/" + meeting.id();
        server.registry.addToAgenda(operator, meeting.id(), ID, "Resectable?", "Dr Rao");
        server.registry.saveDecision(operator, meeting.id(), ID, new Decision("Resect.", List.of(), List.of("Dr Rao"),
                List.of(), List.of(), Optional.empty()));
    }

    /** The meeting of the fixture. */
    static String meetingPath;
    /** A meeting that does not exist: writes to it answer 404 to those allowed, so the table's order does not matter. */
    static final String NO_MEETING = "/api/v1/meetings/999999";
    static final String DECISION = """
            {"agreedPlan": "Resect.", "items": [], "present": ["Dr Rao"]}""";

    @AfterAll
    static void stop() {
        server.close();
    }

    static final String ID = TestServer.SEED_CASE_ID;

    static List<Call> calls() {
        String seed = TestServer.seedCase();
        return List.of(
                new Call("GET", "/health", "/health", null, Access.PUBLIC),
                new Call("GET", "/api/v1/openapi.json", "/api/v1/openapi.json", null, Access.SIGNED_IN),
                new Call("POST", "/api/v1/plan", "/api/v1/plan", seed, Access.SIGNED_IN),
                new Call("POST", "/api/v1/cases", "/api/v1/cases", seed, Access.CLINICAL),
                new Call("GET", "/api/v1/cases", "/api/v1/cases", null, Access.CLINICAL),
                new Call("GET", "/api/v1/cases/{id}", "/api/v1/cases/" + ID, null, Access.CLINICAL),
                new Call("PUT", "/api/v1/cases/{id}", "/api/v1/cases/" + ID, seed, Access.CLINICAL),
                new Call("GET", "/api/v1/cases/{id}/history", "/api/v1/cases/" + ID + "/history", null, Access.CLINICAL),
                new Call("GET", "/api/v1/cases/{id}/versions/{n}", "/api/v1/cases/" + ID + "/versions/1", null,
                        Access.CLINICAL),
                new Call("POST", "/api/v1/cases/{id}/retire", "/api/v1/cases/no-such-case/retire?reason=test", null,
                        Access.CLINICAL),
                new Call("GET", "/api/v1/cases/{id}/plan", "/api/v1/cases/" + ID + "/plan", null, Access.CLINICAL),
                new Call("GET", "/api/v1/cases/{id}/report.pdf", "/api/v1/cases/" + ID + "/report.pdf", null,
                        Access.CLINICAL),
                new Call("GET", "/api/v1/analytics/km", "/api/v1/analytics/km?factor=margin&includeSynthetic=true", null, Access.SIGNED_IN),
                new Call("GET", "/api/v1/analytics/cox", "/api/v1/analytics/cox?covariates=size_cm&includeSynthetic=true", null,
                        Access.SIGNED_IN),
                new Call("GET", "/api/v1/analytics/cif", "/api/v1/analytics/cif?event=local&factor=margin&includeSynthetic=true",
                        null, Access.SIGNED_IN),
                new Call("GET", "/api/v1/export", "/api/v1/export?format=csv&deidentify=true", null, Access.SIGNED_IN),
                new Call("GET", "/api/v1/export", "/api/v1/export?format=ndjson", null, Access.CLINICAL),
                new Call("POST", "/api/v1/meetings", "/api/v1/meetings", """
                        {"date": "2026-02-01", "title": "Board", "chair": "clinician", "attendees": []}""", Access.CLINICAL),
                new Call("GET", "/api/v1/meetings", "/api/v1/meetings?from=2013-01-01", null, Access.CLINICAL),
                new Call("GET", "/api/v1/meetings/{id}", meetingPath, null, Access.CLINICAL),
                new Call("POST", "/api/v1/meetings/{id}/agenda", NO_MEETING + "/agenda",
                        "{\"caseId\": \"" + ID + "\", \"question\": \"?\", \"presenter\": \"Dr Rao\"}", Access.CLINICAL),
                new Call("GET", "/api/v1/meetings/{id}/agenda/{caseId}/decision", meetingPath + "/agenda/" + ID + "/decision", null,
                        Access.CLINICAL),
                new Call("PUT", "/api/v1/meetings/{id}/agenda/{caseId}/decision", meetingPath + "/agenda/" + ID + "/decision",
                        DECISION, Access.CLINICAL),
                new Call("POST", "/api/v1/meetings/{id}/agenda/{caseId}/decision/sign", NO_MEETING + "/agenda/" + ID
                        + "/decision/sign", null, Access.CLINICAL),
                new Call("POST", "/api/v1/meetings/{id}/agenda/{caseId}/decision/corrections", NO_MEETING + "/agenda/" + ID
                        + "/decision/corrections", DECISION.replace("{", "{\"reason\": \"a test\", "), Access.CLINICAL),
                new Call("GET", "/api/v1/meetings/{id}/agenda/{caseId}/decision/fhir", meetingPath + "/agenda/" + ID
                        + "/decision/fhir", null, Access.CLINICAL),
                new Call("GET", "/api/v1/meetings/{id}/minutes.pdf", meetingPath + "/minutes.pdf", null, Access.CLINICAL),
                new Call("GET", "/api/v1/meetings/{id}/agenda/{caseId}/minutes.pdf", meetingPath + "/agenda/" + ID
                        + "/minutes.pdf", null, Access.CLINICAL),
                new Call("GET", "/api/v1/analytics/overrides", "/api/v1/analytics/overrides", null, Access.SIGNED_IN));
    }

    static Stream<Arguments> table() {
        List<Arguments> rows = new ArrayList<>();
        for (Call call : calls()) {
            for (Who who : Who.values()) {
                rows.add(Arguments.of(call.method() + " " + call.requestPath(), who, call));
            }
        }
        return rows.stream();
    }

    static String token(Who who) {
        return switch (who) {
            case NOBODY -> null;
            case RESEARCHER -> server.researcher;
            case CLINICIAN -> server.clinician;
            case ADMIN -> server.admin.token();
        };
    }

    static boolean allowed(Access access, Who who) {
        return switch (access) {
            case PUBLIC -> true;
            case SIGNED_IN -> who != Who.NOBODY;
            case CLINICAL -> who == Who.CLINICIAN || who == Who.ADMIN;
        };
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("table")
    void everyRouteAnswersEachRoleAsItsAccessSays(String route, Who who, Call call) {
        // a write of a stored case names the version it is based on (the seed case is at version 1 throughout)
        HttpResponse<String> response = writesAStoredCase(call)
                ? server.sendIfMatch(call.method(), call.requestPath(), token(who), call.body(), 1)
                : server.send(call.method(), call.requestPath(), token(who), call.body());
        int status = response.statusCode();
        if (allowed(call.access(), who)) {
            assertThat(status).as(response.body()).isEqualTo(expected(call));
        } else if (who == Who.NOBODY) {
            assertThat(status).as(response.body()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        } else {
            assertThat(status).as(response.body()).isEqualTo(403);
        }
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    /** What a call answers to a role allowed to make it: 404 for what does not exist, 201 for a new meeting, else 200. */
    static int expected(Call call) {
        if (call.requestPath().contains("no-such-case") || call.requestPath().startsWith(NO_MEETING)) {
            return 404;
        }
        return call.method().equals("POST") && call.routePath().equals("/api/v1/meetings") ? 201 : 200;
    }

    static boolean writesAStoredCase(Call call) {
        return call.method().equals("PUT") || call.method().equals("POST") && call.routePath().startsWith("/api/v1/cases");
    }

    @Test
    void theTableCoversEveryRoute() {
        Set<String> covered = calls().stream().map(c -> c.method() + " " + c.routePath()).collect(Collectors.toSet());
        Set<String> served = CavaPlanServer.ROUTES.stream().map(r -> r.method() + " " + r.path())
                .collect(Collectors.toSet());
        assertThat(covered).isEqualTo(served);
    }
}
