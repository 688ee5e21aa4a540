package com.awsinsight.categories.edge.http;

import com.awsinsight.categories.domain.error.ErrorCode;

/**
 * The HTTP status of each error code, shared by every route: GraphQL's edge failures and the REST
 * routes map codes through here, so one code never means two statuses.
 */
public final class HttpStatus {
    private HttpStatus() {
    }

    public static int of(ErrorCode code) {
        return switch (code) {
            case BAD_USER_INPUT -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case RATE_LIMITED -> 429;
            case UNAVAILABLE -> 503;
            case INTERNAL -> 500;
        };
    }
}
