package org.cavaplan.server.smart;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cavaplan.core.model.Case;
import org.cavaplan.io.CaseReader;
import org.cavaplan.io.ReadResult;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.Registry;
import org.cavaplan.server.CavaPlanServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CavaPlan launched from an EHR (SMART App Launch 2.0, EHR launch) over real HTTP: a test EHR
 * ({@link TestEhr}: launch, discovery, authorization and token endpoints, FHIR API) and a real
 * CavaPlan server on loopback, a client with a cookie jar standing in for the browser (the browser
 * test is {@code SmartLaunchBrowserTest}). After every test the EHR has seen no protocol violation.
 */
class SmartLaunchTest {

    static final String CLIENT_ID = "cavaplan-at-test-ehr";
    static final String PATIENT = "ivc-patient-1";

    static TestEhr ehr;
    static Registry registry;
    static CavaPlanServer.Running cavaplan;
    static Case seed;

    HttpClient browser;

    @BeforeAll
    static void start() throws Exception {
        ehr = TestEhr.start(CLIENT_ID);
        registry = Registry.open("jdbc:h2:mem:smart-launch-" + System.nanoTime(), Clock.systemUTC());
        cavaplan = CavaPlanServer.create(registry, Clock.systemUTC(), new CavaPlanServer.Options(1_000_000L)
                .withSmartEhrs(SmartEhrs.of(List.of(new SmartEhrs.Registration(ehr.fhirBase(), CLIENT_ID, "Test hospital EHR"))))).start(0);
        ehr.allowRedirect(app("/smart/callback"));
        seed = ((ReadResult.Valid) CaseReader.create().read(Files.readString(Path.of("..", "examples", "seed-case.json"))))
                .value();
        ehr.addPatient(PATIENT, seed);
    }

    @AfterAll
    static void stop() {
        cavaplan.stop();
        ehr.close();
        registry.close();
    }

    @BeforeEach
    void newBrowser() {
        browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        ehr.pageSize(50);
    }

    @AfterEach
    void theEhrSawNoProtocolViolation() {
        assertThat(ehr.problems()).as("what the EHR found wrong in CavaPlan's requests").isEmpty();
    }

    static String app(String path) {
        return "http://127.0.0.1:" + cavaplan.port() + path;
    }

    /** A page as a browser gets it: every redirect followed, the URLs it went through kept. */
    record Visit(List<String> urls, HttpResponse<String> page) {
        String body() {
            return page.body();
        }
    }

    Visit open(String url) throws Exception {
        List<String> urls = new ArrayList<>();
        URI at = URI.create(url);
        for (int hop = 0; hop < 10; hop++) {
            urls.add(at.toString());
            HttpResponse<String> r = browser.send(HttpRequest.newBuilder(at).header("Accept", "text/html").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 3) {
                return new Visit(urls, r);
            }
            at = at.resolve(r.headers().firstValue("Location").orElseThrow());
        }
        throw new AssertionError("too many redirects: " + urls);
    }

    HttpResponse<String> post(String path, String form) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(app(path))).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "http://127.0.0.1:" + cavaplan.port()).header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String csrf(String page) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).as("an anti-forgery field on the page").isTrue();
        return m.group(1);
    }

    @Test
    void theClinicianLaunchingFromTheChartSeesThePatientsPlanWithoutACavaPlanSignIn() throws Exception {
        int before = registry.history(Actor.localOperator("test", "test"), seed.caseId()).size();
        Visit visit = open(ehr.launch(app("/smart/launch"), PATIENT));

        assertThat(visit.page().statusCode()).as(visit.body()).isEqualTo(200);
        assertThat(visit.urls().get(visit.urls().size() - 1)).isEqualTo(app("/smart/plan"));
        assertThat(visit.urls()).noneMatch(u -> u.contains("/login"));
        assertThat(visit.body()).contains("Care plan for patient", "Opened from", "Test hospital EHR", "practitioner dr-test",
                "CavaPlan has not stored it", "Store this record in the registry");
        assertThat(visit.body()).as("the plan itself: the key decisions of the article's patient").contains("Key decision");
        assertThat(ehr.requestedScopes().get(ehr.requestedScopes().size() - 1)).contains("launch", "openid", "fhirUser",
                "patient/Condition.rs", "patient/Observation.rs");
        assertThat(ehr.fhirRequests()).anyMatch(r -> r.startsWith("GET /fhir/Patient/" + PATIENT))
                .anyMatch(r -> r.startsWith("GET /fhir/Condition?") && r.contains("patient=" + PATIENT))
                .as("the searches are narrowed by US Core category, as the CDS Hooks prefetch is")
                .anyMatch(r -> r.startsWith("GET /fhir/Observation?") && r.contains("category="));
        assertThat(registry.history(Actor.localOperator("test", "test"), seed.caseId())).as("nothing stored by looking")
                .hasSize(before);
    }

    @Test
    void theRecordIsStoredOnlyWhenTheClinicianChoosesAndOnlyOnceAndTheAuditNamesTheEhrUser() throws Exception {
        Visit visit = open(ehr.launch(app("/smart/launch"), PATIENT));
        String caseId = seed.caseId();
        Actor operator = Actor.localOperator("test", "test");
        int before = registry.history(operator, caseId).size();

        HttpResponse<String> stored = post("/smart/save", "_csrf=" + URLEncoder.encode(csrf(visit.body()), StandardCharsets.UTF_8));
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        assertThat(stored.body()).contains("Stored in the registry as version " + (before + 1) + " of case " + caseId);
        assertThat(registry.history(operator, caseId)).hasSize(before + 1);
        assertThat(registry.history(operator, caseId).get(before).author()).startsWith("smart:").contains("dr-test")
                .contains(ehr.fhirBase());

        HttpResponse<String> again = post("/smart/save", "_csrf=" + URLEncoder.encode(csrf(visit.body()), StandardCharsets.UTF_8));
        assertThat(again.body()).contains("already holds this record");
        assertThat(registry.history(operator, caseId)).as("the same record is not stored twice").hasSize(before + 1);
        assertThat(open(app("/smart/plan")).body()).doesNotContain("Store this record in the registry")
                .contains("the same as this record");
    }

    @Test
    void storingWithoutTheLaunchsAntiForgeryTokenStoresNothing() throws Exception {
        open(ehr.launch(app("/smart/launch"), PATIENT));
        int before = registry.history(Actor.localOperator("test", "test"), seed.caseId()).size();
        HttpResponse<String> r = post("/smart/save", "_csrf=forged");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(registry.history(Actor.localOperator("test", "test"), seed.caseId())).hasSize(before);
    }

    @Test
    void aSearchSpreadOverManyPagesIsReadToTheLastPageAndGivesTheSamePlan() throws Exception {
        String onePage = planSection(open(ehr.launch(app("/smart/launch"), PATIENT)).body());
        newBrowser();
        ehr.pageSize(2);
        int requests = ehr.fhirRequests().size();
        String paged = planSection(open(ehr.launch(app("/smart/launch"), PATIENT)).body());
        assertThat(ehr.fhirRequests().size() - requests).as("pages were followed").isGreaterThan(10);
        assertThat(paged).isEqualTo(onePage);
    }

    /** How many requests for patient data the EHR served (its SMART discovery document is not data). */
    static long records() {
        return ehr.fhirRequests().stream().filter(r -> !r.contains("/.well-known/")).count();
    }

    /** The plan part of the page, without the heading's read time. */
    static String planSection(String page) {
        int start = page.indexOf("<section");
        return page.substring(start < 0 ? 0 : start);
    }

    @Test
    void aLaunchFromAnEhrThatIsNotRegisteredIsRefusedBeforeCavaPlanContactsIt() throws Exception {
        int requests = ehr.fhirRequests().size();
        Visit visit = open(app("/smart/launch?iss=" + URLEncoder.encode("http://127.0.0.1:1/fhir", StandardCharsets.UTF_8)
                + "&launch=abc"));
        assertThat(visit.page().statusCode()).isEqualTo(400);
        assertThat(visit.body()).contains("is not registered with this CavaPlan server");
        assertThat(ehr.fhirRequests()).hasSize(requests);
    }

    @Test
    void whenTheEhrDeniesAuthorizationTheClinicianReadsWhyAndNothingIsRead() throws Exception {
        ehr.denyNextAuthorization("access_denied");
        long reads = records();
        Visit visit = open(ehr.launch(app("/smart/launch"), PATIENT));
        assertThat(visit.page().statusCode()).isEqualTo(403);
        assertThat(visit.body()).contains("did not authorize CavaPlan", "access_denied");
        assertThat(records()).as("no read of the patient's record").isEqualTo(reads);
    }

    @Test
    void anAnswerFromTheEhrForALaunchBegunInAnotherBrowserIsNotUsed() throws Exception {
        Visit started = open(ehr.launch(app("/smart/launch"), PATIENT));
        assertThat(started.page().statusCode()).isEqualTo(200);
        newBrowser();
        Visit forged = open(app("/smart/callback?code=stolen&state=guessed"));
        assertThat(forged.page().statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("does not belong to a launch begun in this browser");
    }

    @Test
    void withoutALaunchThePlanPageSaysHowToOpenCavaPlanFromTheEhr() throws Exception {
        Visit visit = open(app("/smart/plan"));
        assertThat(visit.page().statusCode()).isEqualTo(401);
        assertThat(visit.body()).contains("Open CavaPlan again from the patient", "chart in the EHR");
    }

    @Test
    void aPatientWithoutAnIvcLeiomyosarcomaGetsNoPlanButAnExplanation() throws Exception {
        ehr.addPatient("other-patient", seed);
        ehr.removeResources("other-patient", "Condition");
        ehr.addResource("other-patient", """
                {"resourceType": "Condition", "id": "htn", "subject": {"reference": "Patient/other-patient"},
                 "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active"}]},
                 "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-category", "code": "problem-list-item"}]}],
                 "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "I10"}], "text": "Essential hypertension"}}""");
        Visit visit = open(ehr.launch(app("/smart/launch"), "other-patient"));
        assertThat(visit.page().statusCode()).isEqualTo(200);
        assertThat(visit.body()).contains("No CavaPlan plan for this patient", "leiomyosarcoma of the inferior vena cava")
                .doesNotContain("Store this record");
    }
}
