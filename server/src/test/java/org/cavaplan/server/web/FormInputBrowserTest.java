package org.cavaplan.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Numbers and plausibility in a real browser (Debian's headless Chromium in en-US, as {@link BrowserTest}
 * sets it up): "4,5" typed into a tumor diameter is stored as 4.5 cm; "1,234" is refused beside the field
 * and nothing is stored; a diameter that looks like millimetres raises a warning, and saving after ticking
 * the confirmation stores the case. The server's today is 2026-01-15. Skipped with a reason without
 * Chromium or chromedriver, except under {@code CI=true}, where that is a failure.
 */
class FormInputBrowserTest {

    private static final Path SHOTS = Path.of("target", "screenshots", "form-input");
    private static final String USER = "dr-typing";
    private static final String PASSWORD = "a long browser test passphrase";
        private static final Actor OPERATOR = Actor.localOperator("test", "browser");

    private static Path dir;
    private static Registry registry;
    private static CavaPlanServer.Running server;
    private static WebDriver driver;

    @BeforeAll
    static void startServerAndBrowser() throws IOException {
        Chromium.requireOrSkip();
        dir = Files.createTempDirectory("cavaplan-form-input-browser");
        Clock clock = Clock.fixed(Instant.parse("2026-01-15T10:00:00Z"), ZoneOffset.UTC);
        registry = Registry.open("jdbc:h2:file:" + dir.resolve("cavaplan").toAbsolutePath(), clock);
        FirstStart.prepare(registry, 1, 7L).orElseThrow();
        // the user's own password: one an administrator set would have to be changed at the first sign-in
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
                WebElement password = driver.findElement(By.id("password"));
        password.submit();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(password));
        assertThat(driver.getCurrentUrl()).as(() -> driver.findElement(By.tagName("main")).getText()).endsWith("/cases/new");
    }

    private static final String DIAMETER = "/imaging/0/tumorDiametersCm/0";

    @Test
    void a_decimal_comma_typed_into_a_diameter_is_stored_as_that_decimal_in_cm() throws IOException {
        newCase("browser-comma", "4,5");
        WebElement diameter = driver.findElement(By.id(CaseFormView.id(DIAMETER)));
        assertThat(diameter.getAttribute("type")).isEqualTo("text");
        assertThat(diameter.getAttribute("value")).as("the browser keeps the comma as typed").isEqualTo("4,5");
        assertThat(driver.findElement(By.id(CaseFormView.id(DIAMETER) + "-unit")).getText()).startsWith("cm");
        shot("01-comma-typed");
        submit();

        assertThat(driver.getCurrentUrl()).endsWith("/cases/browser-comma");
        String stored = registry.read(OPERATOR, "browser-comma").orElseThrow().json();
        assertThat(Json.mapper().readTree(stored).at(DIAMETER).asDouble()).isEqualTo(4.5);
    }

    @Test
    void an_ambiguous_number_is_refused_beside_its_field_and_nothing_is_stored() {
        newCase("browser-ambiguous", "1,234");
        submit();

        WebElement error = driver.findElement(By.id(CaseFormView.id(DIAMETER) + "-error"));
        assertThat(error.getText()).contains("“1,234” is ambiguous: it could be 1234 or 1.234");
        WebElement diameter = driver.findElement(By.id(CaseFormView.id(DIAMETER)));
        assertThat(diameter.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(diameter.getAttribute("value")).isEqualTo("1,234");
        assertThat(error.findElement(By.xpath("./ancestor::div[contains(@class,'field')][1]")).getText())
                .as("the message sits beside the field").contains("Tumor diameter 1 (cm)");
        shot("02-ambiguous-refused");
        assertThat(registry.history(OPERATOR, "browser-ambiguous")).isEmpty();
    }

    @Test
    void a_plausibility_warning_appears_and_saving_after_confirming_stores_the_case() throws IOException {
        newCase("browser-warned", "45");
        submit();

        WebElement summary = driver.findElement(By.id("warning-summary"));
        assertThat(summary.getText()).contains("Please check this value before saving").contains("45 cm is larger than 30 cm");
        assertThat(driver.findElement(By.id(CaseFormView.id(DIAMETER) + "-warning")).getText())
                .contains("if it was measured in millimetres, it is 4.5 cm");
        assertThat(registry.history(OPERATOR, "browser-warned")).isEmpty();
        shot("03-warning-shown");

        submit();
        assertThat(driver.findElements(By.id("warning-summary"))).as("not confirmed: shown again").isNotEmpty();
        assertThat(registry.history(OPERATOR, "browser-warned")).isEmpty();

        WebElement confirm = driver.findElement(By.id("f-confirm-warnings"));
        assertThat(confirm.isSelected()).isFalse();
        driver.findElement(By.cssSelector("label[for=f-confirm-warnings]")).click();
        assertThat(confirm.isSelected()).isTrue();
        shot("04-warning-confirmed");
        submit();

        assertThat(driver.getCurrentUrl()).endsWith("/cases/browser-warned");
        String stored = registry.read(OPERATOR, "browser-warned").orElseThrow().json();
        assertThat(Json.mapper().readTree(stored).at(DIAMETER).asDouble()).isEqualTo(45.0);
    }

    /** A blank form filled with a small case whose first study's diameter is {@code diameter}, typed as a person would. */
    private static void newCase(String id, String diameter) {
        driver.get(url("/cases/new"));
        for (Map.Entry<String, String> e : Map.of("/caseId", id, "/patient/ageYears", "58", DIAMETER, diameter).entrySet()) {
            driver.findElement(By.id(CaseFormView.id(e.getKey()))).sendKeys(e.getValue());
        }
        driver.findElement(By.cssSelector("#f-patient-sex option[value='FEMALE']")).click();
        driver.findElement(By.cssSelector("#" + CaseFormView.id("/imaging/0/modality") + " option[value='CT']")).click();
        WebElement date = driver.findElement(By.id(CaseFormView.id("/imaging/0/date")));
        date.sendKeys("12012025");
        if (!"2025-12-01".equals(date.getAttribute("value"))) {
            ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];", date, "2025-12-01");
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
