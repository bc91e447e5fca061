package org.cavaplan.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.cavaplan.core.model.Case;
import org.cavaplan.io.CaseReader;
import org.cavaplan.io.ReadResult;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.CaseVersion;
import org.cavaplan.registry.Registry;
import org.cavaplan.server.CavaPlanServer;
import org.cavaplan.server.smart.SmartEhrs;
import org.cavaplan.server.smart.TestEhr;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The SMART EHR launch in a real browser: Debian's Chromium opens the test EHR's chart of a patient
 * (on 127.0.0.1), which launches CavaPlan (opened as {@code localhost}, another site, as an EHR and
 * CavaPlan are), goes through the EHR's authorization and lands on the patient's plan with no
 * CavaPlan sign-in; the clinician then stores the record. Screenshot in
 * {@code target/screenshots/smart-plan.png}. Skipped with a reason when Chromium is missing.
 */
class SmartLaunchBrowserTest {

    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final String CLIENT_ID = "cavaplan-browser-test";
    private static final String PATIENT = "chart-4711";

    private static Path dir;
    private static TestEhr ehr;
    private static Registry registry;
    private static CavaPlanServer.Running server;
    private static WebDriver driver;
    private static Case seed;

    @BeforeAll
    static void start() throws IOException {
        Chromium.requireOrSkip();
        dir = Files.createTempDirectory("cavaplan-smart-browser");
        ehr = TestEhr.start(CLIENT_ID);
        registry = Registry.open("jdbc:h2:file:" + dir.resolve("cavaplan").toAbsolutePath(), Clock.systemUTC());
        server = CavaPlanServer.create(registry, Clock.systemUTC(), new CavaPlanServer.Options(1_000_000L, line -> { })
                .withSmartEhrs(SmartEhrs.of(List.of(new SmartEhrs.Registration(ehr.fhirBase(), CLIENT_ID))))).start(0);
        ehr.allowRedirect(app("/smart/callback"));
        seed = ((ReadResult.Valid) CaseReader.create().read(WebTestServer.seedCase())).value();
        ehr.addPatient(PATIENT, seed);
        driver = Chromium.start(dir);
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() throws Exception {
        Chromium.stop(driver, dir, server, ehr, registry);
    }

    /** CavaPlan as the browser knows it: {@code localhost}, another site than the EHR's 127.0.0.1. */
    private static String app(String path) {
        return "http://localhost:" + server.port() + path;
    }

    @Test
    void aClinicianOpensThePlanFromTheEhrChartWithoutACavaPlanPasswordAndStoresTheRecord() throws IOException {
        driver.get(ehr.launch(app("/smart/launch"), PATIENT));
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.urlToBe(app("/smart/plan")));

        assertThat(driver.findElements(By.id("password"))).as("no CavaPlan sign-in on the way").isEmpty();
        assertThat(driver.findElement(By.id("plan-title")).getText()).isEqualTo("Care plan for patient " + PATIENT);
        assertThat(driver.findElement(By.cssSelector(".ehr-user")).getText()).contains("dr-test");
        assertThat(driver.findElement(By.id("key-decisions")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.id("key-decisions")).getText()).doesNotContainPattern("[a-z]+\\.[a-z-]+\\.[a-z]");
        File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), SHOTS.resolve("smart-plan.png"), StandardCopyOption.REPLACE_EXISTING);
        Actor operator = Actor.localOperator("test", "browser");
        assertThat(registry.history(operator, seed.caseId())).as("looking stores nothing").isEmpty();

        driver.findElement(By.cssSelector("form.ehr-store button[type=submit]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".notice")));
        assertThat(driver.findElement(By.cssSelector(".notice")).getText())
                .isEqualTo("Stored in the registry as version 1 of case " + seed.caseId() + ".");
        List<CaseVersion> versions = registry.history(operator, seed.caseId());
        assertThat(versions).singleElement().satisfies(v -> {
            assertThat(v.author()).isEqualTo("smart:" + ehr.fhirBase() + "/" + ehr.practitioner() + "@" + ehr.fhirBase());
            assertThat(v.reason()).contains("SMART launch");
        });
        assertThat(ehr.problems()).isEmpty();
    }
}
