package com.awsinsight.categories.auth;

import com.awsinsight.categories.domain.model.Caller;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.awsinsight.categories.auth.AuthFixture.KEY;
import static com.awsinsight.categories.auth.AuthFixture.ROTATED_KEY;
import static com.awsinsight.categories.auth.AuthFixture.USER;
import static com.awsinsight.categories.auth.AuthFixture.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Counts JWKS requests: the cache must never let tokens decide how often the issuer is asked. */
class JwksCacheTest {
    private static final Duration COOLDOWN = AuthSettings.DEFAULT_REFETCH_COOLDOWN;
    private static final Duration TTL = AuthSettings.DEFAULT_JWKS_CACHE_TTL;

    private final AuthFixture fixture = new AuthFixture();

    @AfterEach
    void stopJwks() {
        fixture.close();
    }

    private Caller verify(String token) {
        return fixture.verifier.verify(token);
    }

    private void assertRefused(String token, String message) {
        AuthException e = assertThrows(AuthException.class, () -> verify(token));
        assertEquals(message, e.getMessage());
    }

    private void assertFetches(int expected) {
        assertEquals(expected, fixture.jwks.requests());
        assertEquals(expected, fixture.cache.fetchCount());
    }

    private String tokenWithKid(String kid) {
        return sign(new RSAKey.Builder(ROTATED_KEY).keyID(kid).build(), JWSAlgorithm.RS256, fixture.idClaims());
    }

    @Nested
    class Caching {
        @Test
        void firstVerificationFetchesOnceThenKeysAreCached() {
            verify(sign(fixture.idClaims()));
            assertFetches(1);

            for (int i = 0; i < 5; i++) {
                verify(sign(fixture.idClaims()));
            }
            assertFetches(1);
        }

        @Test
        void keysAreFetchedAgainAfterTheTtl() {
            verify(sign(fixture.idClaims()));
            fixture.clock.advance(TTL.minusSeconds(1));
            verify(sign(fixture.idClaims()));
            assertFetches(1);

            fixture.clock.advance(Duration.ofSeconds(2));
            verify(sign(fixture.idClaims()));
            assertFetches(2);
        }

        @Test
        void concurrentFirstVerificationsFetchOnce() throws Exception {
            String token = sign(fixture.idClaims());
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Callable<Caller>> calls = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    calls.add(() -> verify(token));
                }
                for (Future<Caller> result : pool.invokeAll(calls)) {
                    assertEquals(USER, result.get().userId());
                }
            } finally {
                pool.shutdownNow();
            }
            assertFetches(1);
        }
    }

    @Nested
    class UnknownKid {
        @Test
        void unknownKidTriggersExactlyOneRefetch() {
            verify(sign(fixture.idClaims()));
            assertFetches(1);

            assertRefused(tokenWithKid("unknown-1"), TokenVerifier.UNKNOWN_KEY);
            assertFetches(2);
        }

        @Test
        void secondUnknownKidWithinCooldownFetchesNothing() {
            verify(sign(fixture.idClaims()));
            assertRefused(tokenWithKid("unknown-1"), TokenVerifier.UNKNOWN_KEY);
            assertFetches(2);

            fixture.clock.advance(COOLDOWN.minusSeconds(1));
            assertRefused(tokenWithKid("unknown-2"), TokenVerifier.UNKNOWN_KEY);
            assertFetches(2);
        }

        @Test
        void floodOfUnknownKidsCostsOneFetchPerWindow() {
            for (int i = 0; i < 100; i++) {
                assertRefused(tokenWithKid("flood-" + i), TokenVerifier.UNKNOWN_KEY);
            }
            assertFetches(2);

            verify(sign(fixture.idClaims()));
            assertFetches(2);
        }

        @Test
        void unknownKidAfterTheWindowFetchesOnceMore() {
            verify(sign(fixture.idClaims()));
            assertRefused(tokenWithKid("unknown-1"), TokenVerifier.UNKNOWN_KEY);
            assertRefused(tokenWithKid("unknown-2"), TokenVerifier.UNKNOWN_KEY);
            assertFetches(2);

            fixture.clock.advance(COOLDOWN);
            assertRefused(tokenWithKid("unknown-3"), TokenVerifier.UNKNOWN_KEY);
            assertFetches(3);
            assertRefused(tokenWithKid("unknown-4"), TokenVerifier.UNKNOWN_KEY);
            assertFetches(3);
        }

        @Test
        void rotatedKeyIsPickedUpByTheRefetch() {
            verify(sign(fixture.idClaims()));
            fixture.jwks.publish(KEY, ROTATED_KEY);

            Caller caller = verify(sign(ROTATED_KEY, JWSAlgorithm.RS256, fixture.idClaims()));

            assertEquals(USER, caller.userId());
            assertFetches(2);
            verify(sign(KEY, JWSAlgorithm.RS256, fixture.idClaims()));
            verify(sign(ROTATED_KEY, JWSAlgorithm.RS256, fixture.idClaims()));
            assertFetches(2);
        }

        @Test
        void keyRotatedDuringTheWindowIsPickedUpAfterIt() {
            verify(sign(fixture.idClaims()));
            assertRefused(tokenWithKid("unknown-1"), TokenVerifier.UNKNOWN_KEY);
            fixture.jwks.publish(ROTATED_KEY);
            String rotated = sign(ROTATED_KEY, JWSAlgorithm.RS256, fixture.idClaims());

            assertRefused(rotated, TokenVerifier.UNKNOWN_KEY);
            fixture.clock.advance(COOLDOWN);

            assertEquals(USER, verify(rotated).userId());
            assertFetches(3);
        }

        @Test
        void keysAreFetchedFromConfigurationNeverFromTheToken() throws Exception {
            RSAKey attackerKey = AuthFixture.rsaKey(KEY.getKeyID());
            try (JwksServer attacker = JwksServer.publishing(attackerKey)) {
                JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(KEY.getKeyID())
                        .jwkURL(attacker.uri())
                        .x509CertURL(attacker.uri())
                        .build();
                SignedJWT jwt = new SignedJWT(header, fixture.idClaims().build());
                jwt.sign(new RSASSASigner(attackerKey));

                assertRefused(jwt.serialize(), TokenVerifier.SIGNATURE);
                assertEquals(0, attacker.requests());
                assertFetches(1);
            }
        }
    }

    @Nested
    class Unavailable {
        @Test
        void failedFetchRefusesAndIsNotRetriedWithinTheWindow() {
            fixture.jwks.failWith(500);

            assertRefused(sign(fixture.idClaims()), JwksCache.UNAVAILABLE);
            assertRefused(sign(fixture.idClaims()), JwksCache.UNAVAILABLE);
            assertFetches(1);

            fixture.jwks.failWith(200);
            fixture.clock.advance(COOLDOWN);
            assertEquals(USER, verify(sign(fixture.idClaims())).userId());
            assertFetches(2);
        }

        @Test
        void keysHeldAreUsedPastTheirTtlWhileTheIssuerIsDown() {
            verify(sign(fixture.idClaims()));
            fixture.clock.advance(TTL.plusSeconds(1));
            fixture.jwks.failWith(503);

            assertEquals(USER, verify(sign(fixture.idClaims())).userId());
            assertEquals(USER, verify(sign(fixture.idClaims())).userId());
            assertFetches(2);
        }

        @Test
        void invalidJwksDocumentIsUnavailable() {
            try (JwksServer broken = JwksServer.serving("<html>not json</html>")) {
                AuthSettings pointingAtBroken = AuthSettings.of(AuthFixture.ISSUER, broken.uri(), fixture.settings.clientIds());
                TokenVerifier verifier = new TokenVerifier(
                        pointingAtBroken, new JwksCache(pointingAtBroken, fixture.clock), fixture.clock);

                AuthException e = assertThrows(AuthException.class, () -> verifier.verify(sign(fixture.idClaims())));
                assertEquals(JwksCache.UNAVAILABLE, e.getMessage());
                assertEquals(1, broken.requests());
            }
        }

        @Test
        void unreachableIssuerIsUnavailable() {
            AuthSettings settings = AuthSettings.of(
                            AuthFixture.ISSUER, URI.create("http://127.0.0.1:9/jwks.json"), fixture.settings.clientIds())
                    .withHttpTimeout(Duration.ofSeconds(2));
            TokenVerifier verifier = new TokenVerifier(settings, new JwksCache(settings, fixture.clock), fixture.clock);

            AuthException e = assertThrows(AuthException.class, () -> verifier.verify(sign(fixture.idClaims())));
            assertEquals(JwksCache.UNAVAILABLE, e.getMessage());
            assertEquals(AuthFailure.UNAUTHENTICATED, e.failure());
        }
    }
}
