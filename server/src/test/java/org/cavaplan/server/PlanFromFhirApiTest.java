package org.cavaplan.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.cavaplan.core.model.Case;
import org.cavaplan.fhir.BundleReader;
import org.cavaplan.fhir.CaseBundle;
import org.cavaplan.io.ReadResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/v1/plan} with the case as a FHIR R4 Bundle (issue 23, item 6), on a real server. */
class PlanFromFhirApiTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String FHIR = "application/fhir+json";

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

    private static Case read(String json) {
        return ((ReadResult.Valid) Api.READER.read(json)).value();
    }

    private static HttpResponse<String> post(String path, String body, String... headers) {
        return server.exchange("POST", path, server.clinician, body, HttpResponse.BodyHandlers.ofString(), headers);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return MAPPER.readTree(response.body());
    }

    @Test
    void theSeedCasesBundleGivesThePlanOfTheCaseJson() throws Exception {
        String bundle = CaseBundle.json(read(TestServer.seedCase()));
        HttpResponse<String> response = post("/api/v1/plan?asOf=2014-07-07", bundle, "Content-Type", FHIR + "; charset=utf-8");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(json(response)).isEqualTo(MAPPER.readTree(TestServer.read(Path.of("..", "docs", "examples", "seed-plan.json"))));
        assertThat(json(response)).isEqualTo(json(post("/api/v1/plan?asOf=2014-07-07", TestServer.seedCase())));
    }

    @Test
    void everyGoldenCasesBundleGivesThePlanOfItsCaseJson() throws Exception {
        List<Path> cases;
        try (Stream<Path> dirs = Files.list(Path.of("..", "knowledge", "src", "test", "resources", "golden"))) {
            cases = dirs.map(d -> d.resolve("case.json")).filter(Files::exists).sorted().toList();
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(50);
        List<String> different = new ArrayList<>();
        for (Path file : cases) {
            String caseJson = TestServer.read(file);
            HttpResponse<String> fromBundle = post("/api/v1/plan?asOf=2025-06-30", CaseBundle.json(read(caseJson)),
                    "Content-Type", FHIR);
            HttpResponse<String> fromJson = post("/api/v1/plan?asOf=2025-06-30", caseJson);
            assertThat(fromBundle.statusCode()).as(file + ": " + fromBundle.body()).isEqualTo(200);
            if (!json(fromBundle).equals(json(fromJson))) {
                different.add(file.getParent().getFileName().toString());
            }
        }
        assertThat(different).as("golden cases whose Bundle is planned differently").isEmpty();
    }

    @Test
    void withoutADateTheBundleIsPlannedForTodayAndABadDateIsABadRequest() throws Exception {
        String bundle = CaseBundle.json(read(TestServer.seedCase()));
        String today = java.time.LocalDate.ofInstant(java.time.Instant.parse("2026-01-15T10:00:00Z"),
                java.time.ZoneId.systemDefault()).toString();
        HttpResponse<String> response = post("/api/v1/plan", bundle, "Content-Type", FHIR);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("asOf").asText()).isEqualTo(today);
        ApiTest.assertProblem(post("/api/v1/plan?asOf=2014-02-30", bundle, "Content-Type", FHIR), 400);
    }

    @Test
    void aDamagedBundleIsA400ProblemWhoseErrorsPointIntoTheBundleAndNameTheCaseField() throws Exception {
        ObjectNode bundle = (ObjectNode) MAPPER.readTree(CaseBundle.json(read(TestServer.seedCase())));
        int circumference = -1;
        for (int i = 0; i < bundle.get("entry").size(); i++) {
            JsonNode resource = bundle.get("entry").get(i).get("resource");
            if (resource.at("/code/coding/0/code").asText().equals("ivc-circumference-resected")) {
                ((ObjectNode) resource.get("valueQuantity")).put("value", 130);
                circumference = i;
            }
        }
        assertThat(circumference).isNotNegative();

        HttpResponse<String> response = post("/api/v1/plan?asOf=2014-07-07", bundle.toString(), "Content-Type", FHIR);
        ApiTest.assertProblem(response, 400);
        JsonNode error = json(response).get("errors").get(0);
        assertThat(error.get("pointer").asText()).isEqualTo("/entry/" + circumference + "/resource/valueQuantity/value");
        assertThat(error.get("message").asText()).contains("130").contains("(case field /operation/circumferenceResectedPct)");
    }

    @Test
    void badFhirBodiesAreAnswered400WithPointers() throws Exception {
        ObjectNode unknownElement = (ObjectNode) MAPPER.readTree(CaseBundle.json(read(TestServer.seedCase())));
        ((ObjectNode) unknownElement.get("entry").get(0).get("resource")).put("favouriteColour", "blue");
        record Bad(String body, String pointer) {}
        for (Bad bad : List.of(new Bad("{\"resourceType\": \"Patient\"}", "/resourceType"),
                new Bad("{\"resourceType\": \"Bundle\", \"type\": \"collection\"", ""),
                new Bad(TestServer.seedCase(), "/resourceType"),
                new Bad(unknownElement.toString(), "/entry/0/resource/favouriteColour"))) {
            HttpResponse<String> response = post("/api/v1/plan", bad.body(), "Content-Type", FHIR);
            ApiTest.assertProblem(response, 400);
            assertThat(json(response).get("errors")).as(response.body())
                    .anySatisfy(e -> assertThat(e.get("pointer").asText()).isEqualTo(bad.pointer()));
        }
    }

    @Test
    void aBundleSentAsPlainJsonIsReadAsFhirAsTheCommandLineReadsIt() throws Exception {
        String bundle = CaseBundle.json(read(TestServer.seedCase()));
        HttpResponse<String> response = post("/api/v1/plan?asOf=2014-07-07", bundle);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response)).isEqualTo(MAPPER.readTree(TestServer.read(Path.of("..", "docs", "examples", "seed-plan.json"))));
        HttpResponse<String> patient = post("/api/v1/plan", "{\"resourceType\": \"Patient\"}");
        ApiTest.assertProblem(patient, 400);
        assertThat(json(patient).at("/errors/0/pointer").asText()).isEqualTo("/resourceType");
    }

    @Test
    void planningFromABundleStoresNoCase() throws Exception {
        ObjectNode kase = (ObjectNode) MAPPER.readTree(TestServer.seedCase());
        kase.put("caseId", "fhir-plan-only");
        HttpResponse<String> response = post("/api/v1/plan?asOf=2014-07-07", CaseBundle.json(read(kase.toString())),
                "Content-Type", FHIR);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("caseId").asText()).isEqualTo("fhir-plan-only");
        ApiTest.assertProblem(server.get("/api/v1/cases/fhir-plan-only", server.clinician), 404);
    }

    @Test
    void askedForFhirThePlanComesAsThePlanBundleWhichReadsBackToTheCase() throws Exception {
        Case seed = read(TestServer.seedCase());
        HttpResponse<String> response = post("/api/v1/plan?asOf=2014-07-07", CaseBundle.json(seed), "Content-Type", FHIR,
                "Accept", FHIR);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(FHIR));
        JsonNode plan = json(response);
        assertThat(plan.get("resourceType").asText()).isEqualTo("Bundle");
        List<String> types = new ArrayList<>();
        plan.get("entry").forEach(e -> types.add(e.at("/resource/resourceType").asText()));
        assertThat(types).contains("Patient", "Condition", "RequestGroup");
        ReadResult back = BundleReader.create().read(response.body());
        assertThat(back).isInstanceOf(ReadResult.Valid.class);
        assertThat(((ReadResult.Valid) back).value()).isEqualTo(seed);

        HttpResponse<String> both = post("/api/v1/plan?asOf=2014-07-07", TestServer.seedCase(), "Accept",
                "application/json, " + FHIR);
        assertThat(both.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    }
}
