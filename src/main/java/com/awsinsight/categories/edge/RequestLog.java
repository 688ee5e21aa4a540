package com.awsinsight.categories.edge;

import com.awsinsight.categories.domain.StoreMetrics;
import com.awsinsight.categories.observability.JsonLog;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects the facts of one request and writes them as a single structured log line: ids, organization,
 * operation, status, duration and what the request cost DynamoDB. Never headers, tokens or bodies.
 */
public final class RequestLog {
    private final long startNanos = System.nanoTime();
    private final Map<String, Object> fields = new LinkedHashMap<>();

    RequestLog(String requestId, String traceId, String method, String path) {
        fields.put("requestId", requestId);
        if (traceId != null) {
            fields.put("traceId", traceId);
        }
        fields.put("method", method);
        fields.put("path", path);
    }

    public void organization(String organizationId) {
        fields.put("organizationId", organizationId);
    }

    public void executed(String operationName, StoreMetrics metrics) {
        if (operationName != null) {
            fields.put("operationName", operationName);
        }
        fields.put("dynamodbCalls", metrics.calls());
        fields.put("dynamodbRoundTrips", metrics.roundTrips());
        fields.put("itemsRead", metrics.itemsRead());
        fields.put("consumedCapacity", metrics.consumedCapacity());
    }

    void finish(int status) {
        fields.put("status", status);
        fields.put("durationMs", (System.nanoTime() - startNanos) / 1_000_000.0);
        JsonLog.info("request", fields);
    }
}
