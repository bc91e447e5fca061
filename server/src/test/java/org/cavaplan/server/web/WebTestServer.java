package org.cavaplan.server.web;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.Authentication;
import org.cavaplan.registry.Registry;
import org.cavaplan.registry.Role;
import org.cavaplan.registry.WebSession;
import org.cavaplan.server.CavaPlanServer;
import org.cavaplan.server.FirstStart;

/**
 * A real server on a free port over a real registry (H2 in a directory, or any JDBC URL), with a
 * user of each role who has a password, and the request log collected in {@link #log}.
 */
final class WebTestServer implements AutoCloseable {

    static final String SEED_CASE_ID = "seed-case-report";
    static final String CLINICIAN = "dr.clinician";
    static final String RESEARCHER = "dr.researcher";
    static final String ADMIN = FirstStart.ADMIN;
    static final String PASSWORD = "a long test passphrase";
    /** The admin's own password, chosen in place of the one-time password of the first start. */
    static final String ADMIN_PASSWORD = "the administrator's own passphrase";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-15T10:00:00Z"), ZoneOffset.UTC);

    final Registry registry;
    final CavaPlanServer.Running running;
    final List<String> log = new CopyOnWriteArrayList<>();
    /** The admin's own password, {@link #ADMIN_PASSWORD} (null when the registry was prepared before). */
    final String adminPassword;

    /** A server over the H2 database in {@code dir}, prepared on its first use. */
    static WebTestServer h2(Path dir) {
        return new WebTestServer("jdbc:h2:file:" + dir.resolve("cavaplan").toAbsolutePath());
    }

    WebTestServer(String jdbcUrl) {
        registry = Registry.open(jdbcUrl, CLOCK);
        java.util.Optional<FirstStart.Admin> first = FirstStart.prepare(registry, 20, 7L);
        adminPassword = first.map(a -> ADMIN_PASSWORD).orElse(null);
        if (first.isPresent()) {
            // every user has chosen their own password already (AccountsPagesTest covers the change forced before that)
            ownPassword(registry, first.get().token(), ADMIN_PASSWORD);
            Actor operator = Actor.localOperator("test", "test");
            ownPassword(registry, registry.addUser(operator, CLINICIAN, Role.CLINICIAN).token(), PASSWORD);
            ownPassword(registry, registry.addUser(operator, RESEARCHER, Role.RESEARCHER).token(), PASSWORD);
            registry.save(operator, seedCase(), "the article's patient");
        }
        running = CavaPlanServer.create(registry, CLOCK, new CavaPlanServer.Options(1_000_000L, log::add)).start(0);
    }

    /**
     * The user of {@code apiToken} sets their own password, as after the change forced at the first
     * sign-in: signing in with it reaches every page the role may open.
     */
    static void ownPassword(Registry registry, String apiToken, String password) {
        Actor self = ((Authentication.Authenticated) registry.authenticate(apiToken, "test")).actor();
        registry.setPassword(self, self.name(), password.toCharArray());
    }

    static String seedCase() {
        try {
            return Files.readString(Path.of("..", "examples", "seed-case.json"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + running.port() + path;
    }

    /** A session opened directly in the registry for a user with an API token (no password check: fast). */
    WebSession sessionFor(String apiToken) {
        Authentication auth = registry.authenticate(apiToken, "test");
        return registry.openSession(((Authentication.Authenticated) auth).actor(), WebPages.SESSION_IDLE,
                WebPages.SESSION_ABSOLUTE);
    }

    @Override
    public void close() {
        running.stop();
        registry.close();
    }

    /** A browser without a browser: one cookie jar, redirects not followed, so that each answer can be checked. */
    static final class Client {
        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]*)\"");

        private final HttpClient http;
        private final java.net.CookieManager cookies = new java.net.CookieManager();
        private String lastPage = "";
        private String lastSession;

        Client() {
            http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(5)).build();
        }

        java.net.CookieManager cookies() {
            return cookies;
        }

        /** The session cookie's value in the jar, or null. */
        String sessionCookie() {
            String value = cookies.getCookieStore().getCookies().stream()
                    .filter(c -> c.getName().equals(WebPages.SESSION_COOKIE)).map(java.net.HttpCookie::getValue)
                    .findFirst().orElse(null);
            if (value != null && !value.isEmpty()) {
                lastSession = value;
            }
            return value;
        }

        /** The last session cookie this client held, even after the server cleared it. */
        String sessionCookieSeen() {
            sessionCookie();
            return lastSession;
        }

        HttpResponse<String> get(String url, String... headers) {
            return send(HttpRequest.newBuilder(URI.create(url)).GET(), headers);
        }

        HttpResponse<String> post(String url, Map<String, List<String>> form, String... headers) {
            StringBuilder body = new StringBuilder();
            for (Map.Entry<String, List<String>> e : form.entrySet()) {
                for (String v : e.getValue()) {
                    if (body.length() > 0) {
                        body.append('&');
                    }
                    body.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                            .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
                }
            }
            return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())), headers);
        }

        private HttpResponse<String> send(HttpRequest.Builder b, String... headers) {
            b.timeout(Duration.ofSeconds(60));
            for (int i = 0; i + 1 < headers.length; i += 2) {
                b.header(headers[i], headers[i + 1]);
            }
            try {
                HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                sessionCookie();
                if (response.body().contains("_csrf")) {
                    lastPage = response.body();
                }
                return response;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** The anti-forgery token of the last page that had a form. */
        String csrf() {
            Matcher m = CSRF.matcher(lastPage);
            if (!m.find()) {
                throw new IllegalStateException("no page with a form seen yet");
            }
            return m.group(1);
        }

        /** Signs in through the sign-in form; returns the answer (303 when it worked). */
        HttpResponse<String> signIn(WebTestServer server, String name, String password) {
            return post(server.url("/login"), Map.of("username", List.of(name), "password", List.of(password),
                    "next", List.of("/")));
        }
    }
}
