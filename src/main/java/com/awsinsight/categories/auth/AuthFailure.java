package com.awsinsight.categories.auth;

/**
 * Why a request was refused, in the two classes a client can act on differently:
 * {@link #UNAUTHENTICATED} means "present a valid token", {@link #FORBIDDEN} means
 * "the token is valid but does not grant this". Handlers map them to 401 and 403.
 */
public enum AuthFailure {
    UNAUTHENTICATED,
    FORBIDDEN
}
