package org.cavaplan.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.AuditEntry;
import org.cavaplan.registry.AuditQuery;
import org.cavaplan.registry.CaseQuery;
import org.cavaplan.registry.Registry;
import org.cavaplan.registry.Role;
import org.cavaplan.server.CavaPlanServer;
import org.cavaplan.server.FirstStart;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Accounts, older versions and the audit log over HTTP: the password change forced after a password
 * someone else set, the superseded banner, the history in words, and the audit page's filters and
 * entries (analyses as analyses, searches in words).
 */
class AccountsPagesTest {

    @TempDir
    static Path dir;

    static WebTestServer server;
    static WebTestServer.Client clinician;
    static WebTestServer.Client admin;
    static final Actor OPERATOR = Actor.localOperator("test", "test");

    @BeforeAll
    static void start() {
        server = WebTestServer.h2(dir.resolve("shared"));
        clinician = new WebTestServer.Client();
        assertThat(clinician.signIn(server, WebTestServer.CLINICIAN, WebTestServer.PASSWORD).statusCode()).isEqualTo(303);
        admin = new WebTestServer.Client();
        assertThat(admin.signIn(server, WebTestServer.ADMIN, server.adminPassword).statusCode()).isEqualTo(303);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Map<String, List<String>> form(String... pairs) {
        return WebSecurityTest.form(pairs);
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    private static List<AuditEntry> audit(AuditQuery query) {
        return server.registry.audit(OPERATOR, query);
    }

    // ---- the password change forced after a password someone else set -----------------------------

    @Test
    void the_first_start_password_leads_only_to_the_password_page_until_it_is_changed_then_to_the_worklist() {
        try (Registry registry = Registry.open("jdbc:h2:file:" + dir.resolve("first").resolve("cavaplan").toAbsolutePath(),
                WebTestServer.CLOCK);
                CavaPlanServer.Running running = CavaPlanServer.create(registry, WebTestServer.CLOCK,
                        new CavaPlanServer.Options(1_000_000L, line -> { })).start(0)) {
            FirstStart.Admin first = FirstStart.prepare(registry, 3, 5L).orElseThrow();
            String base = "http://127.0.0.1:" + running.port();
            WebTestServer.Client browser = new WebTestServer.Client();

            HttpResponse<String> signIn = browser.post(base + "/login", form("username", FirstStart.ADMIN, "password",
                    first.password(), "next", "/admin/audit"));
            assertThat(signIn.statusCode()).isEqualTo(303);
            assertThat(location(signIn)).isEqualTo(WebPages.PASSWORD_PAGE);

            HttpResponse<String> page = browser.get(base + WebPages.PASSWORD_PAGE);
            for (WebPages.PageRoute route : WebPages.ROUTES) {
                if (route.access() == WebPages.Access.PUBLIC || WebPages.OPEN_BEFORE_PASSWORD_CHANGE.contains(route)) {
                    continue;
                }
                String path = route.path().replace("{id}", "SYNTH-5-00001").replace("{caseId}", "SYNTH-5-00001").replace("{n}", "1");
                HttpResponse<String> answer = route.method().equals("GET") ? browser.get(base + path)
                        : browser.post(base + path, form("_csrf", browser.csrf()), "Origin", base);
                assertThat(answer.statusCode()).as(route.toString()).isEqualTo(303);
                assertThat(location(answer)).as(route.toString()).isEqualTo(WebPages.PASSWORD_PAGE);
            }
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(Jsoup.parse(page.body()).selectFirst(".password-required").text()).contains("Choose your own");
            HttpResponse<String> api = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/cases"))
                    .header("Cookie", WebPages.SESSION_COOKIE + "=" + browser.sessionCookie()).GET());
            assertThat(api.statusCode()).isEqualTo(403);
            assertThat(api.body()).contains("must be changed first").contains(WebPages.PASSWORD_PAGE);
            assertThat(registry.search(OPERATOR, CaseQuery.all()).cases()).hasSize(3);

            String csrf = browser.csrf();
            HttpResponse<String> same = browser.post(base + WebPages.PASSWORD_PAGE, form("_csrf", csrf, "current",
                    first.password(), "new", first.password(), "repeat", first.password()));
            assertThat(same.statusCode()).isEqualTo(422);
            assertThat(Jsoup.parse(same.body()).selectFirst("#password-error").text())
                    .isEqualTo("The new password must differ from the current one.");
            HttpResponse<String> changed = browser.post(base + WebPages.PASSWORD_PAGE, form("_csrf", csrf, "current",
                    first.password(), "new", "my own administrator passphrase", "repeat", "my own administrator passphrase"));
            assertThat(changed.statusCode()).isEqualTo(303);
            assertThat(location(changed)).isEqualTo("/login?changed");

            HttpResponse<String> again = browser.post(base + "/login", form("username", FirstStart.ADMIN, "password",
                    "my own administrator passphrase", "next", "/"));
            assertThat(location(again)).isEqualTo("/");
            HttpResponse<String> worklist = browser.get(base + "/");
            assertThat(worklist.statusCode()).isEqualTo(200);
            assertThat(worklist.body()).contains("SYNTH-5-00001");
            assertThat(registry.audit(OPERATOR, AuditQuery.latest(50).of(AuditEntry.Action.PASSWORD_SET)))
                    .extracting(AuditEntry::outcome, AuditEntry::detail).first()
                    .satisfies(t -> assertThat(t.toList()).containsExactly(AuditEntry.Outcome.OK, "by the user, current "
                            + "password checked, the change required after a password set by someone else; 1 web sessions ended"));
            assertThat(registry.authenticate(first.token(), "test"))
                    .as("the API token of the first start is a separate credential and keeps working")
                    .isInstanceOf(org.cavaplan.registry.Authentication.Authenticated.class);
        }
    }

    @Test
    void a_password_an_administrator_sets_for_someone_else_must_be_changed_at_the_next_sign_in() {
        server.registry.addUser(OPERATOR, "dr.reset", Role.CLINICIAN);
        server.registry.setPassword(OPERATOR, "dr.reset", "set by the administrator".toCharArray());
        WebTestServer.Client browser = new WebTestServer.Client();

        HttpResponse<String> signIn = browser.signIn(server, "dr.reset", "set by the administrator");
        HttpResponse<String> cases = browser.get(server.url("/cases/" + WebTestServer.SEED_CASE_ID));
        HttpResponse<String> outcomes = browser.get(server.url("/outcomes"));

        assertThat(location(signIn)).isEqualTo(WebPages.PASSWORD_PAGE);
        assertThat(location(cases)).isEqualTo(WebPages.PASSWORD_PAGE);
        assertThat(location(outcomes)).isEqualTo(WebPages.PASSWORD_PAGE);
        browser.get(server.url(WebPages.PASSWORD_PAGE));
        HttpResponse<String> signOut = browser.post(server.url("/logout"), form("_csrf", browser.csrf()));
        assertThat(location(signOut)).isEqualTo("/login?signedOut");
    }

    // ---- older versions --------------------------------------------------------------------------

    @Test
    void an_older_version_says_by_which_version_it_was_superseded_and_offers_no_edit_while_the_current_does() {
        String id = "accounts-versions";
        String first = WebTestServer.seedCase().replace("\"seed-case-report\"", "\"" + id + "\"");
        server.registry.save(OPERATOR, first, "first entry");
        server.registry.save(OPERATOR, first.replace("\"ageYears\": 62", "\"ageYears\": 63"), "age corrected");

        Document old = Jsoup.parse(clinician.get(server.url("/cases/" + id + "/versions/1")).body());
        Document current = Jsoup.parse(clinician.get(server.url("/cases/" + id + "/versions/2")).body());
        Document latest = Jsoup.parse(clinician.get(server.url("/cases/" + id)).body());

        Element banner = old.selectFirst(".superseded-banner");
        assertThat(banner).isNotNull();
        assertThat(banner.text()).startsWith("Superseded by version 2 (2026-01-15 10:00 UTC, test). This is version 1");
        assertThat(old.select("main a")).extracting(Element::text).doesNotContain("Edit", "Download PDF report")
                .contains("Open the current version", "History");
        assertThat(old.selectFirst("a:containsOwn(What changed since)").attr("href"))
                .isEqualTo("/cases/" + id + "/history?left=1&right=2");
        for (Document doc : List.of(current, latest)) {
            assertThat(doc.select(".superseded-banner")).isEmpty();
            assertThat(doc.selectFirst("a[href=/cases/" + id + "/edit]").text()).isEqualTo("Edit");
        }
    }

    @Test
    void the_history_writes_the_difference_in_words_with_correct_grammar() {
        String id = "accounts-history";
        String first = WebTestServer.seedCase().replace("\"seed-case-report\"", "\"" + id + "\"");
        server.registry.save(OPERATOR, first, "first entry");
        server.registry.save(OPERATOR, first.replace("\"margin\": \"R0\"", "\"margin\": \"R1\""), "margin revised");

        Document history = Jsoup.parse(clinician.get(server.url("/cases/" + id + "/history")).body());

        assertThat(history.selectFirst(".diff-count").text()).isEqualTo("1 field differs.");
        assertThat(history.select("ul.changes li")).extracting(Element::text)
                .containsExactly("Pathology: resection margin R0 \u2192 R1");
        assertThat(history.selectFirst("ul.changes li").attr("title")).isEqualTo("/pathology/margin");
    }

    // ---- the audit log ---------------------------------------------------------------------------

    @Test
    void viewing_outcomes_is_logged_as_an_analysis_with_the_factor_and_the_number_of_cases_not_as_an_export() {
        WebTestServer.Client researcher = new WebTestServer.Client();
        researcher.signIn(server, WebTestServer.RESEARCHER, WebTestServer.PASSWORD);
        int cases = server.registry.search(OPERATOR, CaseQuery.all().withLimit(500)).cases().size();

        assertThat(researcher.get(server.url("/outcomes?factor=margin&covariates=grade&covariates=size_cm")).statusCode())
                .isEqualTo(200);
        String token = server.registry.issueToken(OPERATOR, WebTestServer.RESEARCHER);
        HttpResponse<String> km = send(HttpRequest.newBuilder(URI.create(server.url("/api/v1/analytics/km?factor=level")))
                .header("Authorization", "Bearer " + token).GET());
        assertThat(km.statusCode()).isEqualTo(200);

        List<AuditEntry> entries = audit(AuditQuery.latest(20).by(WebTestServer.RESEARCHER));
        assertThat(entries).extracting(AuditEntry::action).doesNotContain(AuditEntry.Action.EXPORT);
        assertThat(entries).filteredOn(e -> e.action() == AuditEntry.Action.ANALYTICS).extracting(AuditEntry::detail)
                .containsExactly("Kaplan-Meier survival by highest IVC level; " + cases + " cases",
                        // the page's section on the tumor board's use of the recommendations (issue 22)
                        "overrides of recommendations by tumor boards; 0 signed decisions",
                        "Kaplan-Meier survival by resection margin and a Cox model on FNCLCC grade (1 to 3), "
                                + "tumor size (per cm); " + cases + " cases");
    }

    @Test
    void a_search_from_the_worklist_is_logged_with_its_filters_in_words() {
        WebTestServer.Client searcher = new WebTestServer.Client();
        server.registry.addUser(OPERATOR, "dr.searcher", Role.CLINICIAN);
        WebTestServer.ownPassword(server.registry, server.registry.issueToken(OPERATOR, "dr.searcher"), WebTestServer.PASSWORD);
        searcher.signIn(server, "dr.searcher", WebTestServer.PASSWORD);

        assertThat(searcher.get(server.url("/cases?level=2&margin=R1&stage=FOLLOW_UP")).statusCode()).isEqualTo(200);

        AuditEntry search = audit(AuditQuery.latest(1).by("dr.searcher").of(AuditEntry.Action.SEARCH)).get(0);
        assertThat(search.detail()).endsWith(" for IVC level 2, stage of care follow-up, margin R1 (at most 50)")
                .doesNotContain("CaseQuery").doesNotContain("Optional");
        Document page = Jsoup.parse(admin.get(server.url("/admin/audit?user=dr.searcher&action=SEARCH")).body());
        Element row = page.selectFirst("table.audit tbody tr");
        assertThat(row.selectFirst("td.action").text()).isEqualTo("case search");
        assertThat(row.selectFirst("td.action").attr("title")).isEqualTo("SEARCH");
        assertThat(row.selectFirst("td.detail").text()).isEqualTo(search.detail());
        assertThat(row.selectFirst("td.target").text()).isEqualTo("the registry");
        assertThat(row.selectFirst("td.outcome").text()).isEqualTo("done");
    }

    @Test
    void the_audit_page_filters_by_user_action_and_days_and_names_a_bad_filter_beside_its_field() {
        server.registry.addUser(OPERATOR, "dr.audited", Role.CLINICIAN);
        WebTestServer.ownPassword(server.registry, server.registry.issueToken(OPERATOR, "dr.audited"), WebTestServer.PASSWORD);
        WebTestServer.Client audited = new WebTestServer.Client();
        assertThat(audited.signIn(server, "dr.audited", WebTestServer.PASSWORD).statusCode()).isEqualTo(303);
        audited.get(server.url("/cases/" + WebTestServer.SEED_CASE_ID));
        audited.get(server.url("/cases/" + WebTestServer.SEED_CASE_ID + "/history"));

        Document byUser = Jsoup.parse(admin.get(server.url("/admin/audit?user=dr.audited")).body());
        Document byAction = Jsoup.parse(admin.get(server.url("/admin/audit?user=dr.audited&action=HISTORY&from=2026-01-15"
                + "&to=2026-01-15")).body());
        Document later = Jsoup.parse(admin.get(server.url("/admin/audit?user=dr.audited&from=2026-01-16")).body());
        HttpResponse<String> bad = admin.get(server.url("/admin/audit?user=dr.audited&from=15.01.2026&to=2026-01-14"));

        assertThat(byUser.select("table.audit tbody td.who .name")).extracting(Element::text).containsOnly("dr.audited")
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(byAction.select("table.audit tbody td.action")).extracting(Element::text).containsExactly("case history read");
        assertThat(byAction.selectFirst("select#action option[selected]").attr("value")).isEqualTo("HISTORY");
        assertThat(byAction.selectFirst("input#from").attr("value")).isEqualTo("2026-01-15");
        assertThat(later.select("table.audit")).isEmpty();
        assertThat(later.text()).contains("No entries match these filters.");
        assertThat(bad.statusCode()).isEqualTo(400);
        Document badPage = Jsoup.parse(bad.body());
        assertThat(badPage.selectFirst("#from-error").text()).contains("Write the first day as a date");
        assertThat(badPage.selectFirst("input#from").attr("aria-describedby")).isEqualTo("from-error");
        assertThat(badPage.select("table.audit")).isEmpty();
        assertThat(audit(AuditQuery.latest(1).by(WebTestServer.ADMIN).of(AuditEntry.Action.AUDIT_READ)).get(0).detail())
                .as("the bad filter looked nothing up").isEqualTo("0 entries of by dr.audited, from 2026-01-16");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
