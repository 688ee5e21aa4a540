package com.awsinsight.categories.auth;

import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.domain.model.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static com.awsinsight.categories.auth.AuthFixture.ORG;
import static com.awsinsight.categories.auth.AuthFixture.ROTATED_KEY;
import static com.awsinsight.categories.auth.AuthFixture.USER;
import static com.awsinsight.categories.auth.AuthFixture.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A verifier remembers the tokens it accepted ({@link VerifiedTokens}); what it remembers must never outlive
 * the token, nor the keys it was checked with, nor answer for another token.
 */
class RememberedTokensTest {
    private final AuthFixture fixture = new AuthFixture();

    @AfterEach
    void stopJwks() {
        fixture.close();
    }

    @Test
    void aRememberedTokenStillExpires() {
        String token = sign(fixture.idClaims());
        assertEquals(USER, fixture.verifier.verify(token).userId());

        fixture.clock.advance(Duration.ofMinutes(5));
        assertEquals(USER, fixture.verifier.verify(token).userId());
        fixture.clock.advance(Duration.ofHours(1));

        AuthException e = assertThrows(AuthException.class, () -> fixture.verifier.verify(token));
        assertEquals(TokenVerifier.EXPIRED, e.getMessage());
    }

    @Test
    void aRememberedTokenIsHonouredNoLongerThanTheKeysItWasCheckedWith() {
        String token = sign(fixture.idClaims());
        assertEquals(USER, fixture.verifier.verify(token).userId());
        fixture.jwks.publish(ROTATED_KEY);

        fixture.clock.advance(fixture.settings.jwksCacheTtl().minusSeconds(1));
        assertEquals(USER, fixture.verifier.verify(token).userId(), "within the JWKS cache's lifetime, as the cache would");
        fixture.clock.advance(Duration.ofSeconds(2));

        AuthException e = assertThrows(AuthException.class, () -> fixture.verifier.verify(token));
        assertEquals(TokenVerifier.UNKNOWN_KEY, e.getMessage(), "the key was withdrawn and the JWKS read again");
    }

    @Test
    void eachTokenGetsItsOwnCaller() {
        String editor = sign(fixture.idClaims());
        String other = sign(fixture.idClaims().claim("custom:organizationId", "org-2").claim("custom:role", "viewer"));

        for (int round = 0; round < 2; round++) {
            assertEquals(new Caller(ORG, USER, Role.EDITOR), fixture.verifier.verify("Bearer " + editor));
            assertEquals(new Caller("org-2", USER, Role.VIEWER), fixture.verifier.verify("Bearer " + other));
        }
    }

    @Test
    void aRefusedTokenIsCheckedInFullEveryTime() {
        String noRole = sign(fixture.idClaims().claim("custom:role", null));

        for (int round = 0; round < 2; round++) {
            AuthException e = assertThrows(AuthException.class, () -> fixture.verifier.verify(noRole));
            assertEquals(AuthFailure.FORBIDDEN, e.failure());
        }
    }

    @Test
    void theMemoryIsBoundedLeastRecentlyUsedOut() {
        VerifiedTokens tokens = new VerifiedTokens(3);
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        Instant later = now.plus(Duration.ofMinutes(1));
        Caller caller = new Caller(ORG, USER, Role.VIEWER);
        tokens.put("a", caller, later);
        tokens.put("b", caller, later);
        tokens.put("c", caller, later);
        assertTrue(tokens.get("a", now).isPresent());

        tokens.put("d", caller, later);

        assertEquals(3, tokens.size());
        assertTrue(tokens.get("b", now).isEmpty(), "the least recently used is gone");
        assertTrue(tokens.get("a", now).isPresent());
        assertTrue(tokens.get("d", later).isEmpty(), "not at or after its end");
    }
}
