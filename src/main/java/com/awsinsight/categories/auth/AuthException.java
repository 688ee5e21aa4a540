package com.awsinsight.categories.auth;

import java.util.Objects;

/**
 * Refuses a request. The message is safe to return to the client: it names the failed check and
 * never contains the token or any claim value, so it can be logged and echoed without leaking
 * credentials. Messages are stable; tests and clients may match on them.
 */
public final class AuthException extends RuntimeException {
    private final AuthFailure failure;

    public AuthException(AuthFailure failure, String message) {
        this(failure, message, null);
    }

    public AuthException(AuthFailure failure, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    static AuthException unauthenticated(String message) {
        return new AuthException(AuthFailure.UNAUTHENTICATED, message);
    }

    static AuthException forbidden(String message) {
        return new AuthException(AuthFailure.FORBIDDEN, message);
    }

    public AuthFailure failure() {
        return failure;
    }

    /** Whether the request carried no bearer token at all (rather than one that was refused). */
    public boolean missingToken() {
        return TokenVerifier.MISSING_TOKEN.equals(getMessage());
    }
}
