package com.awsinsight.categories.edge.http;

/**
 * A request refused at the HTTP edge before any GraphQL runs (bad media type, oversized body,
 * unparseable JSON, wrong method). Carries the status and a client-safe message.
 */
public final class HttpProblem extends RuntimeException {
    private final int status;
    private final String code;
    private final String allow;
    private final String field;

    public HttpProblem(int status, String code, String message) {
        this(status, code, message, null);
    }

    public HttpProblem(int status, String code, String message, String allow) {
        this(status, code, message, allow, null);
    }

    public HttpProblem(int status, String code, String message, String allow, String field) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.allow = allow;
        this.field = field;
    }

    /** A 400 about one request field, such as a REST route's {@code limit}. */
    public static HttpProblem badInput(String field, String message) {
        return new HttpProblem(400, "BAD_USER_INPUT", message, null, field);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The methods to list in an {@code Allow} header, for 405s. */
    public String allow() {
        return allow;
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }
}
