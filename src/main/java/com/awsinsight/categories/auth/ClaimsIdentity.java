package com.awsinsight.categories.auth;

import com.awsinsight.categories.domain.Caller;

import java.util.Map;

/**
 * Builds a {@link Caller} from the claims an API Gateway Cognito authorizer has already verified
 * ({@code requestContext.authorizer.claims}). Use it only behind such an authorizer: it checks no
 * signature. Every other entry point must use {@link TokenVerifier}.
 *
 * <p>The claim rules are those of {@link TokenVerifier}: organization from {@code custom:organizationId}
 * or {@code organizationId} (missing: {@code UNAUTHENTICATED}), user from {@code sub}, role from
 * {@code custom:role} or else the first recognised entry of {@code cognito:groups}, which API Gateway
 * passes as a string such as {@code "editor"} or {@code "[viewer editor]"} (no recognised role:
 * {@code FORBIDDEN}).
 */
public final class ClaimsIdentity {
    private ClaimsIdentity() {
    }

    /**
     * @throws AuthException {@code UNAUTHENTICATED} when claims are absent or lack the organization or
     *     subject; {@code FORBIDDEN} when no recognised role is present
     */
    public static Caller fromAuthorizerClaims(Map<String, ?> claims) {
        if (claims == null || claims.isEmpty()) {
            throw AuthException.unauthenticated(TokenVerifier.MISSING_TOKEN);
        }
        return IdentityClaims.toCaller(claims);
    }
}
