package com.awsinsight.categories.store.dynamodb;

import com.awsinsight.categories.domain.ErrorCode;
import com.awsinsight.categories.domain.StoreException;
import com.awsinsight.categories.domain.StoreMetrics;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What every DynamoDB call of the store shares: the request's metrics attached to the call, and the
 * translation of transport failures and exhausted throttling retries into client-safe
 * {@link StoreException}s. Conditional-check failures pass through for the caller to interpret.
 */
final class DynamoCalls {
    static final String UNAVAILABLE_MESSAGE = "The category store is unavailable; retry shortly";
    static final String THROTTLED_MESSAGE = "The category store is busy; retry shortly";
    static final int MAX_UNPROCESSED_RETRIES = 10;

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

    /**
     * One strongly consistent BatchGetItem of at most 100 keys of one table, retrying unprocessed keys with
     * {@link #backoff} (never dropping them); RATE_LIMITED after {@value #MAX_UNPROCESSED_RETRIES} retries.
     */
    static List<Map<String, AttributeValue>> batchGet(DynamoDbClient client, String table,
                                                      List<Map<String, AttributeValue>> keys,
                                                      AwsRequestOverrideConfiguration counted) {
        Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder().consistentRead(true).keys(keys).build());
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt > MAX_UNPROCESSED_RETRIES) {
                throw new StoreException(ErrorCode.RATE_LIMITED, THROTTLED_MESSAGE, null);
            }
            if (attempt > 0) {
                backoff(attempt);
            }
            Map<String, KeysAndAttributes> request = pending;
            BatchGetItemResponse response = call(() -> client.batchGetItem(r -> r
                    .requestItems(request)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                    .overrideConfiguration(counted)));
            found.addAll(response.responses().getOrDefault(table, List.of()));
            pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return found;
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
