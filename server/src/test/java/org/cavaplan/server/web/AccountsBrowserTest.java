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
import java.util.List;
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
 * Accounts, older versions and the audit log in a real browser (Debian's headless Chromium, as in
 * {@link BrowserTest}), 1280 px wide: the first sign-in with the first start's one-time password is
 * forced to change it and then reaches the worklist; an older version of a case shows the superseded
 * banner and no Edit button; the audit log breaks no word inside. Screenshots in
 * {@code target/screenshots/accounts-*}. Skipped with a reason when Chromium or chromedriver is
 * missing, except under {@code CI=true}, where that is a failure.
 */
class AccountsBrowserTest {

    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final String CLINICIAN = "dr-versions";
    private static final String AUDITOR = "audit-admin";
    private static final String PASSWORD = "a long browser test passphrase";
    private static final String CASE_ID = "accounts-browser-case-with-a-rather-long-identifier";
    private static final Actor OPERATOR = Actor.localOperator("test", "browser");

    private static Path dir;
    private static Registry registry;
    private static CavaPlanServer.Running server;
    private static WebDriver driver;
    private static FirstStart.Admin firstStart;

    @BeforeAll
    static void startServerAndBrowser() throws IOException {
        Chromium.requireOrSkip();
        dir = Files.createTempDirectory("cavaplan-accounts-browser");
        Clock clock = Clock.fixed(Instant.parse("2026-01-15T10:00:00Z"), ZoneOffset.UTC);
        registry = Registry.open("jdbc:h2:file:" + dir.resolve("cavaplan").toAbsolutePath(), clock);
        firstStart = FirstStart.prepare(registry, 20, 7L).orElseThrow();
        WebTestServer.ownPassword(registry, registry.addUser(OPERATOR, CLINICIAN, Role.CLINICIAN).token(), PASSWORD);
        WebTestServer.ownPassword(registry, registry.addUser(OPERATOR, AUDITOR, Role.ADMIN).token(), PASSWORD);
        String first = WebTestServer.seedCase().replace("\"seed-case-report\"", "\"" + CASE_ID + "\"");
        registry.save(OPERATOR, first, "first entry");
        registry.save(OPERATOR, first.replace("\"margin\": \"R0\"", "\"margin\": \"R1\""), "margin revised by pathology");
        server = CavaPlanServer.create(registry, clock, new CavaPlanServer.Options(1_000_000L, line -> { })).start(0);
        driver = Chromium.start(dir);
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() throws Exception {
        Chromium.stop(driver, dir, server, registry);
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    /** Signs in afresh (no earlier session) through the sign-in form, and waits for the next page. */
    private static void signIn(String name, String password) {
        driver.manage().deleteAllCookies();
        driver.get(url("/login"));
        driver.findElement(By.id("username")).sendKeys(name);
        WebElement field = driver.findElement(By.id("password"));
        field.sendKeys(password);
        field.submit();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(field));
    }

    private static void submit(String formSelector) {
        WebElement button = driver.findElement(By.cssSelector(formSelector + " button[type=submit]"));
        button.click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(button));
    }

    @Test
    void the_first_sign_in_with_the_first_start_password_is_forced_to_change_it_and_then_reaches_the_worklist() {
        signIn(FirstStart.ADMIN, firstStart.password());

        assertThat(driver.getCurrentUrl()).endsWith(WebPages.PASSWORD_PAGE);
        assertThat(driver.findElement(By.cssSelector(".password-required")).getText()).contains("Choose your own");
        shot("accounts-01-forced-password-change");
        driver.get(url("/cases/" + CASE_ID));
        assertThat(driver.getCurrentUrl()).as("no other page before the change").endsWith(WebPages.PASSWORD_PAGE);

        String own = "the administrator's very own passphrase";
        driver.findElement(By.id("current")).sendKeys(firstStart.password());
        driver.findElement(By.id("new")).sendKeys(own);
        driver.findElement(By.id("repeat")).sendKeys(own);
        submit("form.password");
        assertThat(driver.getCurrentUrl()).endsWith("/login?changed");

        signIn(FirstStart.ADMIN, own);
        assertThat(driver.getCurrentUrl()).isEqualTo(url("/"));
        assertThat(driver.findElements(By.cssSelector("table.cases tbody tr"))).isNotEmpty();
        shot("accounts-02-worklist-after-change");
    }

    @Test
    void an_old_version_shows_the_superseded_banner_and_no_edit_button_while_the_current_one_has_it() {
        signIn(CLINICIAN, PASSWORD);

        driver.get(url("/cases/" + CASE_ID + "/history"));
        driver.findElement(By.linkText("Version 1")).click();
        WebElement banner = driver.findElement(By.cssSelector(".superseded-banner"));
        shot("accounts-03-superseded-version");

        assertThat(banner.isDisplayed()).isTrue();
        assertThat(banner.getText()).startsWith("Superseded by version 2 (2026-01-15 10:00 UTC, test)");
        Number top = (Number) ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0);"
                + " return arguments[0].getBoundingClientRect().top;", banner);
        assertThat(top.doubleValue()).as("the banner is at the top of the page, above the plan").isLessThan(200);
        assertThat(driver.findElements(By.linkText("Edit"))).isEmpty();
        assertThat(driver.findElements(By.partialLinkText("Retire"))).isEmpty();

        driver.findElement(By.linkText("Open the current version")).click();
        assertThat(driver.findElements(By.cssSelector(".superseded-banner"))).isEmpty();
        assertThat(driver.findElement(By.linkText("Edit")).isDisplayed()).isTrue();
    }

    @Test
    void the_audit_log_at_1280_px_breaks_no_word_inside_and_needs_no_sideways_scrolling() {
        signIn(CLINICIAN, PASSWORD);
        driver.get(url("/cases?level=2&margin=R1&stage=FOLLOW_UP"));
        driver.get(url("/outcomes?factor=margin&covariates=grade&covariates=size_cm&covariates=neoadjuvant_chemo"));
        driver.get(url("/cases/" + CASE_ID + "/history"));
        signIn(AUDITOR, PASSWORD);
        driver.get(url("/admin/audit"));
        assertThat(driver.findElements(By.cssSelector("table.audit tbody tr")).size()).isGreaterThan(10);
        shot("accounts-04-audit-log");

        JavascriptExecutor js = (JavascriptExecutor) driver;
        Number width = (Number) js.executeScript("return window.innerWidth;");
        @SuppressWarnings("unchecked")
        List<String> broken = (List<String>) js.executeScript(
                "const broken = [];"
                + "for (const cell of document.querySelectorAll('table.audit th, table.audit td')) {"
                + "  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);"
                + "  let node;"
                + "  while ((node = walker.nextNode())) {"
                + "    const re = /\\S+/g; let m;"
                + "    while ((m = re.exec(node.textContent))) {"
                + "      const range = document.createRange();"
                + "      range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);"
                + "      const lines = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0)"
                + "          .map(r => Math.round(r.top)));"
                + "      if (lines.size > 1) { broken.push(m[0]); }"
                + "    }"
                + "  }"
                + "}"
                + "return broken;");
        Number overflow = (Number) js.executeScript("const s = document.querySelector('.table-scroll');"
                + " return Math.max(s.scrollWidth - s.clientWidth, document.documentElement.scrollWidth - window.innerWidth);");

        assertThat(width.intValue()).isBetween(1200, 1280);
        assertThat(broken).as("words broken across lines in the audit table").isEmpty();
        assertThat(overflow.intValue()).as("pixels the audit table needs beyond the window").isLessThanOrEqualTo(0);
        assertThat(driver.findElement(By.cssSelector("table.audit")).getText()).doesNotContain("CaseQuery[")
                .contains("outcome analysis", "case search");
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
