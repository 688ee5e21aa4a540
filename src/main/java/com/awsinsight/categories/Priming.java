package com.awsinsight.categories;

import com.awsinsight.categories.edge.http.Json;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Warms the code paths of a request without reading or writing any tenant's data, by running real
 * API Gateway events through the real handler (router, authentication from authorizer claims, engine,
 * the configured store) for the organization {@value #ORGANIZATION}, which the gateway reserves: it is a
 * valid organization id (every request's organization must be one), and no tenant may be given it
 * (docs/operations.md). Priming only reads, and discards what it reads.
 *
 * <ul>
 *   <li>As an {@code org.crac} {@link Resource} registered by the Lambda handler's static init:
 *       {@link #beforeCheckpoint} primes, so a SnapStart snapshot holds loaded and initialised classes.</li>
 *   <li>During init when {@link #primesDuringInit} says so: with provisioned concurrency the
 *       environment is initialised before any request waits for it.</li>
 * </ul>
 * An on-demand cold start is not primed: there the first request waits for init, and measured on the
 * Lambda artifact (docs/performance.md) priming only added CPU time to it.
 *
 * <p>Nothing random or time-based is created here that a request would later reuse: request ids are
 * per request, and no credentials are resolved outside the SDK's own provider (which refreshes them
 * after a restore). Failures are swallowed: priming never breaks start-up or a checkpoint.
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
     * Registers priming of {@code handler} with the global CRaC context (a no-op without CRaC or
     * SnapStart); returns the registered priming (the first one, if called again).
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

    /**
     * Whether to prime during init: only when Lambda initialises the environment before a request
     * waits for it, {@code AWS_LAMBDA_INITIALIZATION_TYPE=provisioned-concurrency}. SnapStart primes in
     * {@link #beforeCheckpoint}; on-demand, local runs and tests do not prime.
     */
    public static boolean primesDuringInit(Map<String, String> env) {
        return "provisioned-concurrency".equals(env.get("AWS_LAMBDA_INITIALIZATION_TYPE"));
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
}
