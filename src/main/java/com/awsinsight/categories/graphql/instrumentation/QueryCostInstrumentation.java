package com.awsinsight.categories.graphql.instrumentation;

import graphql.ExecutionResult;
import graphql.analysis.QueryComplexityCalculator;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The query cost bound, and the cost in every response. Before the operation runs (after validation, before any
 * read), its cost is computed with {@link TreeCostCalculator}; above {@code limit} the operation is refused
 * ("Query cost N exceeds the limit of M"). Either way the response carries {@code extensions.cost:
 * { requested, limit }}, so a client sees how close a query comes to the limit. A request that fails before
 * execution (it does not parse or validate) has no cost to report and carries none.
 *
 * <p>graphql-java's {@code MaxQueryComplexityInstrumentation} does the same check but keeps the figure to itself
 * unless the limit is exceeded; this class computes it the same way (post-order over the operation with the
 * coerced variables) and keeps it in the request's state.
 */
public final class QueryCostInstrumentation extends SimplePerformantInstrumentation {
    private final int limit;
    private final TreeCostCalculator calculator = new TreeCostCalculator();

    public QueryCostInstrumentation(int limit) {
        this.limit = limit;
    }

    private static final class State implements InstrumentationState {
        private volatile Integer requested;
    }

    @Override
    public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
        return new State();
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                                                                         InstrumentationState state) {
        ExecutionContext context = parameters.getExecutionContext();
        int cost = QueryComplexityCalculator.newCalculator()
                .fieldComplexityCalculator(calculator)
                .schema(context.getGraphQLSchema())
                .document(context.getDocument())
                .operationName(context.getExecutionInput().getOperationName())
                .variables(context.getCoercedVariables())
                .build()
                .calculate();
        ((State) state).requested = cost;
        if (cost > limit) {
            throw new AbortExecutionException("Query cost " + cost + " exceeds the limit of " + limit);
        }
        return SimpleInstrumentationContext.noOp();
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
                                                                       InstrumentationExecutionParameters parameters,
                                                                       InstrumentationState state) {
        Integer requested = state == null ? null : ((State) state).requested;
        if (requested == null) {
            return CompletableFuture.completedFuture(result);
        }
        Map<Object, Object> extensions = new LinkedHashMap<>();
        if (result.getExtensions() != null) {
            extensions.putAll(result.getExtensions());
        }
        Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("requested", requested);
        cost.put("limit", limit);
        extensions.put("cost", cost);
        return CompletableFuture.completedFuture(result.transform(builder -> builder.extensions(extensions)));
    }
}
