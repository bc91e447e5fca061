package org.cavaplan.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.cavaplan.registry.Actor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plausibility on the API's case writes: errors and unconfirmed warnings are 422 problems listing
 * each finding with its pointer; {@code confirmWarnings=true} stores the case and lists what was
 * confirmed. The test server's today is 2026-01-15.
 */
class ApiPlausibilityTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Actor OPERATOR = Actor.localOperator("test", "test");

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

    static ObjectNode seedCaseWithId(String id) throws Exception {
        ObjectNode node = (ObjectNode) MAPPER.readTree(TestServer.seedCase());
        node.put("caseId", id);
        return node;
    }

    /** The seed case with its first study's diameter typed as 45 cm (it measured 5 cm eight days later). */
    static ObjectNode withMillimetres(String id) throws Exception {
        ObjectNode kase = seedCaseWithId(id);
        ((ArrayNode) kase.get("imaging").get(0).get("tumorDiametersCm")).removeAll().add(45.0);
        return kase;
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return MAPPER.readTree(response.body());
    }

    int versions(String id) {
        return server.registry.history(OPERATOR, id).size();
    }

    @Test
    void a_case_with_warnings_is_refused_with_422_listing_each_warning_and_nothing_is_stored() throws Exception {
        HttpResponse<String> refused = server.send("POST", "/api/v1/cases", server.clinician, withMillimetres("api-warned").toString());

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = json(refused);
        assertThat(problem.get("type").asText()).isEqualTo("https://cavaplan.org/problems/plausibility-warning");
        assertThat(problem.get("detail").asText()).contains("confirmWarnings=true");
        assertThat(problem.get("errors")).isEmpty();
        assertThat(problem.get("warnings").findValuesAsText("pointer"))
                .containsExactly("/imaging/0/tumorDiametersCm/0", "/imaging/1/tumorDiametersCm/0");
        assertThat(problem.get("warnings").get(0).get("message").asText()).startsWith("45 cm is larger than 30 cm");
        assertThat(problem.get("warnings").get(1).get("message").asText())
                .contains("from 45 cm on 2013-01-07 to 4.6 cm on 2013-01-15");
        assertThat(versions("api-warned")).isZero();
    }

    @Test
    void with_confirmWarnings_true_the_case_is_stored_and_the_answer_lists_the_confirmed_warnings() throws Exception {
        HttpResponse<String> stored = server.send("POST", "/api/v1/cases?confirmWarnings=true&reason=measured%20so",
                server.clinician, withMillimetres("api-confirmed").toString());

        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
        JsonNode body = json(stored);
        assertThat(body.get("version").asInt()).isEqualTo(1);
        assertThat(body.get("confirmedWarnings").findValuesAsText("pointer"))
                .containsExactly("/imaging/0/tumorDiametersCm/0", "/imaging/1/tumorDiametersCm/0");
        assertThat(json(server.get("/api/v1/cases/api-confirmed", server.clinician)).at("/case/imaging/0/tumorDiametersCm/0").asDouble())
                .isEqualTo(45.0);
    }

    @Test
    void a_case_without_warnings_is_answered_as_before_without_a_confirmed_list() throws Exception {
        HttpResponse<String> stored = server.send("POST", "/api/v1/cases?confirmWarnings=true", server.clinician,
                seedCaseWithId("api-plain").toString());

        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
        assertThat(json(stored).has("confirmedWarnings")).isFalse();
    }

    @Test
    void a_date_after_today_is_a_422_error_with_its_pointer_even_when_warnings_are_confirmed() throws Exception {
        ObjectNode kase = withMillimetres("api-future");
        ((ObjectNode) kase.get("followUp").get(0)).put("date", "2026-01-16");

        HttpResponse<String> refused = server.send("POST", "/api/v1/cases?confirmWarnings=true", server.clinician, kase.toString());

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        JsonNode problem = json(refused);
        assertThat(problem.get("type").asText()).isEqualTo("https://cavaplan.org/problems/implausible-case");
        assertThat(problem.get("errors")).hasSize(1);
        assertThat(problem.at("/errors/0/pointer").asText()).isEqualTo("/followUp/0/date");
        assertThat(problem.at("/errors/0/message").asText())
                .isEqualTo("is 2026-01-16, after today (2026-01-15): a date cannot lie in the future");
        assertThat(problem.get("warnings")).hasSize(2);
        assertThat(versions("api-future")).isZero();
    }

    @Test
    void metastatic_sites_at_a_visit_counting_no_metastasis_are_a_422_error() throws Exception {
        ObjectNode kase = seedCaseWithId("api-contradiction");
        ((ObjectNode) kase.get("followUp").get(kase.get("followUp").size() - 1)).put("metastasisCount", 0)
                .putArray("distantMetastases").add("LUNG");

        HttpResponse<String> refused = server.send("POST", "/api/v1/cases", server.clinician, kase.toString());

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(json(refused).at("/errors/0/pointer").asText()).endsWith("/distantMetastases");
        assertThat(json(refused).at("/errors/0/message").asText()).isEqualTo(
                "lists lung while the number of metastases is 0: correct one of the two");
        assertThat(versions("api-contradiction")).isZero();
    }

    @Test
    void a_put_is_checked_the_same_way() throws Exception {
        assertThat(server.send("POST", "/api/v1/cases", server.clinician, seedCaseWithId("api-put").toString()).statusCode())
                .isEqualTo(201);

        HttpResponse<String> refused = put("/api/v1/cases/api-put", withMillimetres("api-put").toString());
        HttpResponse<String> stored = put("/api/v1/cases/api-put?confirmWarnings=true", withMillimetres("api-put").toString());

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(json(refused).get("type").asText()).endsWith("/plausibility-warning");
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        assertThat(json(stored).get("confirmedWarnings")).hasSize(2);
        assertThat(versions("api-put")).isEqualTo(2);
    }

    @Test
    void a_confirmWarnings_that_is_neither_true_nor_false_is_a_400_naming_the_parameter() throws Exception {
        HttpResponse<String> bad = server.send("POST", "/api/v1/cases?confirmWarnings=yes", server.clinician,
                withMillimetres("api-bad-flag").toString());

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).at("/errors/0/pointer").asText()).isEqualTo("/confirmWarnings");
        assertThat(versions("api-bad-flag")).isZero();
    }

    /** A PUT naming the version it is based on when the server publishes one (ETag), as a careful client does. */
    private HttpResponse<String> put(String path, String body) throws Exception {
        String id = path.substring("/api/v1/cases/".length()).replaceAll("\\?.*", "");
        HttpResponse<String> current = server.get("/api/v1/cases/" + id, server.clinician);
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).PUT(HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + server.clinician).header("Content-Type", "application/json");
        current.headers().firstValue("ETag").ifPresent(etag -> b.header("If-Match", etag));
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
