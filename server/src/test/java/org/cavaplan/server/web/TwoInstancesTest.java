package org.cavaplan.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Two server instances on one PostgreSQL database, as behind a load balancer: a session opened on
 * one is honoured by the other, and ended on either it is ended on both. Runs on a new database
 * beside the one named by {@code CAVAPLAN_TEST_POSTGRES_URL}; skipped without it.
 */
@EnabledIfEnvironmentVariable(named = "CAVAPLAN_TEST_POSTGRES_URL", matches = ".+",
        disabledReason = "CAVAPLAN_TEST_POSTGRES_URL is not set: no PostgreSQL for two instances to share")
class TwoInstancesTest {

    private String base;
    private String name;
    private String url;

    @BeforeEach
    void createDatabase() throws SQLException {
        base = System.getenv("CAVAPLAN_TEST_POSTGRES_URL");
        Matcher m = Pattern.compile("(jdbc:postgresql://[^/]*/)([^?]*)(.*)").matcher(base);
        assertThat(m.matches()).as("a jdbc:postgresql://host/database URL: " + base).isTrue();
        name = "cavaplan_w_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        execute("CREATE DATABASE " + name);
        url = m.group(1) + name + m.group(3);
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void aSessionOpenedOnOneInstanceIsHonouredAndEndedOnTheOther() {
        try (WebTestServer one = new WebTestServer(url); WebTestServer two = new WebTestServer(url)) {
            WebTestServer.Client client = new WebTestServer.Client();
            assertThat(client.signIn(one, WebTestServer.CLINICIAN, WebTestServer.PASSWORD).statusCode()).isEqualTo(303);

            HttpResponse<String> onTwo = client.get(two.url("/cases"));
            assertThat(onTwo.statusCode()).isEqualTo(200);
            assertThat(onTwo.body()).contains(WebTestServer.SEED_CASE_ID);

            HttpResponse<String> out = client.post(two.url("/logout"), Map.of("_csrf", List.of(client.csrf())));
            assertThat(out.statusCode()).isEqualTo(303);
            HttpResponse<String> onOne = new WebTestServer.Client().get(one.url("/cases"),
                    "Cookie", WebPages.SESSION_COOKIE + "=" + client.sessionCookieSeen());
            assertThat(onOne.statusCode()).isEqualTo(303);
        }
    }
}
