package com.awsinsight.categories.graphql;

/**
 * Where the engine reports failures it masks for clients (store failures, unexpected exceptions), so an
 * operator can find them by request id. The composition root connects it to the log; the engine itself
 * knows nothing of logging.
 */
@FunctionalInterface
public interface FailureReporter {
    void report(String requestId, String what, Throwable failure);
}
