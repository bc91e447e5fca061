package org.cavaplan.server.web;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium and its chromedriver for the browser tests, never downloaded (no
 * Selenium Manager). Without them a browser test is skipped with the reason, except under
 * {@code CI=true}, where that is a failure.
 */
final class Chromium {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Held so that the level sticks: Selenium warns that it has no DevTools for this Chromium, which it does not need. */
    private static final Logger CDP_LOG = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    private Chromium() {}

    /** Skips the calling test class (fails it under {@code CI=true}) when Chromium or its driver is missing. */
    static void requireOrSkip() {
        CDP_LOG.setLevel(Level.SEVERE);
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String reason = "Debian's chromium and chromium-driver are not installed (" + CHROMIUM + ", " + CHROMEDRIVER + ")";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(reason + "; CI=true requires the browser tests to run");
        }
        Assumptions.assumeTrue(false, reason + "; browser tests skipped");
    }

    /** A driver with its profile in {@code dir/chromium-profile} and its log in {@code dir/chromedriver.log}; 1280 × 1000. */
    static WebDriver start(Path dir) throws IOException {
        Path profile = dir.resolve("chromium-profile");
        Files.createDirectories(profile);
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        // built directly rather than with ChromeDriverService.Builder, whose annotation javac cannot read
        int port = freePort();
        ChromeDriverService service = new ChromeDriverService(CHROMEDRIVER.toFile(), port, Duration.ofSeconds(20),
                List.of("--port=" + port, "--log-path=" + dir.resolve("chromedriver.log").toAbsolutePath()), Map.of());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=en-US",
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return chrome;
    }

    /**
     * Ends a browser test class: quits the browser, closes {@code resources} in order (the servers
     * before the registry they use) and deletes {@code dir}; what never started (null) is passed over.
     */
    static void stop(WebDriver driver, Path dir, AutoCloseable... resources) throws Exception {
        if (driver != null) {
            driver.quit();
        }
        for (AutoCloseable resource : resources) {
            if (resource != null) {
                resource.close();
            }
        }
        deleteQuietly(dir);
    }

    /** Best effort: a file Chromium still holds is left for the system's temporary-file cleanup. */
    static void deleteQuietly(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // left behind in the temporary directory
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
