package com.awsinsight.categories.testing;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SDK interceptor that makes DynamoDB misbehave on demand:
 * <ul>
 *   <li>throttling at the HTTP level, so the SDK's own retry logic sees real
 *       ProvisionedThroughputExceededException responses ({@link #throttleNext});</li>
 *   <li>BatchGetItem returning half of its keys as unprocessed ({@link #halveNextBatchGets});</li>
 *   <li>BatchWriteItem writing only half of its items, the other half reported as unprocessed, as
 *       DynamoDB does under load ({@link #halveNextBatchWrites});</li>
 *   <li>a process killed in the middle of a write: once armed, the N-th call and every later one fail
 *       before reaching the server, as if the process had died there, so its clean-up calls never arrive
 *       either ({@link #failFrom}); the operations called are recorded;</li>
 *   <li>latency: every call waits before it is sent, as through a slow network or a proxy
 *       ({@link #delayEveryCall}).</li>
 * </ul>
 */
public final class FaultInjector implements ExecutionInterceptor {
    private static final ExecutionAttribute<Boolean> THROTTLED = new ExecutionAttribute<>("faultInjectorThrottled");
    private static final ExecutionAttribute<Map<String, List<WriteRequest>>> WITHHELD = new ExecutionAttribute<>("faultInjectorWithheld");
    private static final String THROTTLE_BODY = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
            + "\"message\":\"The level of configured provisioned throughput for the table was exceeded\"}";

    private final AtomicInteger throttleAttempts = new AtomicInteger();
    private final AtomicInteger throttled = new AtomicInteger();
    private final AtomicInteger partialBatches = new AtomicInteger();
    private volatile int partialBatchesLeft;
    private final AtomicInteger partialWrites = new AtomicInteger();
    private volatile int partialWritesLeft;
    private final AtomicInteger calls = new AtomicInteger();
    private final List<String> operations = new CopyOnWriteArrayList<>();
    private volatile boolean armed;
    private volatile int failFrom = Integer.MAX_VALUE;
    private volatile long delayNanos;

    /** Counts calls from now on and fails call {@code n} and all later ones. */
    public void failFrom(int n) {
        calls.set(0);
        operations.clear();
        failFrom = n;
        armed = true;
    }

    /** Counts calls from now on without failing any. */
    public void count() {
        failFrom(Integer.MAX_VALUE);
    }

    /** Stops counting and failing; returns the calls made while armed. */
    public int disarm() {
        armed = false;
        return calls.get();
    }

    public List<String> operations() {
        return List.copyOf(operations);
    }

    /** Every call from now on waits {@code delay} before it is sent (zero: none). */
    public void delayEveryCall(java.time.Duration delay) {
        delayNanos = delay.toNanos();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        long delay = delayNanos;
        if (delay > 0) {
            try {
                java.util.concurrent.TimeUnit.NANOSECONDS.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!armed) {
            return;
        }
        int n = calls.incrementAndGet();
        operations.add(context.request().getClass().getSimpleName().replace("Request", ""));
        if (n >= failFrom) {
            throw SdkClientException.create("Injected crash at DynamoDB call " + n);
        }
    }

    /** The next {@code attempts} HTTP attempts (of any operation) are throttled. */
    public void throttleNext(int attempts) {
        throttleAttempts.set(attempts);
    }

    /** The next {@code batches} BatchGetItem responses with two or more items return half as unprocessed. */
    public void halveNextBatchGets(int batches) {
        partialBatchesLeft = batches;
    }

    /** The next {@code batches} BatchWriteItem calls with two or more items send only half to the server. */
    public void halveNextBatchWrites(int batches) {
        partialWritesLeft = batches;
    }

    public int partialWrites() {
        return partialWrites.get();
    }

    public int throttledAttempts() {
        return throttled.get();
    }

    public int partialBatches() {
        return partialBatches.get();
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        boolean throttle = throttleAttempts.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        attributes.putAttribute(THROTTLED, throttle);
        if (!throttle) {
            return context.httpResponse();
        }
        throttled.incrementAndGet();
        return context.httpResponse().toBuilder().statusCode(400).statusText("Bad Request").build();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        if (Boolean.TRUE.equals(attributes.getAttribute(THROTTLED))) {
            return Optional.of(new ByteArrayInputStream(THROTTLE_BODY.getBytes(StandardCharsets.UTF_8)));
        }
        return context.responseBody();
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (!(context.request() instanceof BatchWriteItemRequest request) || partialWritesLeft <= 0) {
            return context.request();
        }
        Map<String, List<WriteRequest>> sent = new HashMap<>();
        Map<String, List<WriteRequest>> withheld = new HashMap<>();
        request.requestItems().forEach((table, writes) -> {
            int half = writes.size() / 2;
            sent.put(table, writes.subList(0, writes.size() - half));
            if (half > 0) {
                withheld.put(table, writes.subList(writes.size() - half, writes.size()));
            }
        });
        if (withheld.isEmpty()) {
            return request;
        }
        partialWritesLeft--;
        partialWrites.incrementAndGet();
        attributes.putAttribute(WITHHELD, withheld);
        return request.toBuilder().requestItems(sent).build();
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        Map<String, List<WriteRequest>> withheld = attributes.getAttribute(WITHHELD);
        if (context.response() instanceof BatchWriteItemResponse response && withheld != null) {
            attributes.putAttribute(WITHHELD, null);
            return response.toBuilder().unprocessedItems(withheld).build();
        }
        if (!(context.response() instanceof BatchGetItemResponse response) || partialBatchesLeft <= 0) {
            return context.response();
        }
        Map<String, List<Map<String, AttributeValue>>> kept = new HashMap<>();
        Map<String, KeysAndAttributes> unprocessed = new HashMap<>();
        response.responses().forEach((table, items) -> {
            if (items.size() < 2) {
                kept.put(table, items);
                return;
            }
            int half = items.size() / 2;
            kept.put(table, items.subList(0, half));
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            for (Map<String, AttributeValue> item : items.subList(half, items.size())) {
                keys.add(Map.of("organizationId", item.get("organizationId"), "categoryId", item.get("categoryId")));
            }
            unprocessed.put(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        });
        if (unprocessed.isEmpty()) {
            return response;
        }
        partialBatchesLeft--;
        partialBatches.incrementAndGet();
        return response.toBuilder().responses(kept).unprocessedKeys(unprocessed).build();
    }
}
