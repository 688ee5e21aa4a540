package com.awsinsight.categories.graphql;

import com.awsinsight.categories.domain.Caller;
import com.awsinsight.categories.graphql.context.FieldNaming;
import com.awsinsight.categories.graphql.context.GraphQLContextKeys;
import com.awsinsight.categories.graphql.dataloaders.CategoryDataLoaders;
import com.awsinsight.categories.services.CallerSession;
import com.awsinsight.categories.services.CategoryApplication;
import com.awsinsight.categories.services.CategoryReader;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.introspection.Introspection;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.validation.QueryComplexityLimits;
import org.dataloader.DataLoaderRegistry;

import java.util.Optional;
import java.util.function.Function;

/**
 * The one GraphQL engine of the process: built once (schema, wiring, caches), then run per request with a
 * {@link CallerSession} and fresh DataLoaders bound to it. GraphQL, the legacy REST API and the local server
 * all execute through {@link #execute}, so every one of them is held to the same {@link QueryLimits}: the cost and
 * mutation budget before anything runs ({@link QueryCostLimit}), the response size while it runs
 * ({@link LimitsInstrumentation}).
 */
public final class GraphQLEngine {
    private final GraphQL graphQL;
    private final CategoryApplication application;
    private final QueryLimits limits;
    private final QueryComplexityLimits validationLimits;
    private final Function<CategoryReader, DataLoaderRegistry> loaders;

    public GraphQLEngine(GraphQLSchema schema, CategoryApplication application, QueryLimits limits, FailureReporter reporter) {
        this(schema, application, limits, reporter, CategoryDataLoaders::registry);
    }

    /**
     * @param loaders the DataLoaders of one request, from its reader (production: {@link CategoryDataLoaders#registry};
     *                the benchmark builds key-by-key loaders to measure what batching buys)
     */
    public GraphQLEngine(GraphQLSchema schema, CategoryApplication application, QueryLimits limits, FailureReporter reporter,
                         Function<CategoryReader, DataLoaderRegistry> loaders) {
        this.application = application;
        this.limits = limits;
        this.loaders = loaders;
        this.validationLimits = QueryComplexityLimits.newLimits()
                .maxDepth(limits.maxDepth())
                .maxFieldsCount(limits.maxFields())
                .build();
        this.graphQL = GraphQL.newGraphQL(schema)
                .defaultDataFetcherExceptionHandler(new MaskingExceptionHandler(reporter))
                .preparsedDocumentProvider(new DocumentCache(500))
                .instrumentation(new LimitsInstrumentation(new QueryCostLimit(limits), limits.maxResponseBytes(), schema))
                .build();
    }

    /** The outcome of one execution and the session it ran in (what it cost the store). */
    public record Outcome(ExecutionResult result, CallerSession session) {
    }

    public Outcome execute(GraphQLRequest request, Caller caller, String requestId) {
        return execute(request, caller, requestId, FieldNaming.GRAPHQL);
    }

    /** Runs one operation for {@code caller}; errors name fields with {@code naming}. */
    public Outcome execute(GraphQLRequest request, Caller caller, String requestId, FieldNaming naming) {
        CallerSession session = application.forCaller(caller);
        ExecutionInput input = ExecutionInput.newExecutionInput()
                .query(request.query())
                .operationName(request.operationName())
                .variables(request.variables())
                .dataLoaderRegistry(loaders.apply(session.reader()))
                .graphQLContext(context -> {
                    GraphQLContextKeys.put(context, session, requestId, naming);
                    context.of(QueryComplexityLimits.KEY, validationLimits);
                    context.of(Introspection.INTROSPECTION_DISABLED, !limits.introspection());
                })
                .build();
        return new Outcome(ErrorExtensions.withCodes(graphQL.execute(input)), session);
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

    public CategoryApplication application() {
        return application;
    }
}
