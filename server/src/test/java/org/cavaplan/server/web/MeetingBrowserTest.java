package org.cavaplan.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.cavaplan.core.meeting.DecisionRecord;
import org.cavaplan.core.meeting.DecisionVersion;
import org.cavaplan.core.meeting.Verdict;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.Registry;
import org.cavaplan.registry.Role;
import org.cavaplan.server.CavaPlanServer;
import org.cavaplan.server.FirstStart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A whole tumor-board meeting in a real browser (Debian's headless Chromium): the chair creates the
 * meeting with three attendees, puts three cases on the agenda with their questions, presents them
 * moving between cases with the keyboard (screenshots at 1024×768 and 1920×1080 in {@code /tmp/}),
 * records the decisions (one recommendation overridden with a reason, one dissent, an action),
 * signs them off; a signed decision can no longer be edited, and a correction needs a reason.
 * Skipped with a reason when Chromium or chromedriver is missing, except under {@code CI=true}.
 */
class MeetingBrowserTest {

    private static final String CHAIR = "dr.chair";
    private static final String PASSWORD = "a long meeting test passphrase";
    private static final Actor OPERATOR = Actor.localOperator("test", "browser");
    private static final List<String> CASES = List.of(WebTestServer.SEED_CASE_ID, "SYNTH-7-00001", "SYNTH-7-00002");
    private static final List<String> QUESTIONS = List.of("Resectable with an interposition graft?",
            "Radiotherapy before the operation?", "Surveillance interval after an R1 resection?");

    private static Path dir;
    private static Registry registry;
    private static CavaPlanServer.Running server;
    private static WebDriver driver;

    @BeforeAll
    static void startServerAndBrowser() throws IOException {
        Chromium.requireOrSkip();
        dir = Files.createTempDirectory("cavaplan-meeting-browser");
        Clock clock = Clock.fixed(Instant.parse("2026-01-15T10:00:00Z"), ZoneOffset.UTC);
        registry = Registry.open("jdbc:h2:file:" + dir.resolve("cavaplan").toAbsolutePath(), clock);
        FirstStart.prepare(registry, 20, 7L).orElseThrow();
        WebTestServer.ownPassword(registry, registry.addUser(OPERATOR, CHAIR, Role.CLINICIAN).token(), PASSWORD);
        registry.save(OPERATOR, WebTestServer.seedCase(), "the article's patient");
        server = CavaPlanServer.create(registry, clock, new CavaPlanServer.Options(1_000_000L, line -> { })).start(0);
        driver = Chromium.start(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        Chromium.stop(driver, dir, server, registry);
    }

    @Test
    void a_whole_meeting_from_the_agenda_to_signed_decisions_that_only_a_correction_with_a_reason_changes() {
        signIn();

        // the meeting
        driver.get(url("/meetings"));
        setValue(By.id("f-date"), "2026-01-20");
        driver.findElement(By.id("f-title")).sendKeys("Sarcoma board");
        assertThat(driver.findElement(By.id("f-chair")).getAttribute("value")).isEqualTo(CHAIR);
        attendee(0, CHAIR, "SURGICAL_ONCOLOGY");
        attendee(1, "Dr Vasquez", "VASCULAR_SURGERY");
        attendee(2, "Dr Rao", "RADIOLOGY");
        submit("form.meeting-form");
        assertThat(driver.getCurrentUrl()).endsWith("/meetings/1");
        assertThat(driver.findElements(By.cssSelector(".attendee-list li"))).extracting(WebElement::getText)
                .containsExactly("dr.chair, Surgical oncology", "Dr Vasquez, Vascular surgery", "Dr Rao, Radiology");

        // three cases on the agenda, one refused first with its field named in words
        driver.findElement(By.id("f-caseId")).sendKeys("no-such-case");
        driver.findElement(By.id("f-question")).sendKeys("?");
        driver.findElement(By.id("f-presenter")).sendKeys("Dr Rao");
        submit("form.agenda-form");
        assertThat(driver.findElement(By.id("error-summary")).getText()).contains("Case id: names no case in the registry");
        driver.findElement(By.id("f-caseId")).clear();
        driver.findElement(By.id("f-question")).clear();
        for (int i = 0; i < CASES.size(); i++) {
            driver.findElement(By.id("f-caseId")).clear();
            driver.findElement(By.id("f-caseId")).sendKeys(CASES.get(i));
            driver.findElement(By.id("f-question")).clear();
            driver.findElement(By.id("f-question")).sendKeys(QUESTIONS.get(i));
            driver.findElement(By.id("f-presenter")).clear();
            driver.findElement(By.id("f-presenter")).sendKeys(i == 0 ? "Dr Vasquez" : "Dr Rao");
            submit("form.agenda-form");
        }
        List<WebElement> rows = driver.findElements(By.cssSelector("tr.agenda-item"));
        assertThat(rows).extracting(r -> r.getAttribute("data-case")).containsExactlyElementsOf(CASES);
        assertThat(driver.findElements(By.cssSelector("tr.agenda-item td.question"))).extracting(WebElement::getText)
                .containsExactlyElementsOf(QUESTIONS);
        assertThat(driver.findElement(By.id("readiness")).getText()).contains("no imaging within 60 days before the meeting");

        // the worklist narrowed to the agenda, in agenda order; the home page names the next meeting
        driver.get(url("/cases?meeting=1"));
        assertThat(driver.findElements(By.cssSelector("table.cases tbody th a"))).extracting(WebElement::getText)
                .containsExactlyElementsOf(CASES);
        driver.get(url("/"));
        assertThat(driver.findElement(By.cssSelector(".next-meeting a")).getText()).isEqualTo("Sarcoma board, 2026-01-20");

        // preparation: the question, the plan as of the meeting, a first discussion
        driver.get(url("/meetings/1/cases/" + WebTestServer.SEED_CASE_ID));
        assertThat(driver.findElement(By.cssSelector(".board-question")).getText()).contains(QUESTIONS.get(0));
        assertThat(driver.findElement(By.cssSelector(".first-discussion")).getText()).startsWith("First discussion");

        // the presentation: one case per screen, the keys move between them, no editing control
        driver.manage().window().setSize(new Dimension(1024, 768));
        driver.get(url("/meetings/1/present/1"));
        assertThat(driver.findElement(By.cssSelector(".present-question")).getText()).isEqualTo(QUESTIONS.get(0));
        assertThat(driver.findElements(By.cssSelector("main form, main input, main button, main textarea, main select")))
                .isEmpty();
        assertThat(driver.findElement(By.cssSelector(".site-header")).isDisplayed()).isFalse();
        screenshot("/tmp/meeting-present-1024x768.png");
        driver.manage().window().setSize(new Dimension(1920, 1080));
        driver.get(url("/meetings/1/present/1"));
        screenshot("/tmp/meeting-present-1920x1080.png");
        key(Keys.ARROW_RIGHT, "/present/2");
        assertThat(driver.findElement(By.cssSelector(".present-question")).getText()).isEqualTo(QUESTIONS.get(1));
        key(Keys.PAGE_DOWN, "/present/3");
        assertThat(driver.findElements(By.cssSelector("a.present-next"))).isEmpty();
        key(Keys.ARROW_LEFT, "/present/2");
        key(Keys.PAGE_UP, "/present/1");
        assertThat(driver.findElements(By.cssSelector("a.present-prev"))).isEmpty();
        driver.manage().window().setSize(new Dimension(1280, 1000));

        // the decision on the first case: an override without a reason is refused, naming the field in words
        driver.get(url("/meetings/1/cases/" + WebTestServer.SEED_CASE_ID + "/decision"));
        List<WebElement> items = driver.findElements(By.cssSelector("fieldset.verdict-item"));
        assertThat(items).as("the seed case's plan has key decisions to judge").isNotEmpty();
        String overridden = items.get(0).getAttribute("data-id");
        driver.findElement(By.id("f-agreedPlan")).sendKeys("Surveillance continues; imaging every six months.");
        items.get(0).findElement(By.cssSelector("input[value=REJECT]")).click();
        submit("form.decision-form");
        WebElement summary = driver.findElement(By.id("error-summary"));
        assertThat(summary.getText()).contains("Reason about \u201c").contains("is required when the recommendation is rejected")
                .doesNotContain("/items/0/reason");
        assertThat(summary.findElement(By.cssSelector("a[href='#f-items-0-reason']")).getAttribute("title"))
                .isEqualTo("/items/0/reason");
        assertThat(registry.decision(OPERATOR, 1, WebTestServer.SEED_CASE_ID)).as("nothing half-written").isEmpty();

        new Select(driver.findElement(By.id("f-items-0-reason"))).selectByValue("ANATOMY");
        driver.findElement(By.id("f-items-0-note")).sendKeys("The board judged the anatomy otherwise.");
        driver.findElement(By.id("f-dissent-0-name")).sendKeys("Dr Rao");
        driver.findElement(By.id("f-dissent-0-note")).sendKeys("Would image again first.");
        driver.findElement(By.id("f-actions-0-text")).sendKeys("Book the next imaging");
        driver.findElement(By.id("f-actions-0-owner")).sendKeys(CHAIR);
        setValue(By.id("f-actions-0-due"), "2026-01-20");
        setValue(By.id("f-nextReview"), "2026-07-20");
        submit("form.decision-form");
        assertThat(driver.findElement(By.cssSelector(".decision-status")).getText()).isEqualTo("Status: draft");
        assertThat(driver.findElement(By.cssSelector(".dissent-list")).getText()).contains("Dr Rao: Would image again first.");

        // the chair signs; the decision is read-only, a correction needs a reason
        submit("form.sign-form");
        assertThat(driver.findElement(By.cssSelector(".decision-status")).getText()).isEqualTo("Status: signed");
        assertThat(driver.findElements(By.cssSelector("form.sign-form"))).isEmpty();
        assertThat(driver.findElements(By.xpath("//button[normalize-space()='Save the draft']"))).isEmpty();
        assertThat(driver.findElement(By.id("form-title")).getText()).isEqualTo("Correct the signed decision");
        WebElement plan = driver.findElement(By.id("f-agreedPlan"));
        plan.clear();
        plan.sendKeys("Surveillance continues; imaging every four months.");
        submit("form.decision-form");
        assertThat(driver.findElement(By.id("error-summary")).getText())
                .contains("Reason for the correction: is required");
        assertThat(registry.decision(OPERATOR, 1, WebTestServer.SEED_CASE_ID).orElseThrow().versions()).hasSize(2);
        driver.findElement(By.id("f-reason")).sendKeys("The radiologist asked for a shorter interval.");
        submit("form.decision-form");
        assertThat(driver.findElements(By.cssSelector("table.decision-versions tbody tr")))
                .extracting(WebElement::getText).satisfiesExactly(
                        v -> assertThat(v).startsWith("1 Draft saved"),
                        v -> assertThat(v).startsWith("2 Signed"),
                        v -> assertThat(v).startsWith("3 Corrected").endsWith("The radiologist asked for a shorter interval."));
        assertThat(driver.findElement(By.cssSelector(".follow-through")).getText()).contains("Rejected (anatomy)");

        DecisionRecord first = registry.decision(OPERATOR, 1, WebTestServer.SEED_CASE_ID).orElseThrow();
        assertThat(first.signed()).isTrue();
        assertThat(first.latest().change()).isEqualTo(DecisionVersion.Change.CORRECTED);
        assertThat(first.decision().items()).filteredOn(i -> i.recommendationId().equals(overridden))
                .singleElement().satisfies(i -> assertThat(i.verdict()).isEqualTo(Verdict.REJECT));
        assertThat(first.decision().dissent()).hasSize(1);

        // the other two cases: the plan accepted as it stands, signed
        for (String caseId : CASES.subList(1, 3)) {
            driver.get(url("/meetings/1/cases/" + caseId + "/decision"));
            driver.findElement(By.id("f-agreedPlan")).sendKeys("As the plan advises.");
            submit("form.decision-form");
            submit("form.sign-form");
            assertThat(driver.findElement(By.cssSelector(".decision-status")).getText()).isEqualTo("Status: signed");
        }
        driver.get(url("/meetings/1"));
        assertThat(driver.findElements(By.cssSelector("tr.agenda-item td a[href$='/decision']")))
                .extracting(WebElement::getText).containsOnly("signed");

        // the chair's action is due on the home page; the outcomes page counts the override
        driver.get(url("/"));
        assertThat(driver.findElement(By.cssSelector(".my-actions")).getText()).contains("Book the next imaging")
                .contains("due 2026-01-20");
        driver.get(url("/outcomes"));
        WebElement row = driver.findElement(By.cssSelector(".board-use-table tr[data-id='" + overridden + "']"));
        assertThat(row.getText()).contains("anatomy 1");
        assertThat(row.findElement(By.cssSelector("th")).getAttribute("title")).isEqualTo(overridden);
        assertThat(row.findElement(By.cssSelector("th")).getText()).doesNotContain(overridden);
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private static void signIn() {
        driver.get(url("/login"));
        driver.findElement(By.id("username")).sendKeys(CHAIR);
        WebElement field = driver.findElement(By.id("password"));
        field.sendKeys(PASSWORD);
        field.submit();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(field));
    }

    private static void attendee(int row, String name, String discipline) {
        driver.findElement(By.id("f-attendees-" + row + "-name")).sendKeys(name);
        new Select(driver.findElement(By.id("f-attendees-" + row + "-discipline"))).selectByValue(discipline);
    }

    /** Sets a date field's value as a date picker would (typing into it depends on the browser's locale). */
    private static void setValue(By field, String value) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1]", driver.findElement(field), value);
    }

    private static void submit(String formSelector) {
        WebElement button = driver.findElement(By.cssSelector(formSelector + " button[type=submit]"));
        button.click();
        waitUntilGone(button);
    }

    /** Presses a key on the page and waits for the presentation of the case at {@code pathEnd}. */
    private static void key(Keys key, String pathEnd) {
        WebElement title = driver.findElement(By.id("present-title"));
        driver.findElement(By.tagName("body")).sendKeys(key);
        waitUntilGone(title);
        assertThat(driver.getCurrentUrl()).endsWith(pathEnd);
    }

    /** Waits until the page that held {@code element} is replaced (Chromium may answer mid-navigation with an inspector error). */
    private static void waitUntilGone(WebElement element) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).ignoring(org.openqa.selenium.WebDriverException.class)
                .until(ExpectedConditions.stalenessOf(element));
    }

    private static void screenshot(String path) {
        File png = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(png.toPath(), Path.of(path), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
