package com.awsinsight.categories.store.dynamodb;

import com.awsinsight.categories.domain.ports.StoreMetrics;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.util.List;

/**
 * Counts every DynamoDB call of a request into that request's {@link StoreMetrics}, which each call
 * carries as an execution attribute. Calls without one (table set-up, health checks) are not counted.
 * Consumed capacity is what DynamoDB reports ({@code ReturnConsumedCapacity.TOTAL}): read units for reads,
 * write units for writes. A write refused by its condition consumes write units too, but the SDK's exception
 * does not report them, so they are not counted.
 */
public final class CallMetricsInterceptor implements ExecutionInterceptor {
    public static final ExecutionAttribute<StoreMetrics> METRICS = new ExecutionAttribute<>("categoryStoreMetrics");

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        StoreMetrics metrics = attributes.getAttribute(METRICS);
        if (metrics != null) {
            metrics.begin();
            metrics.operation(context.request().getClass().getSimpleName().replace("Request", ""));
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        StoreMetrics metrics = attributes.getAttribute(METRICS);
        if (metrics != null) {
            SdkResponse response = context.response();
            double units = capacity(response);
            boolean write = response instanceof PutItemResponse || response instanceof UpdateItemResponse
                    || response instanceof DeleteItemResponse || response instanceof BatchWriteItemResponse;
            metrics.end(itemsRead(response), write ? 0 : units, write ? units : 0);
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        StoreMetrics metrics = attributes.getAttribute(METRICS);
        if (metrics != null) {
            metrics.end(0, 0, 0);
        }
    }

    private static long itemsRead(SdkResponse response) {
        if (response instanceof QueryResponse r) {
            return r.scannedCount() == null ? r.items().size() : r.scannedCount();
        }
        if (response instanceof ScanResponse r) {
            return r.scannedCount() == null ? r.items().size() : r.scannedCount();
        }
        if (response instanceof GetItemResponse r) {
            return r.hasItem() ? 1 : 0;
        }
        if (response instanceof BatchGetItemResponse r) {
            return r.responses().values().stream().mapToLong(List::size).sum();
        }
        return 0;
    }

    private static double capacity(SdkResponse response) {
        if (response instanceof QueryResponse r) {
            return units(r.consumedCapacity());
        }
        if (response instanceof ScanResponse r) {
            return units(r.consumedCapacity());
        }
        if (response instanceof GetItemResponse r) {
            return units(r.consumedCapacity());
        }
        if (response instanceof PutItemResponse r) {
            return units(r.consumedCapacity());
        }
        if (response instanceof UpdateItemResponse r) {
            return units(r.consumedCapacity());
        }
        if (response instanceof DeleteItemResponse r) {
            return units(r.consumedCapacity());
        }
        if (response instanceof BatchGetItemResponse r) {
            return r.consumedCapacity().stream().mapToDouble(CallMetricsInterceptor::units).sum();
        }
        if (response instanceof BatchWriteItemResponse r) {
            return r.consumedCapacity().stream().mapToDouble(CallMetricsInterceptor::units).sum();
        }
        return 0;
    }

    private static double units(ConsumedCapacity capacity) {
        return capacity == null || capacity.capacityUnits() == null ? 0 : capacity.capacityUnits();
    }
}
