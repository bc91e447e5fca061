package org.cavaplan.server.smart;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The test EHR's authorization server for the SMART App Launch 2.0.0 EHR launch with a public client:
 * launch ids, the authorization endpoint (RFC 6749 section 4.1 with PKCE S256 only, RFC 7636) and the
 * token endpoint, which issues opaque access tokens bound to the launch's patient and an OpenID
 * Connect id_token signed RS256. Every refusal is also written to the journal. Thread-safe.
 */
final class EhrAuthorization {

    /** How long a launch id waits for the app's authorization request. */
    static final Duration LAUNCH_LIFETIME = Duration.ofMinutes(5);
    /** Codes are short-lived: the specification's "within around one minute" (app-launch, obtain authorization code). */
    static final Duration CODE_LIFETIME = Duration.ofSeconds(60);
    /** Access tokens "SHOULD have a valid lifetime no greater than one hour" (app-launch, obtain access token). */
    static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofHours(1);
    static final Duration ID_TOKEN_LIFETIME = Duration.ofMinutes(5);
    /**
     * The state needs at least 122 bits of entropy (app-launch, authorization request); a URL-safe
     * character carries at most about 6 bits, so a shorter state cannot have them.
     */
    static final int MIN_STATE_CHARACTERS = 21;
    /** RFC 7636 section 4.1: 43 to 128 unreserved characters. */
    static final Pattern CODE_VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    /** RFC 7636 section 4.2: BASE64URL of a SHA-256 hash, without padding. */
    static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private static final List<String> AUTHORIZE_PARAMETERS = List.of("response_type", "client_id", "redirect_uri",
            "launch", "scope", "state", "aud", "code_challenge", "code_challenge_method");
    private static final List<String> TOKEN_PARAMETERS = List.of("grant_type", "code", "redirect_uri", "code_verifier",
            "client_id");

    /** Request parameters by name, as sent (query or form). */
    record Params(Map<String, List<String>> values) {
        Params {
            values = Map.copyOf(values);
        }

        List<String> all(String name) {
            return values.getOrDefault(name, List.of());
        }

        /** The value when sent once and not blank. */
        Optional<String> one(String name) {
            List<String> v = all(name);
            return v.size() == 1 && !v.get(0).isBlank() ? Optional.of(v.get(0)) : Optional.empty();
        }
    }

    record Launch(String id, String patientId, String practitionerId, Instant expires) {
    }

    record IssuedCode(String code, String redirectUri, String challenge, List<String> scopes, Launch launch,
            Optional<String> nonce, Instant expires) {
        IssuedCode {
            scopes = List.copyOf(scopes);
        }
    }

    /** What an access token allows: the launch's patient, the granted scopes, until it expires. */
    record AccessGrant(String token, String patientId, List<String> scopes, Instant expires, String code) {
        AccessGrant {
            scopes = List.copyOf(scopes);
        }

        List<ClinicalScope> clinicalScopes() {
            return scopes.stream().map(ClinicalScope::parse).flatMap(Optional::stream).toList();
        }
    }

    /** The answer of the authorization endpoint. */
    sealed interface Authorization {
        /** Approved: to the redirect URI with the code and the state. */
        record Approved(String redirectUri, String code, String state) implements Authorization {
        }

        /** Refused with an OAuth error, sent back to the (valid) redirect URI. */
        record SentBack(String redirectUri, String error, String description, Optional<String> state)
                implements Authorization {
        }

        /** Refused without redirecting: the client or its redirect URI is not known (RFC 6749 section 4.1.2.1). */
        record Unredirectable(String reason) implements Authorization {
        }
    }

    /** The answer of the token endpoint. */
    sealed interface TokenAnswer {
        record Issued(ObjectNode body) implements TokenAnswer {
        }

        record Refused(int status, String error, String description) implements TokenAnswer {
        }
    }

    private record Refusal(String error, String description) {
    }

    private final String clientId;
    private final String fhirBase;
    private final String practitionerId;
    private final RSAKey signingKey;
    private final EhrClock clock;
    private final EhrJournal journal;
    private final SecureRandom random = new SecureRandom();
    private final Set<String> redirectUris = ConcurrentHashMap.newKeySet();
    private final Map<String, Launch> launches = new ConcurrentHashMap<>();
    private final Set<String> usedLaunches = ConcurrentHashMap.newKeySet();
    private final Map<String, IssuedCode> codes = new ConcurrentHashMap<>();
    private final Set<String> spentCodes = ConcurrentHashMap.newKeySet();
    private final Map<String, AccessGrant> tokens = new ConcurrentHashMap<>();
    private final Set<String> statesSeen = ConcurrentHashMap.newKeySet();
    private final Set<String> challengesSeen = ConcurrentHashMap.newKeySet();
    private final List<String> requestedScopes = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> denyNext = new AtomicReference<>();

    EhrAuthorization(String clientId, String fhirBase, String practitionerId, RSAKey signingKey, EhrClock clock,
            EhrJournal journal) {
        this.clientId = clientId;
        this.fhirBase = fhirBase;
        this.practitionerId = practitionerId;
        this.signingKey = signingKey;
        this.clock = clock;
        this.journal = journal;
    }

    void allowRedirect(String redirectUri) {
        redirectUris.add(redirectUri);
    }

    void denyNextAuthorization(String error) {
        denyNext.set(error);
    }

    List<String> requestedScopes() {
        return List.copyOf(requestedScopes);
    }

    /** A new launch id bound to the patient and the signed-in practitioner. */
    String newLaunch(String patientId) {
        String id = randomToken();
        launches.put(id, new Launch(id, patientId, practitionerId, clock.instant().plus(LAUNCH_LIFETIME)));
        return id;
    }

    /** The grant of an access token that was issued and not revoked; expiry is the caller's to check. */
    Optional<AccessGrant> grant(String accessToken) {
        return Optional.ofNullable(tokens.get(accessToken));
    }

    // ---------------------------------------------------------------- authorization endpoint

    /** Decides an authorization request (GET query or POST form parameters). */
    Authorization authorize(Params p) {
        if (p.all("client_id").size() != 1 || !p.all("client_id").get(0).equals(clientId)) {
            return unredirectable("the client_id " + p.all("client_id") + " is not the registered app " + clientId);
        }
        if (p.all("redirect_uri").size() != 1 || !redirectUris.contains(p.all("redirect_uri").get(0))) {
            return unredirectable("the redirect_uri " + p.all("redirect_uri") + " is not one the app registered "
                    + redirectUris);
        }
        String redirectUri = p.all("redirect_uri").get(0);
        Optional<String> state = p.one("state");
        for (Function<Params, Optional<Refusal>> rule : authorizeRules()) {
            Optional<Refusal> refusal = rule.apply(p);
            if (refusal.isPresent()) {
                journal.problem("authorization request: " + refusal.get().description());
                return new Authorization.SentBack(redirectUri, refusal.get().error(), refusal.get().description(), state);
            }
        }
        noteWeaknesses(p);
        List<String> asked = scopesOf(p);
        requestedScopes.add(p.one("scope").orElseThrow());
        Launch launch = launches.remove(p.one("launch").orElseThrow());
        if (launch == null) {
            journal.problem("authorization request: the launch was used by a concurrent request");
            return new Authorization.SentBack(redirectUri, "invalid_request", "the launch was already used", state);
        }
        usedLaunches.add(launch.id());
        String denial = denyNext.getAndSet(null);
        if (denial != null) {
            return new Authorization.SentBack(redirectUri, denial, "the user did not approve the app", state);
        }
        List<String> granted = asked.stream().map(EhrAuthorization::grantable).flatMap(Optional::stream).distinct().toList();
        String code = randomToken();
        codes.put(code, new IssuedCode(code, redirectUri, p.one("code_challenge").orElseThrow(), granted, launch,
                p.one("nonce"), clock.instant().plus(CODE_LIFETIME)));
        return new Authorization.Approved(redirectUri, code, state.orElseThrow());
    }

    private List<Function<Params, Optional<Refusal>>> authorizeRules() {
        return List.of(this::eachParameterOnce, this::responseTypeIsCode, this::stateIsSent,
                this::audienceIsTheFhirBase, this::scopeIsSent, this::launchIsEchoed, this::launchScopeIsAsked,
                this::launchIsKnownUnusedAndCurrent, this::challengeIsS256);
    }

    private Optional<Refusal> eachParameterOnce(Params p) {
        return AUTHORIZE_PARAMETERS.stream().filter(name -> p.all(name).size() > 1).findFirst()
                .map(name -> new Refusal("invalid_request", "the parameter " + name + " was sent more than once"));
    }

    private Optional<Refusal> responseTypeIsCode(Params p) {
        Optional<String> type = p.one("response_type");
        if (type.isEmpty()) {
            return refuse("invalid_request", "the response_type is missing");
        }
        return type.get().equals("code") ? Optional.empty()
                : refuse("unsupported_response_type", "the response_type " + type.get() + " is not supported, only code");
    }

    private Optional<Refusal> stateIsSent(Params p) {
        return p.one("state").isPresent() ? Optional.empty() : refuse("invalid_request", "the state is missing");
    }

    private Optional<Refusal> audienceIsTheFhirBase(Params p) {
        Optional<String> aud = p.one("aud");
        if (aud.isEmpty()) {
            return refuse("invalid_request", "the aud is missing: it must be the FHIR base URL " + fhirBase);
        }
        return aud.get().equals(fhirBase) ? Optional.empty()
                : refuse("invalid_request", "the aud " + aud.get() + " is not this EHR's FHIR base URL " + fhirBase);
    }

    private Optional<Refusal> scopeIsSent(Params p) {
        return p.one("scope").isPresent() ? Optional.empty() : refuse("invalid_scope", "the scope is missing");
    }

    private Optional<Refusal> launchIsEchoed(Params p) {
        return p.one("launch").isPresent() ? Optional.empty()
                : refuse("invalid_request", "the launch parameter is missing (this EHR supports the EHR launch only)");
    }

    private Optional<Refusal> launchScopeIsAsked(Params p) {
        return scopesOf(p).contains("launch") ? Optional.empty()
                : refuse("invalid_scope", "a launch parameter was sent without the launch scope");
    }

    private Optional<Refusal> launchIsKnownUnusedAndCurrent(Params p) {
        String id = p.one("launch").orElseThrow();
        if (usedLaunches.contains(id)) {
            return refuse("invalid_request", "the launch " + id + " was already used");
        }
        Launch launch = launches.get(id);
        if (launch == null) {
            return refuse("invalid_request", "the launch " + id + " is not one this EHR issued");
        }
        return clock.instant().isAfter(launch.expires())
                ? refuse("invalid_request", "the launch " + id + " expired at " + launch.expires())
                : Optional.empty();
    }

    private Optional<Refusal> challengeIsS256(Params p) {
        Optional<String> method = p.one("code_challenge_method");
        if (method.isEmpty()) {
            return refuse("invalid_request", "the code_challenge_method is missing: PKCE with S256 is required");
        }
        if (!method.get().equals("S256")) {
            return refuse("invalid_request", "the code_challenge_method " + method.get() + " is refused: only S256");
        }
        Optional<String> challenge = p.one("code_challenge");
        if (challenge.isEmpty()) {
            return refuse("invalid_request", "the code_challenge is missing");
        }
        return S256_CHALLENGE.matcher(challenge.get()).matches() ? Optional.empty()
                : refuse("invalid_request", "the code_challenge is not a BASE64URL SHA-256 hash of 43 characters");
    }

    /** Faults the EHR notes without refusing: a guessable or reused state, a reused challenge, undefined scopes. */
    private void noteWeaknesses(Params p) {
        String state = p.one("state").orElseThrow();
        if (state.length() < MIN_STATE_CHARACTERS) {
            journal.problem("authorization request: the state has " + state.length() + " characters, too few for "
                    + "the 122 bits of entropy required");
        }
        if (!statesSeen.add(state)) {
            journal.problem("authorization request: the state " + state + " was used before");
        }
        if (!challengesSeen.add(p.one("code_challenge").orElseThrow())) {
            journal.problem("authorization request: the code_challenge was used before (a code_verifier per request)");
        }
        scopesOf(p).stream().filter(s -> ClinicalScope.looksClinical(s) && ClinicalScope.parse(s).isEmpty())
                .forEach(s -> journal.problem("authorization request: the scope " + s
                        + " does not follow the SMART clinical scope syntax"));
    }

    private static List<String> scopesOf(Params p) {
        return p.one("scope").map(s -> Arrays.stream(s.split(" ")).filter(t -> !t.isEmpty()).toList()).orElse(List.of());
    }

    /** What the EHR grants of one asked scope: identity and context scopes, and the readable part of patient scopes. */
    static Optional<String> grantable(String scope) {
        if (ClinicalScope.CONTEXT_AND_IDENTITY.contains(scope)) {
            return Optional.of(scope);
        }
        return ClinicalScope.parse(scope).flatMap(ClinicalScope::readablePart);
    }

    // ---------------------------------------------------------------- token endpoint

    /** Exchanges a code; {@code contentType} and {@code authorizationHeader} are the request's headers. */
    TokenAnswer token(Params p, Optional<String> contentType, Optional<String> authorizationHeader) {
        Optional<TokenAnswer.Refused> refused = tokenRequestFault(p, contentType, authorizationHeader);
        if (refused.isPresent()) {
            journal.problem("token request: " + refused.get().description());
            return refused.get();
        }
        String codeValue = p.one("code").orElseThrow();
        IssuedCode code = codes.remove(codeValue);
        Optional<String> fault = code == null ? Optional.of(spentOrUnknown(codeValue)) : exchangeFault(p, code);
        spentCodes.add(codeValue);
        if (fault.isPresent()) {
            journal.problem("token request: " + fault.get());
            return new TokenAnswer.Refused(400, "invalid_grant", fault.get());
        }
        return new TokenAnswer.Issued(issue(code));
    }

    private Optional<TokenAnswer.Refused> tokenRequestFault(Params p, Optional<String> contentType,
            Optional<String> authorizationHeader) {
        if (contentType.isEmpty() || !contentType.get().toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return badRequest("invalid_request", "the body is " + contentType.orElse("untyped")
                    + ", not application/x-www-form-urlencoded");
        }
        Optional<String> repeated = TOKEN_PARAMETERS.stream().filter(name -> p.all(name).size() > 1).findFirst();
        if (repeated.isPresent()) {
            return badRequest("invalid_request", "the parameter " + repeated.get() + " was sent more than once");
        }
        if (authorizationHeader.isPresent() || !p.all("client_secret").isEmpty() || !p.all("client_assertion").isEmpty()) {
            return Optional.of(new TokenAnswer.Refused(401, "invalid_client",
                    "the app is registered as a public client and has no secret or key to present"));
        }
        Optional<String> grantType = p.one("grant_type");
        if (grantType.isEmpty()) {
            return badRequest("invalid_request", "the grant_type is missing");
        }
        if (!grantType.get().equals("authorization_code")) {
            return badRequest("unsupported_grant_type", "the grant_type " + grantType.get() + " is not supported");
        }
        Optional<String> client = p.one("client_id");
        if (client.isEmpty()) {
            return badRequest("invalid_request", "the client_id is missing (a public client must send it)");
        }
        if (!client.get().equals(clientId)) {
            return Optional.of(new TokenAnswer.Refused(401, "invalid_client", "the client_id " + client.get()
                    + " is not the registered app"));
        }
        return List.of("code", "redirect_uri", "code_verifier").stream().filter(name -> p.one(name).isEmpty()).findFirst()
                .flatMap(name -> badRequest("invalid_request", "the " + name + " is missing"));
    }

    private String spentOrUnknown(String code) {
        if (spentCodes.contains(code)) {
            tokens.values().removeIf(g -> g.code().equals(code));
            return "the code was already exchanged; the access token issued for it is revoked";
        }
        return "the code is not one this EHR issued";
    }

    private Optional<String> exchangeFault(Params p, IssuedCode code) {
        if (clock.instant().isAfter(code.expires())) {
            return Optional.of("the code expired at " + code.expires());
        }
        if (!p.one("redirect_uri").orElseThrow().equals(code.redirectUri())) {
            return Optional.of("the redirect_uri " + p.one("redirect_uri").orElseThrow()
                    + " is not the one of the authorization request " + code.redirectUri());
        }
        String verifier = p.one("code_verifier").orElseThrow();
        if (!CODE_VERIFIER.matcher(verifier).matches()) {
            return Optional.of("the code_verifier is not 43 to 128 unreserved characters");
        }
        return MessageDigest.isEqual(s256(verifier).getBytes(StandardCharsets.US_ASCII),
                code.challenge().getBytes(StandardCharsets.US_ASCII)) ? Optional.empty()
                : Optional.of("the code_verifier does not hash (S256) to the code_challenge");
    }

    private ObjectNode issue(IssuedCode code) {
        Instant now = clock.instant();
        String accessToken = randomToken();
        tokens.put(accessToken, new AccessGrant(accessToken, code.launch().patientId(), code.scopes(),
                now.plus(ACCESS_TOKEN_LIFETIME), code.code()));
        ObjectNode body = EhrRecords.JSON.createObjectNode()
                .put("access_token", accessToken)
                .put("token_type", "Bearer")
                .put("expires_in", ACCESS_TOKEN_LIFETIME.toSeconds())
                .put("scope", String.join(" ", code.scopes()))
                .put("patient", code.launch().patientId())
                .put("need_patient_banner", true);
        if (code.scopes().contains("openid")) {
            body.put("id_token", idToken(code, now));
        }
        return body;
    }

    /** The OpenID Connect id_token: iss the FHIR base, aud the client, fhirUser the practitioner's absolute URL. */
    private String idToken(IssuedCode code, Instant now) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(fhirBase)
                .subject(code.launch().practitionerId())
                .audience(clientId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ID_TOKEN_LIFETIME)));
        if (code.scopes().contains("fhirUser")) {
            claims.claim("fhirUser", fhirBase + "/Practitioner/" + code.launch().practitionerId());
        }
        code.nonce().ifPresent(n -> claims.claim("nonce", n));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims.build());
        try {
            jwt.sign(new RSASSASigner(signingKey));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    // ---------------------------------------------------------------- helpers

    private Authorization unredirectable(String reason) {
        journal.problem("authorization request: " + reason);
        return new Authorization.Unredirectable(reason);
    }

    private static Optional<Refusal> refuse(String error, String description) {
        return Optional.of(new Refusal(error, description));
    }

    private static Optional<TokenAnswer.Refused> badRequest(String error, String description) {
        return Optional.of(new TokenAnswer.Refused(400, error, description));
    }

    /** BASE64URL(SHA-256(ASCII(verifier))), RFC 7636 section 4.2. */
    static String s256(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
