package org.cavaplan.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Optimistic concurrency over the API: the {@code ETag} of a case is its version, and every write of
 * an existing case names the version it was based on in {@code If-Match} (428 without, 409 naming the
 * latest version when stale).
 */
class ConditionalWritesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(dir, 1);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return MAPPER.readTree(response.body());
    }

    static ObjectNode caseWithId(String id) throws Exception {
        ObjectNode node = (ObjectNode) MAPPER.readTree(TestServer.seedCase());
        node.put("caseId", id);
        return node;
    }

    static ObjectNode with(ObjectNode kase, String field, int value) {
        ObjectNode copy = kase.deepCopy();
        ((ObjectNode) copy.get("patient")).put(field, value);
        return copy;
    }

    static String created(String id) throws Exception {
        HttpResponse<String> r = server.send("POST", "/api/v1/cases?reason=first", server.clinician, caseWithId(id).toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.headers().firstValue("ETag")).hasValue("\"1\"");
        return id;
    }

    static void assertProblem(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(json(response).get("status").asInt()).isEqualTo(status);
    }

    @Test
    void the_second_of_two_api_editors_of_one_version_gets_a_409_naming_the_latest_and_undoes_nothing() throws Exception {
        String id = created("api-two-editors");
        String path = "/api/v1/cases/" + id;
        String first = server.get(path, server.clinician).headers().firstValue("ETag").orElseThrow();
        String second = server.get(path, server.admin.token()).headers().firstValue("ETag").orElseThrow();
        assertThat(first).isEqualTo("\"1\"").isEqualTo(second);
        ObjectNode base = (ObjectNode) json(server.get(path, server.clinician)).get("case");

        HttpResponse<String> ecog = server.sendIfMatch("PUT", path + "?reason=ECOG", server.clinician,
                with(base, "ecog", 2).toString(), 1);
        HttpResponse<String> age = server.sendIfMatch("PUT", path + "?reason=age", server.admin.token(),
                with(base, "ageYears", 63).toString(), 1);

        assertThat(ecog.statusCode()).as(ecog.body()).isEqualTo(200);
        assertThat(ecog.headers().firstValue("ETag")).hasValue("\"2\"");
        assertProblem(age, 409);
        JsonNode problem = json(age);
        assertThat(problem.get("currentVersion").asInt()).isEqualTo(2);
        assertThat(problem.get("currentAuthor").asText()).isEqualTo("clinician");
        assertThat(problem.get("currentRecordedAt").asText()).isEqualTo("2026-01-15T10:00:00Z");
        assertThat(problem.get("basedOnVersion").asInt()).isEqualTo(1);
        assertThat(problem.get("detail").asText()).contains("version 2").contains("clinician");
        assertThat(age.headers().firstValue("ETag")).hasValue("\"2\"");
        JsonNode latest = json(server.get(path, server.clinician));
        assertThat(latest.at("/case/patient/ecog").asInt()).isEqualTo(2);
        assertThat(latest.at("/case/patient/ageYears").asInt()).isEqualTo(62);

        // the second editor reads the latest version, applies the change again and names that version
        ObjectNode current = (ObjectNode) latest.get("case");
        HttpResponse<String> again = server.sendIfMatch("PUT", path + "?reason=age", server.admin.token(),
                with(current, "ageYears", 63).toString(), 2);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(json(again).get("version").asInt()).isEqualTo(3);
        JsonNode both = json(server.get(path, server.clinician));
        assertThat(both.at("/case/patient/ecog").asInt()).isEqualTo(2);
        assertThat(both.at("/case/patient/ageYears").asInt()).isEqualTo(63);
    }

    @Test
    void a_put_without_if_match_is_428_and_stores_nothing() throws Exception {
        String id = created("api-no-if-match");
        HttpResponse<String> r = server.send("PUT", "/api/v1/cases/" + id, server.clinician,
                with(caseWithId(id), "ecog", 1).toString());

        assertProblem(r, 428);
        assertThat(json(r).at("/errors/0/pointer").asText()).isEqualTo("/If-Match");
        assertThat(json(server.get("/api/v1/cases/" + id + "/history", server.clinician)).get("versions")).hasSize(1);
    }

    @Test
    void an_if_match_that_names_no_single_version_is_refused() throws Exception {
        String id = created("api-bad-if-match");
        String body = with(caseWithId(id), "ecog", 1).toString();
        for (String header : new String[] {"W/\"1\"", "\"1\", \"2\"", "\"one\"", "\"0\""}) {
            HttpResponse<String> r = server.exchange("PUT", "/api/v1/cases/" + id, server.clinician, body,
                    HttpResponse.BodyHandlers.ofString(), "If-Match", header);
            assertProblem(r, 400);
            assertThat(json(r).at("/errors/0/pointer").asText()).as(header).isEqualTo("/If-Match");
        }
        assertProblem(server.exchange("PUT", "/api/v1/cases/" + id, server.clinician, body,
                HttpResponse.BodyHandlers.ofString(), "If-Match", "*"), 428);
        assertThat(json(server.get("/api/v1/cases/" + id + "/history", server.clinician)).get("versions")).hasSize(1);
    }

    @Test
    void a_post_over_an_existing_case_needs_if_match_and_if_none_match_star_only_creates() throws Exception {
        String id = created("api-post-existing");
        String changed = with(caseWithId(id), "ecog", 1).toString();

        HttpResponse<String> blind = server.send("POST", "/api/v1/cases", server.clinician, changed);
        assertProblem(blind, 428);
        assertThat(json(blind).get("currentVersion").asInt()).isEqualTo(1);
        assertProblem(server.exchange("POST", "/api/v1/cases", server.clinician, changed,
                HttpResponse.BodyHandlers.ofString(), "If-None-Match", "*"), 409);
        HttpResponse<String> based = server.sendIfMatch("POST", "/api/v1/cases", server.clinician, changed, 1);
        assertThat(based.statusCode()).as(based.body()).isEqualTo(200);
        assertThat(json(based).get("version").asInt()).isEqualTo(2);
        assertProblem(server.sendIfMatch("POST", "/api/v1/cases", server.clinician, changed, 1), 409);

        HttpResponse<String> fresh = server.exchange("POST", "/api/v1/cases", server.clinician,
                caseWithId("api-post-new").toString(), HttpResponse.BodyHandlers.ofString(), "If-None-Match", "*");
        assertThat(fresh.statusCode()).as(fresh.body()).isEqualTo(201);
        assertProblem(server.sendIfMatch("POST", "/api/v1/cases", server.clinician, caseWithId("api-post-none").toString(), 1),
                404);
    }

    @Test
    void a_version_read_carries_its_etag_and_a_retirement_based_on_an_older_version_is_409() throws Exception {
        String id = created("api-retire-stale");
        HttpResponse<String> v2 = server.sendIfMatch("PUT", "/api/v1/cases/" + id, server.clinician,
                with(caseWithId(id), "ecog", 1).toString(), 1);
        assertThat(v2.statusCode()).as(v2.body()).isEqualTo(200);
        assertThat(server.get("/api/v1/cases/" + id + "/versions/1", server.clinician).headers().firstValue("ETag"))
                .hasValue("\"1\"");

        HttpResponse<String> stale = server.sendIfMatch("POST", "/api/v1/cases/" + id + "/retire?reason=duplicate",
                server.clinician, null, 1);
        assertProblem(stale, 409);
        assertThat(json(stale).get("currentVersion").asInt()).isEqualTo(2);
        assertProblem(server.send("POST", "/api/v1/cases/" + id + "/retire?reason=duplicate", server.clinician, null), 428);

        HttpResponse<String> retired = server.sendIfMatch("POST", "/api/v1/cases/" + id + "/retire?reason=duplicate",
                server.clinician, null, 2);
        assertThat(retired.statusCode()).as(retired.body()).isEqualTo(200);
        assertThat(json(retired).get("version").asInt()).isEqualTo(3);
    }
}
