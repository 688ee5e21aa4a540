package com.awsinsight.categories.auth;

import com.awsinsight.categories.testing.MutableClock;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * A user pool in miniature: real RSA keys, a loopback JWKS, a hand-moved clock and a verifier wired to
 * them, plus Cognito-shaped claims to sign.
 */
final class AuthFixture implements AutoCloseable {
    static final String ISSUER = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_TestPool";
    static final String CLIENT_ID = "test-client";
    static final String ORG = "org-1";
    static final String USER = "user-1";
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final RSAKey KEY = rsaKey("key-1");
    static final RSAKey ROTATED_KEY = rsaKey("key-2");

    final JwksServer jwks = JwksServer.publishing(KEY);
    final MutableClock clock = new MutableClock(START);
    final AuthSettings settings = AuthSettings.of(ISSUER, jwks.uri(), Set.of(CLIENT_ID));
    final JwksCache cache = new JwksCache(settings, clock);
    final TokenVerifier verifier = new TokenVerifier(settings, cache, clock);

    static RSAKey rsaKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    JWTClaimsSet.Builder idClaims() {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(USER)
                .audience(CLIENT_ID)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .claim("token_use", "id")
                .claim("cognito:username", "alice")
                .claim("custom:organizationId", ORG)
                .claim("custom:role", "editor");
    }

    JWTClaimsSet.Builder accessClaims() {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(USER)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .claim("token_use", "access")
                .claim("client_id", CLIENT_ID)
                .claim("scope", "aws.cognito.signin.user.admin")
                .claim("username", "alice")
                .claim("organizationId", ORG)
                .claim("cognito:groups", List.of("admin"));
    }

    static String sign(JWTClaimsSet.Builder claims) {
        return sign(KEY, JWSAlgorithm.RS256, claims);
    }

    static String sign(RSAKey key, JWSAlgorithm algorithm, JWTClaimsSet.Builder claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(), claims.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** Joins raw JSON header and payload with a signature, to build tokens nimbus would refuse to make. */
    static String rawToken(String headerJson, String payloadJson, String signature) {
        return base64Url(headerJson) + "." + base64Url(payloadJson) + "." + signature;
    }

    static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        jwks.close();
    }
}
