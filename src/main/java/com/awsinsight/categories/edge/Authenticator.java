package com.awsinsight.categories.edge;

import com.awsinsight.categories.auth.AuthException;
import com.awsinsight.categories.auth.AuthFailure;
import com.awsinsight.categories.auth.ClaimsIdentity;
import com.awsinsight.categories.auth.TokenVerifier;
import com.awsinsight.categories.domain.Caller;
import com.awsinsight.categories.edge.http.ProxyRequest;

/**
 * Decides who a request acts for. Behind API Gateway's Cognito authorizer the event carries verified
 * claims and they are used as they are (the Node service's path); every other entry (the local server,
 * direct invocation) must present a bearer token, verified here. The local server never copies
 * claims from the client into the event, so claims cannot be forged through it.
 */
public final class Authenticator {
    private final TokenVerifier verifier;

    /** @param verifier null when only authorizer claims are accepted */
    public Authenticator(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    public Caller authenticate(ProxyRequest request) {
        if (request.authorizerClaims() != null && !request.authorizerClaims().isEmpty()) {
            return ClaimsIdentity.fromAuthorizerClaims(request.authorizerClaims());
        }
        if (verifier == null) {
            throw new AuthException(AuthFailure.UNAUTHENTICATED, TokenVerifier.MISSING_TOKEN);
        }
        return verifier.verify(request.header("Authorization").orElse(null));
    }
}
