package com.awsinsight.categories.graphql;

import com.awsinsight.categories.domain.error.ErrorCode;
import graphql.ErrorClassification;
import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphqlErrorBuilder;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.MergedField;
import graphql.execution.instrumentation.ExecuteObjectInstrumentationContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionStrategyParameters;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's one instrumentation, holding every request to its {@link QueryLimits}: when an operation begins,
 * its cost and mutation budget ({@link QueryCostLimit}); while it runs, the size of its response. Every response
 * of an operation that reached execution carries its cost ({@code extensions.cost: { requested, limit }}). (One
 * instrumentation for all: graphql-java's chaining of instrumentations costs more than the checks themselves.)
 *
 * <p>It stops a response that grows past the size cap while it is being built, before it is serialised: every object
 * of the response, when it completes, adds what it will take in the JSON response (its keys, and its scalars'
 * text; objects below it have counted themselves), and once the total passes the cap the execution is cancelled
 * (graphql-java fetches and completes nothing more) and the result is replaced by one BAD_USER_INPUT error
 * without data. So no request can make the gateway hold or write much more than the cap, whatever the query cost
 * estimated. Counting per object, not per field, keeps the cost of the count small next to building the response.
 * Lambda's response limit is 6 MB, and the cap's default of 4 MB leaves room for the JSON escaping of the proxy
 * response around the body.
 */
final class LimitsInstrumentation extends SimplePerformantInstrumentation {
    private final QueryCostLimit cost;
    private final long maxBytes;
    /** The fields of {@code JSON} type ({@code Type.field}): their values are maps to measure whole. */
    private final Set<String> jsonFields = new HashSet<>();

    /** @param cost checked when an operation begins, before any of it runs */
    LimitsInstrumentation(QueryCostLimit cost, long maxBytes, GraphQLSchema schema) {
        this.cost = cost;
        this.maxBytes = maxBytes;
        for (GraphQLType type : schema.getAllTypesAsList()) {
            if (type instanceof GraphQLObjectType object) {
                for (GraphQLFieldDefinition field : object.getFieldDefinitions()) {
                    if (GraphQLTypeUtil.unwrapAll(field.getType()).getName().equals("JSON")) {
                        jsonFields.add(object.getName() + "." + field.getName());
                    }
                }
            }
        }
    }

    /** The bytes counted so far for one execution, and its cost once computed. */
    private static final class Size implements InstrumentationState {
        final AtomicLong bytes = new AtomicLong();
        volatile boolean exceeded;
        volatile Integer cost;
    }

    @Override
    public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
        return CompletableFuture.completedFuture(new Size());
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                                                                         InstrumentationState state) {
        try {
            ((Size) state).cost = cost.check(parameters.getExecutionContext());
        } catch (QueryCostLimit.CostRefused refused) {
            ((Size) state).cost = refused.cost();
            throw refused;
        }
        return null;
    }

    @Override
    public ExecuteObjectInstrumentationContext beginExecuteObject(InstrumentationExecutionStrategyParameters parameters,
                                                                  InstrumentationState state) {
        Size size = (Size) state;
        return new ExecuteObjectInstrumentationContext() {
            @Override
            public void onDispatched() {
            }

            @Override
            public void onCompleted(Map<String, Object> fields, Throwable failure) {
                if (fields == null || size.exceeded) {
                    return;
                }
                long added = 2;
                for (Map.Entry<String, Object> field : fields.entrySet()) {
                    Object value = field.getValue();
                    added += field.getKey().length() + 4L + (value instanceof Map<?, ?> && isJson(parameters, field.getKey())
                            ? jsonValueLength(value) : jsonLength(value));
                }
                if (size.bytes.addAndGet(added) > maxBytes) {
                    size.exceeded = true;
                    parameters.getExecutionContext().getExecutionInput().cancel();
                }
            }
        };
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
                                                                        InstrumentationExecutionParameters parameters,
                                                                        InstrumentationState state) {
        if (state instanceof Size size && size.exceeded) {
            return CompletableFuture.completedFuture(withCost(ExecutionResultImpl.newExecutionResult()
                    .addError(GraphqlErrorBuilder.newError()
                            .message("The response would be larger than " + maxBytes
                                    + " bytes; ask for fewer fields or smaller pages")
                            .errorType(ErrorClassification.errorClassification(ErrorCode.BAD_USER_INPUT.name()))
                            .extensions(Map.of("code", ErrorCode.BAD_USER_INPUT.name()))
                            .build())
                    .build(), size));
        }
        return CompletableFuture.completedFuture(state instanceof Size size ? withCost(result, size) : result);
    }

    /**
     * {@code result} with {@code extensions.cost: { requested, limit }} when the operation's cost was computed
     * (it reached execution, also when the cost refused it), so a client sees how close it comes to the limit.
     */
    private ExecutionResult withCost(ExecutionResult result, Size size) {
        if (size.cost == null) {
            return result;
        }
        Map<Object, Object> extensions = new LinkedHashMap<>();
        if (result.getExtensions() != null) {
            extensions.putAll(result.getExtensions());
        }
        Map<String, Object> reported = new LinkedHashMap<>();
        reported.put("requested", size.cost);
        reported.put("limit", cost.limit());
        extensions.put("cost", reported);
        return result.transform(builder -> builder.extensions(extensions));
    }

    /** Whether the field of this object under {@code key} is of the JSON scalar type. */
    private boolean isJson(InstrumentationExecutionStrategyParameters parameters, String key) {
        ExecutionStrategyParameters strategy = parameters.getExecutionStrategyParameters();
        MergedField field = strategy.getFields().getSubField(key);
        String type = GraphQLTypeUtil.unwrapAll(strategy.getExecutionStepInfo().getType()).getName();
        return field != null && jsonFields.contains(type + "." + field.getName());
    }

    /**
     * About what a completed value takes as JSON. A field of an object type, or a list of them, arrives already
     * completed (a map, a list of maps), and those count themselves when they complete: only their brackets are
     * added here.
     */
    private static long jsonLength(Object value) {
        if (value == null) {
            return 4;
        }
        if (value instanceof CharSequence text) {
            return stringLength(text);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return 24;
        }
        if (value instanceof Collection<?> items) {
            return 2L + 3L * items.size();
        }
        return 2;
    }

    /** About what a JSON scalar's value (metadata: maps, lists, strings, numbers) takes as JSON, all of it. */
    private static long jsonValueLength(Object value) {
        if (value instanceof Map<?, ?> map) {
            long length = 2;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                length += stringLength(String.valueOf(entry.getKey())) + 2 + jsonValueLength(entry.getValue());
            }
            return length;
        }
        if (value instanceof Collection<?> items) {
            long length = 2;
            for (Object item : items) {
                length += 1 + jsonValueLength(item);
            }
            return length;
        }
        return jsonLength(value);
    }

    private static long stringLength(CharSequence text) {
        long bytes = 2;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? (c == '"' || c == '\\' || c < 0x20 ? 2 : 1) : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }
}
