package org.cavaplan.server.cds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdsClientTrustTest {

    static final String EHR = "https://ehr.example.org";
    static final String SERVICE = "https://cavaplan.example.org/cds-services/cavaplan-patient-view";
    static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    static ECKey ecKey;
    static RSAKey rsaKey;
    static ECKey strangerKey;

    @BeforeAll
    static void keys() throws JOSEException {
        ecKey = new ECKeyGenerator(Curve.P_384).keyID("ehr-ec").generate();
        rsaKey = new RSAKeyGenerator(2048).keyID("ehr-rsa").generate();
        strangerKey = new ECKeyGenerator(Curve.P_384).keyID("ehr-ec").generate();
    }

    private static CdsClientTrust trust() {
        return CdsClientTrust.of(List.of(new CdsClientTrust.TrustedClient(EHR,
                new JWKSet(List.of(ecKey.toPublicJWK(), rsaKey.toPublicJWK())))), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer(EHR).subject("ehr-client").audience(SERVICE)
                .issueTime(Date.from(NOW.minusSeconds(10))).expirationTime(Date.from(NOW.plusSeconds(240)))
                .jwtID(UUID.randomUUID().toString());
    }

    private static Optional<String> es384(ECKey key, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return Optional.of("Bearer " + jwt.serialize());
    }

    @Test
    void aTokenSignedByAnAllowedEhrWithES384IsTrusted() throws JOSEException {
        assertThat(trust().verify(es384(ecKey, claims().build()), SERVICE))
                .isEqualTo(new CdsClientTrust.Verdict.Trusted(EHR, "ehr-client"));
    }

    @Test
    void aTokenSignedWithRS384IsTrustedToo() throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS384).keyID("ehr-rsa").build(), claims().build());
        jwt.sign(new RSASSASigner(rsaKey));
        assertThat(trust().verify(Optional.of("Bearer " + jwt.serialize()), SERVICE))
                .isInstanceOf(CdsClientTrust.Verdict.Trusted.class);
    }

    @Test
    void aTokenSignedByAnotherKeyUnderTheSameKeyIdIsRefused() throws JOSEException {
        assertThat(trust().verify(es384(strangerKey, claims().build()), SERVICE))
                .isEqualTo(new CdsClientTrust.Verdict.Refused("signature not made by a key of " + EHR));
    }

    @Test
    void anIssuerOffTheAllowListIsRefused() throws JOSEException {
        assertThat(trust().verify(es384(ecKey, claims().issuer("https://evil.example").build()), SERVICE))
                .isEqualTo(new CdsClientTrust.Verdict.Refused("issuer not on the allow-list"));
    }

    @Test
    void aSharedSecretSignatureIsRefusedWhateverItsClaims() throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().build());
        jwt.sign(new MACSigner(new byte[32]));
        assertThat(trust().verify(Optional.of("Bearer " + jwt.serialize()), SERVICE))
                .isInstanceOf(CdsClientTrust.Verdict.Refused.class);
    }

    @Test
    void aTokenForAnotherServiceIsRefused() throws JOSEException {
        assertThat(trust().verify(es384(ecKey, claims().audience("https://other.example/cds").build()), SERVICE))
                .isEqualTo(new CdsClientTrust.Verdict.Refused("audience is not " + SERVICE));
    }

    @Test
    void anExpiredTokenIsRefusedButOneWithinTheClockSkewIsNot() throws JOSEException {
        JWTClaimsSet expired = claims().issueTime(Date.from(NOW.minusSeconds(400)))
                .expirationTime(Date.from(NOW.minusSeconds(100))).build();
        assertThat(trust().verify(es384(ecKey, expired), SERVICE)).isEqualTo(new CdsClientTrust.Verdict.Refused("expired"));
        JWTClaimsSet justExpired = claims().issueTime(Date.from(NOW.minusSeconds(200)))
                .expirationTime(Date.from(NOW.minusSeconds(30))).build();
        assertThat(trust().verify(es384(ecKey, justExpired), SERVICE)).isInstanceOf(CdsClientTrust.Verdict.Trusted.class);
    }

    @Test
    void aTokenLivingLongerThanFiveMinutesIsRefused() throws JOSEException {
        JWTClaimsSet longLived = claims().expirationTime(Date.from(NOW.plusSeconds(3600))).build();
        assertThat(trust().verify(es384(ecKey, longLived), SERVICE))
                .isEqualTo(new CdsClientTrust.Verdict.Refused("lives longer than five minutes"));
    }

    @Test
    void aReplayedTokenIsRefusedTheSecondTime() throws JOSEException {
        CdsClientTrust trust = trust();
        Optional<String> token = es384(ecKey, claims().build());
        assertThat(trust.verify(token, SERVICE)).isInstanceOf(CdsClientTrust.Verdict.Trusted.class);
        assertThat(trust.verify(token, SERVICE)).isEqualTo(new CdsClientTrust.Verdict.Refused("jti used before"));
    }

    @Test
    void aMissingOrMalformedHeaderIsRefused() {
        assertThat(trust().verify(Optional.empty(), SERVICE)).isEqualTo(new CdsClientTrust.Verdict.Refused("no bearer JWT"));
        assertThat(trust().verify(Optional.of("Bearer not.a.jwt"), SERVICE))
                .isEqualTo(new CdsClientTrust.Verdict.Refused("not a signed JWT"));
    }

    @Test
    void anAllowListFileIsReadAndAPrivateKeyInItIsRejected(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("trust.json");
        Files.writeString(good, "{\"clients\":[{\"iss\":\"" + EHR + "\",\"jwks\":"
                + new JWKSet(ecKey.toPublicJWK()).toString() + "}]}", StandardCharsets.UTF_8);
        CdsClientTrust trust = CdsClientTrust.load(good, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(trust.verify(es384(ecKey, claims().build()), SERVICE)).isInstanceOf(CdsClientTrust.Verdict.Trusted.class);

        Path leaky = dir.resolve("leaky.json");
        Files.writeString(leaky, "{\"clients\":[{\"iss\":\"" + EHR + "\",\"jwks\":"
                + new JWKSet(ecKey).toString(false) + "}]}", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> CdsClientTrust.load(leaky, Clock.systemUTC()))
                .hasMessageContaining("/clients/0/jwks: holds a private key");
    }
}
