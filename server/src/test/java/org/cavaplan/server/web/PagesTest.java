package org.cavaplan.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.CaseVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The worklist, the case pages, the audit log and the navigation, over HTTP. */
class PagesTest {

    @TempDir
    static Path dir;

    static WebTestServer server;
    static WebTestServer.Client clinician;

    @BeforeAll
    static void start() {
        server = WebTestServer.h2(dir);
        clinician = new WebTestServer.Client();
        assertThat(clinician.signIn(server, WebTestServer.CLINICIAN, WebTestServer.PASSWORD).statusCode()).isEqualTo(303);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<String> caseLinks(String page) {
        Matcher m = Pattern.compile("<th scope=\"row\"><a href=\"/cases/([^\"]+)\">").matcher(page);
        List<String> ids = new ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    static String link(String page, String rel) {
        Matcher m = Pattern.compile("<a rel=\"" + rel + "\" href=\"([^\"]+)\">").matcher(page);
        return m.find() ? m.group(1).replace("&amp;", "&") : null;
    }

    @Test
    void theWorklistPagesForwardAndBackByCaseId() {
        HttpResponse<String> first = clinician.get(server.url("/cases?limit=5"));
        assertThat(first.statusCode()).isEqualTo(200);
        List<String> firstIds = caseLinks(first.body());
        assertThat(firstIds).hasSize(5).isSorted();
        assertThat(link(first.body(), "prev")).isNull();

        HttpResponse<String> second = clinician.get(server.url(link(first.body(), "next")));
        List<String> secondIds = caseLinks(second.body());
        assertThat(secondIds).hasSize(5);
        assertThat(secondIds.get(0)).isGreaterThan(firstIds.get(4));

        HttpResponse<String> third = clinician.get(server.url(link(second.body(), "next")));
        HttpResponse<String> backToSecond = clinician.get(server.url(link(third.body(), "prev")));
        HttpResponse<String> backToFirst = clinician.get(server.url(link(backToSecond.body(), "prev")));
        assertThat(caseLinks(backToSecond.body())).isEqualTo(secondIds);
        assertThat(caseLinks(backToFirst.body())).isEqualTo(firstIds);
    }

    @Test
    void theWorklistFiltersAsTheApiDoesAndExplainsABadFilter() {
        HttpResponse<String> text = clinician.get(server.url("/cases?q=SEED-case"));
        assertThat(caseLinks(text.body())).containsExactly(WebTestServer.SEED_CASE_ID);
        assertThat(text.body()).contains("value=\"SEED-case\"");

        HttpResponse<String> bad = clinician.get(server.url("/cases?level=9"));
        assertThat(bad.statusCode()).isEqualTo(400);
        // the page templates escape a quote in text as the HTML standard allows (left as is), not as &quot;
        assertThat(org.jsoup.Jsoup.parse(bad.body()).select(".error-summary li").eachText())
                .contains("level must be a whole number from 1 to 3, not \"9\"");

        HttpResponse<String> none = clinician.get(server.url("/cases?q=%3Cscript%3E"));
        assertThat(none.statusCode()).isEqualTo(200);
        // escaped as the templates escape an attribute: the "<" is, a ">" needs not be
        assertThat(none.body()).contains("No case matches").contains("value=\"&lt;script").doesNotContain("<script>");
    }

    @Test
    void aCaseIsCreatedAndChangedThroughTheFormAndItsIdStaysTheSame() {
        clinician.get(server.url("/cases/new"));
        Map<String, List<String>> form = new LinkedHashMap<>(CaseForm.params(CaseForm.values(WebTestServer.seedCase())));
        form.put("/caseId", List.of("form-made"));
        form.put("_csrf", List.of(clinician.csrf()));
        form.put("_reason", List.of("tumor board of 12 January"));

        HttpResponse<String> created = clinician.post(server.url("/cases"), form);
        assertThat(created.statusCode()).isEqualTo(303);
        assertThat(created.headers().firstValue("Location")).hasValue("/cases/form-made");
        HttpResponse<String> plan = clinician.get(server.url("/cases/form-made"));
        assertThat(plan.statusCode()).isEqualTo(200);
        assertThat(plan.body()).contains("<title>Plan – form-made · CavaPlan</title>");

        HttpResponse<String> again = clinician.post(server.url("/cases"), form);
        assertThat(again.statusCode()).isEqualTo(422);
        assertThat(again.body()).contains("is taken by a case in the registry");

        Map<String, List<String>> renamed = new LinkedHashMap<>(form);
        renamed.put("/caseId", List.of("form-renamed"));
        HttpResponse<String> refused = clinician.post(server.url("/cases/form-made"), renamed);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("must stay &quot;form-made&quot;");

        Map<String, List<String>> changed = new LinkedHashMap<>(form);
        changed.put("/patient/ageYears", List.of("63"));
        changed.put(CaseFormView.BASE, List.of("1"));
        assertThat(clinician.post(server.url("/cases/form-made"), changed).statusCode()).isEqualTo(303);
        List<CaseVersion> versions = server.registry.history(Actor.localOperator("test", "test"), "form-made");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).reason()).isEqualTo("tumor board of 12 January");
        assertThat(versions.get(1).author()).isEqualTo(WebTestServer.CLINICIAN);
        HttpResponse<String> history = clinician.get(server.url("/cases/form-made/history"));
        assertThat(history.statusCode()).isEqualTo(200);
        assertThat(history.body()).contains("/patient/ageYears");
        assertThat(clinician.get(server.url("/cases/form-made/versions/1")).statusCode()).isEqualTo(200);
        assertThat(clinician.get(server.url("/cases/form-made/versions/3")).statusCode()).isEqualTo(404);
    }

    @Test
    void theReportDownloadsAsAPdfWithTheSessionAlone() {
        HttpResponse<String> pdf = clinician.get(server.url("/cases/" + WebTestServer.SEED_CASE_ID + "/report.pdf"));

        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/pdf");
        assertThat(pdf.body()).startsWith("%PDF-");
    }

    @Test
    void theAuditLogShowsSignInsToAnAdminFilteredByTarget() {
        WebTestServer.Client admin = new WebTestServer.Client();
        assertThat(admin.signIn(server, WebTestServer.ADMIN, server.adminPassword).statusCode()).isEqualTo(303);

        HttpResponse<String> page = admin.get(server.url("/admin/audit?target=" + WebTestServer.CLINICIAN));

        assertThat(page.statusCode()).isEqualTo(200);
        org.jsoup.select.Elements rows = org.jsoup.Jsoup.parse(page.body()).select("table.audit tbody tr");
        assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(row.selectFirst("td.target").text())
                .isEqualTo(WebTestServer.CLINICIAN));
        assertThat(rows).anySatisfy(row -> {
            assertThat(row.selectFirst("td.action").text()).isEqualTo("sign-in");
            assertThat(row.selectFirst("td.who .name").text()).isEqualTo(WebTestServer.CLINICIAN);
        });
        assertThat(rows).noneSatisfy(row -> assertThat(row.selectFirst("td.who .name").text()).isEqualTo(WebTestServer.ADMIN));
        assertThat(page.body()).contains("Audit log</a>");
    }

    @Test
    void theNavigationOffersWhatTheRoleMayOpen() {
        WebTestServer.Client researcher = new WebTestServer.Client();
        HttpResponse<String> signIn = researcher.signIn(server, WebTestServer.RESEARCHER, WebTestServer.PASSWORD);
        assertThat(signIn.headers().firstValue("Location")).hasValue("/outcomes");

        String outcomes = researcher.get(server.url("/outcomes")).body();
        String worklist = clinician.get(server.url("/")).body();

        assertThat(outcomes).contains("href=\"/outcomes\"").doesNotContain("href=\"/cases/new\"")
                .doesNotContain("href=\"/admin/audit\"").contains("action=\"/logout\"");
        assertThat(worklist).contains("href=\"/cases/new\"").contains("href=\"/outcomes\"")
                .doesNotContain("href=\"/admin/audit\"").contains("<h1>Worklist</h1>");
    }

    @Test
    void theServerLogsThroughSlf4jSimple() {
        assertThat(LoggerFactory.getILoggerFactory().getClass().getName()).isEqualTo("org.slf4j.simple.SimpleLoggerFactory");
    }
}
