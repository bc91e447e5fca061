package org.cavaplan.server.smart;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.cavaplan.fhir.CdsHooks;

/**
 * CavaPlan as a SMART App Launch 2.0 app, EHR launch: a public client with PKCE (S256).
 *
 * <ol>
 *   <li>{@link #begin}: the EHR opened CavaPlan's launch URL with {@code iss} and {@code launch}. The
 *       {@code iss} must be a registered EHR ({@link SmartEhrs}); CavaPlan reads its
 *       {@code .well-known/smart-configuration}, requires {@code launch-ehr} and PKCE S256, keeps a
 *       pending launch under a random {@code state} and sends the browser to the EHR's authorization
 *       endpoint with {@link #scope()}.</li>
 *   <li>{@link #complete}: the EHR sent the browser back with {@code code} and {@code state}; CavaPlan
 *       exchanges the code and its PKCE verifier for an access token, which must name the patient and
 *       grant reading every resource type CavaPlan reads.</li>
 * </ol>
 * A pending launch lives {@link #PENDING} and is used once. Failures are {@link Refused}, with the
 * reason in words. Thread-safe.
 */
public final class SmartLaunch {

    /** How long the EHR's authorization may take (from the launch to the callback). */
    public static final Duration PENDING = Duration.ofMinutes(10);
    /** At most this many launches may be pending at once (abandoned ones expire). */
    static final int MAX_PENDING = 10_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_RESPONSE = 1_000_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Why a launch cannot go on; {@code reason} is in words, for the clinician's page and the log. */
    public static final class Refused extends RuntimeException {
        public Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Where to send the browser to ask the EHR for authorization, and the launch's {@code state}. */
    public record Authorization(URI redirect, String state) {}

    /**
     * An authorized launch: the EHR, its FHIR base URL, the access token (kept only while the record
     * is read), the patient in context, who launched (the id token's {@code fhirUser}, else its
     * subject, else "unknown user") and the scopes granted.
     */
    public record Granted(SmartEhrs.Registration ehr, URI fhirBase, String accessToken, String patientId, String user,
            String scope) {
        @Override
        public String toString() {
            return "Granted[" + ehr.issuer() + ", patient " + patientId + ", " + user + "]";
        }
    }

    /** A launch waiting for the EHR's answer. */
    private record Pending(SmartEhrs.Registration ehr, URI tokenEndpoint, String verifier, String redirectUri, Instant started) {}

    private final SmartEhrs ehrs;
    private final Clock clock;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public SmartLaunch(SmartEhrs ehrs, Clock clock) {
        this.ehrs = Objects.requireNonNull(ehrs, "ehrs");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The FHIR resource types CavaPlan reads: those of its CDS Hooks prefetch templates, in their
     * order (Patient, Condition, DiagnosticReport…).
     */
    public static List<String> resourceTypes() {
        Set<String> types = new LinkedHashSet<>();
        for (String query : CdsHooks.prefetchTemplates().values()) {
            types.add(query.split("[/?]", 2)[0]);
        }
        return List.copyOf(types);
    }

    /**
     * The scopes CavaPlan asks for: the EHR launch, the user's identity (OpenID Connect with
     * {@code fhirUser}, for the audit log when a case is stored) and reading each resource type it
     * reads in the patient's compartment (SMART 2.0 {@code .rs}).
     */
    public static String scope() {
        return "launch openid fhirUser " + resourceTypes().stream().map(t -> "patient/" + t + ".rs")
                .collect(Collectors.joining(" "));
    }

    /** Step 1: the EHR launched CavaPlan with {@code iss} and {@code launch}; {@code redirectUri} is CavaPlan's callback. */
    public Authorization begin(String iss, String launch, String redirectUri) {
        if (iss == null || iss.isBlank()) {
            throw new Refused("the EHR did not say which FHIR server it is (the launch has no iss)");
        }
        if (launch == null || launch.isBlank() || launch.length() > 2000) {
            throw new Refused("the EHR did not give a launch context (the launch has no launch parameter)");
        }
        SmartEhrs.Registration ehr = ehrs.forIssuer(iss.strip()).orElseThrow(() -> new Refused(
                "the EHR at " + clip(iss) + " is not registered with this CavaPlan server; an administrator registers it "
                        + "with --smart-ehrs"));
        URI fhirBase = URI.create(ehr.issuer());
        JsonNode configuration = getJson(URI.create(ehr.issuer() + "/.well-known/smart-configuration"),
                "the EHR's SMART configuration");
        URI authorize = endpoint(configuration, "authorization_endpoint", fhirBase);
        URI token = endpoint(configuration, "token_endpoint", fhirBase);
        if (!values(configuration.path("code_challenge_methods_supported")).contains("S256")) {
            throw new Refused("the EHR does not offer PKCE with S256, which SMART App Launch 2.0 requires");
        }
        List<String> capabilities = values(configuration.path("capabilities"));
        if (!capabilities.isEmpty() && !capabilities.contains("launch-ehr")) {
            throw new Refused("the EHR does not support the EHR launch of SMART apps (capability launch-ehr)");
        }
        purgeExpired();
        if (pending.size() >= MAX_PENDING) {
            throw new Refused("too many launches are waiting for their EHR; try again in a few minutes");
        }
        String state = random(32);
        String verifier = random(48);
        pending.put(state, new Pending(ehr, token, verifier, redirectUri, clock.instant()));
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", ehr.clientId());
        query.put("redirect_uri", redirectUri);
        query.put("launch", launch);
        query.put("scope", scope());
        query.put("state", state);
        query.put("aud", ehr.issuer());
        query.put("code_challenge", challenge(verifier));
        query.put("code_challenge_method", "S256");
        String separator = authorize.getRawQuery() == null ? "?" : "&";
        return new Authorization(URI.create(authorize + separator + form(query)), state);
    }

    /**
     * Step 2: the EHR sent the browser back. {@code error} (and its description) when the EHR refused;
     * else {@code code} is exchanged for an access token.
     */
    public Granted complete(String state, Optional<String> code, Optional<String> error, Optional<String> errorDescription) {
        Pending launch = state == null ? null : pending.remove(state);
        if (launch == null || launch.started().plus(PENDING).isBefore(clock.instant())) {
            throw new Refused("this launch is unknown or has expired; open CavaPlan again from the EHR");
        }
        if (error.isPresent()) {
            throw new Refused("the EHR did not authorize CavaPlan (" + clip(error.get())
                    + errorDescription.map(d -> ": " + clip(d)).orElse("") + ")");
        }
        if (code.isEmpty() || code.get().isBlank()) {
            throw new Refused("the EHR sent no authorization code");
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("code", code.get());
        body.put("redirect_uri", launch.redirectUri());
        body.put("client_id", launch.ehr().clientId());
        body.put("code_verifier", launch.verifier());
        HttpRequest request = HttpRequest.newBuilder(launch.tokenEndpoint()).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(body))).build();
        JsonNode token = send(request, "the EHR's token endpoint", true);
        if (token.has("error")) {
            throw new Refused("the EHR refused the authorization code (" + clip(token.path("error").asText()) + ")");
        }
        String accessToken = token.path("access_token").asText("");
        if (accessToken.isBlank() || !"bearer".equalsIgnoreCase(token.path("token_type").asText(""))) {
            throw new Refused("the EHR's token answer has no bearer access token");
        }
        String patient = token.path("patient").asText("");
        if (!patient.matches("[A-Za-z0-9\\-.]{1,64}")) {
            throw new Refused("the EHR did not say which patient is open (the token answer has no patient)");
        }
        String granted = token.path("scope").asText(scope());
        List<String> refused = resourceTypes().stream().filter(t -> !grantsRead(granted, t)).toList();
        if (!refused.isEmpty()) {
            throw new Refused("the EHR did not let CavaPlan read " + String.join(", ", refused)
                    + ", which the plan needs; ask the EHR's administrator to grant it");
        }
        String user = user(token.path("id_token").asText(""), launch.ehr().clientId());
        return new Granted(launch.ehr(), URI.create(launch.ehr().issuer()), accessToken, patient, user, granted);
    }

    /**
     * Whether the granted scopes let CavaPlan read {@code type} in the patient's compartment: SMART
     * 2.0 {@code patient/Type.rs} (any permissions with {@code r}) or 1.0 {@code patient/Type.read}, or
     * the same for {@code *}; {@code user/} scopes grant it too.
     */
    static boolean grantsRead(String scopes, String type) {
        for (String s : scopes.split("\\s+")) {
            int slash = s.indexOf('/');
            int dot = s.indexOf('.', slash + 1);
            if (slash < 0 || dot < 0) {
                continue;
            }
            String context = s.substring(0, slash);
            String resource = s.substring(slash + 1, dot);
            String permissions = s.substring(dot + 1).split("\\?", 2)[0];
            boolean reads = permissions.equals("read") || permissions.equals("*")
                    || permissions.matches("c?r?u?d?s?") && permissions.contains("r");
            if ((context.equals("patient") || context.equals("user")) && (resource.equals(type) || resource.equals("*")) && reads) {
                return true;
            }
        }
        return false;
    }

    /**
     * Who launched, from the id token the token endpoint returned: {@code fhirUser}, else the subject.
     * The id token came straight from the EHR's token endpoint over the connection CavaPlan opened,
     * which stands in for its signature (OpenID Connect Core 1.0, 3.1.3.7); its audience must be
     * CavaPlan's client id and it must not have expired. It is used only to name the user in the audit
     * log.
     */
    private String user(String idToken, String clientId) {
        if (idToken.isBlank()) {
            return "unknown user";
        }
        JWTClaimsSet claims;
        try {
            claims = JWTParser.parse(idToken).getJWTClaimsSet();
        } catch (ParseException e) {
            throw new Refused("the EHR's id token cannot be read");
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(clientId)) {
            throw new Refused("the EHR's id token is not meant for CavaPlan (its audience is another client)");
        }
        if (claims.getExpirationTime() != null && claims.getExpirationTime().toInstant().isBefore(clock.instant().minusSeconds(60))) {
            throw new Refused("the EHR's id token has expired");
        }
        Object fhirUser = claims.getClaim("fhirUser");
        String who = fhirUser instanceof String s && !s.isBlank() ? s : claims.getSubject();
        return who == null || who.isBlank() ? "unknown user" : clip(who);
    }

    private void purgeExpired() {
        Instant oldest = clock.instant().minus(PENDING);
        pending.values().removeIf(p -> p.started().isBefore(oldest));
    }

    private JsonNode getJson(URI uri, String what) {
        return send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json").GET().build(), what, false);
    }

    /** Sends and reads a JSON object; {@code oauthErrors}: a 400/401 with an OAuth error body is returned, not refused. */
    private JsonNode send(HttpRequest request, String what, boolean oauthErrors) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new Refused(what + " could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("interrupted while contacting " + what);
        }
        if (response.body().length > MAX_RESPONSE) {
            throw new Refused(what + " answered with more than CavaPlan reads");
        }
        JsonNode body;
        try {
            body = JSON.readTree(new String(response.body(), StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            body = null;
        }
        boolean ok = response.statusCode() / 100 == 2;
        boolean oauthError = oauthErrors && (response.statusCode() == 400 || response.statusCode() == 401) && body != null
                && body.has("error");
        if (!ok && !oauthError) {
            throw new Refused(what + " answered " + response.statusCode());
        }
        if (body == null || !body.isObject()) {
            throw new Refused(what + " did not answer with a JSON object");
        }
        return body;
    }

    /** An endpoint of the SMART configuration: an absolute http(s) URL, https when the FHIR server is. */
    private static URI endpoint(JsonNode configuration, String field, URI fhirBase) {
        String text = configuration.path(field).asText("");
        try {
            URI uri = URI.create(text);
            boolean web = ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
            if (web && !("https".equals(fhirBase.getScheme()) && "http".equals(uri.getScheme()))) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new Refused("the EHR's SMART configuration has no usable " + field);
    }

    private static List<String> values(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    /** {@code bytes} random bytes, base64url without padding. */
    static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The PKCE S256 challenge of a verifier (RFC 7636, 4.2). */
    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static String clip(String text) {
        String flat = text.replaceAll("\\p{Cntrl}", " ").strip();
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "…";
    }
}
