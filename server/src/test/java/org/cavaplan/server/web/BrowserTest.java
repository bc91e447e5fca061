package org.cavaplan.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.cavaplan.io.Json;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.Registry;
import org.cavaplan.registry.Role;
import org.cavaplan.server.CavaPlanServer;
import org.cavaplan.server.FirstStart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web application in a real browser: Debian's headless Chromium driven by its chromedriver,
 * against a real server on a free port over a real H2 registry in a temporary directory. A clinician
 * signs in, enters the article's patient through the case form, reads the plan, edits the case into
 * a second version, reads the history's diff and opens the outcomes page; an invalid value is shown
 * beside its field and nothing is stored. Each step leaves a screenshot in
 * {@code target/screenshots/}. Skipped with a reason when Chromium or chromedriver is missing,
 * except under {@code CI=true}, where that is a failure.
 */
class BrowserTest {

    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final String USER = "dr-browser";
    private static final String PASSWORD = "a long browser test passphrase";
    private static final String SEED_ID = "seed-case-report";
    private static final Actor OPERATOR = Actor.localOperator("test", "browser");

    /** Two JSON values are the same, numbers compared by value ({@code 18} equals {@code 18.0}); containers compare member by member. */
    private static final java.util.Comparator<com.fasterxml.jackson.databind.JsonNode> SAME_VALUE = (a, b) -> a.equals(b)
            || a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0 ? 0 : 1;

    private static Path dir;
    private static Registry registry;
    private static CavaPlanServer.Running server;
    private static WebDriver driver;

    @BeforeAll
    static void startServerAndBrowser() throws IOException {
        Chromium.requireOrSkip();
        dir = Files.createTempDirectory("cavaplan-browser");
        Clock clock = Clock.fixed(Instant.parse("2026-01-15T10:00:00Z"), ZoneOffset.UTC);
        registry = Registry.open("jdbc:h2:file:" + dir.resolve("cavaplan").toAbsolutePath(), clock);
        FirstStart.prepare(registry, 40, 7L).orElseThrow();
        WebTestServer.ownPassword(registry, registry.addUser(OPERATOR, USER, Role.CLINICIAN).token(), PASSWORD);
        server = CavaPlanServer.create(registry, clock, new CavaPlanServer.Options(1_000_000L, line -> { })).start(0);
        driver = Chromium.start(dir);
        Files.createDirectories(SHOTS);
        signIn();
    }

    @AfterAll
    static void stop() throws Exception {
        Chromium.stop(driver, dir, server, registry);
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private static void signIn() {
        driver.get(url("/cases/new"));
        assertThat(driver.getCurrentUrl()).contains("/login");
        driver.findElement(By.id("username")).sendKeys(USER);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        shot("01-sign-in");
        WebElement password = driver.findElement(By.id("password"));
        password.submit();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(password));
        assertThat(driver.getCurrentUrl()).as(() -> driver.findElement(By.tagName("main")).getText()).endsWith("/cases/new");
    }

    @Test
    void aClinicianEntersTheArticlesPatientReadsThePlanEditsItAndSeesTheChangeInTheHistory() throws IOException {
        String seed = Files.readString(Path.of("..", "examples", "seed-case.json"), StandardCharsets.UTF_8);

        driver.get(url("/cases/new"));
        fill(CaseForm.values(seed));
        shot("02-new-case-filled");
        submit();

        assertThat(driver.getCurrentUrl()).endsWith("/cases/" + SEED_ID);
        assertThat(driver.findElements(By.cssSelector(".error-summary"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("article.card .card-summary"))).isNotEmpty();
        WebElement flags = driver.findElement(By.id("red-flags"));
        assertThat(flags.getAttribute("role")).isEqualTo("alert");
        assertThat(flags.getText()).contains("red flags", "Recurrence");
        Number bottom = (Number) ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0);"
                + " return document.getElementById('key-decisions').getBoundingClientRect().bottom - window.innerHeight;");
        assertThat(bottom.doubleValue()).as("red flags and key decisions fit the first screen without scrolling").isNegative();
        shot("03-plan");
        String stored = registry.readVersion(OPERATOR, SEED_ID, 1).orElseThrow().json();
        assertThat(Json.mapper().readTree(seed).equals(SAME_VALUE, Json.mapper().readTree(stored)))
                .as(() -> "the case entered in the browser is the seed case: " + stored).isTrue();

        driver.findElement(By.linkText("Edit")).click();
        assertThat(driver.getCurrentUrl()).endsWith("/cases/" + SEED_ID + "/edit");
        WebElement diameter = driver.findElement(By.id(CaseFormView.id("/imaging/2/tumorDiametersCm/0")));
        assertThat(diameter.getAttribute("value")).isEqualTo("5.5");
        diameter.clear();
        diameter.sendKeys("6.5");
        driver.findElement(By.id("f-reason")).sendKeys("tumor remeasured at the review meeting");
        shot("04-edit");
        submit();
        assertThat(driver.getCurrentUrl()).endsWith("/cases/" + SEED_ID);

        driver.findElement(By.linkText("History")).click();
        List<WebElement> versions = driver.findElements(By.cssSelector("table.versions tbody tr"));
        assertThat(versions).hasSize(2);
        assertThat(versions.get(1).getText()).contains(USER).contains("tumor remeasured at the review meeting");
        List<WebElement> changes = driver.findElements(By.cssSelector("ul.changes li"));
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).getText()).isEqualTo("Imaging study 3 (MRI, 2013-04-12): tumor diameters "
                + "5.5 \u00d7 3.3 \u00d7 3.4 cm \u2192 6.5 \u00d7 3.3 \u00d7 3.4 cm");
        assertThat(changes.get(0).getAttribute("title")).isEqualTo("/imaging/2/tumorDiametersCm");
        shot("05-history");

        driver.get(url("/outcomes"));
        assertThat(driver.findElements(By.cssSelector("main svg"))).isNotEmpty();
        shot("06-outcomes");
    }

    @Test
    void anImpossibleAgeIsShownBesideItsFieldAndNothingIsStored() {
        driver.get(url("/cases/new"));
        fill(Map.of("/caseId", "browser-invalid-age", "/patient/ageYears", "130", "/patient/sex", "MALE",
                "/imaging/0/date", "2024-03-01", "/imaging/0/modality", "CT"));
        submit();

        WebElement link = driver.findElement(By.cssSelector(".error-summary a[href='#f-patient-ageYears']"));
        assertThat(link.getText()).contains("Age (years)").contains("/patient/ageYears").contains("at most 120");
        WebElement age = driver.findElement(By.id("f-patient-ageYears"));
        assertThat(age.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(age.getAttribute("value")).isEqualTo("130");
        assertThat(driver.findElement(By.id("f-patient-ageYears-error")).getText()).contains("at most 120");
        shot("07-invalid-age-summary");
        link.sendKeys(Keys.ENTER);
        assertThat(driver.getCurrentUrl()).endsWith("#f-patient-ageYears");
        assertThat(driver.switchTo().activeElement().getAttribute("id")).as("the keyboard lands on the field").isEqualTo("f-patient-ageYears");
        shot("08-invalid-age-field");

        assertThat(registry.history(OPERATOR, "browser-invalid-age")).isEmpty();
    }

    /**
     * Types each value into its control on a blank form as a user would: text, numbers and dates typed,
     * choices picked, boxes ticked; then checks in one go that the page holds every value.
     */
    @SuppressWarnings("unchecked")
    private static void fill(Map<String, String> values) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        Map<String, String> kinds = (Map<String, String>) js.executeScript(
                "const k = {}; document.querySelectorAll('form input[id], form select[id], form fieldset.choices[id]')"
                        + ".forEach(e => k[e.id] = e.tagName === 'INPUT' ? e.type : e.tagName.toLowerCase()); return k;");
        for (Map.Entry<String, String> e : values.entrySet()) {
            String pointer = e.getKey();
            String value = e.getValue();
            if (pointer.equals("/schemaVersion")) {
                continue;
            }
            String id = CaseFormView.id(pointer);
            String kind = kinds.get(id);
            assertThat(kind).as("a control for " + pointer).isNotNull();
            switch (kind) {
                case "fieldset" -> {
                    for (String item : value.split(",")) {
                        driver.findElement(By.id(id + "-" + CaseFormView.id("/" + item).substring(2))).click();
                    }
                }
                case "select" -> driver.findElement(By.cssSelector("#" + id + " option[value='" + value + "']")).click();
                case "date" -> date(driver.findElement(By.id(id)), value);
                default -> driver.findElement(By.id(id)).sendKeys(value);
            }
        }
        Map<String, Object> onPage = (Map<String, Object>) js.executeScript(
                "const v = {}; document.querySelectorAll('form input[id]:not([type=checkbox]), form select[id]')"
                        + ".forEach(e => v[e.id] = e.value); return v;");
        for (Map.Entry<String, String> e : values.entrySet()) {
            String id = CaseFormView.id(e.getKey());
            if (!"fieldset".equals(kinds.get(id)) && !e.getKey().equals("/schemaVersion")) {
                assertThat(onPage.get(id)).as(e.getKey()).isEqualTo(e.getValue());
            }
        }
    }

    /** A date typed in the browser's en-US order (month, day, year); set directly if the browser formats otherwise. */
    private static void date(WebElement control, String iso) {
        control.sendKeys(iso.substring(5, 7) + iso.substring(8, 10) + iso.substring(0, 4));
        if (!iso.equals(control.getAttribute("value"))) {
            ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];", control, iso);
        }
    }

    private static void submit() {
        WebElement button = driver.findElement(By.cssSelector("form[novalidate] button[type=submit]"));
        button.click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(button));
    }

    private static void shot(String name) {
        File png = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(png.toPath(), SHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
