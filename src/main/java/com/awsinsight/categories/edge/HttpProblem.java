package com.awsinsight.categories.edge;

/**
 * A request refused at the HTTP edge before any GraphQL runs (bad media type, oversized body,
 * unparseable JSON, wrong method). Carries the status and a client-safe message.
 */
final class HttpProblem extends RuntimeException {
    private final int status;
    private final String code;
    private final String allow;

    HttpProblem(int status, String code, String message) {
        this(status, code, message, null);
    }

    HttpProblem(int status, String code, String message, String allow) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.allow = allow;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    /** The methods to list in an {@code Allow} header, for 405s. */
    String allow() {
        return allow;
    }
}
