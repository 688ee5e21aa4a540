package com.awsinsight.categories.store.dynamodb;

import com.awsinsight.categories.domain.ErrorCode;
import com.awsinsight.categories.domain.StoreException;
import com.awsinsight.categories.domain.StoreMetrics;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

import java.util.function.Supplier;

/**
 * What every DynamoDB call of the store shares: the request's metrics attached to the call, and the
 * translation of transport failures and exhausted throttling retries into client-safe
 * {@link StoreException}s. Conditional-check failures pass through for the caller to interpret.
 */
final class DynamoCalls {
    static final String UNAVAILABLE_MESSAGE = "The category store is unavailable; retry shortly";
    static final String THROTTLED_MESSAGE = "The category store is busy; retry shortly";

    private DynamoCalls() {
    }

    static AwsRequestOverrideConfiguration counted(StoreMetrics metrics) {
        return AwsRequestOverrideConfiguration.builder()
                .putExecutionAttribute(CallMetricsInterceptor.METRICS, metrics)
                .build();
    }

    static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkClientException e) {
            throw new StoreException(ErrorCode.UNAVAILABLE, UNAVAILABLE_MESSAGE, e);
        } catch (DynamoDbException e) {
            if (e.isThrottlingException() || e.statusCode() == 503) {
                throw new StoreException(ErrorCode.RATE_LIMITED, THROTTLED_MESSAGE, e);
            }
            throw e;
        }
    }

    /** Sleeps before the n-th retry of unprocessed batch items: 25 ms doubling, capped at 1 s. */
    static void backoff(int attempt) {
        long millis = Math.min(1000, 25L << Math.min(attempt, 6));
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(ErrorCode.UNAVAILABLE, UNAVAILABLE_MESSAGE, e);
        }
    }
}
