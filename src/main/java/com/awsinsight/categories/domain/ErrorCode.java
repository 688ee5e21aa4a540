package com.awsinsight.categories.domain;

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
    INTERNAL
}
