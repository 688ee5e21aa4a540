package com.awsinsight.categories.auth;

import com.awsinsight.categories.domain.model.Caller;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies a Cognito ID or access token and returns the {@link Caller} it identifies. Use it on every
 * entry point that has no API Gateway authorizer in front (local server, direct invocation, HTTP API);
 * behind an authorizer, {@link ClaimsIdentity} reads the already verified claims.
 *
 * <p>Checks run in the order of awslabs/aws-jwt-verify, each failing with its own stable message:
 * <ol>
 *   <li>three base64url parts with a JSON header and payload ({@value #MALFORMED})</li>
 *   <li>{@code alg} exactly {@code RS256}; {@code none}, HMAC, EC and PSS are refused ({@value #ALGORITHM})</li>
 *   <li>{@code kid} present ({@value #NO_KID})</li>
 *   <li>{@code iss} equal to the configured issuer, before any key is fetched, so tokens of unknown
 *       issuers cost no JWKS request ({@value #ISSUER})</li>
 *   <li>the key with that {@code kid} in the configured JWKS ({@value #UNKNOWN_KEY}); see {@link JwksCache}
 *       for how unknown {@code kid}s are rate-limited</li>
 *   <li>that key is an RSA signing key ({@value #KEY_TYPE})</li>
 *   <li>signature ({@value #SIGNATURE})</li>
 *   <li>{@code exp} present and not passed ({@value #NO_EXPIRY}, {@value #EXPIRED}); {@code nbf}, if
 *       present, reached ({@value #NOT_YET_VALID}). Both allow {@link AuthSettings#clockSkew()}
 *       (60 seconds by default) for clocks that drift between Cognito and Lambda.</li>
 *   <li>{@code token_use} is {@code id} or {@code access} ({@value #TOKEN_USE})</li>
 *   <li>the app client, {@code aud} for ID tokens and {@code client_id} for access tokens, is one of
 *       {@link AuthSettings#clientIds()}; an empty set accepts no client ({@value #CLIENT})</li>
 * </ol>
 * All of these are {@link AuthFailure#UNAUTHENTICATED}. The identity then follows the rules of
 * {@link ClaimsIdentity}: no organization claim ({@value ClaimsIdentity#NO_ORGANIZATION}) or no
 * {@code sub} ({@value ClaimsIdentity#NO_SUBJECT}) is {@code UNAUTHENTICATED}; no recognised role
 * ({@value ClaimsIdentity#NO_ROLE}) is {@link AuthFailure#FORBIDDEN}. A token without a role is refused
 * rather than given {@code VIEWER}: rights come from the user pool, never from an absent claim.
 * Cognito access tokens carry {@code custom:} attributes only when a pre-token-generation trigger adds
 * them; without one, only ID tokens identify an organization.
 *
 * <p>An accepted token is remembered ({@link VerifiedTokens}): the same token again, before it expires and
 * within the JWKS cache's lifetime, gets the same caller without the checks above.
 *
 * <p>Thread-safe and meant to be shared: one instance per issuer, created at start-up.
 */
public final class TokenVerifier {
    public static final String MISSING_TOKEN = "Missing bearer token";
    public static final String MALFORMED = "Token is malformed";
    public static final String ALGORITHM = "Token algorithm must be RS256";
    public static final String NO_KID = "Token has no kid";
    public static final String ISSUER = "Token issuer is not accepted";
    public static final String UNKNOWN_KEY = "Token key is not known";
    public static final String KEY_TYPE = "Token key is not an RSA signing key";
    public static final String SIGNATURE = "Token signature is invalid";
    public static final String NO_EXPIRY = "Token has no expiry";
    public static final String EXPIRED = "Token has expired";
    public static final String NOT_YET_VALID = "Token is not yet valid";
    public static final String TOKEN_USE = "Token use must be id or access";
    public static final String CLIENT = "Token client is not accepted";

    private static final String BEARER = "bearer";

    private final AuthSettings settings;
    private final JwksCache keys;
    private final Clock clock;
    private final VerifiedTokens verified = new VerifiedTokens(VerifiedTokens.DEFAULT_MAX_ENTRIES);

    /** A verifier with its own {@link JwksCache} and the system clock. */
    public TokenVerifier(AuthSettings settings) {
        this(settings, new JwksCache(settings), Clock.systemUTC());
    }

    /** A verifier sharing {@code keys}, judging {@code exp} and {@code nbf} by {@code clock}. */
    public TokenVerifier(AuthSettings settings, JwksCache keys, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param authorization an {@code Authorization} header value ({@code Bearer <jwt>}, scheme in any case)
     *                      or the bare token
     * @throws AuthException when the token is refused; its message is safe to return to the client
     */
    public Caller verify(String authorization) {
        String token = bearerToken(authorization);
        Optional<Caller> remembered = verified.get(token, clock.instant());
        if (remembered.isPresent()) {
            return remembered.get();
        }
        Map<String, Object> header = decodeJwtParts(token);
        if (!JWSAlgorithm.RS256.getName().equals(header.get("alg"))) {
            throw AuthException.unauthenticated(ALGORITHM);
        }
        if (!(header.get("kid") instanceof String kid) || kid.isBlank()) {
            throw AuthException.unauthenticated(NO_KID);
        }
        SignedJWT jwt = parseSigned(token);
        JWTClaimsSet claims = parseClaims(jwt);
        if (!settings.issuer().equals(claims.getIssuer())) {
            throw AuthException.unauthenticated(ISSUER);
        }
        RSAKey key = signingKey(kid);
        verifySignature(jwt, key);
        verifyLifetime(claims);
        verifyTokenUseAndClient(claims);
        Caller caller = IdentityClaims.toCaller(claims.getClaims());
        Instant expiry = claims.getExpirationTime().toInstant().plus(settings.clockSkew());
        Instant keysFresh = clock.instant().plus(settings.jwksCacheTtl());
        verified.put(token, caller, expiry.isBefore(keysFresh) ? expiry : keysFresh);
        return caller;
    }

    private static String bearerToken(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw AuthException.unauthenticated(MISSING_TOKEN);
        }
        String[] schemeAndToken = authorization.strip().split("\\s+", 2);
        if (schemeAndToken.length == 1) {
            return bareToken(schemeAndToken[0]);
        }
        if (!schemeAndToken[0].equalsIgnoreCase(BEARER)) {
            throw AuthException.unauthenticated(MISSING_TOKEN);
        }
        return schemeAndToken[1];
    }

    private static String bareToken(String value) {
        if (value.equalsIgnoreCase(BEARER)) {
            throw AuthException.unauthenticated(MISSING_TOKEN);
        }
        return value;
    }

    /** Checks the three-part shape and returns the header; nimbus cannot parse {@code alg: none} as a JWS. */
    private static Map<String, Object> decodeJwtParts(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw AuthException.unauthenticated(MALFORMED);
        }
        Map<String, Object> header = jsonObject(parts[0]);
        jsonObject(parts[1]);
        base64Url(parts[2]);
        return header;
    }

    private static Map<String, Object> jsonObject(String part) {
        try {
            return JSONObjectUtils.parse(new String(base64Url(part), StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw AuthException.unauthenticated(MALFORMED);
        }
    }

    private static byte[] base64Url(String part) {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw AuthException.unauthenticated(MALFORMED);
        }
    }

    private static SignedJWT parseSigned(String token) {
        try {
            return SignedJWT.parse(token);
        } catch (ParseException e) {
            throw AuthException.unauthenticated(MALFORMED);
        }
    }

    private static JWTClaimsSet parseClaims(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw AuthException.unauthenticated(MALFORMED);
        }
    }

    private RSAKey signingKey(String kid) {
        JWK key = keys.keyFor(kid).orElseThrow(() -> AuthException.unauthenticated(UNKNOWN_KEY));
        if (!(key instanceof RSAKey rsa)) {
            throw AuthException.unauthenticated(KEY_TYPE);
        }
        if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            throw AuthException.unauthenticated(KEY_TYPE);
        }
        if (key.getAlgorithm() != null && !JWSAlgorithm.RS256.equals(key.getAlgorithm())) {
            throw AuthException.unauthenticated(KEY_TYPE);
        }
        return rsa;
    }

    private static void verifySignature(SignedJWT jwt, RSAKey key) {
        try {
            if (jwt.verify(new RSASSAVerifier(key))) {
                return;
            }
        } catch (JOSEException | IllegalStateException e) {
            throw new AuthException(AuthFailure.UNAUTHENTICATED, SIGNATURE, e);
        }
        throw AuthException.unauthenticated(SIGNATURE);
    }

    private void verifyLifetime(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Duration skew = settings.clockSkew();
        Date expiry = claims.getExpirationTime();
        if (expiry == null) {
            throw AuthException.unauthenticated(NO_EXPIRY);
        }
        if (!now.isBefore(expiry.toInstant().plus(skew))) {
            throw AuthException.unauthenticated(EXPIRED);
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.isBefore(notBefore.toInstant().minus(skew))) {
            throw AuthException.unauthenticated(NOT_YET_VALID);
        }
    }

    private void verifyTokenUseAndClient(JWTClaimsSet claims) {
        Object tokenUse = claims.getClaim("token_use");
        if ("id".equals(tokenUse)) {
            requireAcceptedClient(claims.getAudience());
            return;
        }
        if ("access".equals(tokenUse)) {
            requireAcceptedClient(claims.getClaim("client_id") instanceof String id ? List.of(id) : List.of());
            return;
        }
        throw AuthException.unauthenticated(TOKEN_USE);
    }

    private void requireAcceptedClient(List<String> clientIds) {
        Set<String> accepted = settings.clientIds();
        if (clientIds.stream().noneMatch(accepted::contains)) {
            throw AuthException.unauthenticated(CLIENT);
        }
    }
}
