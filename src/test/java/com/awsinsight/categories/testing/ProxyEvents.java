package com.awsinsight.categories.testing;

import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.edge.Authenticator;
import com.awsinsight.categories.edge.HttpRouter;
import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.edge.http.ProxyRequest;
import com.awsinsight.categories.edge.http.ProxyResponse;
import com.awsinsight.categories.graphql.QueryLimits;
import com.awsinsight.categories.graphql.SchemaFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.schema.GraphQLSchema;

import java.util.List;

/**
 * API Gateway proxy events built in code, for tests that vary what fixtures cannot: a POST with a body
 * and the Cognito authorizer's claims for one organization, as the deployed gateway receives it.
 */
public final class ProxyEvents {
    private static final GraphQLSchema SCHEMA = SchemaFactory.build();

    private ProxyEvents() {
    }

    /** A POST of {@code body} as {@code contentType} to {@code path}, by an editor of {@code organizationId}. */
    public static ObjectNode post(String path, String contentType, String body, String organizationId) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("httpMethod", "POST");
        event.put("path", path);
        event.putObject("headers").put("Content-Type", contentType);
        event.put("body", body);
        event.putObject("requestContext").put("requestId", "req-" + Integer.toHexString(body.hashCode()))
                .putObject("authorizer").putObject("claims")
                .put("sub", "user-1").put("custom:organizationId", organizationId).put("custom:role", "editor");
        return event;
    }

    /** The production router on {@code store}, trusting authorizer claims only, as behind API Gateway. */
    public static HttpRouter router(Store store) {
        return router(store, List.of("*"));
    }

    /** The production router on {@code store} with these CORS origins, trusting authorizer claims only. */
    public static HttpRouter router(Store store, List<String> corsOrigins) {
        return new HttpRouter(GraphQLHarness.engine(store, QueryLimits.DEFAULT), new Authenticator(null),
                new HttpRouter.Settings(corsOrigins, false, "test", 102_400, null, "demo-org"));
    }

    /** {@link #post} through {@code router}. */
    public static ProxyResponse send(HttpRouter router, ObjectNode event) {
        return router.handle(ProxyRequest.fromEvent(event));
    }
}
