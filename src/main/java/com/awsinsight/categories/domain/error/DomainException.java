package com.awsinsight.categories.domain.error;

/**
 * An expected failure with a client-safe message: bad input, a missing category, a stale version.
 * Mutations turn it into a {@code userError}; queries into a top-level error with the same code.
 */
public final class DomainException extends RuntimeException {
    private final ErrorCode code;
    private final Field field;

    public DomainException(ErrorCode code, Field field, String message) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
    }

    public static DomainException badInput(Field field, String message) {
        return new DomainException(ErrorCode.BAD_USER_INPUT, field, message);
    }

    public static DomainException notFound(Field field, String message) {
        return new DomainException(ErrorCode.NOT_FOUND, field, message);
    }

    public static DomainException conflict(Field field, String message) {
        return new DomainException(ErrorCode.CONFLICT, field, message);
    }

    public ErrorCode code() {
        return code;
    }

    /** The input at fault, or null. */
    public Field field() {
        return field;
    }
}
