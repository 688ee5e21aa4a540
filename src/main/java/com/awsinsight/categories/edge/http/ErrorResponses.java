package com.awsinsight.categories.edge.http;

import com.awsinsight.categories.domain.error.ErrorCode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Error responses, in the one shape each kind of route uses: GraphQL's
 * {@code { "errors": [ { message, extensions: { code, field? } } ] }} on /graphql, the legacy REST API's
 * {@code { "error": { "code", "message", "field"? } }} everywhere else; and when a client should retry.
 */
public final class ErrorResponses {
    /** Seconds a client waits before retrying a request the store was too busy or unreachable for. */
    public static final String RETRY_AFTER_SECONDS = "1";

    private ErrorResponses() {
    }

    public static ProxyResponse of(int status, String code, String message, String field, boolean graphQLShape) {
        if (graphQLShape) {
            Map<String, Object> extensions = new LinkedHashMap<>();
            extensions.put("code", code);
            if (field != null) {
                extensions.put("field", field);
            }
            return ProxyResponse.json(status, Map.of("errors", List.of(Map.of("message", message, "extensions", extensions))));
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        if (field != null) {
            error.put("field", field);
        }
        return ProxyResponse.json(status, Map.of("error", error));
    }

    /** {@code response} with {@code Retry-After} when {@code code} is one a client should retry after a pause. */
    public static ProxyResponse withRetryAdvice(ProxyResponse response, ErrorCode code) {
        return code.retryable() ? response.withHeader("Retry-After", RETRY_AFTER_SECONDS) : response;
    }
}
