package org.cavaplan.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyticsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(dir, 120);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return MAPPER.readTree(response.body());
    }

    static void assertProblem(HttpResponse<String> response, int status, String pointer) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode body = json(response);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        if (pointer != null) {
            assertThat(body.get("errors").get(0).get("pointer").asText()).isEqualTo(pointer);
        }
    }

    @Test
    void kaplanMeierByLevelHasCurvesWithTablesAndALogRankTest() throws Exception {
        HttpResponse<String> response = server.get("/api/v1/analytics/km?factor=level", server.researcher);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/json"));
        JsonNode body = json(response);
        assertThat(body.get("factor").asText()).isEqualTo("level");
        assertThat(body.get("km").size()).isGreaterThanOrEqualTo(2);
        int total = 0;
        for (JsonNode curve : body.get("km")) {
            assertThat(curve.get("group").asText()).isNotBlank();
            assertThat(curve.get("table").isArray()).isTrue();
            assertThat(curve.get("table").size()).isPositive();
            total += curve.get("n").asInt();
        }
        assertThat(body.get("n").asInt()).isEqualTo(total).isPositive();
        assertThat(body.get("excluded").asInt()).isNotNegative();
        assertThat(body.get("n").asInt() + body.get("excluded").asInt()).isEqualTo(121);
        double p = body.get("logRank").get("p").asDouble();
        assertThat(p).isBetween(0.0, 1.0);
        assertThat(body.get("logRank").get("df").asInt()).isEqualTo(body.get("km").size() - 1);
    }

    @Test
    void everyFactorAnswers() throws Exception {
        for (String factor : List.of("margin", "grade", "intent", "stage")) {
            HttpResponse<String> response = server.get("/api/v1/analytics/km?factor=" + factor, server.clinician);
            assertThat(response.statusCode()).as(factor + ": " + response.body()).isEqualTo(200);
            assertThat(json(response).get("km").size()).as(factor).isPositive();
        }
    }

    @Test
    void thePlotIsSvg() {
        HttpResponse<String> response = server.get("/api/v1/analytics/km?factor=margin&format=svg", server.researcher);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("image/svg+xml"));
        String body = response.body().replaceFirst("^<\\?xml[^>]*\\?>\\s*", "");
        assertThat(body).startsWith("<svg");
        assertThat(body.strip()).endsWith("</svg>");
    }

    @Test
    void anUnknownFactorIsABadRequest() throws Exception {
        assertProblem(server.get("/api/v1/analytics/km?factor=color", server.clinician), 400, "/factor");
        assertProblem(server.get("/api/v1/analytics/km", server.clinician), 400, "/factor");
    }

    @Test
    void coxOnGradeAndSizeHasFiniteHazardRatios() throws Exception {
        HttpResponse<String> response = server.get("/api/v1/analytics/cox?covariates=grade,size_cm", server.researcher);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode cox = json(response).get("cox");
        assertThat(cox.get("ties").asText()).isEqualToIgnoringCase("efron");
        assertThat(cox.get("coefficients").size()).isEqualTo(2);
        assertThat(cox.get("coefficients").get(0).get("name").asText()).isEqualTo("grade");
        assertThat(cox.get("coefficients").get(1).get("name").asText()).isEqualTo("size_cm");
        for (JsonNode c : cox.get("coefficients")) {
            assertThat(c.get("hr").isNumber()).as(c.toString()).isTrue();
            assertThat(Double.isFinite(c.get("hr").asDouble())).isTrue();
            assertThat(c.get("hr").asDouble()).isPositive();
        }
        assertThat(cox.get("events").asInt()).isPositive();
    }

    @Test
    void anUnknownCovariateIsABadRequest() throws Exception {
        assertProblem(server.get("/api/v1/analytics/cox?covariates=grade,shoe_size", server.clinician), 400,
                "/covariates");
        assertProblem(server.get("/api/v1/analytics/cox", server.clinician), 400, "/covariates");
    }

    @Test
    void aModelThatCannotBeFittedIsUnprocessable() throws Exception {
        HttpResponse<String> response = server.get("/api/v1/analytics/cox?covariates=level_3,level_3", server.clinician);
        assertProblem(response, 400, "/covariates");
        HttpResponse<String> collinear = server.get("/api/v1/analytics/cox?covariates=age,ecog,grade,size_cm,level_3,"
                + "intracardiac,margin_r1r2,neoadjuvant_rt,neoadjuvant_chemo", server.clinician);
        assertThat(collinear.statusCode()).as(collinear.body()).isIn(200, 422);
        if (collinear.statusCode() == 422) {
            assertProblem(collinear, 422, null);
            assertThat(json(collinear).get("detail").asText()).isNotBlank();
        }
    }

    @Test
    void theCsvExportHasAHeaderWithTime() {
        HttpResponse<String> response = server.get("/api/v1/export?format=csv", server.clinician);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("text/csv"));
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                d -> assertThat(d).startsWith("attachment"));
        String[] lines = response.body().split("\r?\n");
        assertThat(lines[0].split(",")).contains("case_id", "time_days", "event", "operation_date");
        assertThat(lines).hasSize(122);
        assertThat(response.body()).contains("SYNTH-");
    }

    @Test
    void theNdjsonExportHasOneCasePerLine() throws Exception {
        HttpResponse<String> response = server.get("/api/v1/export?format=ndjson", server.admin.token());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/x-ndjson"));
        String[] lines = response.body().split("\n");
        assertThat(lines).hasSize(121);
        assertThat(MAPPER.readTree(lines[0]).has("caseId")).isTrue();
    }

    @Test
    void aResearcherReceivesOnlyDeidentifiedExports() throws Exception {
        assertProblem(server.get("/api/v1/export?format=csv", server.researcher), 403, null);
        assertProblem(server.get("/api/v1/export?format=ndjson&deidentify=false", server.researcher), 403, null);
        HttpResponse<String> response = server.get("/api/v1/export?format=csv&deidentify=true", server.researcher);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("SYNTH-").doesNotContain(TestServer.SEED_CASE_ID);
        assertThat(response.body().split("\r?\n")[0]).doesNotContain("operation_date");
        assertThat(response.body().split("\r?\n")[1]).startsWith("P-");
        HttpResponse<String> ndjson = server.get("/api/v1/export?format=ndjson&deidentify=true", server.researcher);
        assertThat(ndjson.statusCode()).as(ndjson.body()).isEqualTo(200);
        assertThat(ndjson.body()).doesNotContain("SYNTH-");
    }

    @Test
    void badExportParametersAreBadRequests() throws Exception {
        assertProblem(server.get("/api/v1/export?format=xml", server.clinician), 400, "/format");
        assertProblem(server.get("/api/v1/export?deidentify=maybe", server.clinician), 400, "/deidentify");
    }
}
