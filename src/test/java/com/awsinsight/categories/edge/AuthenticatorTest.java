package com.awsinsight.categories.edge;

import com.awsinsight.categories.auth.AuthException;
import com.awsinsight.categories.auth.AuthFailure;
import com.awsinsight.categories.auth.TokenVerifier;
import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.edge.http.ProxyRequest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A lazy authenticator builds its token verifier only for the first request without authorizer claims,
 * and only once: behind API Gateway's authorizer (every request on Lambda) it never builds one.
 */
class AuthenticatorTest {
    private final AtomicInteger built = new AtomicInteger();
    private final Authenticator authenticator = Authenticator.lazy(() -> {
        built.incrementAndGet();
        return null; // claims only: no issuer configured
    });

    @Test
    void authorizerClaimsNeedNoVerifier() {
        Caller caller = authenticator.authenticate(request(true));

        assertEquals("org-1", caller.organizationId());
        assertEquals(0, built.get());
    }

    @Test
    void theFirstRequestWithoutClaimsBuildsTheVerifierOnce() {
        for (int i = 0; i < 3; i++) {
            AuthException refused = assertThrows(AuthException.class, () -> authenticator.authenticate(request(false)));
            assertEquals(AuthFailure.UNAUTHENTICATED, refused.failure());
            assertEquals(TokenVerifier.MISSING_TOKEN, refused.getMessage());
        }
        assertEquals(1, built.get());
    }

    private static ProxyRequest request(boolean claims) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("httpMethod", "POST").put("path", "/graphql");
        ObjectNode context = event.putObject("requestContext");
        context.put("requestId", "req-auth");
        if (claims) {
            context.putObject("authorizer").putObject("claims")
                    .put("sub", "user-1").put("custom:organizationId", "org-1").put("custom:role", "viewer");
        }
        return ProxyRequest.fromEvent(event);
    }
}
