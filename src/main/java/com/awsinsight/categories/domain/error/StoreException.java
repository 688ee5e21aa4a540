package com.awsinsight.categories.domain.error;

/**
 * The store could not do its part: unreachable ({@link ErrorCode#UNAVAILABLE}) or throttled beyond the
 * retry budget ({@link ErrorCode#RATE_LIMITED}). Its message is client-safe; the cause is for logs only.
 */
public final class StoreException extends RuntimeException {
    private final ErrorCode code;

    public StoreException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
