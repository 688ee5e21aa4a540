package com.awsinsight.categories.store.dynamodb;

import com.awsinsight.categories.domain.json.JsonText;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Every DynamoDB call of a sampled Lambda invocation as an X-Ray subsegment of the function's segment, sent to
 * the {@link XRayDaemon} when the call ends: what the X-Ray SDK's {@code TracingInterceptor} records for
 * DynamoDB (namespace {@code aws}, name {@code DynamoDB}, the operation, region, table or tables, index, request
 * id, retries, consumed capacity, HTTP status; {@code error} for a 4xx, {@code throttle} too for throttling,
 * {@code fault} for a 5xx or no answer, with the exception as the cause), without the SDK's recorder, sampling
 * rules, plugins and Jackson manifest on the cold-start path (docs/performance.md, "Tracing").
 *
 * <p>The trace comes from the header Lambda hands the invocation ({@code Root=…;Parent=…;Sampled=…}), which
 * the Java runtime interface client sets as the system property {@value #TRACE_HEADER_PROPERTY} before each
 * invocation (one invocation at a time per process). The subsegment's parent is the header's {@code Parent}, the
 * function's segment. A call made without a header, or under one that is not {@code Sampled=1}, sends nothing;
 * so do calls made during init (no invocation yet). Calls a request makes in parallel read the same property,
 * since the process serves one invocation at a time. The call's own {@code X-Amzn-Trace-Id} names its
 * subsegment as parent.
 */
public final class XRayInterceptor implements ExecutionInterceptor {
    /** Where the Java runtime interface client puts the invocation's trace header. */
    public static final String TRACE_HEADER_PROPERTY = "com.amazonaws.xray.traceHeader";

    private static final ExecutionAttribute<Call> CALL = new ExecutionAttribute<>("xraySubsegment");
    private static final int MAX_MESSAGE = 500;

    private final XRayDaemon daemon;
    private final Supplier<String> traceHeader;

    /** Subsegments of the invocations the Java runtime announces in {@value #TRACE_HEADER_PROPERTY}. */
    public XRayInterceptor(XRayDaemon daemon) {
        this(daemon, () -> System.getProperty(TRACE_HEADER_PROPERTY));
    }

    XRayInterceptor(XRayDaemon daemon, Supplier<String> traceHeader) {
        this.daemon = daemon;
        this.traceHeader = traceHeader;
    }

    /** One traced call: its place in the trace, its subsegment id, when it started, its attempts so far. */
    private static final class Call {
        final String root;
        final String parent;
        final String id = newId();
        final double start = now();
        int attempts;
        /** Whether its document was sent: a call that failed after {@code afterExecution} must not send a second. */
        boolean sent;

        Call(String root, String parent) {
            this.root = root;
            this.parent = parent;
        }
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        try {
            Call call = sampledCall(traceHeader.get());
            if (call != null) {
                attributes.putAttribute(CALL, call);
            }
        } catch (RuntimeException e) {
            // tracing never fails a call: untraced
        }
    }

    /** A call in the trace of {@code header} if it is sampled and names its parent; null otherwise (or without one). */
    private static Call sampledCall(String header) {
        if (header == null) {
            return null;
        }
        String root = null;
        String parent = null;
        boolean sampled = false;
        for (String part : header.split(";")) {
            int equals = part.indexOf('=');
            String key = equals < 0 ? part.trim() : part.substring(0, equals).trim();
            String value = equals < 0 ? "" : part.substring(equals + 1).trim();
            switch (key) {
                case "Root" -> root = value;
                case "Parent" -> parent = value;
                case "Sampled" -> sampled = value.equals("1");
                default -> {
                    // Lineage and other keys do not concern a subsegment
                }
            }
        }
        boolean traceable = sampled && root != null && !root.isEmpty() && parent != null && !parent.isEmpty();
        return traceable ? new Call(root, parent) : null;
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        Call call = attributes.getAttribute(CALL);
        if (call == null) {
            return context.httpRequest();
        }
        return context.httpRequest().toBuilder()
                .putHeader("X-Amzn-Trace-Id", "Root=" + call.root + ";Parent=" + call.id + ";Sampled=1")
                .build();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Call call = attributes.getAttribute(CALL);
        if (call != null) {
            call.attempts++;
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Call call = attributes.getAttribute(CALL);
        if (call == null || call.sent) {
            return;
        }
        call.sent = true;
        try {
            sendSucceeded(call, context, attributes);
        } catch (RuntimeException e) {
            // tracing never fails a call (the SDK does not catch what afterExecution throws): the document is dropped
        }
    }

    private void sendSucceeded(Call call, Context.AfterExecution context, ExecutionAttributes attributes) {
        Map<String, Object> document = document(call, context.request(), attributes);
        String requestId = requestId(context.response(), context.httpResponse());
        if (requestId != null) {
            aws(document).put("request_id", requestId);
        }
        Object capacity = context.response().getValueForField("ConsumedCapacity", Object.class).map(XRayInterceptor::capacity).orElse(null);
        if (capacity != null) {
            aws(document).put("consumed_capacity", capacity);
        }
        document.put("http", http(context.httpResponse()));
        daemon.send(JsonText.write(document));
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Call call = attributes.getAttribute(CALL);
        if (call == null || call.sent) {
            return;
        }
        call.sent = true;
        try {
            sendFailed(call, context, attributes);
        } catch (RuntimeException e) {
            // tracing never fails a call, nor keeps the interceptors after it from hearing of the failure
        }
    }

    private void sendFailed(Call call, Context.FailedExecution context, ExecutionAttributes attributes) {
        Map<String, Object> document = document(call, context.request(), attributes);
        Throwable exception = context.exception();
        SdkServiceException service = exception instanceof SdkServiceException e ? e : null;
        int status = service != null ? service.statusCode() : context.httpResponse().map(SdkHttpResponse::statusCode).orElse(-1);
        if (service != null && service.requestId() != null) {
            aws(document).put("request_id", service.requestId());
        }
        if ((service != null && service.isThrottlingException()) || status == 429) {
            document.put(status >= 500 ? "fault" : "error", true);
            document.put("throttle", true);
        } else if (status >= 400 && status < 500) {
            document.put("error", true);
        } else {
            document.put("fault", true); // a 5xx, or no answer at all (timeout, connection)
        }
        context.httpResponse().ifPresent(response -> document.put("http", http(response)));
        String message = String.valueOf(exception.getMessage());
        Map<String, Object> cause = new LinkedHashMap<>();
        cause.put("id", newId());
        cause.put("message", message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "…" : message);
        cause.put("type", exception.getClass().getSimpleName());
        cause.put("remote", service != null);
        document.put("cause", Map.of("exceptions", List.of(cause)));
        daemon.send(JsonText.write(document));
    }

    /** The fields every subsegment has, ending now; {@code aws} holds what the request names. */
    private static Map<String, Object> document(Call call, SdkRequest request, ExecutionAttributes attributes) {
        Map<String, Object> aws = new LinkedHashMap<>();
        aws.put("operation", attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        Region region = attributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
        if (region != null) {
            aws.put("region", region.id());
        }
        request.getValueForField("TableName", String.class).ifPresent(table -> aws.put("table_name", table));
        request.getValueForField("IndexName", String.class).ifPresent(index -> aws.put("index_name", index));
        request.getValueForField("RequestItems", Map.class)
                .ifPresent(items -> aws.put("table_names", new ArrayList<Object>(items.keySet())));
        aws.put("retries", Math.max(0, call.attempts - 1));

        Map<String, Object> document = new LinkedHashMap<>();
        document.put("name", "DynamoDB");
        document.put("id", call.id);
        document.put("trace_id", call.root);
        document.put("parent_id", call.parent);
        document.put("type", "subsegment");
        document.put("namespace", "aws");
        document.put("start_time", call.start);
        document.put("end_time", now());
        document.put("aws", aws);
        return document;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> aws(Map<String, Object> document) {
        return (Map<String, Object>) document.get("aws");
    }

    private static Map<String, Object> http(SdkHttpResponse response) {
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("status", response.statusCode());
        response.firstMatchingHeader("Content-Length").ifPresent(length -> {
            try {
                http.put("content_length", Long.parseLong(length));
            } catch (NumberFormatException e) {
                // not a length: leave it out
            }
        });
        return Map.of("response", http);
    }

    private static String requestId(SdkResponse response, SdkHttpResponse http) {
        String id = response instanceof AwsResponse aws ? aws.responseMetadata().requestId() : null;
        if (id != null && !"UNKNOWN".equals(id)) {
            return id;
        }
        return http.firstMatchingHeader("x-amzn-RequestId").orElse(null);
    }

    /** What DynamoDB reports ({@code ReturnConsumedCapacity.TOTAL}): one table's units, or a batch's per table. */
    private static Object capacity(Object reported) {
        if (reported instanceof ConsumedCapacity capacity) {
            Map<String, Object> units = new LinkedHashMap<>();
            units.put("table_name", capacity.tableName());
            units.put("capacity_units", capacity.capacityUnits());
            return units;
        }
        if (reported instanceof List<?> list && !list.isEmpty()) {
            List<Object> tables = new ArrayList<>();
            list.forEach(item -> {
                Object units = capacity(item);
                if (units != null) {
                    tables.add(units);
                }
            });
            return tables;
        }
        return null;
    }

    /**
     * Seconds since the epoch, as X-Ray wants them; a double keeps microseconds at today's epoch, and is what the
     * X-Ray SDKs send (written with an exponent, 1.7650329841234E9). Not a BigDecimal: its first use costs
     * ~20 ms of class initialisation on a cold start.
     */
    private static double now() {
        Instant now = Instant.now();
        return now.getEpochSecond() + now.getNano() / 1e9;
    }

    /** 64 random bits in 16 hexadecimal digits: a subsegment or exception id. */
    private static String newId() {
        String hex = Long.toHexString(ThreadLocalRandom.current().nextLong());
        return "0000000000000000".substring(hex.length()) + hex;
    }
}
