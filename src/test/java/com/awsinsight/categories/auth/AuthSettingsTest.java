package com.awsinsight.categories.auth;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthSettingsTest {
    private static final String POOL_ISSUER = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc123";

    @Test
    void cognitoSettingsBuildIssuerAndJwksAddress() {
        AuthSettings settings = AuthSettings.fromEnvironment(Map.of(
                "AWS_REGION", "eu-west-1",
                "USER_POOL_ID", "eu-west-1_Abc123",
                "APP_CLIENT_IDS", " web-client , ,mobile-client")).orElseThrow();

        assertEquals(POOL_ISSUER, settings.issuer());
        assertEquals(URI.create(POOL_ISSUER + "/.well-known/jwks.json"), settings.jwksUri());
        assertEquals(Set.of("web-client", "mobile-client"), settings.clientIds());
        assertEquals(Duration.ofMinutes(10), settings.jwksCacheTtl());
        assertEquals(Duration.ofSeconds(60), settings.refetchCooldown());
        assertEquals(AuthSettings.DEFAULT_HTTP_TIMEOUT, settings.httpTimeout());
        assertEquals(Duration.ofSeconds(60), settings.clockSkew());
    }

    @Test
    void overridesWinOverTheUserPool() {
        AuthSettings settings = AuthSettings.fromEnvironment(Map.of(
                "AWS_REGION", "eu-west-1",
                "USER_POOL_ID", "eu-west-1_Abc123",
                "JWT_ISSUER", "https://issuer.example.test",
                "JWKS_URL", "https://keys.example.test/jwks.json",
                "JWKS_CACHE_TTL_SECONDS", "300",
                "JWKS_REFETCH_COOLDOWN_SECONDS", "30",
                "JWKS_HTTP_TIMEOUT_MILLIS", "1500",
                "JWT_CLOCK_SKEW_SECONDS", "0")).orElseThrow();

        assertEquals("https://issuer.example.test", settings.issuer());
        assertEquals(URI.create("https://keys.example.test/jwks.json"), settings.jwksUri());
        assertEquals(Duration.ofMinutes(5), settings.jwksCacheTtl());
        assertEquals(Duration.ofSeconds(30), settings.refetchCooldown());
        assertEquals(Duration.ofMillis(1500), settings.httpTimeout());
        assertEquals(Duration.ZERO, settings.clockSkew());
    }

    @Test
    void issuerAloneIsEnoughAndJwksFollowsIt() {
        AuthSettings settings = AuthSettings.fromEnvironment(Map.of("JWT_ISSUER", "https://issuer.example.test")).orElseThrow();

        assertEquals(URI.create("https://issuer.example.test/.well-known/jwks.json"), settings.jwksUri());
        assertTrue(settings.clientIds().isEmpty());
    }

    @Test
    void noIssuerConfiguredMeansDevelopmentMode() {
        assertEquals(Optional.empty(), AuthSettings.fromEnvironment(Map.of()));
        assertEquals(Optional.empty(), AuthSettings.fromEnvironment(Map.of("AWS_REGION", "eu-west-1", "USER_POOL_ID", " ")));
    }

    @Test
    void incompleteOrInvalidSettingsFailAtStartUp() {
        assertThrows(IllegalArgumentException.class,
                () -> AuthSettings.fromEnvironment(Map.of("USER_POOL_ID", "eu-west-1_Abc123")));
        assertThrows(IllegalArgumentException.class,
                () -> AuthSettings.fromEnvironment(Map.of("JWT_ISSUER", "https://i.example.test", "JWKS_CACHE_TTL_SECONDS", "ten")));
        assertThrows(IllegalArgumentException.class,
                () -> AuthSettings.fromEnvironment(Map.of("JWT_ISSUER", "https://i.example.test", "JWKS_REFETCH_COOLDOWN_SECONDS", "0")));
        assertThrows(IllegalArgumentException.class,
                () -> AuthSettings.fromEnvironment(Map.of("JWT_ISSUER", "https://i.example.test", "JWKS_URL", "file:///etc/passwd")));
    }

    @Test
    void anyCognitoOrJwtVariableWithoutAnIssuerRefusesToStart() {
        for (String variable : List.of("APP_CLIENT_IDS", "JWKS_URL", "JWKS_CACHE_TTL_SECONDS", "JWKS_REFETCH_COOLDOWN_SECONDS",
                "JWKS_HTTP_TIMEOUT_MILLIS", "JWT_CLOCK_SKEW_SECONDS")) {
            String value = variable.equals("JWKS_URL") ? "https://keys.example.test/jwks.json" : "30";
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> AuthSettings.fromEnvironment(Map.of(variable, value)), variable);

            assertTrue(refused.getMessage().contains(variable), refused.getMessage());
            assertTrue(refused.getMessage().contains("USER_POOL_ID or JWT_ISSUER"), refused.getMessage());
        }
        assertThrows(IllegalArgumentException.class,
                () -> AuthSettings.fromEnvironment(Map.of("APP_CLIENT_IDS", "web", "JWKS_URL", "https://keys.example.test/jwks.json")));
    }

    @Test
    void theGatewaysSettingsRefuseToStartOnPartialCognitoSettings() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> com.awsinsight.categories.Settings.fromEnvironment(Map.of("APP_CLIENT_IDS", "web-client")));

        assertTrue(refused.getMessage().startsWith("Incomplete Cognito settings"), refused.getMessage());
    }

    @Test
    void clientIdsAreCopied() {
        Set<String> ids = new java.util.HashSet<>(Set.of("a"));
        AuthSettings settings = AuthSettings.of("https://i.example.test", URI.create("https://i.example.test/jwks"), ids);
        ids.add("b");

        assertEquals(Set.of("a"), settings.clientIds());
    }
}
