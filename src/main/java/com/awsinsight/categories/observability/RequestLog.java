package com.awsinsight.categories.observability;

import com.awsinsight.categories.domain.ports.StoreMetrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the facts of one request and writes them as a single structured log line: ids, organization,
 * operation, status, error code, duration and what the request cost DynamoDB. Never headers, tokens or
 * bodies. The same line is a CloudWatch Embedded Metric Format document, so Lambda turns it into the
 * metrics Latency, Requests, Errors (by ErrorCode), DynamoDBCalls, DynamoDBReadUnits and DynamoDBWriteUnits
 * without an agent.
 */
public final class RequestLog {
    static final String NAMESPACE = "InsightCategoryGateway";

    private final long startNanos = System.nanoTime();
    private final Map<String, Object> fields = new LinkedHashMap<>();
    private String errorCode = "NONE";
    private int dynamoCalls;
    private double readUnits;
    private double writeUnits;

    public RequestLog(String environment, String requestId, String traceId, String method, String path) {
        fields.put("environment", environment);
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

    /**
     * Adds what one executed operation cost the store. A request that runs several (a REST write whose
     * {@code If-Match} lists several tags reads the category first) reports their sum; the operation name is the
     * last one's.
     */
    public void executed(String operationName, StoreMetrics metrics) {
        if (operationName != null) {
            fields.put("operationName", operationName);
        }
        dynamoCalls += metrics.calls();
        readUnits += metrics.readUnits();
        writeUnits += metrics.writeUnits();
        fields.put("dynamodbCalls", dynamoCalls);
        fields.merge("dynamodbRoundTrips", metrics.roundTrips(), (a, b) -> (Integer) a + (Integer) b);
        fields.merge("itemsRead", metrics.itemsRead(), (a, b) -> (Long) a + (Long) b);
        fields.put("readUnits", readUnits);
        fields.put("writeUnits", writeUnits);
        fields.merge("consumedCapacity", metrics.consumedCapacity(), (a, b) -> (Double) a + (Double) b);
        if (JsonLog.debugEnabled()) {
            fields.put("dynamodbOperations", metrics.operations());
        }
    }

    /** The number of operations of a batched GraphQL request (one log line for the whole batch). */
    public void batch(int operations) {
        fields.put("batchOperations", operations);
    }

    /**
     * What the process's organization cache did for this request: {@code result} (a kept response),
     * {@code snapshot} (the organization from memory), {@code stored} (read and kept), {@code bypassed}
     * (read, not cacheable: not indexed, a write in flight, or the request wrote); absent when no whole
     * organization was needed.
     */
    public void cache(String use) {
        if (use != null) {
            fields.put("organizationCache", use);
        }
    }

    /** The code of the request's first error, if it had one. */
    public void error(String code) {
        if ("NONE".equals(errorCode) && code != null) {
            errorCode = code;
        }
    }

    public void finish(int status) {
        double millis = (System.nanoTime() - startNanos) / 1_000_000.0;
        fields.put("status", status);
        fields.put("durationMs", millis);
        fields.put("ErrorCode", errorCode);
        fields.put("Latency", millis);
        fields.put("Requests", 1);
        fields.put("Errors", "NONE".equals(errorCode) ? 0 : 1);
        fields.put("DynamoDBCalls", dynamoCalls);
        fields.put("DynamoDBReadUnits", readUnits);
        fields.put("DynamoDBWriteUnits", writeUnits);
        fields.put("_aws", Map.of(
                "Timestamp", System.currentTimeMillis(),
                "CloudWatchMetrics", List.of(Map.of(
                        "Namespace", NAMESPACE,
                        "Dimensions", List.of(List.of("environment"), List.of("environment", "ErrorCode")),
                        "Metrics", List.of(
                                Map.of("Name", "Latency", "Unit", "Milliseconds"),
                                Map.of("Name", "Requests", "Unit", "Count"),
                                Map.of("Name", "Errors", "Unit", "Count"),
                                Map.of("Name", "DynamoDBCalls", "Unit", "Count"),
                                Map.of("Name", "DynamoDBReadUnits", "Unit", "Count"),
                                Map.of("Name", "DynamoDBWriteUnits", "Unit", "Count"))))));
        JsonLog.info("request", fields);
    }
}
