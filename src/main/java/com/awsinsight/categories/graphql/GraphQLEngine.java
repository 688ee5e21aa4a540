package com.awsinsight.categories.graphql;

import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.graphql.context.FieldNaming;
import com.awsinsight.categories.graphql.context.GraphQLContextKeys;
import com.awsinsight.categories.graphql.dataloaders.CategoryDataLoaders;
import com.awsinsight.categories.services.CallerSession;
import com.awsinsight.categories.services.CategoryApplication;
import com.awsinsight.categories.services.read.CategoryReader;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLContext;
import graphql.introspection.Introspection;
import graphql.language.OperationDefinition;
import graphql.schema.GraphQLSchema;
import graphql.validation.QueryComplexityLimits;
import org.dataloader.DataLoaderRegistry;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
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
    private final DocumentCache documents = new DocumentCache(500);
    private final LimitsInstrumentation instrumentation;
    private final QueryCostLimit cost;

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
        this.cost = new QueryCostLimit(limits);
        this.instrumentation = new LimitsInstrumentation(cost, limits.maxResponseBytes(), schema);
        this.graphQL = GraphQL.newGraphQL(schema)
                .defaultDataFetcherExceptionHandler(new MaskingExceptionHandler(reporter))
                .preparsedDocumentProvider(documents)
                .instrumentation(instrumentation)
                .build();
    }

    /** The outcome of one execution and the session it ran in (what it cost the store). */
    public record Outcome(ExecutionResult result, CallerSession session) {
    }

    /**
     * A response as text. {@code result} is null when {@code body} was kept from an earlier request at the same
     * version of the organization ({@code cached}): such a body never has errors and always has data.
     */
    public record Response(ExecutionResult result, String body, CallerSession session, boolean cached) {
    }

    public Outcome execute(GraphQLRequest request, Caller caller, String requestId) {
        return execute(request, caller, requestId, FieldNaming.GRAPHQL);
    }

    /** Runs one operation for {@code caller}; errors name fields with {@code naming}. */
    public Outcome execute(GraphQLRequest request, Caller caller, String requestId, FieldNaming naming) {
        return execute(request, application.forCaller(caller), requestId, naming);
    }

    /**
     * Runs one operation and writes its result with {@code serializer}. A query of categories (trees, listings,
     * lookups by id) of an organization that has not changed since the same request last ran in this process is
     * answered with that request's bytes, without executing ({@link ResultCaching}); the check reads the
     * organization's state item, only while the process holds a snapshot of the organization that is likely
     * current. A result is kept when everything it read came from one snapshot.
     */
    public Response respond(GraphQLRequest request, Caller caller, String requestId, Function<ExecutionResult, String> serializer) {
        return respond(request, caller, requestId, FieldNaming.GRAPHQL, "graphql", serializer);
    }

    /**
     * {@link #respond} for another rendering of the result (a REST route's document): {@code rendering} names it,
     * so results of the same request rendered differently are kept apart; errors name fields with {@code naming}.
     */
    public Response respond(GraphQLRequest request, Caller caller, String requestId, FieldNaming naming, String rendering,
                            Function<ExecutionResult, String> serializer) {
        return respond(request, application.forCaller(caller), requestId, naming, rendering, limits.maxResponseBytes(), serializer);
    }

    /**
     * The session of one request of {@code caller}. A batch runs all its operations in one, so together they have
     * one request's store time, reads and template budget.
     */
    public CallerSession session(Caller caller) {
        return application.forCaller(caller);
    }

    /**
     * {@link #respond} as one operation of a batch: in the batch's {@code session}, with what the batch's earlier
     * operations ({@code responseBytesUsed}) left of the response size cap; none left answers the size error without
     * running anything.
     */
    public Response respond(GraphQLRequest request, CallerSession session, String requestId, long responseBytesUsed,
                            Function<ExecutionResult, String> serializer) {
        long responseBytes = limits.maxResponseBytes() - responseBytesUsed;
        if (responseBytes <= 0) {
            ExecutionResult refused = instrumentation.tooLarge();
            return new Response(refused, serializer.apply(refused), session, false);
        }
        return respond(request, session, requestId, FieldNaming.GRAPHQL, "graphql", responseBytes, serializer);
    }

    private Response respond(GraphQLRequest request, CallerSession session, String requestId, FieldNaming naming,
                             String rendering, long responseBytes, Function<ExecutionResult, String> serializer) {
        Optional<String> key = documents.document(request.query())
                .flatMap(document -> ResultCaching.key(rendering, request, document));
        Optional<String> kept = key.flatMap(session::keptResult);
        if (kept.isPresent() && kept.get().getBytes(StandardCharsets.UTF_8).length <= responseBytes) {
            return new Response(null, kept.get(), session, true);
        }
        if (kept.isPresent()) {
            ExecutionResult refused = instrumentation.tooLarge();
            return new Response(refused, serializer.apply(refused), session, false);
        }
        ExecutionResult result = execute(request, session, requestId, naming, context -> {
            if (responseBytes < limits.maxResponseBytes()) {
                context.of(LimitsInstrumentation.RESPONSE_BUDGET, responseBytes);
            }
        }).result();
        String body = serializer.apply(result);
        if (key.isPresent() && result.getErrors().isEmpty() && result.isDataPresent()) {
            session.keepResult(key.get(), body);
        }
        return new Response(result, body, session, false);
    }

    /**
     * Why a batch of operations may not run, or empty when it may. A batch is held to one request's limits as a
     * whole: its operations' costs added up against the cost limit, their root mutation fields against the
     * mutation budget. Each operation's cost and mutations are computed as its execution computes them (the
     * document validated, variables coerced, fragments, {@code @skip} and {@code @include} applied), without running
     * any of it; an operation that would fail before execution counts nothing.
     */
    public Optional<String> batchRefusal(List<GraphQLRequest> requests, CallerSession session, String requestId) {
        LimitsInstrumentation.Plan plan = new LimitsInstrumentation.Plan();
        for (GraphQLRequest request : requests) {
            execute(request, session, requestId, FieldNaming.GRAPHQL, context -> context.of(LimitsInstrumentation.PLAN, plan));
        }
        if (plan.mutations() > limits.maxMutations()) {
            return Optional.of(cost.mutationsRefused(plan.mutations(), "this batch"));
        }
        if (plan.cost() > limits.maxCost()) {
            return Optional.of("Query cost " + plan.cost() + " of the batch exceeds the limit of " + limits.maxCost());
        }
        return Optional.empty();
    }

    private Outcome execute(GraphQLRequest request, CallerSession session, String requestId, FieldNaming naming) {
        return execute(request, session, requestId, naming, context -> {
        });
    }

    private Outcome execute(GraphQLRequest request, CallerSession session, String requestId, FieldNaming naming,
                            Consumer<GraphQLContext.Builder> extraContext) {
        ExecutionInput input = ExecutionInput.newExecutionInput()
                .query(request.query())
                .operationName(request.operationName())
                .variables(request.variables())
                .dataLoaderRegistry(loaders.apply(session.reader()))
                .graphQLContext(context -> {
                    GraphQLContextKeys.put(context, session, requestId, naming);
                    context.of(QueryComplexityLimits.KEY, validationLimits);
                    context.of(Introspection.INTROSPECTION_DISABLED, !limits.introspection());
                    extraContext.accept(context);
                })
                .build();
        return new Outcome(ErrorExtensions.withCodes(graphQL.execute(input)), session);
    }

    /**
     * The type of the operation a request would run, or empty when the document does not parse or name it. A
     * document this engine has run before is not parsed again.
     */
    public Optional<OperationDefinition.Operation> operationType(GraphQLRequest request) {
        return documents.document(request.query()).flatMap(document -> document.getDefinitionsOfType(OperationDefinition.class)
                .stream()
                .filter(op -> request.operationName() == null || request.operationName().equals(op.getName()))
                .map(OperationDefinition::getOperation)
                .findFirst());
    }

    public CategoryApplication application() {
        return application;
    }
}
