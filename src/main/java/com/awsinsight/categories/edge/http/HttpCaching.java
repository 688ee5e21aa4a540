package com.awsinsight.categories.edge.http;

/**
 * HTTP caching of reads (RFC 9111): responses a browser may keep but must revalidate before each use
 * ({@code Cache-Control: private, no-cache}; private because every answer belongs to one caller's organization),
 * with an {@code ETag}, so a revalidation whose {@code If-None-Match} still matches is a {@code 304 Not Modified}
 * without a body. Error responses of reads are {@code no-store}.
 */
public final class HttpCaching {
    public static final String IF_NONE_MATCH = "If-None-Match";
    static final String REVALIDATE = "private, no-cache";
    static final String NO_STORE = "no-store";

    private HttpCaching() {
    }

    /**
     * {@code response} (a successful read) with {@code etag} and the revalidation policy, or a 304 with only those
     * headers when the request's {@code If-None-Match} matches {@code etag}.
     */
    public static ProxyResponse conditional(ProxyRequest request, ProxyResponse response, String etag) {
        boolean notModified = EntityTags.parse(IF_NONE_MATCH, request.header(IF_NONE_MATCH).orElse(null))
                .map(condition -> condition.matchesWeakly(etag))
                .orElse(false);
        ProxyResponse base = notModified ? ProxyResponse.empty(304) : response;
        return base.withHeader("ETag", etag).withHeader("Cache-Control", REVALIDATE);
    }

    /** {@link #conditional} with a tag computed from the response's bytes and media type. */
    public static ProxyResponse conditional(ProxyRequest request, ProxyResponse response) {
        String contentType = response.headers().getOrDefault("Content-Type", "");
        return conditional(request, response, EntityTags.ofContent(response.body(), contentType));
    }

    /** A read's response that must not be cached (an error). */
    public static ProxyResponse notStored(ProxyResponse response) {
        return response.withHeader("Cache-Control", NO_STORE);
    }
}
