package com.awsinsight.categories.auth;

import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.domain.model.Role;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Claims as API Gateway's Cognito authorizer passes them: every value a string. */
class ClaimsIdentityTest {

    private static Map<String, Object> claims(String... keyValues) {
        Map<String, Object> claims = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            claims.put(keyValues[i], keyValues[i + 1]);
        }
        return claims;
    }

    private static void assertRefused(Map<String, Object> claims, AuthFailure failure, String message) {
        AuthException e = assertThrows(AuthException.class, () -> ClaimsIdentity.fromAuthorizerClaims(claims));
        assertEquals(failure, e.failure());
        assertEquals(message, e.getMessage());
    }

    private static Role role(Map<String, Object> claims) {
        return ClaimsIdentity.fromAuthorizerClaims(claims).role();
    }

    @Test
    void authorizerClaimsGiveCaller() {
        Map<String, Object> claims = claims(
                "sub", "user-1", "custom:organizationId", "org-1", "custom:role", "editor",
                "token_use", "id", "cognito:username", "alice");

        assertEquals(new Caller("org-1", "user-1", Role.EDITOR), ClaimsIdentity.fromAuthorizerClaims(claims));
    }

    @Nested
    class Organization {
        @Test
        void customOrganizationIdWinsOverPlain() {
            Map<String, Object> claims = claims("sub", "u", "custom:organizationId", "org-1",
                    "organizationId", "org-2", "custom:role", "viewer");

            assertEquals("org-1", ClaimsIdentity.fromAuthorizerClaims(claims).organizationId());
        }

        @Test
        void plainOrganizationIdIsUsedAsTheSeedDid() {
            Map<String, Object> claims = claims("sub", "u", "organizationId", "org-2", "custom:role", "viewer");

            assertEquals("org-2", ClaimsIdentity.fromAuthorizerClaims(claims).organizationId());
        }

        @Test
        void missingOrBlankOrganizationIsUnauthenticated() {
            assertRefused(claims("sub", "u", "custom:role", "admin"),
                    AuthFailure.UNAUTHENTICATED, ClaimsIdentity.NO_ORGANIZATION);
            assertRefused(claims("sub", "u", "custom:organizationId", " ", "custom:role", "admin"),
                    AuthFailure.UNAUTHENTICATED, ClaimsIdentity.NO_ORGANIZATION);
        }

        @Test
        void organizationsThatAreNotValidIdsAreUnauthenticated() {
            for (String organization : List.of("demo-org#IDEMPOTENCY", "demo-org#LOCK", "#META", "org/1", "o".repeat(129))) {
                assertRefused(claims("sub", "u", "custom:organizationId", organization, "custom:role", "admin"),
                        AuthFailure.UNAUTHENTICATED, ClaimsIdentity.INVALID_ORGANIZATION);
            }
        }

        @Test
        void missingClaimsAreUnauthenticated() {
            assertRefused(null, AuthFailure.UNAUTHENTICATED, TokenVerifier.MISSING_TOKEN);
            assertRefused(Map.of(), AuthFailure.UNAUTHENTICATED, TokenVerifier.MISSING_TOKEN);
        }

        @Test
        void missingSubjectIsUnauthenticated() {
            assertRefused(claims("custom:organizationId", "org-1", "custom:role", "admin"),
                    AuthFailure.UNAUTHENTICATED, ClaimsIdentity.NO_SUBJECT);
        }
    }

    @Nested
    class Roles {
        private Map<String, Object> base(String... roleClaims) {
            Map<String, Object> claims = claims(roleClaims);
            claims.put("sub", "u");
            claims.put("custom:organizationId", "org-1");
            return claims;
        }

        @Test
        void customRoleAsTheUserPoolHoldsIt() {
            assertEquals(Role.VIEWER, role(base("custom:role", "viewer")));
            assertEquals(Role.EDITOR, role(base("custom:role", "editor")));
            assertEquals(Role.ADMIN, role(base("custom:role", "admin")));
        }

        /** Roles match exactly: no case folding (a dotless ı upper-cases to I), no trimming. */
        @ParameterizedTest
        @ValueSource(strings = {"adm\u0131n", " ADMIN ", "ADMIN", "Admin", " admin", "admin ", "adm\u0130n", "\uFF41dmin", "admin\u200B"})
        void aRoleThatOnlyLooksLikeOneIsRefused(String claim) {
            assertRefused(base("custom:role", claim), AuthFailure.FORBIDDEN, ClaimsIdentity.NO_ROLE);
            Map<String, Object> grouped = base();
            grouped.put("cognito:groups", List.of(claim));
            assertRefused(grouped, AuthFailure.FORBIDDEN, ClaimsIdentity.NO_ROLE);
        }

        @Test
        void customRoleWinsOverGroups() {
            assertEquals(Role.VIEWER, role(base("custom:role", "viewer", "cognito:groups", "[admin]")));
        }

        @Test
        void groupsAsBracketedOrPlainString() {
            assertEquals(Role.EDITOR, role(base("cognito:groups", "[editor]")));
            assertEquals(Role.EDITOR, role(base("cognito:groups", "editor")));
            assertEquals(Role.ADMIN, role(base("cognito:groups", "[eu-west-1_Pool_Google admin]")));
            assertEquals(Role.VIEWER, role(base("cognito:groups", "other,viewer,admin")));
            assertEquals(Role.ADMIN, role(base("cognito:groups", "[staff, admin]")));
        }

        @Test
        void groupsAsList() {
            Map<String, Object> claims = base();
            claims.put("cognito:groups", List.of("staff", "admin", "viewer"));

            assertEquals(Role.ADMIN, role(claims));
        }

        @Test
        void unrecognisedCustomRoleFallsBackToGroups() {
            assertEquals(Role.EDITOR, role(base("custom:role", "owner", "cognito:groups", "editor")));
        }

        @Test
        void noRecognisedRoleIsForbidden() {
            assertRefused(base(), AuthFailure.FORBIDDEN, ClaimsIdentity.NO_ROLE);
            assertRefused(base("custom:role", "owner"), AuthFailure.FORBIDDEN, ClaimsIdentity.NO_ROLE);
            assertRefused(base("cognito:groups", "[]"), AuthFailure.FORBIDDEN, ClaimsIdentity.NO_ROLE);
            assertRefused(base("cognito:groups", "[staff sales]"), AuthFailure.FORBIDDEN, ClaimsIdentity.NO_ROLE);
        }
    }
}
