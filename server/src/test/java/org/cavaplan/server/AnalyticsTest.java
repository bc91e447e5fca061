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
        HttpResponse<String> response = server.get("/api/v1/analytics/km?factor=level&includeSynthetic=true",
                server.researcher);
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
        for (String factor : List.of("margin", "grade", "intent")) {
            HttpResponse<String> response = server.get("/api/v1/analytics/km?factor=" + factor + "&includeSynthetic=true",
                    server.clinician);
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
        HttpResponse<String> response = server.get("/api/v1/analytics/cox?covariates=grade,size_cm&includeSynthetic=true",
                server.researcher);
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
                + "intracardiac,margin_r1r2,neoadjuvant_rt,neoadjuvant_chemo&includeSynthetic=true", server.clinician);
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

    @Test
    void synthetic_cases_are_left_out_of_analytics_unless_asked_for_and_the_json_says_how_many() throws Exception {
        HttpResponse<String> withDemo = server.get("/api/v1/analytics/km?factor=margin&includeSynthetic=true",
                server.researcher);
        assertThat(withDemo.statusCode()).as(withDemo.body()).isEqualTo(200);
        for (JsonNode e : json(withDemo).get("exclusions")) {
            assertThat(e.get("reason").asText()).doesNotContain("synthetic");
        }
        HttpResponse<String> real = server.get("/api/v1/analytics/km?factor=margin", server.researcher);
        assertThat(real.statusCode()).as(real.body()).isIn(200, 422);
        if (real.statusCode() == 200) {
            JsonNode body = json(real);
            JsonNode synthetic = null;
            for (JsonNode e : body.get("exclusions")) {
                if (e.get("reason").asText().equals("synthetic (demo) case")) {
                    synthetic = e;
                }
            }
            assertThat(synthetic).as(body.toString()).isNotNull();
            assertThat(synthetic.get("count").asInt()).isEqualTo(120);
            assertThat(body.get("n").asInt() + body.get("excluded").asInt()).isEqualTo(121);
        } else {
            assertThat(json(real).get("detail").asText()).contains("120 synthetic (demo) case", "includeSynthetic=true");
        }
        assertProblem(server.get("/api/v1/analytics/km?factor=margin&includeSynthetic=maybe", server.researcher), 400,
                "/includeSynthetic");
    }

    @Test
    void kaplan_meier_times_are_in_months_with_groups_in_words_and_the_rmst_on_request() throws Exception {
        JsonNode days = MAPPER.readTree(server.get("/api/v1/analytics/km?factor=grade&includeSynthetic=true",
                server.researcher).body());
        assertThat(days.get("timeUnit").asText()).isEqualTo("months");
        JsonNode curve = days.get("km").get(0);
        assertThat(curve.get("label").asText()).isEqualTo("Grade " + curve.get("group").asText());
        double last = 0;
        for (JsonNode row : curve.get("table")) {
            last = Math.max(last, row.get("time").asDouble());
        }
        assertThat(last).as("months, not days").isLessThan(400);
        HttpResponse<String> response = server.get("/api/v1/analytics/km?factor=grade&includeSynthetic=true&rmst=24",
                server.researcher);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("rmst").size()).isEqualTo(body.get("km").size());
        for (JsonNode r : body.get("rmst")) {
            assertThat(r.get("tau").asDouble()).isEqualTo(24.0);
            assertThat(r.get("estimate").asDouble()).isBetween(0.0, 24.0);
            assertThat(r.get("se").asDouble()).isNotNegative();
        }
        assertThat(body.get("rmstDifference").size()).isEqualTo(body.get("km").size() - 1);
        JsonNode d = body.get("rmstDifference").get(0);
        assertThat(d.get("lower95").asDouble()).isLessThanOrEqualTo(d.get("estimate").asDouble());
        assertThat(d.get("upper95").asDouble()).isGreaterThanOrEqualTo(d.get("estimate").asDouble());
        assertProblem(server.get("/api/v1/analytics/km?factor=grade&rmst=0", server.researcher), 400, "/rmst");
        assertProblem(server.get("/api/v1/analytics/km?factor=grade&rmst=soon", server.researcher), 400, "/rmst");
    }

    @Test
    void the_stage_of_the_pathway_is_no_longer_a_factor() throws Exception {
        assertProblem(server.get("/api/v1/analytics/km?factor=stage&includeSynthetic=true", server.researcher), 400,
                "/factor");
        assertProblem(server.get("/api/v1/analytics/cif?event=local&factor=stage", server.researcher), 400, "/factor");
    }

    @Test
    void cumulative_incidence_of_local_recurrence_has_both_causes_per_group_and_grays_test() throws Exception {
        for (String event : List.of("local", "distant")) {
            HttpResponse<String> response = server.get("/api/v1/analytics/cif?event=" + event
                    + "&factor=margin&includeSynthetic=true", server.researcher);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode body = json(response);
            assertThat(body.get("event").asText()).isEqualTo(event);
            assertThat(body.get("timeUnit").asText()).isEqualTo("months");
            assertThat(body.get("n").asInt() + body.get("excluded").asInt()).isEqualTo(121);
            int groups = 0;
            for (JsonNode c : body.get("cumulativeIncidence")) {
                assertThat(c.get("cause").asInt()).isIn(1, 2);
                assertThat(c.get("time").size()).isEqualTo(c.get("estimate").size()).isEqualTo(c.get("variance").size())
                        .isEqualTo(c.get("lower").size()).isEqualTo(c.get("upper").size());
                double previous = 0;
                for (JsonNode f : c.get("estimate")) {
                    assertThat(f.asDouble()).isBetween(previous, 1.0);
                    previous = f.asDouble();
                }
                groups += c.get("cause").asInt() == 1 ? 1 : 0;
            }
            assertThat(groups).as(body.toString()).isGreaterThanOrEqualTo(2);
            for (JsonNode g : body.get("grayTest")) {
                assertThat(g.get("df").asInt()).isEqualTo(groups - 1);
                assertThat(g.get("p").asDouble()).isBetween(0.0, 1.0);
            }
        }
        assertProblem(server.get("/api/v1/analytics/cif?event=both", server.researcher), 400, "/event");
        assertProblem(server.get("/api/v1/analytics/cif", server.researcher), 400, "/event");
    }
}
