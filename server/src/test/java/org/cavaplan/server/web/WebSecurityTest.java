package org.cavaplan.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.LoginPolicy;
import org.cavaplan.server.CavaPlanServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign-in, sessions, anti-forgery tokens, sign-out, password changes, headers and the request log, over HTTP. */
class WebSecurityTest {

    @TempDir
    static Path dir;

    static WebTestServer server;

    @BeforeAll
    static void start() {
        server = WebTestServer.h2(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static WebTestServer.Client signedIn(String name, String password) {
        WebTestServer.Client client = new WebTestServer.Client();
        assertThat(client.signIn(server, name, password).statusCode()).isEqualTo(303);
        return client;
    }

    static Map<String, List<String>> form(String... pairs) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            form.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
        }
        return form;
    }

    /** The seed case's form fields with a new case id, as the case form would send them (a set of choices: one value per box). */
    static Map<String, List<String>> caseForm(String caseId) {
        Map<String, List<String>> form = new LinkedHashMap<>(CaseForm.params(CaseForm.values(WebTestServer.seedCase())));
        form.put("/caseId", List.of(caseId));
        return form;
    }

    // ---- sign-in ------------------------------------------------------------------------------

    @Test
    void aVisitorWithoutASessionIsSentToTheSignInPageWithThePageAskedFor() {
        HttpResponse<String> response = new WebTestServer.Client().get(server.url("/cases?stage=FOLLOW_UP"));

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValue("/login?next=%2Fcases%3Fstage%3DFOLLOW_UP");
    }

    @Test
    void signingInOpensASessionInAnHttpOnlySameSiteCookieAndGoesToThePageAskedFor() {
        WebTestServer.Client client = new WebTestServer.Client();
        HttpResponse<String> response = client.post(server.url("/login"), form("username", WebTestServer.CLINICIAN,
                "password", WebTestServer.PASSWORD, "next", "/cases?stage=FOLLOW_UP"));

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValue("/cases?stage=FOLLOW_UP");
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith(WebPages.SESSION_COOKIE + "=").contains("; HttpOnly").contains("; SameSite=Lax")
                .contains("; Path=/").doesNotContain("Secure");
        assertThat(client.get(server.url("/cases")).statusCode()).isEqualTo(200);
    }

    @Test
    void behindATlsProxyTheCookieIsSecure() {
        HttpResponse<String> response = new WebTestServer.Client().post(server.url("/login"),
                form("username", WebTestServer.CLINICIAN, "password", WebTestServer.PASSWORD), "X-Forwarded-Proto", "https");

        assertThat(response.headers().firstValue("Set-Cookie").orElseThrow()).contains("; Secure");
    }

    @Test
    void theFirstStartsOneTimeAdminPasswordSignsInOnThePage() {
        WebTestServer.Client admin = signedIn(WebTestServer.ADMIN, server.adminPassword);

        HttpResponse<String> audit = admin.get(server.url("/admin/audit"));
        assertThat(audit.statusCode()).isEqualTo(200);
        assertThat(audit.body()).contains("<h1>Audit log</h1>");
    }

    @Test
    void aNextPageOnAnotherSiteIsReplacedByTheStartPage() {
        for (String next : List.of("//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)")) {
            HttpResponse<String> response = new WebTestServer.Client().post(server.url("/login"),
                    form("username", WebTestServer.CLINICIAN, "password", WebTestServer.PASSWORD, "next", next));
            assertThat(response.headers().firstValue("Location")).as(next).hasValue("/");
        }
    }

    @Test
    void anUnknownUserAWrongPasswordAndALockedOutUserAreToldTheSameWithoutSayingWhichItWas() {
        Actor operator = Actor.localOperator("test", "test");
        server.registry.addUser(operator, "dr.locked", org.cavaplan.registry.Role.CLINICIAN);
        server.registry.setPassword(operator, "dr.locked", WebTestServer.PASSWORD.toCharArray());
        WebTestServer.Client client = new WebTestServer.Client();

        long started = System.nanoTime();
        HttpResponse<String> unknown = client.post(server.url("/login"), form("username", "dr.nobody", "password", "wrong"));
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        HttpResponse<String> wrong = null;
        for (int i = 0; i < LoginPolicy.MAX_FAILURES; i++) {
            wrong = client.post(server.url("/login"), form("username", "dr.locked", "password", "wrong " + i));
        }
        HttpResponse<String> locked = client.post(server.url("/login"),
                form("username", "dr.locked", "password", WebTestServer.PASSWORD));

        assertThat(elapsedMs).isGreaterThanOrEqualTo(WebPages.FAILED_LOGIN_DELAY.toMillis());
        for (HttpResponse<String> r : List.of(unknown, wrong, locked)) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).contains(PageOutput.escaped(WebPages.LOGIN_REFUSED));
            assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        }
        assertThat(wrong.body().replace("dr.locked", "NAME")).isEqualTo(unknown.body().replace("dr.nobody", "NAME"));
        assertThat(locked.body()).isEqualTo(wrong.body());
    }

    // ---- sessions -----------------------------------------------------------------------------

    @Test
    void aSessionSurvivesARestartOfTheServerOnTheSameDatabase(@TempDir Path own) {
        WebTestServer.Client client = new WebTestServer.Client();
        try (WebTestServer first = WebTestServer.h2(own)) {
            assertThat(client.signIn(first, WebTestServer.CLINICIAN, WebTestServer.PASSWORD).statusCode()).isEqualTo(303);
            assertThat(client.get(first.url("/cases")).statusCode()).isEqualTo(200);
        }
        try (WebTestServer second = WebTestServer.h2(own)) {
            HttpResponse<String> page = client.get(second.url("/cases"));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains(WebTestServer.SEED_CASE_ID);
        }
    }

    @Test
    void signingOutEndsTheSessionForGood() {
        WebTestServer.Client client = signedIn(WebTestServer.CLINICIAN, WebTestServer.PASSWORD);
        String token = client.sessionCookie();
        client.get(server.url("/cases"));

        HttpResponse<String> out = client.post(server.url("/logout"), form("_csrf", client.csrf()));

        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Location")).hasValue("/login?signedOut");
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(server.registry.session(token, "test")).isEmpty();
        HttpResponse<String> replayed = new WebTestServer.Client().get(server.url("/cases"),
                "Cookie", WebPages.SESSION_COOKIE + "=" + token);
        assertThat(replayed.statusCode()).isEqualTo(303);
        assertThat(replayed.headers().firstValue("Location").orElseThrow()).startsWith("/login");
    }

    @Test
    void signingInAgainInTheSameBrowserEndsItsEarlierSession() {
        WebTestServer.Client client = signedIn(WebTestServer.CLINICIAN, WebTestServer.PASSWORD);
        String first = client.sessionCookie();

        assertThat(client.signIn(server, WebTestServer.CLINICIAN, WebTestServer.PASSWORD).statusCode()).isEqualTo(303);

        assertThat(client.sessionCookie()).isNotNull().isNotEqualTo(first);
        assertThat(server.registry.session(first, "test")).isEmpty();
        assertThat(server.registry.session(client.sessionCookie(), "test")).isPresent();
    }

    // ---- anti-forgery -------------------------------------------------------------------------

    @Test
    void aFormWithoutTheRightTokenOrFromAnotherSiteIsRefusedAndNothingIsStored() {
        WebTestServer.Client client = signedIn(WebTestServer.CLINICIAN, WebTestServer.PASSWORD);
        client.get(server.url("/cases/new"));
        String csrf = client.csrf();
        Actor operator = Actor.localOperator("test", "test");

        Map<String, List<String>> missing = caseForm("csrf-missing");
        Map<String, List<String>> wrong = caseForm("csrf-wrong");
        wrong.put("_csrf", List.of(csrf + "x"));
        Map<String, List<String>> foreign = caseForm("csrf-foreign");
        foreign.put("_csrf", List.of(csrf));
        Map<String, List<String>> right = caseForm("csrf-right");
        right.put("_csrf", List.of(csrf));

        assertThat(client.post(server.url("/cases"), missing).statusCode()).isEqualTo(403);
        assertThat(client.post(server.url("/cases"), wrong).statusCode()).isEqualTo(403);
        assertThat(client.post(server.url("/cases"), foreign, "Origin", "http://evil.example").statusCode()).isEqualTo(403);
        HttpResponse<String> stored = client.post(server.url("/cases"), right, "Origin", server.url(""));

        assertThat(server.registry.read(operator, "csrf-missing")).isEmpty();
        assertThat(server.registry.read(operator, "csrf-wrong")).isEmpty();
        assertThat(server.registry.read(operator, "csrf-foreign")).isEmpty();
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(303);
        assertThat(stored.headers().firstValue("Location")).hasValue("/cases/csrf-right");
        assertThat(server.registry.read(operator, "csrf-right")).isPresent();
    }

    @Test
    void signingOutWithoutTheTokenIsRefusedAndTheSessionStays() {
        WebTestServer.Client client = signedIn(WebTestServer.CLINICIAN, WebTestServer.PASSWORD);

        assertThat(client.post(server.url("/logout"), form()).statusCode()).isEqualTo(403);
        assertThat(client.get(server.url("/cases")).statusCode()).isEqualTo(200);
    }

    // ---- passwords ----------------------------------------------------------------------------

    @Test
    void aUserChangesTheirPasswordAndEverySessionEnds() {
        Actor operator = Actor.localOperator("test", "test");
        server.registry.addUser(operator, "dr.changer", org.cavaplan.registry.Role.CLINICIAN);
        server.registry.setPassword(operator, "dr.changer", WebTestServer.PASSWORD.toCharArray());
        WebTestServer.Client client = signedIn("dr.changer", WebTestServer.PASSWORD);
        WebTestServer.Client elsewhere = signedIn("dr.changer", WebTestServer.PASSWORD);
        client.get(server.url("/account/password"));
        String csrf = client.csrf();
        String next = "another long passphrase";

        HttpResponse<String> mismatch = client.post(server.url("/account/password"),
                form("_csrf", csrf, "current", WebTestServer.PASSWORD, "new", next, "repeat", next + "!"));
        HttpResponse<String> tooShort = client.post(server.url("/account/password"),
                form("_csrf", csrf, "current", WebTestServer.PASSWORD, "new", "short", "repeat", "short"));
        HttpResponse<String> wrongCurrent = client.post(server.url("/account/password"),
                form("_csrf", csrf, "current", "not the password", "new", next, "repeat", next));
        HttpResponse<String> changed = client.post(server.url("/account/password"),
                form("_csrf", csrf, "current", WebTestServer.PASSWORD, "new", next, "repeat", next));

        assertThat(mismatch.statusCode()).isEqualTo(422);
        assertThat(mismatch.body()).contains("differ");
        assertThat(tooShort.statusCode()).isEqualTo(422);
        assertThat(tooShort.body()).contains("at least " + WebPages.MIN_PASSWORD + " characters");
        assertThat(wrongCurrent.statusCode()).isEqualTo(403);
        assertThat(changed.statusCode()).isEqualTo(303);
        assertThat(changed.headers().firstValue("Location")).hasValue("/login?changed");
        assertThat(client.get(server.url("/cases")).statusCode()).isEqualTo(303);
        assertThat(elsewhere.get(server.url("/cases")).statusCode()).isEqualTo(303);
        assertThat(new WebTestServer.Client().signIn(server, "dr.changer", WebTestServer.PASSWORD).statusCode()).isEqualTo(401);
        assertThat(new WebTestServer.Client().signIn(server, "dr.changer", next).statusCode()).isEqualTo(303);
    }

    // ---- failures -----------------------------------------------------------------------------

    @Test
    void anUnknownCaseIsAnsweredWithA404PageAndAnUnknownPathWithAPageForABrowser() {
        WebTestServer.Client client = signedIn(WebTestServer.CLINICIAN, WebTestServer.PASSWORD);

        HttpResponse<String> unknownCase = client.get(server.url("/cases/no-such-case"));
        HttpResponse<String> unknownPath = client.get(server.url("/nowhere"), "Accept", "text/html");

        assertThat(unknownCase.statusCode()).isEqualTo(404);
        assertThat(unknownCase.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(unknownCase.body()).contains("There is no case no-such-case in the registry.");
        assertThat(unknownPath.statusCode()).isEqualTo(404);
        assertThat(unknownPath.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(unknownPath.body()).contains("<html lang=\"en\">");
    }

    @Test
    void aFormLargerThanTheServerAcceptsIsRefusedAndNothingIsStored() {
        WebTestServer.Client client = signedIn(WebTestServer.CLINICIAN, WebTestServer.PASSWORD);
        client.get(server.url("/cases/new"));
        Map<String, List<String>> form = caseForm("too-large");
        form.put("_csrf", List.of(client.csrf()));
        form.put("_reason", List.of("x".repeat(1_200_000)));

        HttpResponse<String> response = client.post(server.url("/cases"), form);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(server.registry.read(Actor.localOperator("test", "test"), "too-large")).isEmpty();
    }

    // ---- headers, markup, log -----------------------------------------------------------------

    @Test
    void pagesCarryTheSecurityHeadersAndTheAccessibleFrame() {
        WebTestServer.Client client = signedIn(WebTestServer.CLINICIAN, WebTestServer.PASSWORD);
        for (String path : List.of("/login", "/cases")) {
            HttpResponse<String> page = (path.equals("/login") ? new WebTestServer.Client() : client).get(server.url(path));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(CavaPlanServer.PAGE_CSP);
            assertThat(CavaPlanServer.PAGE_CSP).contains("frame-ancestors 'none'").contains("default-src 'none'");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(page.body()).startsWith("<!DOCTYPE html>").contains("<html lang=\"en\">")
                    .contains("<a class=\"skip-link\" href=\"#main\">").contains("<main id=\"main\"")
                    .contains("/static/cavaplan.css").contains("/static/plan.css").contains("/static/form.css")
                    .contains(org.cavaplan.knowledge.CavaPlanKnowledge.VERSION);
        }
        HttpResponse<String> api = client.get(server.url("/health"));
        assertThat(api.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; frame-ancestors 'none'");
    }

    @Test
    void stylesheetsAreServedWithTheirTypeAndMayBeCached() {
        HttpResponse<String> css = new WebTestServer.Client().get(server.url("/static/cavaplan.css"));

        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/css");
        assertThat(css.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age");
        assertThat(new WebTestServer.Client().get(server.url("/static/cavaplan.css"), "If-None-Match",
                css.headers().firstValue("ETag").orElseThrow()).statusCode()).isEqualTo(304);
        assertThat(new WebTestServer.Client().get(server.url("/static/..%2Fopenapi.json")).statusCode()).isEqualTo(404);
        assertThat(new WebTestServer.Client().get(server.url("/static/nothing.css")).statusCode()).isEqualTo(404);
    }

    @Test
    void theRequestLogHasOneLinePerRequestWithoutQueryStringsTokensOrCaseContent() {
        WebTestServer.Client client = signedIn(WebTestServer.CLINICIAN, WebTestServer.PASSWORD);
        String token = client.sessionCookie();
        client.get(server.url("/cases?q=confidential-search-text"));
        String csrf = client.csrf();
        Map<String, List<String>> form = caseForm("logged-case");
        form.put("_csrf", List.of(csrf));
        form.put("_reason", List.of("a reason that must not be logged"));
        assertThat(client.post(server.url("/cases"), form).statusCode()).isEqualTo(303);
        new WebTestServer.Client().get(server.url("/health"));

        List<String> lines = server.log.stream().filter(l -> l.contains(WebTestServer.CLINICIAN)).toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("GET /cases 200 \\d+ ms " + WebTestServer.CLINICIAN.replace(".", "\\.")));
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("POST /cases 303 \\d+ ms " + WebTestServer.CLINICIAN.replace(".", "\\.")));
        assertThat(server.log).allSatisfy(l -> assertThat(l).doesNotContain("?").doesNotContain("confidential")
                .doesNotContain(token).doesNotContain(csrf).doesNotContain("must not be logged")
                .doesNotContain(WebTestServer.PASSWORD));
        assertThat(server.log).anySatisfy(l -> assertThat(l).matches("GET /health 200 \\d+ ms -"));
    }
}
