package com.awsinsight.categories.edge.http;

import java.util.List;

/**
 * CORS as the Node service's OPTIONS mock integrations answer it, with allowed origins from configuration
 * ({@code CORS_ALLOWED_ORIGINS}, comma-separated; {@code *} allows any).
 */
public final class Cors {
    static final String ALLOW_HEADERS = "Content-Type,Authorization,If-Match,If-None-Match,Idempotency-Key,X-Amz-Date,X-Api-Key,X-Amz-Security-Token";
    static final String ALLOW_METHODS = "GET,POST,PUT,DELETE,OPTIONS";
    /**
     * Response headers a cross-origin script may read: the REST routes' concurrency and location headers, the
     * request id, why a request was not authenticated (the Bearer challenge) and when to retry a busy store.
     */
    static final String EXPOSE_HEADERS = "ETag,Location,X-Request-Id,WWW-Authenticate,Retry-After";

    private final List<String> allowedOrigins;

    public Cors(List<String> allowedOrigins) {
        this.allowedOrigins = List.copyOf(allowedOrigins);
    }

    public ProxyResponse preflight(ProxyRequest request) {
        return apply(request, ProxyResponse.empty(204)
                .withHeader("Access-Control-Allow-Headers", ALLOW_HEADERS)
                .withHeader("Access-Control-Allow-Methods", ALLOW_METHODS)
                .withHeader("Access-Control-Max-Age", "600"));
    }

    public ProxyResponse apply(ProxyRequest request, ProxyResponse response) {
        String origin = request.header("Origin").orElse(null);
        if (origin == null) {
            return response;
        }
        if (allowedOrigins.contains("*")) {
            return response.withHeader("Access-Control-Allow-Origin", "*")
                    .withHeader("Access-Control-Expose-Headers", EXPOSE_HEADERS);
        }
        if (allowedOrigins.contains(origin)) {
            return response.withHeader("Access-Control-Allow-Origin", origin).withHeader("Vary", "Origin")
                    .withHeader("Access-Control-Expose-Headers", EXPOSE_HEADERS);
        }
        return response;
    }
}
