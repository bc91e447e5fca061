package org.cavaplan.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cavaplan.core.meeting.NewMeeting;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.Role;
import org.cavaplan.registry.WebSession;
import org.cavaplan.server.CavaPlanServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every page route, opened by each role and by a visitor without a session: allowed roles get the
 * page, a visitor is sent to sign in, any other role gets a 403 page that names the role needed.
 * POSTs carry the session's token and content that changes nothing (a refused sign-in, a form with
 * errors), so every row can run on the same registry.
 */
class PageAuthorizationTableTest {

    enum Who { NOBODY, RESEARCHER, CLINICIAN, ADMIN }

    /** {@code status}: what an allowed role gets; {@code researcherStatus}: where a researcher is sent elsewhere. */
    record Call(String method, String routePath, String requestPath, Map<String, String> form, int status) {}

    @TempDir
    static Path dir;

    static WebTestServer server;
    static final Map<Who, String> TOKENS = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        server = WebTestServer.h2(dir);
        Actor operator = Actor.localOperator("test", "test");
        TOKENS.put(Who.RESEARCHER, server.registry.issueToken(operator, WebTestServer.RESEARCHER));
        TOKENS.put(Who.CLINICIAN, server.registry.issueToken(operator, WebTestServer.CLINICIAN));
        TOKENS.put(Who.ADMIN, server.registry.issueToken(operator, WebTestServer.ADMIN));
        // a meeting with the seed case on its agenda, for the minutes
        meetingId = server.registry.createMeeting(operator, new NewMeeting(java.time.LocalDate.parse("2014-07-07"), "Board",
                WebTestServer.CLINICIAN, List.of())).id();
        server.registry.addToAgenda(operator, meetingId, ID, "Surveillance?", "Dr Rao");
        MEETING = "/meetings/" + meetingId;
    }

    /** The fixture meeting's page; it has no decision yet, so signing changes nothing (409). */
    static String MEETING = "/meetings/1";

    /** The meeting of the fixture. */
    static long meetingId;

    @AfterAll
    static void stop() {
        server.close();
    }

    static final String ID = WebTestServer.SEED_CASE_ID;

    static List<Call> calls() {
        return List.of(
                new Call("GET", "/login", "/login", null, 200),
                new Call("POST", "/login", "/login", Map.of("username", "table-nobody", "password", "wrong"), 401),
                new Call("POST", "/logout", "/logout", Map.of(), 303),
                new Call("GET", "/account/password", "/account/password", null, 200),
                new Call("POST", "/account/password", "/account/password",
                        Map.of("current", "x", "new", "a long new passphrase", "repeat", "not the same"), 422),
                new Call("GET", "/static/{file}", "/static/cavaplan.css", null, 200),
                new Call("GET", "/", "/", null, 200),
                new Call("GET", "/cases", "/cases?stage=FOLLOW_UP&margin=R0", null, 200),
                new Call("GET", "/cases/new", "/cases/new", null, 200),
                new Call("POST", "/cases", "/cases", Map.of("/caseId", "not a valid id!"), 422),
                new Call("GET", "/cases/{id}", "/cases/" + ID, null, 200),
                new Call("POST", "/cases/{id}", "/cases/" + ID, Map.of("/caseId", ID), 422),
                new Call("GET", "/cases/{id}/edit", "/cases/" + ID + "/edit", null, 200),
                new Call("GET", "/cases/{id}/history", "/cases/" + ID + "/history", null, 200),
                new Call("GET", "/cases/{id}/versions/{n}", "/cases/" + ID + "/versions/1", null, 200),
                new Call("GET", "/cases/{id}/report.pdf", "/cases/" + ID + "/report.pdf", null, 200),
                new Call("GET", "/meetings/{id}/minutes.pdf", "/meetings/" + meetingId + "/minutes.pdf", null, 200),
                new Call("GET", "/outcomes", "/outcomes", null, 200),
                new Call("GET", "/meetings", "/meetings", null, 200),
                new Call("POST", "/meetings", "/meetings", Map.of("/title", ""), 422),
                new Call("GET", "/meetings/{id}", MEETING, null, 200),
                new Call("POST", "/meetings/{id}/agenda", MEETING + "/agenda", Map.of("/caseId", ""), 422),
                new Call("GET", "/meetings/{id}/cases/{caseId}", MEETING + "/cases/" + ID, null, 200),
                new Call("GET", "/meetings/{id}/present/{n}", MEETING + "/present/1", null, 200),
                new Call("GET", "/meetings/{id}/cases/{caseId}/decision", MEETING + "/cases/" + ID + "/decision", null, 200),
                new Call("POST", "/meetings/{id}/cases/{caseId}/decision", MEETING + "/cases/" + ID + "/decision",
                        Map.of("/agreedPlan", ""), 422),
                new Call("POST", "/meetings/{id}/cases/{caseId}/decision/sign", MEETING + "/cases/" + ID + "/decision/sign",
                        Map.of(), 409),
                new Call("POST", "/meetings/{id}/cases/{caseId}/decision/corrections",
                        MEETING + "/cases/" + ID + "/decision/corrections", Map.of("/agreedPlan", "x", "/reason", ""), 422),
                new Call("GET", "/admin/audit", "/admin/audit?target=" + ID, null, 200),
                // the SMART launch pages have their own session: a CavaPlan sign-in neither opens nor is needed for them
                new Call("GET", "/smart/launch", "/smart/launch", null, 400),
                new Call("GET", "/smart/callback", "/smart/callback?code=x&state=y", null, 400),
                new Call("GET", "/smart/plan", "/smart/plan", null, 401),
                new Call("POST", "/smart/save", "/smart/save", Map.of(), 401));
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

    static WebPages.Access access(Call call) {
        return WebPages.ROUTES.stream().filter(r -> r.method().equals(call.method()) && r.path().equals(call.routePath()))
                .findFirst().orElseThrow().access();
    }

    static Role role(Who who) {
        return Role.valueOf(who.name());
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("table")
    void everyPageAnswersEachRoleAsItsAccessSays(String route, Who who, Call call) {
        WebTestServer.Client client = new WebTestServer.Client();
        List<String> headers = new ArrayList<>();
        String csrf = "";
        if (who != Who.NOBODY) {
            WebSession session = server.sessionFor(TOKENS.get(who));
            headers.addAll(List.of("Cookie", WebPages.SESSION_COOKIE + "=" + session.token()));
            csrf = session.csrfToken();
        }
        HttpResponse<String> response;
        if (call.method().equals("GET")) {
            response = client.get(server.url(call.requestPath()), headers.toArray(String[]::new));
        } else {
            Map<String, List<String>> form = new LinkedHashMap<>();
            call.form().forEach((k, v) -> form.put(k, List.of(v)));
            form.put(WebPages.CSRF_FIELD, List.of(csrf));
            response = client.post(server.url(call.requestPath()), form, headers.toArray(String[]::new));
        }
        WebPages.Access access = access(call);
        int status = response.statusCode();

        if (access == WebPages.Access.PUBLIC) {
            boolean signedInVisitsLogin = who != Who.NOBODY && call.method().equals("GET") && call.routePath().equals("/login");
            assertThat(status).as(response.body()).isEqualTo(signedInVisitsLogin ? 303 : call.status());
        } else if (who == Who.NOBODY) {
            assertThat(status).as(response.body()).isEqualTo(303);
            assertThat(response.headers().firstValue("Location").orElseThrow()).startsWith("/login");
        } else if (access.allows(role(who))) {
            boolean researcherHome = who == Who.RESEARCHER && call.routePath().equals("/");
            assertThat(status).as(response.body()).isEqualTo(researcherHome ? 303 : call.status());
            if (researcherHome) {
                assertThat(response.headers().firstValue("Location")).hasValue("/outcomes");
            }
        } else {
            assertThat(status).as(response.body()).isEqualTo(403);
            assertThat(response.body()).contains(PageOutput.escaped(access.needs()));
        }
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(CavaPlanServer.PAGE_CSP);
        if (response.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
            assertThat(response.body()).doesNotContain(" style=\"").doesNotContainPattern("<script(?![^>]*\\ssrc=)");
        }
    }

    @Test
    void theTableCoversEveryPageRoute() {
        Set<String> covered = calls().stream().map(c -> c.method() + " " + c.routePath()).collect(Collectors.toSet());
        Set<String> served = CavaPlanServer.PAGE_ROUTES.stream().map(r -> r.method() + " " + r.path())
                .collect(Collectors.toSet());
        assertThat(covered).isEqualTo(served);
    }
}
