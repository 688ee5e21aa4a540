package com.awsinsight.categories.edge.rest;

import com.awsinsight.categories.Application;
import com.awsinsight.categories.LambdaHandler;
import com.awsinsight.categories.Settings;
import com.awsinsight.categories.edge.Authenticator;
import com.awsinsight.categories.edge.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The REST contract through {@code invoke}: API Gateway proxy events (src/test/resources/events/rest-*.json,
 * with Cognito authorizer claims) into the Lambda handler, as API Gateway delivers them.
 */
class RestLambdaHandlerTest extends RestRoutesContract {
    private static LambdaHandler handler;
    private static LambdaHandler unreachable;

    @BeforeAll
    static void build() {
        Settings settings = Settings.fromEnvironment(Map.of("CORS_ALLOWED_ORIGINS", ORIGIN));
        handler = new LambdaHandler(Application.create(settings, null).router());
        unreachable = new LambdaHandler(unreachableStoreRouter(new Authenticator(null)));
    }

    @Override
    Response send(ObjectNode event) throws Exception {
        return invoke(handler, event);
    }

    @Override
    Response sendToUnreachableStore(ObjectNode event) throws Exception {
        return invoke(unreachable, event);
    }

    private static Response invoke(LambdaHandler lambda, ObjectNode event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        lambda.handleRequest(new ByteArrayInputStream(Json.MAPPER.writeValueAsBytes(event)), out, null);
        JsonNode response = Json.MAPPER.readTree(out.toByteArray());
        Map<String, String> headers = new LinkedHashMap<>();
        response.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        return new Response(response.path("statusCode").asInt(), headers, response.path("body").asText());
    }
}
