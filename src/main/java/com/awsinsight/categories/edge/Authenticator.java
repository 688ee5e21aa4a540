package com.awsinsight.categories.edge;

import com.awsinsight.categories.auth.AuthException;
import com.awsinsight.categories.auth.AuthFailure;
import com.awsinsight.categories.auth.ClaimsIdentity;
import com.awsinsight.categories.auth.TokenVerifier;
import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.edge.http.ProxyRequest;

import java.util.function.Supplier;

/**
 * Decides who a request acts for. Behind API Gateway's Cognito authorizer the event carries verified
 * claims and they are used as they are (the Node service's path); every other entry (the local server,
 * direct invocation) must present a bearer token, verified here. The local server never copies
 * claims from the client into the event, so claims cannot be forged through it.
 *
 * <p>The {@link TokenVerifier} is built on the first request that needs it, not at start-up: behind
 * the authorizer (every request on Lambda) it is never needed, and building it means the JWT library
 * and the JWKS cache's HTTP client (a few hundred classes and a selector thread) on every cold start.
 */
public final class Authenticator {
    private final Supplier<TokenVerifier> verifierFactory;
    private TokenVerifier verifier;
    private volatile boolean built;

    /** @param verifier null when only authorizer claims are accepted */
    public Authenticator(TokenVerifier verifier) {
        this.verifierFactory = () -> verifier;
    }

    private Authenticator(Supplier<TokenVerifier> verifierFactory) {
        this.verifierFactory = verifierFactory;
    }

    /**
     * An authenticator that builds its verifier with {@code verifierFactory} when the first request
     * without authorizer claims arrives, once; {@code verifierFactory} may return null (claims only).
     */
    public static Authenticator lazy(Supplier<TokenVerifier> verifierFactory) {
        return new Authenticator(verifierFactory);
    }

    public Caller authenticate(ProxyRequest request) {
        if (request.authorizerClaims() != null && !request.authorizerClaims().isEmpty()) {
            return ClaimsIdentity.fromAuthorizerClaims(request.authorizerClaims());
        }
        TokenVerifier tokens = verifier();
        if (tokens == null) {
            throw new AuthException(AuthFailure.UNAUTHENTICATED, TokenVerifier.MISSING_TOKEN);
        }
        return tokens.verify(request.header("Authorization").orElse(null));
    }

    private TokenVerifier verifier() {
        if (!built) {
            synchronized (this) {
                if (!built) {
                    verifier = verifierFactory.get();
                    built = true;
                }
            }
        }
        return verifier;
    }
}
