package com.awsinsight.categories;

import com.awsinsight.categories.domain.Caller;
import com.awsinsight.categories.domain.Category;
import com.awsinsight.categories.domain.CategoryQuery;
import com.awsinsight.categories.domain.CategoryRepository;
import com.awsinsight.categories.domain.Role;
import com.awsinsight.categories.domain.Store;
import com.awsinsight.categories.domain.StoreMetrics;
import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.edge.http.ProxyRequest;
import com.awsinsight.categories.graphql.GraphQLEngine;
import com.awsinsight.categories.graphql.GraphQLRequest;
import com.awsinsight.categories.graphql.QueryLimits;
import com.awsinsight.categories.services.CategoryApplication;
import com.awsinsight.categories.store.memory.InMemoryStore;
import graphql.ExecutionResult;
import graphql.schema.GraphQLSchema;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Warms the code paths of a request without reading or writing any tenant's data.
 *
 * <ul>
 *   <li>{@link #warmEngine}: runs a query through a throwaway GraphQL engine over a throwaway in-memory
 *       store holding three categories of the organization {@value #ORGANIZATION} (parse, validation,
 *       every Category field, the DataLoaders, Jackson in both directions). Run during init, in
 *       parallel with {@link #warmStore}.</li>
 *   <li>{@link #warmStore}: the SDK client's first calls (a Query and a BatchGetItem) for the
 *       organization {@value #ORGANIZATION}, which the gateway reserves: it is a valid organization id (every
 *       request's organization must be one), and no tenant may be given it (docs/operations.md). Priming only
 *       reads, and discards what it reads.</li>
 *   <li>As an {@code org.crac} {@link Resource} registered by the Lambda handler's static init:
 *       {@link #beforeCheckpoint} runs real API Gateway events through the real handler (router,
 *       authentication from authorizer claims, engine, DynamoDB store) for {@value #ORGANIZATION}, so
 *       a SnapStart snapshot holds loaded and initialised classes.</li>
 * </ul>
 *
 * <p>Nothing random or time-based is created here that a request would later reuse: the fixture uses
 * fixed timestamps, request ids are per request, and no credentials are resolved outside the SDK's
 * own provider (which refreshes them after a restore). Failures are swallowed: priming never breaks
 * start-up or a checkpoint.
 */
public final class Priming implements Resource {
    /** The organization every priming request runs as; reserved, never a tenant's. */
    public static final String ORGANIZATION = "category-gateway.priming";

    static final String LIST = "{ categories(first: 10) { edges { cursor node { id name description parentId isActive metadata "
            + "createdAt updatedAt createdBy updatedBy version depth path childCount parent { id name } ancestors { id name } "
            + "children { id name } } } pageInfo { hasNextPage endCursor } } }";
    static final String TREE = "{ categoryTree(maxDepth: 4) { id name childCount children { id name path "
            + "children { id name depth parent { name } } } } }";
    static final String BY_ID = "{ category(id: \"priming-root\") { id name ancestors { name } } __typename }";

    /** Strong reference: the CRaC context holds resources weakly. */
    private static Priming registered;

    private final LambdaHandler handler;
    private final List<Integer> lastStatuses = new ArrayList<>();

    public Priming(LambdaHandler handler) {
        this.handler = handler;
    }

    /**
     * Registers priming of {@code handler} with the global CRaC context (a no-op without CRaC or SnapStart),
     * once per process; returns the registered priming.
     */
    public static synchronized Priming register(LambdaHandler handler) {
        if (registered != null) {
            return registered;
        }
        registered = new Priming(handler);
        try {
            Core.getGlobalContext().register(registered);
        } catch (RuntimeException | LinkageError e) {
            // no CRaC implementation here: priming stays available for tests and explicit calls
        }
        return registered;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to refresh: the SDK client resolves credentials and connections itself after a restore
    }

    /**
     * Runs the priming events through the handler; returns their status codes, negated when the body
     * holds GraphQL errors, and -1 when the handler threw (for tests).
     */
    public synchronized List<Integer> prime() {
        lastStatuses.clear();
        for (String query : List.of(LIST, TREE, BY_ID)) {
            lastStatuses.add(invoke(query));
        }
        return List.copyOf(lastStatuses);
    }

    private int invoke(String query) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(event(query).getBytes(StandardCharsets.UTF_8)), out, null);
            var response = Json.MAPPER.readTree(out.toByteArray());
            int status = response.path("statusCode").asInt();
            boolean errors = response.path("body").asText().contains("\"errors\"");
            return errors ? -status : status;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** An API Gateway REST proxy event, as Lambda delivers it behind the Cognito authorizer. */
    static String event(String query) {
        String body = Json.MAPPER.createObjectNode().put("query", query).toString();
        var event = Json.MAPPER.createObjectNode();
        event.put("resource", "/graphql").put("path", "/graphql").put("httpMethod", "POST");
        event.putObject("headers").put("accept", "application/json").put("content-type", "application/json");
        event.putNull("multiValueHeaders");
        event.putNull("queryStringParameters");
        event.putNull("pathParameters");
        var context = event.putObject("requestContext");
        context.put("requestId", "priming").put("stage", "priming");
        context.putObject("identity").put("sourceIp", "127.0.0.1");
        context.putObject("authorizer").putObject("claims").put("sub", "priming").put("custom:organizationId", ORGANIZATION)
                .put("custom:role", "viewer").put("token_use", "id");
        event.put("body", body).put("isBase64Encoded", false);
        return event.toString();
    }

    /**
     * One request's worth of engine work on a throwaway store: parse the event, execute, serialise.
     * Touches no real store.
     */
    public static void warmEngine(GraphQLSchema schema) {
        try {
            InMemoryStore scratch = new InMemoryStore();
            CategoryRepository categories = scratch.categories(ORGANIZATION, new StoreMetrics());
            Instant at = Instant.parse("2024-01-01T00:00:00Z");
            String parent = null;
            for (String id : List.of("priming-root", "priming-child", "priming-leaf")) {
                categories.insert(new Category(ORGANIZATION, id, id, "priming", parent, Map.of("priming", true),
                        at, at, "priming", "priming", true, 1));
                parent = id;
            }
            GraphQLEngine engine = new GraphQLEngine(schema, new CategoryApplication(scratch, Clock.systemUTC()),
                    QueryLimits.DEFAULT, (requestId, what, failure) -> { });
            Caller caller = new Caller(ORGANIZATION, "priming", Role.VIEWER);
            for (String query : List.of(LIST, TREE, BY_ID)) {
                ProxyRequest request = ProxyRequest.fromEvent(Json.MAPPER.readTree(event(query)));
                ExecutionResult result = engine.execute(new GraphQLRequest(
                        Json.MAPPER.readTree(request.body()).path("query").asText(), null, Map.of()), caller, "priming").result();
                Json.MAPPER.writeValueAsBytes(result.toSpecification());
            }
        } catch (IOException | RuntimeException e) {
            // priming is best effort
        }
    }

    /** The store's first calls (SDK marshalling, signing, HTTP connection) for an organization that cannot exist. */
    public static void warmStore(Store store) {
        try {
            CategoryRepository categories = store.categories(ORGANIZATION, new StoreMetrics());
            categories.list(CategoryQuery.all(), null, 1, 2);
            categories.findByIds(Set.of("priming-root"));
        } catch (RuntimeException e) {
            // priming is best effort (e.g. no network during init)
        }
    }
}
