package com.awsinsight.categories.graphql;

import com.awsinsight.categories.domain.json.JsonText;
import com.awsinsight.categories.graphql.instrumentation.TreeCostCalculator;
import graphql.analysis.QueryComplexityCalculator;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.schema.GraphQLObjectType;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Refuses an operation before any of it runs (so before any read or write) when its tree-aware cost
 * ({@link TreeCostCalculator}) is over the limit, or when it is a mutation with more root fields than the
 * request's mutation budget. Both count what the operation would run: fragments expanded, {@code @skip} and
 * {@code @include} applied with the request's variables. {@link LimitsInstrumentation} runs it when an operation
 * begins (one instrumentation for every limit: graphql-java's chaining of instrumentations costs more than the
 * checks themselves).
 *
 * <p>A cost is a function of the parsed document, the operation and the coerced variables alone, so the costs of each
 * document's first variable sets are remembered: the REST routes' fixed operations and a dashboard's queries run with
 * the same variables again and again, and walking the document was about 4 % of a warm listing's CPU (JFR,
 * docs/performance.md). Documents are the keys by identity (the engine's {@link DocumentCache} hands out one instance
 * per text), held weakly, so a document the cache let go takes its costs with it; at most
 * {@value #COSTS_PER_DOCUMENT} variable sets per document, each written out in at most {@value #MAX_VARIABLES_TEXT}
 * characters (with the document cache's 500 documents, a few MB at most).
 */
final class QueryCostLimit {
    static final int COSTS_PER_DOCUMENT = 8;
    static final int MAX_VARIABLES_TEXT = 512;

    private final QueryLimits limits;
    /** Per document (by identity, weakly held): cost by operation name and variables. Guarded by itself. */
    private final Map<Document, Map<String, Integer>> costs = new WeakHashMap<>();

    QueryCostLimit(QueryLimits limits) {
        this.limits = limits;
    }

    /** What an operation would cost: its tree-aware cost, and its root mutation fields (0 for a query). */
    record Measure(int cost, int mutations) {
    }

    /**
     * The operation's cost, after checking it and the mutation budget.
     *
     * @throws CostRefused (an {@link AbortExecutionException}) with the client's message and the cost when the
     *                     operation costs more than the limit; AbortExecutionException when it is over the budget
     */
    int check(ExecutionContext context) {
        Measure measure = measure(context);
        if (measure.mutations() > limits.maxMutations()) {
            throw new AbortExecutionException(mutationsRefused(measure.mutations(), "this one"));
        }
        if (measure.cost() > limits.maxCost()) {
            throw new CostRefused(measure.cost(), limits.maxCost());
        }
        return measure.cost();
    }

    /** The operation's cost and mutations, unchecked: what {@link #check} judges, and what a batch adds up. */
    Measure measure(ExecutionContext context) {
        int mutations = context.getOperationDefinition().getOperation() == OperationDefinition.Operation.MUTATION
                ? rootFields(context) : 0;
        String key = context.getExecutionInput().getOperationName() + "\u0000"
                + JsonText.writeCanonical(context.getCoercedVariables().toMap());
        Integer known = known(context.getDocument(), key);
        int cost = known != null ? known : QueryComplexityCalculator.newCalculator()
                .fieldComplexityCalculator(new TreeCostCalculator(limits.maxCost(), fragments(context)))
                .schema(context.getGraphQLSchema())
                .document(context.getDocument())
                .operationName(context.getExecutionInput().getOperationName())
                .variables(context.getCoercedVariables())
                .build()
                .calculate();
        if (known == null && key.length() <= MAX_VARIABLES_TEXT) {
            remember(context.getDocument(), key, cost);
        }
        return new Measure(cost, mutations);
    }

    private Integer known(Document document, String key) {
        synchronized (costs) {
            Map<String, Integer> ofDocument = costs.get(document);
            return ofDocument == null ? null : ofDocument.get(key);
        }
    }

    private void remember(Document document, String key, int cost) {
        synchronized (costs) {
            Map<String, Integer> ofDocument = costs.computeIfAbsent(document, d -> new HashMap<>());
            if (ofDocument.size() < COSTS_PER_DOCUMENT) {
                ofDocument.put(key, cost);
            }
        }
    }

    /** The message refusing {@code mutations} root mutation fields over the budget; {@code asker}: "this one", "this batch". */
    String mutationsRefused(long mutations, String asker) {
        return "A request may run at most " + limits.maxMutations() + " mutations; " + asker + " asks for " + mutations;
    }

    int limit() {
        return limits.maxCost();
    }

    /** An operation refused for its cost, which the response still reports ({@code extensions.cost}). */
    static final class CostRefused extends AbortExecutionException {
        private final int cost;

        CostRefused(int cost, int limit) {
            super("Query cost " + cost + " exceeds the limit of " + limit);
            this.cost = cost;
        }

        int cost() {
            return cost;
        }
    }

    private static int rootFields(ExecutionContext context) {
        GraphQLObjectType mutation = context.getGraphQLSchema().getMutationType();
        AtomicInteger count = new AtomicInteger();
        QueryTraverser.newQueryTraverser()
                .schema(context.getGraphQLSchema())
                .document(context.getDocument())
                .operationName(context.getExecutionInput().getOperationName())
                .coercedVariables(context.getCoercedVariables())
                .build()
                .visitPreOrder(new QueryVisitorStub() {
                    @Override
                    public void visitField(QueryVisitorFieldEnvironment env) {
                        if (env.getParentEnvironment() == null && env.getFieldsContainer() == mutation
                                && !env.isTypeNameIntrospectionField()) {
                            count.incrementAndGet();
                        }
                    }
                });
        return count.get();
    }

    private static Map<String, FragmentDefinition> fragments(ExecutionContext context) {
        return context.getFragmentsByName();
    }
}
