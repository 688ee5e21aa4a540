package com.awsinsight.categories.auth;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where tokens come from and which of them are accepted. Immutable; build it once at start-up with
 * {@link #fromEnvironment(Map)} or {@link #of(String, URI, Set)} and share it.
 *
 * <p>The JWKS address is always taken from here, never from a token, so a forged token cannot point
 * the verifier at keys of its choosing. An empty {@code clientIds} set accepts no token at all:
 * forgetting {@code APP_CLIENT_IDS} fails closed rather than open.
 *
 * @param issuer             the exact {@code iss} value accepted, e.g. the user pool URL
 * @param jwksUri            where the signing keys are fetched from
 * @param clientIds          app client ids accepted in {@code aud} (id tokens) or {@code client_id} (access tokens)
 * @param jwksCacheTtl       how long a fetched key set is used before it is fetched again
 * @param refetchCooldown    the least time between two JWKS fetches; bounds what unknown {@code kid}s can cause
 * @param httpTimeout        connect and response timeout of a JWKS fetch
 * @param clockSkew          tolerance applied to {@code exp} and {@code nbf}
 */
public record AuthSettings(
        String issuer,
        URI jwksUri,
        Set<String> clientIds,
        Duration jwksCacheTtl,
        Duration refetchCooldown,
        Duration httpTimeout,
        Duration clockSkew) {

    public static final Duration DEFAULT_JWKS_CACHE_TTL = Duration.ofMinutes(10);
    public static final Duration DEFAULT_REFETCH_COOLDOWN = Duration.ofSeconds(60);
    public static final Duration DEFAULT_HTTP_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    /** Token settings that mean nothing without an issuer; any of them set alone refuses to start. */
    private static final List<String> TOKEN_VARIABLES = List.of("APP_CLIENT_IDS", "JWKS_URL", "JWKS_CACHE_TTL_SECONDS",
            "JWKS_REFETCH_COOLDOWN_SECONDS", "JWKS_HTTP_TIMEOUT_MILLIS", "JWT_CLOCK_SKEW_SECONDS");

    public AuthSettings {
        requireText(issuer, "issuer");
        requireHttp(jwksUri);
        clientIds = Set.copyOf(Objects.requireNonNull(clientIds, "clientIds"));
        requirePositive(jwksCacheTtl, "jwksCacheTtl");
        requirePositive(refetchCooldown, "refetchCooldown");
        requirePositive(httpTimeout, "httpTimeout");
        Objects.requireNonNull(clockSkew, "clockSkew");
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("clockSkew must not be negative");
        }
    }

    /** Settings with the default cache TTL, cooldown, timeout and clock skew. */
    public static AuthSettings of(String issuer, URI jwksUri, Set<String> clientIds) {
        return new AuthSettings(issuer, jwksUri, clientIds,
                DEFAULT_JWKS_CACHE_TTL, DEFAULT_REFETCH_COOLDOWN, DEFAULT_HTTP_TIMEOUT, DEFAULT_CLOCK_SKEW);
    }

    /**
     * Reads the Cognito settings the Node service used, plus overrides for other issuers.
     *
     * <ul>
     *   <li>{@code JWT_ISSUER}, else {@code https://cognito-idp.<AWS_REGION>.amazonaws.com/<USER_POOL_ID>}</li>
     *   <li>{@code JWKS_URL}, else {@code <issuer>/.well-known/jwks.json}</li>
     *   <li>{@code APP_CLIENT_IDS}: comma-separated app client ids</li>
     *   <li>{@code JWKS_CACHE_TTL_SECONDS}, {@code JWKS_REFETCH_COOLDOWN_SECONDS},
     *       {@code JWKS_HTTP_TIMEOUT_MILLIS}, {@code JWT_CLOCK_SKEW_SECONDS}: optional knobs</li>
     * </ul>
     *
     * @return empty when none of these variables is set: no token issuer is configured, and the local server
     *     falls back to {@link DevIdentityProvider}
     * @throws IllegalArgumentException when the settings are present but incomplete or invalid (any of them set
     *     without {@code USER_POOL_ID} or {@code JWT_ISSUER} included: a partial configuration never switches the
     *     dev identity provider on), so a misconfigured deployment fails at start-up instead of failing open or
     *     refusing every request
     */
    public static Optional<AuthSettings> fromEnvironment(Map<String, String> env) {
        Optional<String> userPoolId = value(env, "USER_POOL_ID");
        Optional<String> explicitIssuer = value(env, "JWT_ISSUER");
        if (userPoolId.isEmpty() && explicitIssuer.isEmpty()) {
            List<String> set = TOKEN_VARIABLES.stream().filter(name -> value(env, name).isPresent()).toList();
            if (!set.isEmpty()) {
                throw new IllegalArgumentException("Incomplete Cognito settings: " + String.join(", ", set)
                        + " set without USER_POOL_ID or JWT_ISSUER. Set USER_POOL_ID (with AWS_REGION) or JWT_ISSUER, "
                        + "or unset " + String.join(", ", set) + " to run the local dev identity provider");
            }
            return Optional.empty();
        }
        String issuer = explicitIssuer.orElseGet(() -> cognitoIssuer(env, userPoolId.get()));
        URI jwksUri = URI.create(value(env, "JWKS_URL").orElse(issuer + "/.well-known/jwks.json"));
        return Optional.of(new AuthSettings(
                issuer,
                jwksUri,
                clientIds(value(env, "APP_CLIENT_IDS").orElse("")),
                seconds(env, "JWKS_CACHE_TTL_SECONDS", DEFAULT_JWKS_CACHE_TTL),
                seconds(env, "JWKS_REFETCH_COOLDOWN_SECONDS", DEFAULT_REFETCH_COOLDOWN),
                millis(env, "JWKS_HTTP_TIMEOUT_MILLIS", DEFAULT_HTTP_TIMEOUT),
                seconds(env, "JWT_CLOCK_SKEW_SECONDS", DEFAULT_CLOCK_SKEW)));
    }

    public AuthSettings withJwksCacheTtl(Duration ttl) {
        return new AuthSettings(issuer, jwksUri, clientIds, ttl, refetchCooldown, httpTimeout, clockSkew);
    }

    public AuthSettings withRefetchCooldown(Duration cooldown) {
        return new AuthSettings(issuer, jwksUri, clientIds, jwksCacheTtl, cooldown, httpTimeout, clockSkew);
    }

    public AuthSettings withHttpTimeout(Duration timeout) {
        return new AuthSettings(issuer, jwksUri, clientIds, jwksCacheTtl, refetchCooldown, timeout, clockSkew);
    }

    public AuthSettings withClockSkew(Duration skew) {
        return new AuthSettings(issuer, jwksUri, clientIds, jwksCacheTtl, refetchCooldown, httpTimeout, skew);
    }

    private static String cognitoIssuer(Map<String, String> env, String userPoolId) {
        String region = value(env, "AWS_REGION")
                .orElseThrow(() -> new IllegalArgumentException("AWS_REGION is required with USER_POOL_ID"));
        return "https://cognito-idp." + region + ".amazonaws.com/" + userPoolId;
    }

    private static Set<String> clientIds(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(","))
                .map(String::trim)
                .filter(id -> !id.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    private static Duration seconds(Map<String, String> env, String name, Duration fallback) {
        return value(env, name).map(v -> Duration.ofSeconds(number(name, v))).orElse(fallback);
    }

    private static Duration millis(Map<String, String> env, String name, Duration fallback) {
        return value(env, name).map(v -> Duration.ofMillis(number(name, v))).orElse(fallback);
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number", e);
        }
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    private static void requireHttp(URI uri) {
        Objects.requireNonNull(uri, "jwksUri");
        String scheme = uri.getScheme();
        if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("jwksUri must be an http or https URL");
        }
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
