package org.cavaplan.server.cds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which EHRs may call CavaPlan's CDS Hooks services: an allow-list of issuers, each with its public
 * keys, against which the JWT of every request is verified (CDS Hooks 2.0, "Trusting CDS Clients").
 *
 * <p>A request is trusted only when its {@code Authorization: Bearer} JWT is signed (RS/ES 256–512,
 * never {@code none} or a shared secret) by a key of an allowed issuer, names this service as its
 * audience, has not expired, was not issued in the future, lives at most five minutes, carries a
 * {@code jti}, and that {@code jti} has not been seen before by this instance.
 */
public final class CdsClientTrust {

    /** An EHR allowed to call: its {@code iss} and its public keys. */
    public record TrustedClient(String issuer, JWKSet keys) {
        public TrustedClient {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(keys, "keys");
        }
    }

    /** The outcome of a check. */
    public sealed interface Verdict {
        /** The request comes from {@code issuer}; {@code subject} is the client id it names. */
        record Trusted(String issuer, String subject) implements Verdict {}

        /** Refused; {@code reason} is for the log, never for the caller. */
        record Refused(String reason) implements Verdict {}
    }

    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    static final Duration LONGEST_LIFETIME = Duration.ofMinutes(5);
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);
    private static final int REMEMBERED_JTIS = 100_000;

    private final Map<String, JWKSet> clients;
    private final Clock clock;
    private final Map<String, Instant> seen = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > REMEMBERED_JTIS;
        }
    });

    private CdsClientTrust(List<TrustedClient> clients, Clock clock) {
        Map<String, JWKSet> byIssuer = new LinkedHashMap<>();
        for (TrustedClient c : clients) {
            byIssuer.put(c.issuer(), c.keys());
        }
        this.clients = Map.copyOf(byIssuer);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static CdsClientTrust of(List<TrustedClient> clients, Clock clock) {
        return new CdsClientTrust(List.copyOf(clients), clock);
    }

    /**
     * Reads an allow-list file: {@code {"clients": [{"iss": "https://ehr.example", "jwks": {"keys": [...]}}]}}.
     *
     * @throws IllegalArgumentException naming what is wrong with the file
     */
    public static CdsClientTrust load(Path file, Clock clock) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not JSON");
        }
        JsonNode list = root == null ? null : root.get("clients");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException(file + ": /clients: an array of {iss, jwks} is required");
        }
        List<TrustedClient> clients = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode c = list.get(i);
            String at = file + ": /clients/" + i;
            if (!c.path("iss").isTextual() || c.path("iss").asText().isBlank()) {
                throw new IllegalArgumentException(at + "/iss: the issuer is required");
            }
            try {
                JWKSet keys = JWKSet.parse(c.path("jwks").toString());
                if (keys.getKeys().isEmpty()) {
                    throw new IllegalArgumentException(at + "/jwks: at least one public key is required");
                }
                for (JWK key : keys.getKeys()) {
                    if (key.isPrivate()) {
                        throw new IllegalArgumentException(at + "/jwks: holds a private key; give public keys only");
                    }
                }
                clients.add(new TrustedClient(c.get("iss").asText(), keys));
            } catch (ParseException e) {
                throw new IllegalArgumentException(at + "/jwks: not a JSON Web Key Set");
            }
        }
        return of(clients, clock);
    }

    /** Checks the {@code Authorization} header of a request made to the service at {@code audience}. */
    public Verdict verify(Optional<String> authorization, String audience) {
        if (authorization.isEmpty() || !authorization.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
            return new Verdict.Refused("no bearer JWT");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(authorization.get().substring(7).strip());
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return new Verdict.Refused("not a signed JWT");
        }
        JWSHeader header = jwt.getHeader();
        if (!ALGORITHMS.contains(header.getAlgorithm())) {
            return new Verdict.Refused("algorithm " + header.getAlgorithm() + " is not accepted");
        }
        String issuer = claims.getIssuer();
        JWKSet keys = issuer == null ? null : clients.get(issuer);
        if (keys == null) {
            return new Verdict.Refused("issuer not on the allow-list");
        }
        if (!verifiedByAny(jwt, header, keys)) {
            return new Verdict.Refused("signature not made by a key of " + issuer);
        }
        Instant now = clock.instant();
        if (claims.getAudience() == null || !claims.getAudience().contains(audience)) {
            return new Verdict.Refused("audience is not " + audience);
        }
        if (claims.getExpirationTime() == null || claims.getIssueTime() == null || claims.getJWTID() == null) {
            return new Verdict.Refused("exp, iat and jti are required");
        }
        Instant exp = claims.getExpirationTime().toInstant();
        Instant iat = claims.getIssueTime().toInstant();
        if (now.isAfter(exp.plus(CLOCK_SKEW))) {
            return new Verdict.Refused("expired");
        }
        if (iat.isAfter(now.plus(CLOCK_SKEW))) {
            return new Verdict.Refused("issued in the future");
        }
        if (Duration.between(iat, exp).compareTo(LONGEST_LIFETIME) > 0) {
            return new Verdict.Refused("lives longer than five minutes");
        }
        if (seen.putIfAbsent(issuer + "\u0000" + claims.getJWTID(), exp) != null) {
            return new Verdict.Refused("jti used before");
        }
        return new Verdict.Trusted(issuer, Optional.ofNullable(claims.getSubject()).orElse(issuer));
    }

    private static boolean verifiedByAny(SignedJWT jwt, JWSHeader header, JWKSet keys) {
        for (JWK key : keys.getKeys()) {
            if (header.getKeyID() != null && !header.getKeyID().equals(key.getKeyID())) {
                continue;
            }
            try {
                JWSVerifier verifier;
                if (key instanceof RSAKey rsa && JWSAlgorithm.Family.RSA.contains(header.getAlgorithm())) {
                    verifier = new RSASSAVerifier(rsa);
                } else if (key instanceof ECKey ec && JWSAlgorithm.Family.EC.contains(header.getAlgorithm())) {
                    verifier = new ECDSAVerifier(ec);
                } else {
                    continue;
                }
                if (jwt.verify(verifier)) {
                    return true;
                }
            } catch (JOSEException e) {
                // a key that cannot verify this algorithm: try the next one
            }
        }
        return false;
    }
}
