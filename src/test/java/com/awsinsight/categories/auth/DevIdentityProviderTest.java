package com.awsinsight.categories.auth;

import com.awsinsight.categories.testing.MutableClock;
import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.domain.model.Role;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Development tokens must pass through the very same verification as Cognito's, over HTTP. */
class DevIdentityProviderTest {
    private static final String ISSUER = "http://localhost:8080/dev";

    private final MutableClock clock = new MutableClock(AuthFixture.START);
    private final DevIdentityProvider provider = new DevIdentityProvider(ISSUER, clock);
    private final JwksServer jwks = JwksServer.serving(provider.jwksJson());
    private final AuthSettings settings = provider.settings(jwks.uri().toString());
    private final TokenVerifier verifier = new TokenVerifier(settings, new JwksCache(settings, clock), clock);

    @AfterEach
    void stopJwks() {
        jwks.close();
    }

    @Test
    void issuedTokenVerifiesThroughLoopbackJwks() {
        String token = provider.issueToken("org-demo", "admin", "dev-user", Duration.ofHours(1));

        assertEquals(new Caller("org-demo", "dev-user", Role.ADMIN), verifier.verify("Bearer " + token));
        assertEquals(1, jwks.requests());
    }

    @Test
    void tokenIsShapedLikeACognitoIdToken() throws Exception {
        SignedJWT jwt = SignedJWT.parse(provider.issueToken("org-demo", "editor", "dev-user", Duration.ofMinutes(5)));
        JWTClaimsSet claims = jwt.getJWTClaimsSet();

        assertEquals(JWSAlgorithm.RS256, jwt.getHeader().getAlgorithm());
        assertEquals(JWKSet.parse(provider.jwksJson()).getKeys().get(0).getKeyID(), jwt.getHeader().getKeyID());
        assertEquals(ISSUER, claims.getIssuer());
        assertEquals(List.of(DevIdentityProvider.CLIENT_ID), claims.getAudience());
        assertEquals("id", claims.getClaim("token_use"));
        assertEquals("dev-user", claims.getSubject());
        assertEquals("dev-user", claims.getClaim("cognito:username"));
        assertEquals("org-demo", claims.getClaim("custom:organizationId"));
        assertEquals("editor", claims.getClaim("custom:role"));
        assertEquals(Duration.ofMinutes(5), Duration.between(
                claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()));
    }

    @Test
    void jwksHoldsOnlyThePublicKey() throws Exception {
        JWKSet keys = JWKSet.parse(provider.jwksJson());

        assertEquals(1, keys.getKeys().size());
        assertFalse(keys.getKeys().get(0).isPrivate());
        assertFalse(provider.jwksJson().contains("\"d\""));
    }

    @Test
    void expiredDevTokenIsRefused() {
        String token = provider.issueToken("org-demo", "viewer", "dev-user", Duration.ofMinutes(5));
        clock.advance(Duration.ofMinutes(10));

        AuthException e = assertThrows(AuthException.class, () -> verifier.verify(token));
        assertEquals(TokenVerifier.EXPIRED, e.getMessage());
    }

    @Test
    void tokenOfAnotherProviderIsRefused() {
        DevIdentityProvider other = new DevIdentityProvider(ISSUER, clock);
        String token = other.issueToken("org-demo", "admin", "dev-user", Duration.ofHours(1));

        AuthException e = assertThrows(AuthException.class, () -> verifier.verify(token));
        assertEquals(TokenVerifier.UNKNOWN_KEY, e.getMessage());
    }

    @Test
    void settingsAcceptOnlyTheDevClientAndIssuer() {
        assertEquals(ISSUER, settings.issuer());
        assertEquals(jwks.uri(), settings.jwksUri());
        assertTrue(settings.clientIds().contains(DevIdentityProvider.CLIENT_ID));
        assertEquals(1, settings.clientIds().size());
    }

    @Test
    void invalidRequestsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> provider.issueToken("org", "owner", "u", Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> provider.issueToken(" ", "admin", "u", Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> provider.issueToken("org", "admin", "", Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> provider.issueToken("org", "admin", "u", Duration.ZERO));
    }
}
