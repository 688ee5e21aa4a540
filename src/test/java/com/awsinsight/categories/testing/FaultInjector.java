package com.awsinsight.categories.testing;

import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SDK interceptor that makes DynamoDB misbehave on demand, at the HTTP level so that the SDK's own
 * retry logic sees real throttling responses: the next N attempts answer
 * ProvisionedThroughputExceededException, and BatchGetItem can return half of its keys as unprocessed.
 */
public final class FaultInjector implements ExecutionInterceptor {
    private static final ExecutionAttribute<Boolean> THROTTLED = new ExecutionAttribute<>("faultInjectorThrottled");
    private static final String THROTTLE_BODY = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
            + "\"message\":\"The level of configured provisioned throughput for the table was exceeded\"}";

    private final AtomicInteger throttleAttempts = new AtomicInteger();
    private final AtomicInteger throttled = new AtomicInteger();
    private final AtomicInteger partialBatches = new AtomicInteger();
    private volatile int partialBatchesLeft;

    /** The next {@code attempts} HTTP attempts (of any operation) are throttled. */
    public void throttleNext(int attempts) {
        throttleAttempts.set(attempts);
    }

    /** The next {@code batches} BatchGetItem responses with two or more items return half as unprocessed. */
    public void halveNextBatchGets(int batches) {
        partialBatchesLeft = batches;
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
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
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
