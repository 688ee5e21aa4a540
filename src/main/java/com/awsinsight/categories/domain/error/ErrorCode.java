package com.awsinsight.categories.domain.error;

/**
 * The one set of error codes shared by GraphQL {@code userErrors}, top-level {@code extensions.code}
 * and REST error bodies, so every client sees the same vocabulary.
 */
public enum ErrorCode {
    BAD_USER_INPUT,
    NOT_FOUND,
    CONFLICT,
    FORBIDDEN,
    UNAUTHENTICATED,
    RATE_LIMITED,
    UNAVAILABLE,
    INTERNAL;

    /** The client's message for anything unexpected: no detail, only the id that finds it in the log. */
    public static String internalMessage(String requestId) {
        return "Internal error (request id " + requestId + ")";
    }

    /** Whether a client should retry after a pause (the store was busy or unreachable). */
    public boolean retryable() {
        return this == RATE_LIMITED || this == UNAVAILABLE;
    }
}
