package org.cavaplan.server.smart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.cavaplan.core.model.Case;
import org.cavaplan.io.CaseReader;
import org.cavaplan.io.ReadResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The test EHR itself, driven by hand over real HTTP: the EHR launch with PKCE works end to end, and
 * each fault of a client is refused with the error SMART App Launch 2.0.0 and OAuth 2.0 prescribe
 * and recorded as a problem.
 */
class TestEhrTest {

    static final String CLIENT = "cavaplan-test";
    static final String APP_LAUNCH = "http://127.0.0.1:9/smart/launch";
    static final String REDIRECT = "http://127.0.0.1:9/smart/callback";
    static final String SCOPES = "launch launch/patient openid fhirUser patient/*.rs";
    static final String LAB = "http://terminology.hl7.org/CodeSystem/observation-category|laboratory";
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final SecureRandom random = new SecureRandom();
    static Case seed;

    TestEhr ehr;

    @BeforeAll
    static void readSeed() throws IOException {
        String json = Files.readString(Path.of("..", "examples", "seed-case.json"));
        seed = ((ReadResult.Valid) CaseReader.create().read(json)).value();
    }

    @BeforeEach
    void startEhr() {
        ehr = TestEhr.start(CLIENT);
        ehr.allowRedirect(REDIRECT);
        ehr.addPatient("p1", seed);
    }

    @AfterEach
    void stopEhr() {
        ehr.close();
    }

    // ---------------------------------------------------------------- the whole dance

    @Test
    void theWholeEhrLaunchFromLaunchToAPagedSearchSucceedsWithoutProblems() throws Exception {
        ehr.pageSize(3);
        HttpResponse<String> opened = get(ehr.launch(APP_LAUNCH, "p1"), null);
        assertThat(opened.statusCode()).isEqualTo(302);
        String appUrl = location(opened);
        assertThat(appUrl).startsWith(APP_LAUNCH + "?");
        Map<String, String> launchParams = query(appUrl);
        assertThat(launchParams.get("iss")).isEqualTo(ehr.fhirBase());

        JsonNode config = json(get(launchParams.get("iss") + "/.well-known/smart-configuration", null));
        Pkce pkce = Pkce.fresh();
        Map<String, String> ask = authorizeParams(launchParams.get("launch"), pkce);
        HttpResponse<String> authorized = get(config.path("authorization_endpoint").asText() + "?" + form(ask), null);
        assertThat(authorized.statusCode()).isEqualTo(302);
        assertThat(location(authorized)).startsWith(REDIRECT + "?");
        Map<String, String> back = query(location(authorized));
        assertThat(back.get("state")).isEqualTo(ask.get("state"));

        HttpResponse<String> tokenResponse = post(config.path("token_endpoint").asText(), exchange(back.get("code"), pkce));
        assertThat(tokenResponse.statusCode()).as(tokenResponse.body()).isEqualTo(200);
        assertThat(tokenResponse.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(tokenResponse.headers().firstValue("Pragma")).contains("no-cache");
        JsonNode token = json(tokenResponse);
        assertThat(token.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.path("expires_in").asInt()).isEqualTo(3600);
        assertThat(token.path("scope").asText().split(" "))
                .containsExactlyInAnyOrder("launch", "launch/patient", "openid", "fhirUser", "patient/*.rs");
        assertThat(token.path("patient").asText()).isEqualTo("p1");
        assertThat(token.path("need_patient_banner").asBoolean()).isTrue();

        SignedJWT idToken = SignedJWT.parse(token.path("id_token").asText());
        JWKSet keys = JWKSet.parse(get(config.path("jwks_uri").asText(), null).body());
        RSAKey key = (RSAKey) keys.getKeyByKeyId(idToken.getHeader().getKeyID());
        assertThat(idToken.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(idToken.verify(new RSASSAVerifier(key))).isTrue();
        JWTClaimsSet claims = idToken.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(config.path("issuer").asText()).isEqualTo(ehr.fhirBase());
        assertThat(claims.getAudience()).containsExactly(CLIENT);
        assertThat(claims.getSubject()).isNotBlank();
        assertThat(claims.getExpirationTime()).isAfter(new Date());
        assertThat(claims.getStringClaim("fhirUser")).isEqualTo(ehr.fhirBase() + "/" + ehr.practitioner());

        String access = token.path("access_token").asText();
        assertThat(json(get(claims.getStringClaim("fhirUser"), access)).path("resourceType").asText()).isEqualTo("Practitioner");
        JsonNode patient = json(get(ehr.fhirBase() + "/Patient/p1", access));
        assertThat(patient.path("id").asText()).isEqualTo("p1");

        List<JsonNode> pages = readAllPages(ehr.fhirBase() + "/Observation?patient=p1", access);
        int total = pages.get(0).path("total").asInt();
        List<JsonNode> entries = new ArrayList<>();
        pages.forEach(p -> p.path("entry").forEach(entries::add));
        assertThat(total).as("the seed case has more Observations than a page").isGreaterThan(3);
        assertThat(pages).hasSize((total + 2) / 3);
        assertThat(entries).hasSize(total).allSatisfy(e -> {
            assertThat(e.path("fullUrl").asText()).startsWith(ehr.fhirBase() + "/Observation/");
            assertThat(e.path("resource").path("subject").path("reference").asText()).isEqualTo("Patient/p1");
        });
        assertThat(entries.stream().map(e -> e.path("resource").path("id").asText()).distinct()).hasSize(total);

        assertThat(ehr.problems()).isEmpty();
        assertThat(ehr.requestedScopes()).containsExactly(SCOPES);
        assertThat(ehr.fhirRequests()).contains("GET /fhir/.well-known/smart-configuration", "GET /fhir/Patient/p1",
                "GET /fhir/Observation?patient=p1");
    }

    @Test
    void theSmartConfigurationOffersS256OnlyAndTheEhrLaunchCapabilitiesOfTheSpecification() throws Exception {
        HttpResponse<String> r = get(ehr.fhirBase() + "/.well-known/smart-configuration", null);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode config = json(r);
        assertThat(config.path("issuer").asText()).isEqualTo(ehr.fhirBase());
        for (String endpoint : List.of("jwks_uri", "authorization_endpoint", "token_endpoint")) {
            assertThat(config.path(endpoint).asText()).as(endpoint).startsWith("http://127.0.0.1:");
        }
        assertThat(texts(config.path("code_challenge_methods_supported"))).containsExactly("S256");
        assertThat(texts(config.path("grant_types_supported"))).containsExactly("authorization_code");
        assertThat(texts(config.path("response_types_supported"))).containsExactly("code");
        assertThat(texts(config.path("capabilities"))).contains("launch-ehr", "client-public", "context-ehr-patient",
                "sso-openid-connect", "permission-patient", "permission-v2", "context-banner");
        assertThat(texts(config.path("scopes_supported"))).contains("launch", "openid", "fhirUser", "patient/*.rs");

        JsonNode metadata = json(get(ehr.fhirBase() + "/metadata", null));
        assertThat(metadata.path("resourceType").asText()).isEqualTo("CapabilityStatement");
        assertThat(metadata.path("fhirVersion").asText()).isEqualTo("4.0.1");
    }

    @Test
    void anAuthorizationRequestSentAsAFormPostIsAnsweredLikeAGet() throws Exception {
        Pkce pkce = Pkce.fresh();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(origin() + "/authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(authorizeParams(launchId("p1"), pkce)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(query(location(r))).containsKey("code");
        assertThat(ehr.problems()).isEmpty();
    }

    // ---------------------------------------------------------------- the token endpoint

    @Test
    void aWrongCodeVerifierIsRefusedWithInvalidGrant() throws Exception {
        Pkce pkce = Pkce.fresh();
        String code = authorizedCode(authorizeParams(launchId("p1"), pkce));
        HttpResponse<String> r = post(origin() + "/token", exchange(code, Pkce.fresh()));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(ehr.problems()).anyMatch(p -> p.contains("code_verifier does not hash"));
    }

    @Test
    void aCodeIsExchangedOnceAndItsReuseRevokesTheAccessTokenItGave() throws Exception {
        Pkce pkce = Pkce.fresh();
        String code = authorizedCode(authorizeParams(launchId("p1"), pkce));
        HttpResponse<String> first = post(origin() + "/token", exchange(code, pkce));
        assertThat(first.statusCode()).isEqualTo(200);
        String access = json(first).path("access_token").asText();
        assertThat(get(ehr.fhirBase() + "/Patient/p1", access).statusCode()).isEqualTo(200);

        HttpResponse<String> again = post(origin() + "/token", exchange(code, pkce));
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(json(again).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(get(ehr.fhirBase() + "/Patient/p1", access).statusCode()).isEqualTo(401);
        assertThat(ehr.problems()).anyMatch(p -> p.contains("already exchanged"));
    }

    @Test
    void aCodeOlderThanAMinuteIsRefusedWithInvalidGrant() throws Exception {
        Pkce pkce = Pkce.fresh();
        String code = authorizedCode(authorizeParams(launchId("p1"), pkce));
        ehr.advanceClock(EhrAuthorization.CODE_LIFETIME.plusSeconds(1));
        HttpResponse<String> r = post(origin() + "/token", exchange(code, pkce));
        assertThat(json(r).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(ehr.problems()).anyMatch(p -> p.contains("the code expired"));
    }

    @Test
    void aTokenRequestWithAnotherRedirectUriThanTheAuthorizationIsRefusedWithInvalidGrant() throws Exception {
        ehr.allowRedirect(REDIRECT + "/other");
        Pkce pkce = Pkce.fresh();
        String code = authorizedCode(authorizeParams(launchId("p1"), pkce));
        Map<String, String> exchange = exchange(code, pkce);
        exchange.put("redirect_uri", REDIRECT + "/other");
        HttpResponse<String> r = post(origin() + "/token", exchange);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void aTokenRequestMustBeAFormFromTheRegisteredPublicClientWithAllItsParameters() throws Exception {
        Pkce pkce = Pkce.fresh();
        String code = authorizedCode(authorizeParams(launchId("p1"), pkce));
        HttpResponse<String> asJson = http.send(HttpRequest.newBuilder(URI.create(origin() + "/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"authorization_code\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json(asJson).path("error").asText()).isEqualTo("invalid_request");

        Map<String, String> withSecret = exchange(code, pkce);
        withSecret.put("client_secret", "s3cret");
        HttpResponse<String> secret = post(origin() + "/token", withSecret);
        assertThat(secret.statusCode()).isEqualTo(401);
        assertThat(json(secret).path("error").asText()).isEqualTo("invalid_client");

        Map<String, String> otherClient = exchange(code, pkce);
        otherClient.put("client_id", "someone-else");
        assertThat(json(post(origin() + "/token", otherClient)).path("error").asText()).isEqualTo("invalid_client");

        Map<String, String> noVerifier = exchange(code, pkce);
        noVerifier.remove("code_verifier");
        assertThat(json(post(origin() + "/token", noVerifier)).path("error").asText()).isEqualTo("invalid_request");

        Map<String, String> refresh = exchange(code, pkce);
        refresh.put("grant_type", "refresh_token");
        assertThat(json(post(origin() + "/token", refresh)).path("error").asText()).isEqualTo("unsupported_grant_type");

        assertThat(post(origin() + "/token", exchange(code, pkce)).statusCode())
                .as("none of the faulty requests used up the code").isEqualTo(200);
        assertThat(ehr.problems()).hasSize(5);
    }

    // ---------------------------------------------------------------- the authorization endpoint

    @Test
    void aRedirectUriOrClientIdThatIsNotRegisteredGetsAnErrorPageAndNoRedirect() throws Exception {
        Map<String, String> ask = authorizeParams(launchId("p1"), Pkce.fresh());
        ask.put("redirect_uri", REDIRECT + "?next=elsewhere");
        HttpResponse<String> r = get(origin() + "/authorize?" + form(ask), null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Location")).isEmpty();
        assertThat(r.body()).contains("redirect_uri");

        ask.put("redirect_uri", REDIRECT);
        ask.put("client_id", "unknown-app");
        HttpResponse<String> unknown = get(origin() + "/authorize?" + form(ask), null);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.headers().firstValue("Location")).isEmpty();
        assertThat(ehr.problems()).hasSize(2);
    }

    @Test
    void anAuthorizationWithoutTheLaunchScopeIsSentBackWithInvalidScope() throws Exception {
        Map<String, String> ask = authorizeParams(launchId("p1"), Pkce.fresh());
        ask.put("scope", "launch/patient openid fhirUser patient/*.rs");
        assertThat(sentBack(ask)).containsEntry("error", "invalid_scope").containsEntry("state", ask.get("state"));
        assertThat(ehr.problems()).anyMatch(p -> p.contains("without the launch scope"));
    }

    @Test
    void anAudOtherThanTheFhirBaseOrNoneIsSentBackWithInvalidRequest() throws Exception {
        for (String aud : List.of(ehr.fhirBase() + "/", origin(), "https://ehr.example.org/fhir")) {
            Map<String, String> ask = authorizeParams(launchId("p1"), Pkce.fresh());
            ask.put("aud", aud);
            assertThat(sentBack(ask)).as(aud).containsEntry("error", "invalid_request");
        }
        Map<String, String> ask = authorizeParams(launchId("p1"), Pkce.fresh());
        ask.remove("aud");
        assertThat(sentBack(ask)).containsEntry("error", "invalid_request");
        assertThat(ehr.problems()).hasSize(4).allMatch(p -> p.contains("aud"));
    }

    @Test
    void plainPkceOrNoPkceIsSentBackWithInvalidRequest() throws Exception {
        Pkce pkce = Pkce.fresh();
        Map<String, String> plain = authorizeParams(launchId("p1"), pkce);
        plain.put("code_challenge_method", "plain");
        plain.put("code_challenge", pkce.verifier());
        assertThat(sentBack(plain)).containsEntry("error", "invalid_request");

        Map<String, String> none = authorizeParams(launchId("p1"), pkce);
        none.remove("code_challenge_method");
        none.remove("code_challenge");
        assertThat(sentBack(none)).containsEntry("error", "invalid_request");

        Map<String, String> noChallenge = authorizeParams(launchId("p1"), pkce);
        noChallenge.remove("code_challenge");
        assertThat(sentBack(noChallenge)).containsEntry("error", "invalid_request");
        assertThat(ehr.problems()).hasSize(3);
    }

    @Test
    void anUnknownUsedOrExpiredLaunchIsSentBackWithInvalidRequest() throws Exception {
        Map<String, String> unknown = authorizeParams("made-up-launch", Pkce.fresh());
        assertThat(sentBack(unknown)).containsEntry("error", "invalid_request");

        String launch = launchId("p1");
        authorizedCode(authorizeParams(launch, Pkce.fresh()));
        assertThat(sentBack(authorizeParams(launch, Pkce.fresh()))).containsEntry("error", "invalid_request");

        String old = launchId("p1");
        ehr.advanceClock(EhrAuthorization.LAUNCH_LIFETIME.plusSeconds(1));
        assertThat(sentBack(authorizeParams(old, Pkce.fresh()))).containsEntry("error", "invalid_request");

        Map<String, String> noLaunch = authorizeParams(launchId("p1"), Pkce.fresh());
        noLaunch.remove("launch");
        assertThat(sentBack(noLaunch)).containsEntry("error", "invalid_request");
        assertThat(ehr.problems()).hasSize(4);
    }

    @Test
    void aMissingStateIsSentBackWithoutOneAndAShortOrReusedStateIsAProblem() throws Exception {
        Map<String, String> noState = authorizeParams(launchId("p1"), Pkce.fresh());
        noState.remove("state");
        assertThat(sentBack(noState)).containsEntry("error", "invalid_request").doesNotContainKey("state");

        Map<String, String> shortState = authorizeParams(launchId("p1"), Pkce.fresh());
        shortState.put("state", "abc123");
        authorizedCode(shortState);
        Map<String, String> reused = authorizeParams(launchId("p1"), Pkce.fresh());
        reused.put("state", "abc123");
        authorizedCode(reused);
        assertThat(ehr.problems()).anyMatch(p -> p.contains("the state is missing"))
                .anyMatch(p -> p.contains("too few for the 122 bits"))
                .anyMatch(p -> p.contains("was used before"));
    }

    @Test
    void aDeniedAuthorizationComesBackAsAccessDeniedWithTheStateAndIsNoProblemOfTheApp() throws Exception {
        ehr.denyNextAuthorization("access_denied");
        Map<String, String> ask = authorizeParams(launchId("p1"), Pkce.fresh());
        assertThat(sentBack(ask)).containsEntry("error", "access_denied").containsEntry("state", ask.get("state"))
                .doesNotContainKey("code");
        assertThat(authorizedCode(authorizeParams(launchId("p1"), Pkce.fresh()))).as("only the next one").isNotBlank();
        assertThat(ehr.problems()).isEmpty();
    }

    // ---------------------------------------------------------------- the FHIR API

    @Test
    void fhirRequestsWithoutAValidTokenOrWithAnExpiredOneAreAnswered401() throws Exception {
        HttpResponse<String> none = get(ehr.fhirBase() + "/Patient/p1", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
        assertThat(json(none).path("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(get(ehr.fhirBase() + "/Patient/p1", "not-a-token").statusCode()).isEqualTo(401);

        String access = accessToken("p1", SCOPES);
        assertThat(get(ehr.fhirBase() + "/Patient/p1", access).statusCode()).isEqualTo(200);
        ehr.advanceClock(EhrAuthorization.ACCESS_TOKEN_LIFETIME.plusSeconds(1));
        HttpResponse<String> expired = get(ehr.fhirBase() + "/Patient/p1", access);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_token");
        assertThat(ehr.problems()).hasSize(3);
    }

    @Test
    void aTokenForOnePatientCannotReadOrSearchAnother() throws Exception {
        ehr.addPatient("p2", seed);
        String access = accessToken("p1", SCOPES);
        String ownCondition = json(get(ehr.fhirBase() + "/Condition?patient=p1", access)).path("entry").get(0)
                .path("resource").path("id").asText();
        String p2Access = accessToken("p2", SCOPES);
        String p2Condition = json(get(ehr.fhirBase() + "/Condition?patient=p2", p2Access)).path("entry").get(0)
                .path("resource").path("id").asText();
        assertThat(p2Condition).isNotEqualTo(ownCondition);

        assertThat(get(ehr.fhirBase() + "/Patient/p2", access).statusCode()).isEqualTo(403);
        assertThat(get(ehr.fhirBase() + "/Condition?patient=p2", access).statusCode()).isEqualTo(403);
        assertThat(get(ehr.fhirBase() + "/Condition?patient=Patient/p2", access).statusCode()).isEqualTo(403);
        assertThat(get(ehr.fhirBase() + "/Condition/" + p2Condition, access).statusCode()).isEqualTo(403);
        assertThat(get(ehr.fhirBase() + "/Condition", access).statusCode()).as("no patient named").isEqualTo(403);
        assertThat(get(ehr.fhirBase() + "/Condition/" + ownCondition, access).statusCode()).isEqualTo(200);
        assertThat(ehr.problems()).hasSize(5).allMatch(p -> p.contains("patient"));
    }

    @Test
    void aTypeOutsideTheGrantedScopesIsForbiddenAndV1ScopesAreHonoured() throws Exception {
        String access = accessToken("p1", "launch patient/Patient.r patient/Condition.read patient/Observation.cud");
        assertThat(get(ehr.fhirBase() + "/Patient/p1", access).statusCode()).isEqualTo(200);
        assertThat(get(ehr.fhirBase() + "/Condition?patient=p1", access).statusCode()).isEqualTo(200);
        HttpResponse<String> observations = get(ehr.fhirBase() + "/Observation?patient=p1", access);
        assertThat(observations.statusCode()).isEqualTo(403);
        assertThat(json(observations).path("issue").get(0).path("code").asText()).isEqualTo("forbidden");
        assertThat(get(ehr.fhirBase() + "/Patient?_id=p1", access).statusCode()).as("r is not s").isEqualTo(403);
        assertThat(get(ehr.fhirBase() + "/Practitioner/dr-test", access).statusCode()).as("no fhirUser").isEqualTo(403);
        assertThat(ehr.problems()).hasSize(3);
    }

    @Test
    void theEhrGrantsOnlyTheReadablePartOfWhatIsAskedAndNotesScopesOutsideTheSyntax() throws Exception {
        JsonNode token = tokenResponse("p1", "launch openid patient/Condition.cruds patient/Observation.* "
                + "patient/Procedure.write user/Patient.rs offline_access patient/Encounter.dus");
        assertThat(token.path("scope").asText().split(" "))
                .containsExactlyInAnyOrder("launch", "openid", "patient/Condition.rs", "patient/Observation.read");
        assertThat(token.has("id_token")).isTrue();
        assertThat(ehr.problems()).containsExactly("authorization request: the scope patient/Encounter.dus does not "
                + "follow the SMART clinical scope syntax");
    }

    @Test
    void aGranularScopeNarrowsSearchesToItsCategory() throws Exception {
        ehr.addResource("p1", observation("lab-1", "laboratory", "2160-0"));
        ehr.addResource("p1", observation("vs-1", "vital-signs", "8867-4"));
        String access = accessToken("p1", "launch patient/Observation.rs?category=" + LAB);
        List<JsonNode> found = entries(readAllPages(ehr.fhirBase() + "/Observation?patient=p1", access));
        assertThat(found).isNotEmpty().allSatisfy(o -> assertThat(categories(o)).contains(LAB));
        assertThat(found).anyMatch(o -> o.path("id").asText().equals("lab-1"));
        assertThat(get(ehr.fhirBase() + "/Observation/vs-1", access).statusCode()).isEqualTo(403);
    }

    @Test
    void searchesHonourCategoryAndCodeAlternativesCountAndAnUnknownTypeIsEmpty() throws Exception {
        ehr.addResource("p1", observation("lab-1", "laboratory", "2160-0"));
        ehr.addResource("p1", observation("vs-1", "vital-signs", "8867-4"));
        ehr.addResource("p1", "{\"resourceType\":\"AllergyIntolerance\",\"id\":\"a-1\",\"patient\":{\"reference\":\"Patient/p1\"}}");
        String access = accessToken("p1", SCOPES);
        List<JsonNode> all = entries(readAllPages(ehr.fhirBase() + "/Observation?patient=p1", access));
        String system = "http://terminology.hl7.org/CodeSystem/observation-category|";
        long expected = all.stream().filter(o -> categories(o).contains(system + "laboratory")
                || categories(o).contains(system + "vital-signs")).count();
        List<JsonNode> either = entries(readAllPages(ehr.fhirBase() + "/Observation?patient=Patient/p1&category="
                + encode(system + "laboratory,vital-signs"), access));
        assertThat(either).hasSize((int) expected).hasSizeLessThan(all.size());

        assertThat(entries(readAllPages(ehr.fhirBase() + "/Observation?patient=p1&code=" + encode("http://loinc.org|8867-4"),
                access))).extracting(o -> o.path("id").asText()).containsExactly("vs-1");

        JsonNode onePerPage = json(get(ehr.fhirBase() + "/Observation?patient=p1&_count=1", access));
        assertThat(onePerPage.path("entry")).hasSize(1);
        assertThat(onePerPage.path("total").asInt()).isEqualTo(all.size());
        assertThat(readAllPages(ehr.fhirBase() + "/Observation?patient=p1&_count=1", access)).hasSize(all.size());

        assertThat(entries(readAllPages(ehr.fhirBase() + "/Observation?subject=Patient/p1", access))).hasSize(all.size());
        assertThat(entries(readAllPages(ehr.fhirBase() + "/AllergyIntolerance?patient=p1", access))).hasSize(1);
        JsonNode unknown = json(get(ehr.fhirBase() + "/FamilyMemberHistory?patient=p1", access));
        assertThat(unknown.path("type").asText()).isEqualTo("searchset");
        assertThat(unknown.path("total").asInt()).isZero();
        assertThat(ehr.problems()).isEmpty();
    }

    // ---------------------------------------------------------------- the app's side, by hand

    record Pkce(String verifier, String challenge) {
        static Pkce fresh() {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            return new Pkce(verifier, EhrAuthorization.s256(verifier));
        }
    }

    String origin() {
        return ehr.fhirBase().substring(0, ehr.fhirBase().length() - "/fhir".length());
    }

    /** Opens the EHR's launch URL and returns the launch id the app receives. */
    String launchId(String patientId) throws Exception {
        return query(location(get(ehr.launch(APP_LAUNCH, patientId), null))).get("launch");
    }

    Map<String, String> authorizeParams(String launch, Pkce pkce) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("response_type", "code");
        p.put("client_id", CLIENT);
        p.put("redirect_uri", REDIRECT);
        p.put("launch", launch);
        p.put("scope", SCOPES);
        p.put("state", randomState());
        p.put("aud", ehr.fhirBase());
        p.put("code_challenge", pkce.challenge());
        p.put("code_challenge_method", "S256");
        return p;
    }

    static Map<String, String> exchange(String code, Pkce pkce) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("grant_type", "authorization_code");
        p.put("code", code);
        p.put("redirect_uri", REDIRECT);
        p.put("client_id", CLIENT);
        p.put("code_verifier", pkce.verifier());
        return p;
    }

    String authorizedCode(Map<String, String> ask) throws Exception {
        HttpResponse<String> r = get(origin() + "/authorize?" + form(ask), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        Map<String, String> back = query(location(r));
        assertThat(back).as(location(r)).containsKey("code");
        return back.get("code");
    }

    /** The parameters the EHR sent back to the redirect URI for a refused request. */
    Map<String, String> sentBack(Map<String, String> ask) throws Exception {
        HttpResponse<String> r = get(origin() + "/authorize?" + form(ask), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        assertThat(location(r)).startsWith(REDIRECT + "?");
        return query(location(r));
    }

    JsonNode tokenResponse(String patientId, String scopes) throws Exception {
        Pkce pkce = Pkce.fresh();
        Map<String, String> ask = authorizeParams(launchId(patientId), pkce);
        ask.put("scope", scopes);
        HttpResponse<String> r = post(origin() + "/token", exchange(authorizedCode(ask), pkce));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    String accessToken(String patientId, String scopes) throws Exception {
        return tokenResponse(patientId, scopes).path("access_token").asText();
    }

    /** Every page of a search, following link.next. */
    List<JsonNode> readAllPages(String url, String access) throws Exception {
        List<JsonNode> pages = new ArrayList<>();
        String next = url;
        while (next != null) {
            HttpResponse<String> r = get(next, access);
            assertThat(r.statusCode()).as(next + " " + r.body()).isEqualTo(200);
            JsonNode page = json(r);
            pages.add(page);
            next = null;
            for (JsonNode link : page.path("link")) {
                if (link.path("relation").asText().equals("next")) {
                    next = link.path("url").asText();
                }
            }
            assertThat(pages).as("a search that does not end").hasSizeLessThan(100);
        }
        return pages;
    }

    static List<JsonNode> entries(List<JsonNode> pages) {
        List<JsonNode> resources = new ArrayList<>();
        pages.forEach(p -> p.path("entry").forEach(e -> resources.add(e.path("resource"))));
        return resources;
    }

    static List<String> categories(JsonNode resource) {
        List<String> found = new ArrayList<>();
        resource.path("category").forEach(c -> c.path("coding").forEach(coding ->
                found.add(coding.path("system").asText() + "|" + coding.path("code").asText())));
        return found;
    }

    static String observation(String id, String category, String loinc) {
        return "{\"resourceType\":\"Observation\",\"id\":\"" + id + "\",\"status\":\"final\",\"category\":[{\"coding\":"
                + "[{\"system\":\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"" + category
                + "\"}]}],\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"" + loinc + "\"}]},"
                + "\"subject\":{\"reference\":\"Patient/p1\"}}";
    }

    static String randomState() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static HttpResponse<String> get(String url, String accessToken) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (accessToken != null) {
            b.header("Authorization", "Bearer " + accessToken);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> post(String url, Map<String, String> form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String location(HttpResponse<String> r) {
        return r.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location: " + r.statusCode()
                + " " + r.body()));
    }

    static Map<String, String> query(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        String q = URI.create(url).getRawQuery();
        for (String pair : q == null ? new String[0] : q.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    static String form(Map<String, String> params) {
        return params.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static JsonNode json(HttpResponse<String> r) {
        return EhrRecords.parse(r.body());
    }

    static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
