package com.awsinsight.categories.graphql;

import com.awsinsight.categories.domain.Caller;
import com.awsinsight.categories.domain.Store;
import com.awsinsight.categories.graphql.dataloaders.CategoryDataLoaders;
import com.awsinsight.categories.services.RequestServices;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import com.awsinsight.categories.graphql.instrumentation.TreeCostCalculator;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.introspection.Introspection;
import graphql.validation.QueryComplexityLimits;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;

import java.time.Clock;
import java.util.Optional;

/**
 * The one GraphQL engine of the process: built once (schema, wiring, caches), then run per request
 * with fresh DataLoaders and services bound to the caller. GraphQL, the REST routes and the local
 * server all execute through {@link #execute}.
 */
public final class GraphQLEngine {
    private final GraphQL graphQL;
    private final Store store;
    private final Clock clock;
    private final boolean batching;
    private final QueryLimits limits;
    private final QueryComplexityLimits validationLimits;

    public GraphQLEngine(GraphQLSchema schema, Store store, Clock clock, boolean batching) {
        this(schema, store, clock, batching, QueryLimits.DEFAULT);
    }

    public GraphQLEngine(GraphQLSchema schema, Store store, Clock clock, boolean batching, QueryLimits limits) {
        this.store = store;
        this.clock = clock;
        this.batching = batching;
        this.limits = limits;
        this.validationLimits = QueryComplexityLimits.newLimits()
                .maxDepth(limits.maxDepth())
                .maxFieldsCount(limits.maxFields())
                .build();
        this.graphQL = GraphQL.newGraphQL(schema)
                .defaultDataFetcherExceptionHandler(new MaskingExceptionHandler())
                .preparsedDocumentProvider(new DocumentCache(500))
                .instrumentation(new MaxQueryComplexityInstrumentation(limits.maxCost(), new TreeCostCalculator(),
                        info -> {
                            throw new AbortExecutionException("Query cost " + info.getComplexity()
                                    + " exceeds the limit of " + limits.maxCost());
                        }))
                .build();
    }

    /** The outcome of one execution and what it cost the store. */
    public record Outcome(ExecutionResult result, RequestServices services) {
    }

    public Outcome execute(GraphQLRequest request, Caller caller, String requestId) {
        RequestServices services = RequestServices.open(store, caller, clock, batching);
        ExecutionInput input = ExecutionInput.newExecutionInput()
                .query(request.query())
                .operationName(request.operationName())
                .variables(request.variables())
                .dataLoaderRegistry(CategoryDataLoaders.registry(services.reader(), batching))
                .graphQLContext(context -> {
                    GraphQLContextKeys.put(context, services, requestId);
                    context.of(QueryComplexityLimits.KEY, validationLimits);
                    context.of(Introspection.INTROSPECTION_DISABLED, !limits.introspection());
                })
                .build();
        return new Outcome(ErrorExtensions.withCodes(graphQL.execute(input)), services);
    }

    /** The type of the operation a request would run, or empty when the document does not parse or name it. */
    public static Optional<OperationDefinition.Operation> operationType(GraphQLRequest request) {
        try {
            Document document = Parser.parse(request.query());
            return document.getDefinitionsOfType(OperationDefinition.class).stream()
                    .filter(op -> request.operationName() == null || request.operationName().equals(op.getName()))
                    .map(OperationDefinition::getOperation)
                    .findFirst();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public Store store() {
        return store;
    }
}
