package org.cavaplan.server.smart;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.cavaplan.core.model.Case;
import org.cavaplan.server.smart.EhrAuthorization.Authorization;
import org.cavaplan.server.smart.EhrAuthorization.Params;
import org.cavaplan.server.smart.EhrAuthorization.TokenAnswer;
import org.cavaplan.server.smart.EhrFhirServer.FhirAnswer;

/**
 * A small EHR for tests of a SMART App Launch 2.0.0 app launched from the EHR (a public client with
 * PKCE S256), written from the specification so that it refuses what a conforming EHR refuses: on
 * one loopback port it serves the EHR's launch of the app, SMART discovery, the authorization and
 * token endpoints, a JWKS for the RS256 id_token, and a FHIR R4 API that answers only within the
 * access token's patient and scopes. Every violation it sees is kept in {@link #problems()} so a test
 * can assert there were none. The signed-in user is always {@code Practitioner/dr-test}; the EHR
 * approves every authorization request that is valid (unless told to deny the next one).
 *
 * <p>Thread-safe; {@link #close()} stops it.
 */
public final class TestEhr implements AutoCloseable {

    /** The id of the practitioner signed in to the EHR. */
    static final String PRACTITIONER_ID = "dr-test";
    /** Search pages hold this many entries unless {@link #pageSize(int)} says otherwise. */
    static final int DEFAULT_PAGE_SIZE = 50;
    /**
     * Capabilities as SMART App Launch 2.0.0 names them (conformance, capabilities); the banner
     * context is {@code context-banner} there ({@code context-passthrough-banner} was 1.0's name).
     */
    static final List<String> CAPABILITIES = List.of("launch-ehr", "authorize-post", "client-public",
            "sso-openid-connect", "context-banner", "context-ehr-patient", "permission-patient", "permission-v1",
            "permission-v2");
    static final List<String> SCOPES_SUPPORTED = List.of("openid", "fhirUser", "launch", "launch/patient",
            "patient/*.rs", "patient/*.read");
    private static final List<String> RESOURCE_TYPES = List.of("Patient", "Condition", "Observation",
            "DiagnosticReport", "Procedure", "Encounter", "MedicationStatement", "BodyStructure", "Specimen",
            "AllergyIntolerance", "Practitioner");

    private final String clientId;
    private final EhrClock clock = new EhrClock();
    private final EhrJournal journal = new EhrJournal();
    private final EhrRecords records = new EhrRecords();
    private final AtomicInteger pageSize = new AtomicInteger(DEFAULT_PAGE_SIZE);
    private final RSAKey signingKey;
    private volatile Javalin server;
    private volatile String origin;
    private volatile EhrAuthorization authorization;
    private volatile EhrFhirServer fhir;

    private TestEhr(String clientId) {
        this.clientId = clientId;
        try {
            this.signingKey = new RSAKeyGenerator(2048).keyID("test-ehr-1").keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts the EHR on a free port of 127.0.0.1, with {@code clientId} its one registered (public) app. */
    public static TestEhr start(String clientId) {
        TestEhr ehr = new TestEhr(clientId);
        ehr.server = Javalin.create(ehr::routes).start("127.0.0.1", 0);
        ehr.origin = "http://127.0.0.1:" + ehr.server.port();
        ehr.authorization = new EhrAuthorization(clientId, ehr.fhirBase(), PRACTITIONER_ID, ehr.signingKey, ehr.clock,
                ehr.journal);
        ehr.fhir = new EhrFhirServer(ehr.fhirBase(), PRACTITIONER_ID, ehr.records, ehr.authorization, ehr.clock,
                ehr.journal, ehr.pageSize::get);
        return ehr;
    }

    /** The FHIR base URL, which is also the launch's {@code iss} and the {@code aud} the app must ask for. */
    public String fhirBase() {
        return origin + "/fhir";
    }

    /** Registers one of the app's redirect URIs; the authorization request must name one exactly. */
    public void allowRedirect(String redirectUri) {
        authorization.allowRedirect(redirectUri);
    }

    /** Files the case as the chart of patient {@code patientId} (Patient.id = patientId, Type/id references). */
    public void addPatient(String patientId, Case kase) {
        records.addPatient(patientId, kase);
    }

    /** Takes every resource of {@code type} (e.g. Condition) out of the patient's chart. */
    public void removeResources(String patientId, String type) {
        records.remove(patientId, type);
    }

    /** Adds one resource (FHIR JSON) to the patient's chart, e.g. a lab Observation or an AllergyIntolerance. */
    public void addResource(String patientId, String resourceJson) {
        records.add(patientId, resourceJson);
    }

    /**
     * The URL the clinician's browser opens to launch the app for the patient: the EHR then makes a
     * launch id bound to the patient and {@link #practitioner()} and answers 302 to
     * {@code appLaunchUrl?iss=<fhirBase>&launch=<id>}.
     */
    public String launch(String appLaunchUrl, String patientId) {
        if (!records.hasPatient(patientId)) {
            throw new IllegalArgumentException("no patient " + patientId + " in the test EHR");
        }
        return origin + "/ehr/launch?app=" + encode(appLaunchUrl) + "&patient=" + encode(patientId);
    }

    /** Searches answer in pages of at most {@code n} entries, linked by {@code link.next}. */
    public void pageSize(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a page holds at least one entry");
        }
        pageSize.set(n);
    }

    /** The next valid authorization request is sent back with this OAuth error, e.g. {@code access_denied}. */
    public void denyNextAuthorization(String error) {
        if (!error.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not an OAuth error code: " + error);
        }
        authorization.denyNextAuthorization(error);
    }

    /** Moves the EHR's clock forward, to expire launches (5 min), codes (60 s) and access tokens (1 h). */
    public void advanceClock(Duration by) {
        clock.advance(by);
    }

    /** Every FHIR request served, as {@code "GET /fhir/Condition?patient=p1"} with the query decoded. */
    public List<String> fhirRequests() {
        return journal.fhirRequests();
    }

    /** Every protocol violation the EHR saw from the client, one sentence each; empty for a conforming client. */
    public List<String> problems() {
        return journal.problems();
    }

    /** The {@code scope} of every authorization request that got as far as its scopes, in order. */
    public List<String> requestedScopes() {
        return authorization.requestedScopes();
    }

    /** The signed-in user, relative to the FHIR base: {@code Practitioner/dr-test}. */
    public String practitioner() {
        return "Practitioner/" + PRACTITIONER_ID;
    }

    @Override
    public void close() {
        server.stop();
    }

    // ---------------------------------------------------------------- HTTP

    private void routes(JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.routes.before(this::journalFhirRequest);
        config.routes.get("/fhir/.well-known/smart-configuration", ctx -> discovery(ctx, smartConfiguration()));
        config.routes.get("/fhir/.well-known/openid-configuration", ctx -> discovery(ctx, openidConfiguration()));
        config.routes.get("/fhir/metadata", ctx -> {
            ctx.header("Access-Control-Allow-Origin", "*");
            ctx.contentType("application/fhir+json").result(EhrRecords.write(capabilityStatement()));
        });
        config.routes.get("/.well-known/jwks.json", ctx -> ctx.contentType("application/json")
                .result(new JWKSet(signingKey.toPublicJWK()).toString()));
        config.routes.get("/ehr/launch", this::launchApp);
        config.routes.get("/authorize", this::authorize);
        config.routes.post("/authorize", this::authorize);
        config.routes.post("/token", this::token);
        config.routes.get("/fhir", ctx -> write(ctx, fhir.page(bearer(ctx), ctx.queryParamMap())));
        config.routes.get("/fhir/{type}", ctx -> write(ctx, fhir.search(ctx.pathParam("type"), bearer(ctx),
                ctx.queryParamMap())));
        config.routes.get("/fhir/{type}/{id}", ctx -> write(ctx, fhir.read(ctx.pathParam("type"), ctx.pathParam("id"),
                bearer(ctx), ctx.queryParamMap())));
    }

    private void journalFhirRequest(Context ctx) {
        if (ctx.path().equals("/fhir") || ctx.path().startsWith("/fhir/")) {
            String query = ctx.queryString() == null ? "" : "?" + URLDecoder.decode(ctx.queryString(), StandardCharsets.UTF_8);
            journal.fhirRequest(ctx.method() + " " + ctx.path() + query);
        }
    }

    private void launchApp(Context ctx) {
        String app = ctx.queryParam("app");
        String patient = ctx.queryParam("patient");
        if (app == null || patient == null || !records.hasPatient(patient)) {
            ctx.status(400).contentType("text/plain").result("launch needs app and a known patient");
            return;
        }
        ctx.redirect(withQuery(app, "iss", fhirBase(), "launch", authorization.newLaunch(patient)), HttpStatus.FOUND);
    }

    private void authorize(Context ctx) {
        Params params = new Params(ctx.method() == HandlerType.POST ? ctx.formParamMap() : ctx.queryParamMap());
        Authorization answer = authorization.authorize(params);
        if (answer instanceof Authorization.Approved approved) {
            ctx.redirect(withQuery(approved.redirectUri(), "code", approved.code(), "state", approved.state()),
                    HttpStatus.FOUND);
        } else if (answer instanceof Authorization.SentBack back) {
            String uri = withQuery(back.redirectUri(), "error", back.error(), "error_description",
                    describable(back.description()));
            ctx.redirect(back.state().map(s -> withQuery(uri, "state", s)).orElse(uri), HttpStatus.FOUND);
        } else if (answer instanceof Authorization.Unredirectable refused) {
            ctx.status(400).contentType("text/html; charset=utf-8").result("<!doctype html><title>Cannot sign in the app"
                    + "</title><h1>The app's sign-in request cannot be completed</h1><p>" + escape(refused.reason()) + "</p>");
        }
    }

    private void token(Context ctx) {
        Optional<String> authorizationHeader = Optional.ofNullable(ctx.header("Authorization"));
        TokenAnswer answer = authorization.token(new Params(ctx.formParamMap()), Optional.ofNullable(ctx.contentType()),
                authorizationHeader);
        ctx.header("Cache-Control", "no-store").header("Pragma", "no-cache").contentType("application/json");
        if (answer instanceof TokenAnswer.Issued issued) {
            ctx.result(EhrRecords.write(issued.body()));
        } else if (answer instanceof TokenAnswer.Refused refused) {
            if (refused.status() == 401 && authorizationHeader.isPresent()) {
                ctx.header("WWW-Authenticate", authorizationHeader.get().split(" ")[0] + " realm=\"test-ehr\"");
            }
            ctx.status(refused.status()).result(EhrRecords.write(EhrRecords.JSON.createObjectNode()
                    .put("error", refused.error()).put("error_description", describable(refused.description()))));
        }
    }

    private static Optional<String> bearer(Context ctx) {
        return Optional.ofNullable(ctx.header("Authorization"));
    }

    private static void write(Context ctx, FhirAnswer answer) {
        answer.wwwAuthenticate().ifPresent(challenge -> ctx.header("WWW-Authenticate", challenge));
        ctx.status(answer.status()).contentType("application/fhir+json").result(EhrRecords.write(answer.body()));
    }

    private static void discovery(Context ctx, ObjectNode document) {
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.contentType("application/json").result(EhrRecords.write(document));
    }

    // ---------------------------------------------------------------- documents

    /** What both discovery documents say alike: the issuer, its keys and its two endpoints, as absolute URLs. */
    private ObjectNode endpoints() {
        return EhrRecords.JSON.createObjectNode()
                .put("issuer", fhirBase())
                .put("jwks_uri", origin + "/.well-known/jwks.json")
                .put("authorization_endpoint", origin + "/authorize")
                .put("token_endpoint", origin + "/token");
    }

    /** {@code .well-known/smart-configuration} (conformance, metadata): absolute URLs, S256 only. */
    private ObjectNode smartConfiguration() {
        ObjectNode c = endpoints();
        strings(c.putArray("grant_types_supported"), List.of("authorization_code"));
        strings(c.putArray("response_types_supported"), List.of("code"));
        strings(c.putArray("scopes_supported"), SCOPES_SUPPORTED);
        strings(c.putArray("code_challenge_methods_supported"), List.of("S256"));
        strings(c.putArray("capabilities"), CAPABILITIES);
        return c;
    }

    /** The OpenID Provider metadata of the issuer, for apps that validate the id_token from it. */
    private ObjectNode openidConfiguration() {
        ObjectNode c = endpoints();
        strings(c.putArray("response_types_supported"), List.of("code"));
        strings(c.putArray("subject_types_supported"), List.of("public"));
        strings(c.putArray("id_token_signing_alg_values_supported"), List.of("RS256"));
        strings(c.putArray("scopes_supported"), SCOPES_SUPPORTED);
        strings(c.putArray("code_challenge_methods_supported"), List.of("S256"));
        return c;
    }

    private ObjectNode capabilityStatement() {
        ObjectNode cs = EhrRecords.JSON.createObjectNode()
                .put("resourceType", "CapabilityStatement")
                .put("status", "active")
                .put("date", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString())
                .put("kind", "instance")
                .put("fhirVersion", "4.0.1");
        strings(cs.putArray("format"), List.of("json"));
        cs.putObject("implementation").put("description", "CavaPlan's test EHR").put("url", fhirBase());
        ObjectNode rest = cs.putArray("rest").addObject().put("mode", "server");
        rest.putObject("security").putArray("service").addObject().putArray("coding").addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/restful-security-service")
                .put("code", "SMART-on-FHIR");
        ArrayNode resources = rest.putArray("resource");
        for (String type : RESOURCE_TYPES) {
            ObjectNode r = resources.addObject().put("type", type);
            r.putArray("interaction").addObject().put("code", "read");
            ((ArrayNode) r.get("interaction")).addObject().put("code", "search-type");
            ArrayNode parameters = r.putArray("searchParam");
            if (type.equals("Patient")) {
                parameters.addObject().put("name", "_id").put("type", "token");
            } else if (!type.equals("Practitioner")) {
                parameters.addObject().put("name", "patient").put("type", "reference");
                parameters.addObject().put("name", "category").put("type", "token");
                parameters.addObject().put("name", "code").put("type", "token");
            }
        }
        return cs;
    }

    // ---------------------------------------------------------------- helpers

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    /** The URI with the parameters added to its query (name, value, name, value ...). */
    static String withQuery(String uri, String... nameValues) {
        StringBuilder b = new StringBuilder(uri);
        for (int i = 0; i < nameValues.length; i += 2) {
            b.append(i == 0 && !uri.contains("?") ? '?' : '&')
                    .append(encode(nameValues[i])).append('=').append(encode(nameValues[i + 1]));
        }
        return b.toString();
    }

    /** RFC 6749 allows only %x20-21 / %x23-5B / %x5D-7E in error_description. */
    private static String describable(String text) {
        return text.replaceAll("[^\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]", "?");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
