package com.awsinsight.categories.store.dynamodb;

import com.awsinsight.categories.domain.error.ErrorCode;
import com.awsinsight.categories.domain.error.StoreException;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * What every DynamoDB call of the store shares: the request's metrics attached to the call, and the
 * translation of transport failures and exhausted throttling retries into client-safe
 * {@link StoreException}s. Conditional-check failures pass through for the caller to interpret.
 */
final class DynamoCalls {
    static final String UNAVAILABLE_MESSAGE = "The category store is unavailable; retry shortly";
    static final String THROTTLED_MESSAGE = "The category store is busy; retry shortly";
    static final String TIMED_OUT_MESSAGE = "The category store did not answer in time; retry shortly";
    static final int MAX_UNPROCESSED_RETRIES = 10;

    private DynamoCalls() {
    }

    /** The options of one request's calls: its metrics, and each call's share of its remaining time. */
    static CallOptions counted(StoreMetrics metrics) {
        return new CallOptions(metrics);
    }

    /**
     * Builds each call's request options when the call is made: the request's metrics, and an
     * {@code apiCallTimeout} no longer than the time the request has left (the client's own timeouts bound it
     * further). A call that would start after the request's deadline is refused as UNAVAILABLE at once, so a
     * request answers within its budget even when every call of it hangs.
     */
    static final class CallOptions {
        private static final Duration MIN_CALL_TIME = Duration.ofMillis(50);
        private final StoreMetrics metrics;

        private CallOptions(StoreMetrics metrics) {
            this.metrics = metrics;
        }

        AwsRequestOverrideConfiguration next() {
            AwsRequestOverrideConfiguration.Builder options = AwsRequestOverrideConfiguration.builder()
                    .putExecutionAttribute(CallMetricsInterceptor.METRICS, metrics);
            Duration remaining = metrics.remaining();
            if (remaining != null) {
                if (remaining.compareTo(MIN_CALL_TIME) < 0) {
                    throw new StoreException(ErrorCode.UNAVAILABLE, TIMED_OUT_MESSAGE, null);
                }
                options.apiCallTimeout(remaining);
            }
            return options.build();
        }
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
            IndexNotReadyException notReady = IndexNotReadyException.of(e);
            if (notReady != null) {
                throw new StoreException(ErrorCode.UNAVAILABLE, UNAVAILABLE_MESSAGE, notReady);
            }
            throw e;
        }
    }

    /**
     * A query of an index the table does not have, or has not finished building: DynamoDB (and dynalite, for the
     * first) answers ValidationException "The table does not have the specified index: NAME", or "Cannot read from
     * backfilling global secondary index: NAME" while a new index is being filled. The table is not ready for the
     * gateway, which is an operator's matter, so the request answers UNAVAILABLE like any store that cannot serve, and
     * this exception, its cause, tells the log which index and which runbook step adds it. It names no tenant data.
     */
    static final class IndexNotReadyException extends RuntimeException {
        static final String MISSING = "The table does not have the specified index: ";
        static final String BACKFILLING = "Cannot read from backfilling global secondary index";

        private IndexNotReadyException(String message, Throwable cause) {
            super(message, cause);
        }

        /** The exception for {@code e} if it reports a missing or backfilling index, else null. */
        static IndexNotReadyException of(DynamoDbException e) {
            if (e.awsErrorDetails() == null || !"ValidationException".equals(e.awsErrorDetails().errorCode())
                    || e.awsErrorDetails().errorMessage() == null) {
                return null;
            }
            String message = e.awsErrorDetails().errorMessage();
            if (message.startsWith(MISSING)) {
                return new IndexNotReadyException("The table does not have the index " + described(message.substring(MISSING.length()))
                        + " that the gateway reads: add it as in " + TableLayout.INDEX_STEP + "; check-tables lists every missing index", e);
            }
            if (message.startsWith(BACKFILLING)) {
                String name = message.substring(BACKFILLING.length()).replaceFirst("^[:\\s]+", "");
                return new IndexNotReadyException("The index " + (name.isEmpty() ? "the gateway queried" : described(name))
                        + " is still being built (backfilling): the gateway reads it only once it is ACTIVE, as in "
                        + TableLayout.INDEX_STEP, e);
            }
            return null;
        }

        private static String described(String name) {
            String trimmed = name.trim();
            return TableLayout.Index.named(trimmed).map(TableLayout.Index::toString).orElse(trimmed);
        }
    }

    /**
     * One strongly consistent BatchGetItem of at most 100 keys of one table, retrying unprocessed keys with
     * {@link #backoff} (never dropping them); RATE_LIMITED after {@value #MAX_UNPROCESSED_RETRIES} retries.
     */
    static List<Map<String, AttributeValue>> batchGet(DynamoDbClient client, String table,
                                                      List<Map<String, AttributeValue>> keys,
                                                      CallOptions counted) {
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
                    .overrideConfiguration(counted.next())));
            found.addAll(response.responses().getOrDefault(table, List.of()));
            pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return found;
    }

    /**
     * One BatchWriteItem of at most 25 puts to one table, retrying unprocessed items with {@link #backoff}
     * (never dropping them); RATE_LIMITED after {@value #MAX_UNPROCESSED_RETRIES} retries.
     */
    static void batchWrite(DynamoDbClient client, String table, List<WriteRequest> batch, CallOptions counted) {
        Map<String, List<WriteRequest>> pending = Map.of(table, batch);
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt > MAX_UNPROCESSED_RETRIES) {
                throw new StoreException(ErrorCode.RATE_LIMITED, THROTTLED_MESSAGE, null);
            }
            if (attempt > 0) {
                backoff(attempt);
            }
            Map<String, List<WriteRequest>> request = pending;
            BatchWriteItemResponse response = call(() -> client.batchWriteItem(r -> r
                    .requestItems(request)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                    .overrideConfiguration(counted.next())));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
    }

    /** Every item of a query, page by page (each page one counted call). */
    static List<Map<String, AttributeValue>> queryPages(DynamoDbClient client, QueryRequest.Builder builder,
                                                        CallOptions counted) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            QueryRequest request = builder.exclusiveStartKey(startKey)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                    .overrideConfiguration(counted.next())
                    .build();
            QueryResponse response = call(() -> client.query(request));
            items.addAll(response.items());
            startKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (startKey != null);
        return items;
    }

    /** Runs the calls in parallel on {@code executor} (one directly), results in order; rethrows the first failure. */
    static <T> List<T> inParallel(Executor executor, List<Supplier<T>> calls) {
        if (calls.size() == 1) {
            return List.of(calls.get(0).get());
        }
        List<CompletableFuture<T>> futures = calls.stream().map(call -> CompletableFuture.supplyAsync(call, executor)).toList();
        try {
            return futures.stream().map(CompletableFuture::join).toList();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
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
