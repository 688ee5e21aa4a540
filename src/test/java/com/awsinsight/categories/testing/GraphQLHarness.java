package com.awsinsight.categories.testing;

import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.domain.model.Role;
import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.graphql.GraphQLEngine;
import com.awsinsight.categories.graphql.GraphQLRequest;
import com.awsinsight.categories.graphql.QueryLimits;
import com.awsinsight.categories.graphql.SchemaFactory;
import com.awsinsight.categories.observability.JsonLog;
import com.awsinsight.categories.services.CategoryApplication;
import com.fasterxml.jackson.databind.JsonNode;
import graphql.schema.GraphQLSchema;

import java.time.Clock;
import java.util.Map;

/**
 * Runs real query strings through the production GraphQL engine for one store and returns the
 * response as JSON (checked by JSON pointer in tests), plus what the request cost the store.
 */
public final class GraphQLHarness {
    private static final GraphQLSchema SCHEMA = SchemaFactory.build();

    private final GraphQLEngine engine;

    public GraphQLHarness(Store store) {
        this(store, true);
    }

    /** @param batching false for the ablation: key-by-key DataLoaders and no whole-organization reads */
    public GraphQLHarness(Store store, boolean batching) {
        this(store, batching, QueryLimits.DEFAULT);
    }

    public GraphQLHarness(Store store, boolean batching, QueryLimits limits) {
        this.engine = batching ? engine(store, limits) : Ablation.keyByKeyEngine(SCHEMA, store, limits);
    }

    /** The production engine over {@code application} (one process: its clock, its cache). */
    public GraphQLHarness(CategoryApplication application) {
        this.engine = new GraphQLEngine(SCHEMA, application, QueryLimits.DEFAULT, JsonLog::error);
    }

    /** Runs requests through {@code engine} (an engine built with other settings, e.g. other write timings). */
    public GraphQLHarness(GraphQLEngine engine) {
        this.engine = engine;
    }

    /** The production engine over {@code store}. */
    public static GraphQLEngine engine(Store store, QueryLimits limits) {
        return new GraphQLEngine(SCHEMA, new CategoryApplication(store, Clock.systemUTC()), limits, JsonLog::error);
    }

    /**
     * @param resultFromCache whether {@link #serve} answered with a result kept from an earlier request
     *                        (always false for {@link #run})
     */
    public record Response(JsonNode json, StoreMetrics metrics, boolean resultFromCache) {
        public Response(JsonNode json, StoreMetrics metrics) {
            this(json, metrics, false);
        }

        public JsonNode at(String pointer) {
            return json.at(pointer);
        }

        public String text(String pointer) {
            return json.at(pointer).asText();
        }

        /** The code of the first top-level error, or null. */
        public String errorCode() {
            JsonNode code = json.at("/errors/0/extensions/code");
            return code.isMissingNode() ? null : code.asText();
        }
    }

    public Response run(Caller caller, String query) {
        return run(caller, query, Map.of());
    }

    public Response run(Caller caller, String query, Map<String, Object> variables) {
        GraphQLEngine.Outcome outcome = engine.execute(new GraphQLRequest(query, null, variables), caller, "test-request");
        return new Response(Json.MAPPER.valueToTree(outcome.result().toSpecification()), outcome.session().metrics());
    }

    /**
     * Runs the request as the HTTP edge does ({@link GraphQLEngine#respond}: whole-tree results may come from the
     * process's cache) and parses the body it would send.
     */
    public Response serve(Caller caller, String query) {
        return serve(caller, query, Map.of());
    }

    public Response serve(Caller caller, String query, Map<String, Object> variables) {
        GraphQLEngine.Response response = engine.respond(new GraphQLRequest(query, null, variables), caller, "test-request",
                result -> Json.write(result.toSpecification()));
        try {
            return new Response(Json.MAPPER.readTree(response.body()), response.session().metrics(), response.cached());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static Caller editor(String organizationId) {
        return new Caller(organizationId, "user-" + organizationId, Role.EDITOR);
    }

    public static Caller viewer(String organizationId) {
        return new Caller(organizationId, "viewer-" + organizationId, Role.VIEWER);
    }
}
