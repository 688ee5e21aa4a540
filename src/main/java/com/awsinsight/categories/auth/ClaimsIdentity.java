package com.awsinsight.categories.auth;

import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.domain.model.Role;

import java.util.Map;

/**
 * Builds a {@link Caller} from the claims an API Gateway Cognito authorizer has already verified
 * ({@code requestContext.authorizer.claims}). Use it only behind such an authorizer: it checks no
 * signature. Every other entry point must use {@link TokenVerifier}.
 *
 * <p>The claim rules, shared with {@link TokenVerifier}:
 * <ul>
 *   <li>organization from {@code custom:organizationId}, else {@code organizationId} as the Node service
 *       read it; missing is {@code UNAUTHENTICATED} ({@value #NO_ORGANIZATION}), and so is one that is not an
 *       id ({@code [A-Za-z0-9_.:-]}, 1–128 characters: {@value #INVALID_ORGANIZATION}), since organization ids
 *       are keys and must never reach another partition (such as {@code demo-org#IDEMPOTENCY})</li>
 *   <li>user from {@code sub}; missing is {@code UNAUTHENTICATED} ({@value #NO_SUBJECT})</li>
 *   <li>role from a recognised {@code custom:role}, else the first recognised entry of
 *       {@code cognito:groups}, recognised only when it is exactly {@code viewer}, {@code editor} or {@code admin}
 *       ({@link Role#fromClaim}: no case folding, no trimming) (a JSON array in tokens; from API Gateway a string such as
 *       {@code "editor"} or {@code "[viewer editor]"}); none is {@code FORBIDDEN} ({@value #NO_ROLE}).
 *       A caller without a recognised role is refused rather than given {@code VIEWER}: rights come
 *       from the user pool, never from an absent claim.</li>
 * </ul>
 */
public final class ClaimsIdentity {
    public static final String NO_ORGANIZATION = "Token has no organization claim";
    public static final String NO_SUBJECT = "Token has no subject";
    public static final String NO_ROLE = "Token has no recognised role";
    public static final String INVALID_ORGANIZATION = "Token organization claim is not a valid organization id";

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
