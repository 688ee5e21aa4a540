package com.awsinsight.categories.auth;

import com.awsinsight.categories.domain.model.CategoryRules;
import com.awsinsight.categories.domain.model.Role;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A stand-in for a Cognito user pool, for the local server only; never use it in Lambda.
 *
 * <p>It generates an RSA key at construction and signs Cognito-shaped ID tokens with it. The local
 * server serves {@link #jwksJson()} over HTTP and verifies tokens with a {@link TokenVerifier} built from
 * {@link #settings(String)}, so development tokens pass through exactly the checks production tokens do;
 * there is no bypass to leave switched on by mistake. Keys live only in memory, so a restart
 * invalidates every token issued before it.
 */
public final class DevIdentityProvider {
    public static final String CLIENT_ID = "local-dev-client";

    private final String issuer;
    private final Clock clock;
    private final RSAKey signingKey;

    public DevIdentityProvider(String issuer) {
        this(issuer, Clock.systemUTC());
    }

    public DevIdentityProvider(String issuer, Clock clock) {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("issuer is required");
        }
        this.issuer = issuer;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.signingKey = generateKey();
    }

    /**
     * Signs an ID token as Cognito would issue it for a user of this organization.
     *
     * @param role {@code viewer}, {@code editor} or {@code admin}, exactly
     * @throws IllegalArgumentException for an organization that is not an id, a blank user, an unknown role or a
     *     non-positive ttl
     */
    public String issueToken(String organizationId, String role, String userId, Duration ttl) {
        if (!CategoryRules.isValidId(organizationId)) {
            throw new IllegalArgumentException("organizationId must be 1-128 letters, digits, '_', '.', ':' or '-'");
        }
        requireText(userId, "userId");
        Role parsedRole = Role.fromClaim(role)
                .orElseThrow(() -> new IllegalArgumentException("role must be viewer, editor or admin"));
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(userId)
                .audience(CLIENT_ID)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .claim("token_use", "id")
                .claim("auth_time", now.getEpochSecond())
                .claim("cognito:username", userId)
                .claim("custom:organizationId", organizationId)
                .claim("custom:role", parsedRole.claimValue())
                .build();
        return sign(claims);
    }

    /** The public key set to serve at the JWKS address given to {@link #settings(String)}. */
    public String jwksJson() {
        return new JWKSet(signingKey.toPublicJWK()).toString();
    }

    /** Settings under which a {@link TokenVerifier} accepts this provider's tokens, fetching keys from {@code jwksUri}. */
    public AuthSettings settings(String jwksUri) {
        return AuthSettings.of(issuer, URI.create(jwksUri), Set.of(CLIENT_ID));
    }

    public String issuer() {
        return issuer;
    }

    private String sign(JWTClaimsSet claims) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(signingKey.getKeyID())
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new RSASSASigner(signingKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign a development token", e);
        }
        return jwt.serialize();
    }

    private static RSAKey generateKey() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not generate a development signing key", e);
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
