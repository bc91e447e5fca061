package org.cavaplan.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(dir, 60);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return MAPPER.readTree(response.body());
    }

    static String token() {
        return server.clinician;
    }

    static ObjectNode seedCaseWithId(String id) throws Exception {
        ObjectNode node = (ObjectNode) MAPPER.readTree(TestServer.seedCase());
        node.put("caseId", id);
        return node;
    }

    static void assertProblem(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode body = json(response);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.has("type")).isTrue();
        assertThat(body.has("title")).isTrue();
        assertThat(body.has("detail")).isTrue();
        assertThat(body.get("errors").isArray()).isTrue();
    }

    @Test
    void healthIsUpWithoutAToken() throws Exception {
        HttpResponse<String> response = server.get("/health", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response)).isEqualTo(MAPPER.readTree("{\"status\":\"UP\"}"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    }

    @Test
    void thePlanOfTheSeedCaseIsTheCommandLinesPlan() throws Exception {
        HttpResponse<String> response = server.send("POST", "/api/v1/plan?asOf=2014-07-07", token(), TestServer.seedCase());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response)).isEqualTo(
                MAPPER.readTree(TestServer.read(Path.of("..", "docs", "examples", "seed-plan.json"))));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.headers().firstValue("Content-Security-Policy"))
                .hasValue("default-src 'none'; frame-ancestors 'none'");
    }

    @Test
    void badBodiesAreAnsweredWith400ProblemsThatPointAtTheFields() throws Exception {
        List<String> bodies = List.of("{not json", "", "[]", "42",
                "{\"schemaVersion\":\"1\",\"caseId\":\"x\",\"patient\":{\"ageYears\":\"old\",\"sex\":\"F\"},\"imaging\":[]}",
                seedCaseWithId("x").put("patient", "nobody").toString());
        for (String body : bodies) {
            HttpResponse<String> response = server.send("POST", "/api/v1/plan", token(), body);
            assertProblem(response, 400);
            assertThat(json(response).get("errors")).as(body).isNotEmpty();
        }
        String impossibleDate = TestServer.seedCase().replaceFirst("\"2013-01-07\"", "\"2013-02-30\"");
        HttpResponse<String> response = server.send("POST", "/api/v1/plan", token(), impossibleDate);
        assertProblem(response, 400);
        assertThat(json(response).get("errors").get(0).get("pointer").asText()).startsWith("/imaging/0");
    }

    @Test
    void aWrongAsOfDateIsABadRequest() throws Exception {
        assertProblem(server.send("POST", "/api/v1/plan?asOf=2013-13-01", token(), TestServer.seedCase()), 400);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() throws Exception {
        String big = "{\"caseId\":\"" + "x".repeat(1_100_000) + "\"}";
        assertProblem(server.send("POST", "/api/v1/plan", token(), big), 413);
    }

    @Test
    void withoutATokenTheAnswerIs401AndSaysATokenIsNeeded() throws Exception {
        for (String token : new String[] {null, "cvp_wrong"}) {
            HttpResponse<String> response = server.send("POST", "/api/v1/plan", token, TestServer.seedCase());
            assertProblem(response, 401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(json(response).get("detail").asText()).contains("token");
        }
    }

    @Test
    void aResearcherMayNotReadIdentifiedCases() throws Exception {
        assertProblem(server.get("/api/v1/cases/" + TestServer.SEED_CASE_ID, server.researcher), 403);
    }

    @Test
    void unknownRoutesAre404AndWrongMethods405() throws Exception {
        assertProblem(server.get("/nowhere", token()), 404);
        assertProblem(server.send("DELETE", "/api/v1/cases/" + TestServer.SEED_CASE_ID, token(), null), 405);
    }

    @Test
    void anUnknownCaseIs404() throws Exception {
        assertProblem(server.get("/api/v1/cases/no-such-case", token()), 404);
        assertProblem(server.get("/api/v1/cases/no-such-case/history", token()), 404);
        assertProblem(server.get("/api/v1/cases/no-such-case/versions/1", token()), 404);
        assertProblem(server.get("/api/v1/cases/no-such-case/plan", token()), 404);
    }

    @Test
    void aCaseIsCreatedReadChangedAndItsHistoryKept() throws Exception {
        HttpResponse<String> created = server.send("POST", "/api/v1/cases?reason=first", token(),
                seedCaseWithId("api-case-1").toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/cases/api-case-1");

        HttpResponse<String> read = server.get("/api/v1/cases/api-case-1", token());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(read).at("/version/version").asInt()).isEqualTo(1);
        assertThat(json(read).at("/case/caseId").asText()).isEqualTo("api-case-1");

        ObjectNode changed = seedCaseWithId("api-case-1");
        ((ObjectNode) changed.get("patient")).put("ageYears", 63);
        assertThat(read.headers().firstValue("ETag")).hasValue("\"1\"");
        HttpResponse<String> updated = server.sendIfMatch("PUT", "/api/v1/cases/api-case-1?reason=age%20corrected",
                token(), changed.toString(), 1);
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(json(updated).get("version").asInt()).isEqualTo(2);
        assertThat(json(updated).get("reason").asText()).isEqualTo("age corrected");
        assertThat(updated.headers().firstValue("ETag")).hasValue("\"2\"");

        JsonNode history = json(server.get("/api/v1/cases/api-case-1/history", token()));
        assertThat(history.get("versions")).hasSize(2);
        JsonNode first = json(server.get("/api/v1/cases/api-case-1/versions/1", token()));
        assertThat(first.at("/case/patient/ageYears").asInt()).isEqualTo(62);
        assertProblem(server.get("/api/v1/cases/api-case-1/versions/3", token()), 404);
    }

    @Test
    void aNewVersionMustKeepTheCaseIdOfThePath() throws Exception {
        HttpResponse<String> response = server.sendIfMatch("PUT", "/api/v1/cases/" + TestServer.SEED_CASE_ID, token(),
                seedCaseWithId("another").toString(), 1);
        assertProblem(response, 400);
        assertThat(json(response).at("/errors/0/pointer").asText()).isEqualTo("/caseId");
    }

    @Test
    void aRetiredCaseLeavesTheRegistryForClinicians() throws Exception {
        server.send("POST", "/api/v1/cases", token(), seedCaseWithId("api-case-retire").toString());
        assertProblem(server.send("POST", "/api/v1/cases/api-case-retire/retire", token(), "{\"reason\":\"entered twice\"}"),
                428);
        assertProblem(server.sendIfMatch("POST", "/api/v1/cases/api-case-retire/retire", token(), null, 1), 400);
        HttpResponse<String> retired = server.sendIfMatch("POST", "/api/v1/cases/api-case-retire/retire", token(),
                "{\"reason\":\"entered twice\"}", 1);
        assertThat(retired.statusCode()).as(retired.body()).isEqualTo(200);
        assertThat(json(retired).get("change").asText()).isEqualTo("RETIRED");
        assertProblem(server.get("/api/v1/cases/api-case-retire", token()), 404);
    }

    @Test
    void theListFiltersAndPagesThroughEveryCaseOnce() throws Exception {
        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = json(server.get("/api/v1/cases?limit=25" + (cursor == null ? "" : "&cursor=" + cursor),
                    token()));
            assertThat(page.get("cases").size()).isLessThanOrEqualTo(25);
            page.get("cases").forEach(c -> order.add(c.get("caseId").asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        seen.addAll(order);
        assertThat(seen).hasSize(order.size()).hasSizeGreaterThanOrEqualTo(61);
        assertThat(order).isSorted();

        JsonNode r0 = json(server.get("/api/v1/cases?margin=R0&limit=100", token()));
        assertThat(r0.get("cases")).isNotEmpty().allSatisfy(c -> assertThat(c.get("margin").asText()).isEqualTo("R0"));
        JsonNode level3 = json(server.get("/api/v1/cases?level=3&limit=100", token()));
        level3.get("cases").forEach(c -> assertThat(c.get("ivcLevels").toString()).contains("3"));
        JsonNode text = json(server.get("/api/v1/cases?q=seed-case", token()));
        assertThat(text.get("cases")).hasSize(1);
        assertProblem(server.get("/api/v1/cases?limit=101", token()), 400);
        assertProblem(server.get("/api/v1/cases?stage=SOON", token()), 400);
    }

    @Test
    void theReportOfACaseIsAPdfDownload() throws Exception {
        HttpResponse<byte[]> response = server.exchange("GET", "/api/v1/cases/" + TestServer.SEED_CASE_ID
                + "/report.pdf", token(), null, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/pdf"));
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                d -> assertThat(d).startsWith("attachment"));
        assertThat(new String(response.body(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF");
    }

    @Test
    void thePlanOfAStoredCaseIsThePlanOfItsContent() throws Exception {
        HttpResponse<String> response = server.get("/api/v1/cases/" + TestServer.SEED_CASE_ID + "/plan?asOf=2014-07-07", token());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response)).isEqualTo(
                MAPPER.readTree(TestServer.read(Path.of("..", "docs", "examples", "seed-plan.json"))));
    }

    @Test
    void aPlanWithoutADateIsForTodayNeverForTheLastDateOfTheCase() throws Exception {
        // the test server's clock stands at 2026-01-15T10:00Z; today is that instant's date where the server runs
        String today = java.time.LocalDate.ofInstant(java.time.Instant.parse("2026-01-15T10:00:00Z"),
                java.time.ZoneId.systemDefault()).toString();
        HttpResponse<String> response = server.send("POST", "/api/v1/plan", token(), TestServer.seedCase());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("asOf").asText()).isEqualTo(today).isNotEqualTo("2014-07-07");
    }

    @Test
    void theOpenApiDocumentListsExactlyTheRoutesServed() throws Exception {
        JsonNode doc = json(server.get("/api/v1/openapi.json", token()));
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        Set<String> documented = new HashSet<>();
        doc.get("paths").properties().forEach(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (!method.equals("parameters")) {
                documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
            }
        }));
        Set<String> served = new HashSet<>();
        CavaPlanServer.ROUTES.forEach(r -> served.add(r.method() + " " + r.path()));
        assertThat(documented).isEqualTo(served);
    }
}
