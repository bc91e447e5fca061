package org.cavaplan.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.cavaplan.core.model.Case;
import org.cavaplan.fhir.CaseBundle;
import org.cavaplan.fhir.CdsHooks;
import org.cavaplan.fhir.Fhir;
import org.cavaplan.io.CaseReader;
import org.cavaplan.io.ReadResult;
import org.cavaplan.registry.AuditEntry;
import org.cavaplan.registry.AuditQuery;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.Registry;
import org.cavaplan.server.cds.CdsClientTrust;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CDS Hooks against a real server: discovery, the patient-view service with full prefetch, without
 * prefetch reading from a FHIR server started in the test, the JWT trust, and feedback in the audit log.
 */
class CdsHooksTest {

    static final String EHR = "https://ehr.example.org";
    static final String FHIR_TOKEN = "fhir-access-token-1";

    @TempDir
    static Path dir;

    static Registry registry;
    static CavaPlanServer.Running demo;
    static CavaPlanServer.Running trusted;
    static Javalin fhirServer;
    static ECKey ehrKey;
    static Case seed;
    static Map<String, JsonNode> prefetch;
    static List<JsonNode> resources;
    static final AtomicInteger fhirReads = new AtomicInteger();
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws JOSEException {
        registry = Registry.open("jdbc:h2:file:" + dir.resolve("cavaplan").toAbsolutePath(),
                Clock.fixed(Instant.parse("2026-01-15T10:00:00Z"), ZoneOffset.UTC));
        demo = CavaPlanServer.create(registry, Clock.systemUTC(), new CavaPlanServer.Options(1_000_000L)
                .withSmartEhrs(org.cavaplan.server.smart.SmartEhrs.demo())).start(0);
        ehrKey = new ECKeyGenerator(Curve.P_384).keyID("ehr-1").generate();
        CdsClientTrust trust = CdsClientTrust.of(List.of(new CdsClientTrust.TrustedClient(EHR,
                new JWKSet(ehrKey.toPublicJWK()))), Clock.systemUTC());
        trusted = CavaPlanServer.create(registry, Clock.systemUTC(),
                new CavaPlanServer.Options(1_000_000L).withCdsTrust(Optional.of(trust))).start(0);
        seed = ((ReadResult.Valid) CaseReader.create().read(TestServer.seedCase())).value();
        prefetch = prefetchOf(seed);
        resources = resourcesOf(seed);
        fhirServer = fakeFhirServer(resources).start(0);
    }

    @AfterAll
    static void stop() {
        fhirServer.stop();
        trusted.stop();
        demo.stop();
        registry.close();
    }

    /** The case's resources as an EHR holds them, in FHIR JSON with plain ids: the Patient first. */
    static List<JsonNode> resourcesOf(Case kase) {
        List<JsonNode> resources = new ArrayList<>();
        for (Bundle.BundleEntryComponent e : CaseBundle.of(kase).getEntry()) {
            Resource r = e.getResource();
            r.setId(e.getFullUrl().substring("urn:uuid:".length()));
            resources.add(Json.parse(Fhir.json(r)));
        }
        return resources;
    }

    /**
     * The case's resources as an EHR would prefetch them: the Patient, and a searchset Bundle per
     * template holding what that search returns (its categories and codes honoured). Every resource
     * CavaPlan reads is returned by some template; only the Tumor and the tumor Specimen, which it
     * reads neither, are asked for by none.
     */
    static Map<String, JsonNode> prefetchOf(Case kase) {
        List<JsonNode> resources = resourcesOf(kase);
        Map<String, JsonNode> result = new LinkedHashMap<>();
        java.util.Set<JsonNode> found = new java.util.HashSet<>();
        result.put("patient", resources.get(0));
        found.add(resources.get(0));
        CdsHooks.prefetchTemplates().forEach((key, template) -> {
            if (!key.equals("patient")) {
                List<JsonNode> hits = FhirSearch.ofTemplate(template).run(resources);
                found.addAll(hits);
                result.put(key, searchset(hits));
            }
        });
        assertThat(resources.stream().filter(r -> !found.contains(r)).map(r -> r.path("resourceType").asText()))
                .as("resources no prefetch template returns").allMatch(t -> t.equals("BodyStructure") || t.equals("Specimen"));
        return result;
    }

    static ObjectNode searchset(List<JsonNode> resources) {
        ObjectNode bundle = Json.MAPPER.createObjectNode().put("resourceType", "Bundle").put("type", "searchset")
                .put("total", resources.size());
        com.fasterxml.jackson.databind.node.ArrayNode entries = bundle.putArray("entry");
        for (JsonNode r : resources) {
            entries.addObject().put("fullUrl", "https://fhir.example/" + r.path("resourceType").asText() + "/" + r.path("id").asText())
                    .set("resource", r);
        }
        return bundle;
    }

    /** The search a request to {@code /fhir/{type}} asks for, with its query parameters. */
    static FhirSearch searchOf(io.javalin.http.Context ctx) {
        Map<String, String> parameters = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((name, values) -> parameters.put(name, String.join(",", values)));
        return FhirSearch.of(ctx.pathParam("type"), parameters);
    }

    /** A FHIR R4 REST endpoint in the test: read Patient/{id} and search {type}?patient={id}, behind a bearer token. */
    static Javalin fakeFhirServer(List<JsonNode> resources) {
        return fakeFhirServer(resources, new java.util.concurrent.ConcurrentLinkedQueue<>());
    }

    /** The same, noting in {@code served} the type and id of every resource it returns from a search. */
    static Javalin fakeFhirServer(List<JsonNode> resources, java.util.Collection<String> served) {
        JsonNode patient = resources.get(0);
        String patientId = patient.path("id").asText();
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.before(ctx -> {
                fhirReads.incrementAndGet();
                if (!("Bearer " + FHIR_TOKEN).equals(ctx.header("Authorization"))) {
                    ctx.status(401).result("{\"resourceType\":\"OperationOutcome\"}");
                    ctx.skipRemainingHandlers();
                }
            });
            config.routes.get("/fhir/Patient/{id}", ctx -> {
                if (ctx.pathParam("id").equals(patientId)) {
                    ctx.contentType("application/fhir+json").result(Json.write(patient));
                } else {
                    ctx.status(404).contentType("application/fhir+json").result("{\"resourceType\":\"OperationOutcome\"}");
                }
            });
            config.routes.get("/fhir/{type}", ctx -> {
                List<JsonNode> hits = patientId.equals(ctx.queryParam("patient")) ? searchOf(ctx).run(resources) : List.of();
                hits.forEach(r -> served.add(r.path("resourceType").asText() + "/" + r.path("id").asText()));
                ctx.contentType("application/fhir+json").result(Json.write(searchset(hits)));
            });
        });
    }

    static ObjectNode request(boolean withPrefetch, Optional<String> fhirServerUrl) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("hook", "patient-view");
        body.put("hookInstance", UUID.randomUUID().toString());
        body.putObject("context").put("userId", "Practitioner/1")
                .put("patientId", prefetch.get("patient").path("id").asText());
        if (withPrefetch) {
            ObjectNode p = body.putObject("prefetch");
            prefetch.forEach((key, value) -> p.set(key, value.deepCopy()));
        }
        fhirServerUrl.ifPresent(url -> {
            body.put("fhirServer", url);
            body.putObject("fhirAuthorization").put("access_token", FHIR_TOKEN).put("token_type", "Bearer")
                    .put("expires_in", 300).put("scope", "patient/*.read").put("subject", "cavaplan");
        });
        return body;
    }

    static HttpResponse<String> post(CavaPlanServer.Running server, String path, String body, Optional<String> jwt) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        jwt.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String jwtFor(CavaPlanServer.Running server, String path) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(EHR).subject("ehr-client-7")
                .audience("http://127.0.0.1:" + server.port() + path).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(240))).jwtID(UUID.randomUUID().toString()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID("ehr-1").build(), claims);
        jwt.sign(new ECDSASigner(ehrKey));
        return jwt.serialize();
    }

    static List<JsonNode> cards(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> cards = new ArrayList<>();
        Json.parse(response.body()).path("cards").forEach(cards::add);
        return cards;
    }

    @Test
    void withoutSmartLaunchACardLinksTheRegistrysPlanPageOnlyWhenTheRegistryHoldsTheCase() throws Exception {
        String path = "/cds-services/cavaplan-patient-view";
        String body = Json.write(request(true, Optional.empty()));
        try (Registry own = Registry.open("jdbc:h2:mem:cds-links-" + System.nanoTime(), Clock.systemUTC());
                CavaPlanServer.Running plain = CavaPlanServer.create(own, Clock.systemUTC(),
                        new CavaPlanServer.Options(1_000_000L)).start(0)) {
            List<JsonNode> unstored = cards(post(plain, path, body, Optional.empty()));
            assertThat(unstored).isNotEmpty().allSatisfy(card -> assertThat(card.has("links"))
                    .as("no link to a page of a case that was never stored").isFalse());
            own.save(org.cavaplan.registry.Actor.localOperator("test", "test"), TestServer.seedCase(), "the article's patient");
            List<JsonNode> stored = cards(post(plain, path, body, Optional.empty()));
            assertThat(stored).allSatisfy(card -> {
                assertThat(card.path("links").get(0).path("type").asText()).isEqualTo("absolute");
                assertThat(card.path("links").get(0).path("url").asText()).endsWith("/cases/" + seed.caseId());
            });
        }
    }

    @Test
    void discoveryListsThePatientViewServiceWithItsPrefetchTemplates() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + demo.port()
                + "/cds-services")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode service = Json.parse(r.body()).path("services").get(0);
        assertThat(service.path("id").asText()).isEqualTo("cavaplan-patient-view");
        assertThat(service.path("hook").asText()).isEqualTo("patient-view");
        assertThat(service.path("prefetch").path("patient").asText()).isEqualTo("Patient/{{context.patientId}}");
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    }

    @Test
    void withFullPrefetchTheServiceAnswersWithCardsOrderedAndWithinTheLimits() {
        int readsBefore = fhirReads.get();
        List<JsonNode> cards = cards(post(demo, "/cds-services/cavaplan-patient-view",
                Json.write(request(true, Optional.empty())), Optional.empty()));
        assertThat(cards).isNotEmpty();
        for (JsonNode card : cards) {
            assertThat(card.path("summary").asText().length()).isBetween(1, 140);
            assertThat(card.path("indicator").asText()).isIn("info", "warning", "critical");
            assertThat(card.path("source").path("label").asText()).startsWith("CavaPlan knowledge base");
            assertThat(card.path("links").get(0).path("type").asText()).as("a SMART launch, in the patient's context")
                    .isEqualTo("smart");
            assertThat(card.path("links").get(0).path("url").asText()).isEqualTo("http://127.0.0.1:" + demo.port() + "/smart/launch");
            assertThat(card.path("detail").asText()).isNotBlank();
            if (card.path("detail").asText().startsWith("**Recommended**")) {
                assertThat(card.path("detail").asText()).contains("**Sources:**", "**Because:**");
            }
        }
        assertThat(cards.get(0).path("indicator").asText()).as("critical cards come first").isEqualTo("critical");
        assertThat(fhirReads.get()).as("nothing fetched when everything was prefetched").isEqualTo(readsBefore);
    }

    @Test
    void withoutPrefetchTheServiceReadsTheFhirServerWithTheEhrsTokenAndGivesTheSameCards() {
        String url = "http://127.0.0.1:" + fhirServer.port() + "/fhir";
        List<JsonNode> fetched = cards(post(demo, "/cds-services/cavaplan-patient-view",
                Json.write(request(false, Optional.of(url))), Optional.empty()));
        List<JsonNode> prefetched = cards(post(demo, "/cds-services/cavaplan-patient-view",
                Json.write(request(true, Optional.empty())), Optional.empty()));
        assertThat(fetched).isEqualTo(prefetched);
        assertThat(fhirReads.get()).isGreaterThanOrEqualTo(CdsHooks.prefetchTemplates().size());
    }

    @Test
    void theServiceFetchesEveryObservationItReadsAndNoneOfTheVitalSignsSocialHistoryOrLaboratoryReportsBeside() {
        List<JsonNode> record = new ArrayList<>(resources);
        String patient = "Patient/" + resources.get(0).path("id").asText();
        record.add(ehrResource("Observation", "bp-1", "http://terminology.hl7.org/CodeSystem/observation-category",
                "vital-signs", "85354-9", patient));
        record.add(ehrResource("Observation", "smoking-1", "http://terminology.hl7.org/CodeSystem/observation-category",
                "social-history", "72166-2", patient));
        record.add(ehrResource("DiagnosticReport", "cbc-1", "http://terminology.hl7.org/CodeSystem/v2-0074", "LAB", "58410-2",
                patient));
        java.util.Collection<String> served = new java.util.concurrent.ConcurrentLinkedQueue<>();
        Javalin ehr = fakeFhirServer(record, served).start(0);
        try {
            List<JsonNode> fetched = cards(post(demo, "/cds-services/cavaplan-patient-view",
                    Json.write(request(false, Optional.of("http://127.0.0.1:" + ehr.port() + "/fhir"))), Optional.empty()));
            assertThat(fetched).isEqualTo(cards(post(demo, "/cds-services/cavaplan-patient-view",
                    Json.write(request(true, Optional.empty())), Optional.empty())));
        } finally {
            ehr.stop();
        }
        assertThat(served).doesNotContain("Observation/bp-1", "Observation/smoking-1", "DiagnosticReport/cbc-1");
        List<String> read = resources.stream().map(r -> r.path("resourceType").asText() + "/" + r.path("id").asText())
                .filter(r -> !r.startsWith("Patient/") && !r.startsWith("BodyStructure/") && !r.startsWith("Specimen/")).toList();
        assertThat(read).filteredOn(r -> r.startsWith("Observation/")).hasSizeGreaterThan(20);
        assertThat(served).containsAll(read).doesNotHaveDuplicates();
    }

    /** A resource as an EHR's record holds it beside what CavaPlan wrote: one category, one LOINC code. */
    private static JsonNode ehrResource(String type, String id, String categorySystem, String category, String loinc,
            String patient) {
        ObjectNode r = Json.MAPPER.createObjectNode().put("resourceType", type).put("id", id).put("status", "final");
        r.putArray("category").addObject().putArray("coding").addObject().put("system", categorySystem).put("code", category);
        r.putObject("code").putArray("coding").addObject().put("system", "http://loinc.org").put("code", loinc);
        r.putObject("subject").put("reference", patient);
        return r;
    }

    @Test
    void withoutPrefetchOrFhirServerTheServiceAnswers412() {
        HttpResponse<String> r = post(demo, "/cds-services/cavaplan-patient-view",
                Json.write(request(false, Optional.empty())), Optional.empty());
        assertThat(r.statusCode()).isEqualTo(412);
        assertThat(Json.parse(r.body()).path("detail").asText()).contains("no fhirServer");
    }

    @Test
    void aFhirServerThatRefusesTheTokenMeans412NotA500() {
        ObjectNode body = request(false, Optional.of("http://127.0.0.1:" + fhirServer.port() + "/fhir"));
        ((ObjectNode) body.get("fhirAuthorization")).put("access_token", "wrong");
        HttpResponse<String> r = post(demo, "/cds-services/cavaplan-patient-view", Json.write(body), Optional.empty());
        assertThat(r.statusCode()).isEqualTo(412);
        assertThat(r.body()).contains("answered 401");
    }

    @Test
    void aBrokenRequestGetsPointersAndABrokenPrefetchNever500() {
        ObjectNode body = request(true, Optional.empty());
        body.put("hook", "order-sign");
        ((ObjectNode) body.get("context")).remove("patientId");
        HttpResponse<String> r = post(demo, "/cds-services/cavaplan-patient-view", Json.write(body), Optional.empty());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("/hook", "/context/patientId");

        ObjectNode broken = request(true, Optional.empty());
        ((ObjectNode) broken.get("prefetch")).putObject("observations").put("resourceType", "NoSuchType");
        HttpResponse<String> r2 = post(demo, "/cds-services/cavaplan-patient-view", Json.write(broken), Optional.empty());
        assertThat(r2.statusCode()).isBetween(200, 499);
        assertThat(r2.body()).contains("/prefetch/observations");

        assertThat(post(demo, "/cds-services/cavaplan-patient-view", "not json", Optional.empty()).statusCode())
                .isEqualTo(400);
    }

    @Test
    void aPatientWithoutLeiomyosarcomaGetsNoCards() {
        ObjectNode body = request(true, Optional.empty());
        ((ArrayNode) ((ObjectNode) body.get("prefetch")).get("conditions").withArray("entry")).removeAll();
        assertThat(cards(post(demo, "/cds-services/cavaplan-patient-view", Json.write(body), Optional.empty()))).isEmpty();
    }

    @Test
    void aRecordWithoutTheFactsToPlanGetsOneWarningCardThatSaysWhatIsMissing() {
        ObjectNode body = request(true, Optional.empty());
        ObjectNode p = (ObjectNode) body.get("prefetch");
        ((ArrayNode) p.get("observations").withArray("entry")).removeAll();
        ((ArrayNode) p.get("procedures").withArray("entry")).removeAll();
        List<JsonNode> cards = cards(post(demo, "/cds-services/cavaplan-patient-view", Json.write(body), Optional.empty()));
        assertThat(cards).hasSize(1);
        assertThat(cards.get(0).path("indicator").asText()).isEqualTo("warning");
        assertThat(cards.get(0).path("summary").asText()).startsWith("CavaPlan cannot plan from this record");
    }

    @Test
    void withTrustOnARequestWithoutASignedJwtIsRefusedAndOneFromTheAllowedEhrIsServed() throws JOSEException {
        String path = "/cds-services/cavaplan-patient-view";
        String body = Json.write(request(true, Optional.empty()));
        HttpResponse<String> refused = post(trusted, path, body, Optional.empty());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).doesNotContain("allow-list", "audience");
        assertThat(cards(post(trusted, path, body, Optional.of(jwtFor(trusted, path))))).isNotEmpty();
    }

    @Test
    void feedbackIsRecordedInTheAuditLogWithTheOverrideReason() throws JOSEException {
        String path = "/cds-services/cavaplan-patient-view/feedback";
        String body = "{\"feedback\":[{\"card\":\"0b2f1c9e-1111-4a4a-9999-000000000001\",\"outcome\":\"overridden\","
                + "\"overrideReason\":{\"reason\":{\"code\":\"patient-declined\",\"system\":\"https://ehr.example.org/reasons\"},"
                + "\"userComment\":\"prefers surveillance\"},\"outcomeTimestamp\":\"2026-11-27T10:00:00Z\"}]}";
        HttpResponse<String> r = post(trusted, path, body, Optional.of(jwtFor(trusted, path)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<AuditEntry> entries = registry.audit(Actor.localOperator("test", "test"), AuditQuery.latest(50));
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(AuditEntry.Action.CDS_FEEDBACK);
            assertThat(e.actor()).isEqualTo("cds:ehr-client-7@" + EHR);
            assertThat(e.detail()).contains("overridden", "patient-declined", "prefers surveillance");
        });

        HttpResponse<String> bad = post(trusted, path, "{\"feedback\":[{\"card\":\"x\",\"outcome\":\"ignored\"}]}",
                Optional.of(jwtFor(trusted, path)));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("/feedback/0/outcome");
    }

    @Test
    void feedbackNeedsAValidOutcomeTimestampAndAnAcceptedCardItsSuggestionsAndTheTimestampIsStored() throws JOSEException {
        String path = "/cds-services/cavaplan-patient-view/feedback";
        String card = "\"card\":\"0b2f1c9e-1111-4a4a-9999-000000000002\"";
        record Bad(String item, String pointer) {}
        for (Bad bad : List.of(
                new Bad("{" + card + ",\"outcome\":\"overridden\"}", "/feedback/0/outcomeTimestamp"),
                new Bad("{" + card + ",\"outcome\":\"overridden\",\"outcomeTimestamp\":\"yesterday\"}", "/feedback/0/outcomeTimestamp"),
                new Bad("{" + card + ",\"outcome\":\"overridden\",\"outcomeTimestamp\":\"2026-11-27T10:00:00\"}",
                        "/feedback/0/outcomeTimestamp"),
                new Bad("{" + card + ",\"outcome\":\"overridden\",\"outcomeTimestamp\":20261127}", "/feedback/0/outcomeTimestamp"),
                new Bad("{" + card + ",\"outcome\":\"accepted\",\"outcomeTimestamp\":\"2026-11-27T10:00:00Z\"}",
                        "/feedback/0/acceptedSuggestions"),
                new Bad("{" + card + ",\"outcome\":\"accepted\",\"outcomeTimestamp\":\"2026-11-27T10:00:00Z\","
                        + "\"acceptedSuggestions\":[{}]}", "/feedback/0/acceptedSuggestions/0/id"))) {
            HttpResponse<String> r = post(trusted, path, "{\"feedback\":[" + bad.item() + "]}", Optional.of(jwtFor(trusted, path)));
            assertThat(r.statusCode()).as(bad.item()).isEqualTo(400);
            assertThat(r.body()).as(bad.item()).contains(bad.pointer());
        }

        String good = "{\"feedback\":[{" + card + ",\"outcome\":\"accepted\",\"outcomeTimestamp\":\"2026-11-27T11:30:00+01:00\","
                + "\"acceptedSuggestions\":[]}]}";
        HttpResponse<String> ok = post(trusted, path, good, Optional.of(jwtFor(trusted, path)));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        List<AuditEntry> entries = registry.audit(Actor.localOperator("test", "test"), AuditQuery.latest(50));
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(AuditEntry.Action.CDS_FEEDBACK);
            assertThat(e.detail()).contains("0b2f1c9e-1111-4a4a-9999-000000000002", "accepted", "at=2026-11-27T10:30:00Z");
        });
    }

    /**
     * A FHIR server that answers each search one entry per page, the next page by {@code link.next}
     * (as paging servers do); {@code endless} adds a next link to every page.
     */
    static Javalin pagingFhirServer(List<JsonNode> resources, boolean endless) {
        JsonNode patient = resources.get(0);
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/fhir/Patient/{id}", ctx -> ctx.contentType("application/fhir+json").result(Json.write(patient)));
            config.routes.get("/fhir/{type}", ctx -> {
                String type = ctx.pathParam("type");
                List<JsonNode> hits = searchOf(ctx).run(resources);
                int page = Integer.parseInt(Optional.ofNullable(ctx.queryParam("_page")).orElse("0"));
                ObjectNode bundle = searchset(page < hits.size() ? List.of(hits.get(page)) : List.of());
                bundle.remove("total");
                if (endless || page + 1 < hits.size()) {
                    String query = ctx.queryString().replaceAll("&?_page=\\d+", "");
                    bundle.withArray("link").addObject().put("relation", "next")
                            .put("url", "http://127.0.0.1:" + ctx.port() + "/fhir/" + type + "?" + query + "&_page=" + (page + 1));
                }
                ctx.contentType("application/fhir+json").result(Json.write(bundle));
            });
        });
    }

    @Test
    void aFhirServerThatPagesItsSearchesIsReadToTheLastPageAndGivesTheSameCards() {
        Javalin paging = pagingFhirServer(resources, false).start(0);
        try {
            String url = "http://127.0.0.1:" + paging.port() + "/fhir";
            List<JsonNode> fetched = cards(post(demo, "/cds-services/cavaplan-patient-view",
                    Json.write(request(false, Optional.of(url))), Optional.empty()));
            List<JsonNode> prefetched = cards(post(demo, "/cds-services/cavaplan-patient-view",
                    Json.write(request(true, Optional.empty())), Optional.empty()));
            assertThat(prefetch.get("observations").path("entry").size()).as("the search spans many pages").isGreaterThan(5);
            assertThat(fetched).isEqualTo(prefetched);
        } finally {
            paging.stop();
        }
    }

    @Test
    void aSearchThatNeverEndsIsCutAtTheBoundWithA412() {
        Javalin endless = pagingFhirServer(resources, true).start(0);
        try {
            HttpResponse<String> r = post(demo, "/cds-services/cavaplan-patient-view",
                    Json.write(request(false, Optional.of("http://127.0.0.1:" + endless.port() + "/fhir"))), Optional.empty());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(412);
            assertThat(Json.parse(r.body()).path("detail").asText()).contains("more than 50 pages");
        } finally {
            endless.stop();
        }
    }
}
