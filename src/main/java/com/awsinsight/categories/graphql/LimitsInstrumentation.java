package com.awsinsight.categories.graphql;

import com.awsinsight.categories.domain.error.ErrorCode;
import graphql.ErrorClassification;
import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
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
 *
 * <p>The operations of a batch are held to the limits together ({@link GraphQLEngine#batchRefusal}): with a
 * {@link Plan} in the GraphQL context an execution only adds its cost and mutations to the plan and stops before
 * any field runs; with a {@link #RESPONSE_BUDGET} it may build only what is left of the cap after the batch's
 * earlier operations.
 */
final class LimitsInstrumentation extends SimplePerformantInstrumentation {
    /** GraphQL context key: a {@link Plan} that this execution only adds its cost to, running nothing. */
    static final String PLAN = LimitsInstrumentation.class.getName() + ".plan";
    /** GraphQL context key: the bytes (a {@link Long}) this execution's response may take, when less than the cap. */
    static final String RESPONSE_BUDGET = LimitsInstrumentation.class.getName() + ".responseBudget";

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

    /** What the operations of a batch would cost together, added up before any of them runs. */
    static final class Plan {
        private long cost;
        private long mutations;

        synchronized void add(QueryCostLimit.Measure measure) {
            cost += measure.cost();
            mutations += measure.mutations();
        }

        synchronized long cost() {
            return cost;
        }

        synchronized long mutations() {
            return mutations;
        }
    }

    /** The bytes counted so far for one execution, what it may take, and its cost once computed. */
    private static final class Size implements InstrumentationState {
        final AtomicLong bytes = new AtomicLong();
        final long budget;
        volatile boolean exceeded;
        volatile Integer cost;

        Size(long budget) {
            this.budget = budget;
        }
    }

    @Override
    public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
        Long budget = parameters.getExecutionInput().getGraphQLContext().get(RESPONSE_BUDGET);
        return CompletableFuture.completedFuture(new Size(budget == null ? maxBytes : Math.min(budget, maxBytes)));
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                                                                         InstrumentationState state) {
        Plan plan = parameters.getExecutionContext().getGraphQLContext().get(PLAN);
        if (plan != null) {
            plan.add(cost.measure(parameters.getExecutionContext()));
            throw new AbortExecutionException("Planned, not run");
        }
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
                if (size.bytes.addAndGet(added) > size.budget) {
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
            return CompletableFuture.completedFuture(withCost(tooLarge(), size));
        }
        return CompletableFuture.completedFuture(state instanceof Size size ? withCost(result, size) : result);
    }

    /** The result replacing one whose response would pass the cap: one BAD_USER_INPUT error, no data. */
    ExecutionResult tooLarge() {
        return ExecutionResultImpl.newExecutionResult()
                .addError(GraphqlErrorBuilder.newError()
                        .message("The response would be larger than " + maxBytes + " bytes; ask for fewer fields or smaller pages")
                        .errorType(ErrorClassification.errorClassification(ErrorCode.BAD_USER_INPUT.name()))
                        .extensions(Map.of("code", ErrorCode.BAD_USER_INPUT.name()))
                        .build())
                .build();
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
