package com.awsinsight.categories.auth;

import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.domain.model.Role;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

import static com.awsinsight.categories.auth.AuthFixture.CLIENT_ID;
import static com.awsinsight.categories.auth.AuthFixture.KEY;
import static com.awsinsight.categories.auth.AuthFixture.ORG;
import static com.awsinsight.categories.auth.AuthFixture.USER;
import static com.awsinsight.categories.auth.AuthFixture.base64Url;
import static com.awsinsight.categories.auth.AuthFixture.rawToken;
import static com.awsinsight.categories.auth.AuthFixture.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Follows the test layout of awslabs/aws-jwt-verify: a happy flow, then one group per failed check. Long on
 * purpose: the nested groups share one key pair and JWKS server, and read as the verifier's checklist.
 */
class TokenVerifierTest {
    private static final String VALID_PAYLOAD =
            "{\"iss\":\"" + AuthFixture.ISSUER + "\",\"sub\":\"u\",\"exp\":9999999999,\"token_use\":\"id\"}";

    private final AuthFixture fixture = new AuthFixture();

    @AfterEach
    void stopJwks() {
        fixture.close();
    }

    private AuthException refused(String token, String message) {
        return refused(token, AuthFailure.UNAUTHENTICATED, message);
    }

    private AuthException refused(String token, AuthFailure failure, String message) {
        AuthException e = assertThrows(AuthException.class, () -> fixture.verifier.verify(token));
        assertEquals(message, e.getMessage());
        assertEquals(failure, e.failure());
        if (token != null && !token.isBlank()) {
            assertFalse(e.getMessage().contains(token));
        }
        return e;
    }

    @Nested
    class HappyFlow {
        @Test
        void idTokenGivesCaller() {
            Caller caller = fixture.verifier.verify("Bearer " + sign(fixture.idClaims()));

            assertEquals(new Caller(ORG, USER, Role.EDITOR), caller);
        }

        @Test
        void accessTokenGivesCallerWithRoleFromGroups() {
            Caller caller = fixture.verifier.verify(sign(fixture.accessClaims()));

            assertEquals(new Caller(ORG, USER, Role.ADMIN), caller);
        }

        @Test
        void bearerSchemeIsCaseInsensitiveAndBareTokensAreAccepted() {
            String token = sign(fixture.idClaims());

            assertEquals(USER, fixture.verifier.verify("bearer " + token).userId());
            assertEquals(USER, fixture.verifier.verify("BEARER   " + token).userId());
            assertEquals(USER, fixture.verifier.verify(token).userId());
        }

        @Test
        void idTokenWithAudienceListContainingClientIsAccepted() {
            String token = sign(fixture.idClaims().audience(List.of("other-client", CLIENT_ID)));

            assertEquals(ORG, fixture.verifier.verify(token).organizationId());
        }

        @Test
        void nbfInThePastIsAccepted() {
            Instant past = fixture.clock.instant().minus(Duration.ofMinutes(5));
            String token = sign(fixture.idClaims().notBeforeTime(Date.from(past)));

            assertEquals(USER, fixture.verifier.verify(token).userId());
        }
    }

    @Nested
    class MissingToken {
        @Test
        void nullEmptyOrSchemeOnlyIsRefused() {
            refused(null, TokenVerifier.MISSING_TOKEN);
            refused("", TokenVerifier.MISSING_TOKEN);
            refused("   ", TokenVerifier.MISSING_TOKEN);
            refused("Bearer", TokenVerifier.MISSING_TOKEN);
            refused("Bearer   ", TokenVerifier.MISSING_TOKEN);
        }

        @Test
        void otherSchemeIsRefused() {
            refused("Basic dXNlcjpwYXNz", TokenVerifier.MISSING_TOKEN);
        }
    }

    @Nested
    class ParseErrors {
        @Test
        void notThreePartsIsMalformed() {
            refused("abc", TokenVerifier.MALFORMED);
            refused("a.b", TokenVerifier.MALFORMED);
            refused("a.b.c.d", TokenVerifier.MALFORMED);
            refused(sign(fixture.idClaims()) + ".extra", TokenVerifier.MALFORMED);
        }

        @Test
        void badBase64IsMalformed() {
            String[] parts = sign(fixture.idClaims()).split("\\.");

            refused("!!!." + parts[1] + "." + parts[2], TokenVerifier.MALFORMED);
            refused(parts[0] + ".@@@." + parts[2], TokenVerifier.MALFORMED);
            refused(parts[0] + "." + parts[1] + ".***", TokenVerifier.MALFORMED);
        }

        @Test
        void nonJsonHeaderOrPayloadIsMalformed() {
            String header = "{\"alg\":\"RS256\",\"kid\":\"key-1\"}";

            refused(rawToken("not json", VALID_PAYLOAD, "c2ln"), TokenVerifier.MALFORMED);
            refused(rawToken(header, "not json", "c2ln"), TokenVerifier.MALFORMED);
            refused(rawToken("[1,2]", VALID_PAYLOAD, "c2ln"), TokenVerifier.MALFORMED);
            refused(rawToken(header, "\"text\"", "c2ln"), TokenVerifier.MALFORMED);
        }

        @Test
        void wronglyTypedRegisteredClaimIsMalformed() {
            String header = "{\"alg\":\"RS256\",\"kid\":\"key-1\"}";
            String payload = "{\"iss\":\"" + AuthFixture.ISSUER + "\",\"exp\":\"tomorrow\"}";

            refused(rawToken(header, payload, "c2ln"), TokenVerifier.MALFORMED);
        }

        @Test
        void parseErrorsFetchNoKeys() {
            refused("a.b", TokenVerifier.MALFORMED);

            assertEquals(0, fixture.jwks.requests());
        }
    }

    @Nested
    class Algorithm {
        @Test
        void noneIsRefused() {
            refused(rawToken("{\"alg\":\"none\",\"kid\":\"key-1\"}", VALID_PAYLOAD, ""), TokenVerifier.ALGORITHM);
            refused(rawToken("{\"alg\":\"none\"}", VALID_PAYLOAD, ""), TokenVerifier.ALGORITHM);
        }

        @Test
        void missingAlgIsRefused() {
            refused(rawToken("{\"kid\":\"key-1\"}", VALID_PAYLOAD, "c2ln"), TokenVerifier.ALGORITHM);
        }

        @Test
        void hs256SignedWithThePublicKeyIsRefused() throws JOSEException {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(KEY.getKeyID()).build(),
                    fixture.idClaims().build());
            jwt.sign(new MACSigner(KEY.toRSAPublicKey().getEncoded()));

            refused(jwt.serialize(), TokenVerifier.ALGORITHM);
            assertEquals(0, fixture.jwks.requests());
        }

        @Test
        void rs512IsRefused() {
            refused(sign(KEY, JWSAlgorithm.RS512, fixture.idClaims()), TokenVerifier.ALGORITHM);
        }

        @Test
        void ps256IsRefused() {
            refused(sign(KEY, JWSAlgorithm.PS256, fixture.idClaims()), TokenVerifier.ALGORITHM);
        }

        @Test
        void es256IsRefused() throws JOSEException {
            ECKey ec = new ECKeyGenerator(Curve.P_256).keyID(KEY.getKeyID()).generate();
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(ec.getKeyID()).build(),
                    fixture.idClaims().build());
            jwt.sign(new ECDSASigner(ec));

            refused(jwt.serialize(), TokenVerifier.ALGORITHM);
        }
    }

    @Nested
    class Kid {
        @Test
        void missingKidIsRefused() throws JOSEException {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), fixture.idClaims().build());
            jwt.sign(new RSASSASigner(KEY));

            refused(jwt.serialize(), TokenVerifier.NO_KID);
            assertEquals(0, fixture.jwks.requests());
        }

        @Test
        void unknownKidIsRefusedAfterOneFetch() {
            refused(sign(AuthFixture.ROTATED_KEY, JWSAlgorithm.RS256, fixture.idClaims()), TokenVerifier.UNKNOWN_KEY);

            assertEquals(1, fixture.jwks.requests());
        }

        @Test
        void kidOfANonRsaKeyIsRefused() throws JOSEException {
            ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec-key").generate();
            fixture.jwks.publish(KEY, ec);
            String token = rawToken("{\"alg\":\"RS256\",\"kid\":\"ec-key\"}", VALID_PAYLOAD.replace(
                    "\"iss\"", "\"aud\":\"" + CLIENT_ID + "\",\"iss\""), base64Url("sig"));

            refused(token, TokenVerifier.KEY_TYPE);
        }

        @Test
        void kidOfAnEncryptionKeyIsRefused() throws JOSEException {
            RSAKey encryptionKey = new RSAKey.Builder(AuthFixture.ROTATED_KEY.toRSAPublicKey())
                    .keyID("enc-key")
                    .keyUse(KeyUse.ENCRYPTION)
                    .build();
            fixture.jwks.publish(KEY, encryptionKey);
            String token = sign(new RSAKey.Builder(AuthFixture.ROTATED_KEY).keyID("enc-key").build(),
                    JWSAlgorithm.RS256, fixture.idClaims());

            refused(token, TokenVerifier.KEY_TYPE);
        }
    }

    @Nested
    class Issuer {
        @Test
        void otherIssuerIsRefusedWithoutFetchingKeys() {
            String token = sign(fixture.idClaims().issuer("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other"));

            refused(token, TokenVerifier.ISSUER);
            assertEquals(0, fixture.jwks.requests());
            assertEquals(0, fixture.cache.fetchCount());
        }

        @Test
        void issuerIsMatchedExactly() {
            refused(sign(fixture.idClaims().issuer(AuthFixture.ISSUER + "/")), TokenVerifier.ISSUER);
            refused(sign(fixture.idClaims().issuer(AuthFixture.ISSUER.toUpperCase())), TokenVerifier.ISSUER);
            assertEquals(0, fixture.jwks.requests());
        }

        @Test
        void missingIssuerIsRefusedWithoutFetchingKeys() {
            refused(sign(fixture.idClaims().issuer(null)), TokenVerifier.ISSUER);
            assertEquals(0, fixture.jwks.requests());
        }
    }

    @Nested
    class Expiry {
        @Test
        void expiredTokenIsRefused() {
            String token = sign(fixture.idClaims());
            fixture.clock.advance(Duration.ofHours(2));

            refused(token, TokenVerifier.EXPIRED);
        }

        @Test
        void expiryWithinClockSkewIsAccepted() {
            String token = sign(fixture.idClaims());
            fixture.clock.advance(Duration.ofHours(1).plusSeconds(30));

            assertEquals(USER, fixture.verifier.verify(token).userId());
        }

        @Test
        void expiryBeyondClockSkewIsRefused() {
            String token = sign(fixture.idClaims());
            fixture.clock.advance(Duration.ofHours(1).plusMinutes(5));

            refused(token, TokenVerifier.EXPIRED);
        }

        @Test
        void missingExpiryIsRefused() {
            refused(sign(fixture.idClaims().expirationTime(null)), TokenVerifier.NO_EXPIRY);
        }

        @Test
        void nbfInTheFutureIsRefused() {
            Instant later = fixture.clock.instant().plus(Duration.ofMinutes(10));

            refused(sign(fixture.idClaims().notBeforeTime(Date.from(later))), TokenVerifier.NOT_YET_VALID);
        }
    }

    @Nested
    class TokenUse {
        @Test
        void otherTokenUseIsRefused() {
            refused(sign(fixture.idClaims().claim("token_use", "refresh")), TokenVerifier.TOKEN_USE);
            refused(sign(fixture.idClaims().claim("token_use", "ID")), TokenVerifier.TOKEN_USE);
        }

        @Test
        void missingTokenUseIsRefused() {
            refused(sign(fixture.idClaims().claim("token_use", null)), TokenVerifier.TOKEN_USE);
        }
    }

    @Nested
    class ClientId {
        @Test
        void idTokenForAnotherClientIsRefused() {
            refused(sign(fixture.idClaims().audience("other-client")), TokenVerifier.CLIENT);
        }

        @Test
        void idTokenWithoutAudienceIsRefused() {
            refused(sign(fixture.idClaims().audience((String) null)), TokenVerifier.CLIENT);
        }

        @Test
        void idTokenIsNotJudgedByClientIdClaim() {
            refused(sign(fixture.idClaims().audience("other-client").claim("client_id", CLIENT_ID)), TokenVerifier.CLIENT);
        }

        @Test
        void accessTokenForAnotherClientIsRefused() {
            refused(sign(fixture.accessClaims().claim("client_id", "other-client")), TokenVerifier.CLIENT);
        }

        @Test
        void accessTokenIsNotJudgedByAudience() {
            refused(sign(fixture.accessClaims().claim("client_id", null).audience(CLIENT_ID)), TokenVerifier.CLIENT);
        }

        @Test
        void emptyClientListAcceptsNoToken() {
            AuthSettings none = AuthSettings.of(AuthFixture.ISSUER, fixture.jwks.uri(), Set.of());
            TokenVerifier verifier = new TokenVerifier(none, new JwksCache(none, fixture.clock), fixture.clock);

            AuthException e = assertThrows(AuthException.class, () -> verifier.verify(sign(fixture.idClaims())));
            assertEquals(TokenVerifier.CLIENT, e.getMessage());
        }
    }

    @Nested
    class Signature {
        @Test
        void tamperedPayloadIsRefused() {
            String[] parts = sign(fixture.idClaims()).split("\\.");
            String forged = fixture.idClaims().claim("custom:organizationId", "org-2").build().toString();

            refused(parts[0] + "." + base64Url(forged) + "." + parts[2], TokenVerifier.SIGNATURE);
        }

        @Test
        void tokenSignedByAnotherKeyWithAKnownKidIsRefused() {
            RSAKey impostor = AuthFixture.rsaKey(KEY.getKeyID());

            refused(sign(impostor, JWSAlgorithm.RS256, fixture.idClaims()), TokenVerifier.SIGNATURE);
        }

        @Test
        void strippedSignatureIsMalformed() {
            String[] parts = sign(fixture.idClaims()).split("\\.");

            refused(parts[0] + "." + parts[1] + ".", TokenVerifier.MALFORMED);
        }

        @Test
        void truncatedSignatureIsRefused() {
            String[] parts = sign(fixture.idClaims()).split("\\.");

            refused(parts[0] + "." + parts[1] + "." + parts[2].substring(0, 40), TokenVerifier.SIGNATURE);
        }
    }

    @Nested
    class Identity {
        @Test
        void missingOrganizationIsUnauthenticated() {
            refused(sign(fixture.idClaims().claim("custom:organizationId", null)), ClaimsIdentity.NO_ORGANIZATION);
        }

        @Test
        void plainOrganizationIdClaimIsUsed() {
            String token = sign(fixture.idClaims().claim("custom:organizationId", null).claim("organizationId", "org-9"));

            assertEquals("org-9", fixture.verifier.verify(token).organizationId());
        }

        @Test
        void organizationsThatAreNotValidIdsAreUnauthenticated() {
            for (String organization : List.of("demo-org#IDEMPOTENCY", "demo-org#NAME", "org 1", "o".repeat(129), "x".repeat(3000))) {
                refused(sign(fixture.idClaims().claim("custom:organizationId", organization)), ClaimsIdentity.INVALID_ORGANIZATION);
            }
        }

        @Test
        void missingSubjectIsUnauthenticated() {
            refused(sign(fixture.idClaims().subject(null)), ClaimsIdentity.NO_SUBJECT);
        }

        @Test
        void missingRoleIsForbidden() {
            refused(sign(fixture.idClaims().claim("custom:role", null)), AuthFailure.FORBIDDEN, ClaimsIdentity.NO_ROLE);
        }

        @Test
        void unrecognisedRoleIsForbidden() {
            refused(sign(fixture.idClaims().claim("custom:role", "owner")), AuthFailure.FORBIDDEN, ClaimsIdentity.NO_ROLE);
        }

        @Test
        void roleFromCustomRoleWinsOverGroups() {
            String token = sign(fixture.idClaims().claim("custom:role", "viewer").claim("cognito:groups", List.of("admin")));

            assertEquals(Role.VIEWER, fixture.verifier.verify(token).role());
        }

        @Test
        void roleFromFirstRecognisedGroup() {
            String token = sign(fixture.idClaims().claim("custom:role", null)
                    .claim("cognito:groups", List.of("eu-west-1_TestPool_Google", "Admin", "editor", "admin")));

            assertEquals(Role.EDITOR, fixture.verifier.verify(token).role());
        }

        @Test
        void roleFromGroupsGivenAsString() {
            String token = sign(fixture.idClaims().claim("custom:role", null).claim("cognito:groups", "admin"));

            assertEquals(Role.ADMIN, fixture.verifier.verify(token).role());
        }

        @Test
        void unrecognisedCustomRoleFallsBackToGroups() {
            String token = sign(fixture.idClaims().claim("custom:role", "owner").claim("cognito:groups", List.of("viewer")));

            assertEquals(Role.VIEWER, fixture.verifier.verify(token).role());
        }
    }
}
