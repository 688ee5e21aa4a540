package com.awsinsight.categories;

import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.observability.JsonLog;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real API Gateway REST proxy events (src/test/resources/events) through the Lambda handler, on the
 * embedded store with the demo data, checked by status and JSON pointer.
 */
class LambdaHandlerTest {
    private static LambdaHandler handler;

    @BeforeAll
    static void build() {
        Settings settings = Settings.fromEnvironment(Map.of("CORS_ALLOWED_ORIGINS", "https://dashboard.example.com"));
        handler = new LambdaHandler(Application.create(settings, null).router());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            graphql-post-tree.json                  | 200 | /data/categoryTree/0/children/0/children/0/children/0/name | Dashboards Hosting · Development
            graphql-post-base64.json                | 200 | /data/categoryByName/path                                  | Infrastructure Costs › Compute › EC2
            graphql-get-query.json                  | 200 | /data/categories/edges/1/node/name                         | Infrastructure Costs
            graphql-get-mutation.json               | 405 | /errors/0/message                                          | Mutations must be sent with POST
            graphql-no-identity.json                | 401 | /errors/0/extensions/code                                  | UNAUTHENTICATED
            graphql-claims-without-organization.json| 401 | /errors/0/message                                          | Token has no organization claim
            graphql-claims-auxiliary-organization.json | 401 | /errors/0/message                                       | Token organization claim is not a valid organization id
            graphql-invalid-json.json               | 400 | /errors/0/message                                          | Request body is not valid JSON
            graphql-wrong-content-type.json         | 415 | /errors/0/message                                          | Content-Type must be application/json
            graphql-invalid-document.json           | 400 | /errors/0/extensions/classification                        | ValidationError
            health.json                             | 200 | /status                                                    | ok
            health-deep.json                        | 200 | /storeReachable                                            | true
            unknown-route.json                      | 404 | /error/code                                                | NOT_FOUND
            """)
    void answersEachEvent(String fixture, int status, String pointer, String expected) throws IOException {
        JsonNode response = invoke(fixture);

        assertEquals(status, response.get("statusCode").asInt(), response.toString());
        JsonNode body = Json.MAPPER.readTree(response.get("body").asText());
        assertEquals(expected, body.at(pointer).asText(), body.toString());
        assertNotNull(response.at("/headers/X-Request-Id").textValue());
    }

    @Test
    void getMutationNamesTheAllowedMethod() throws IOException {
        assertEquals("POST", invoke("graphql-get-mutation.json").at("/headers/Allow").asText());
    }

    @Test
    void responseMediaTypeFollowsAccept() throws IOException {
        assertTrue(invoke("graphql-post-tree.json").at("/headers/Content-Type").asText().startsWith("application/json"));
        assertTrue(invoke("graphql-post-base64.json").at("/headers/Content-Type").asText()
                .startsWith("application/graphql-response+json"));
    }

    @Test
    void preflightAnswersCorsForAnAllowedOrigin() throws IOException {
        JsonNode response = invoke("options-preflight.json");

        assertEquals(204, response.get("statusCode").asInt());
        assertEquals("https://dashboard.example.com", response.at("/headers/Access-Control-Allow-Origin").asText());
        assertTrue(response.at("/headers/Access-Control-Allow-Methods").asText().contains("POST"));
        assertTrue(response.at("/headers/Access-Control-Allow-Headers").asText().contains("Authorization"));
    }

    @Test
    void oversizedBodyIs413() throws IOException {
        JsonNode event = Json.MAPPER.readTree(resource("graphql-post-tree.json"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) event).put("body",
                "{\"query\":\"{ categoryTree { name } }\",\"pad\":\"" + "x".repeat(200_000) + "\"}");

        JsonNode response = invoke(Json.MAPPER.writeValueAsBytes(event));

        assertEquals(413, response.get("statusCode").asInt());
    }

    @Test
    void somethingThatIsNotAProxyEventIsA400WithALogLineNotAStackTrace() throws IOException {
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        JsonLog.redirect(new java.io.PrintStream(logs, true, java.nio.charset.StandardCharsets.UTF_8), false);
        try {
            for (String event : java.util.List.of("not json at all", "[1, 2, 3]", "",
                    "{\"httpMethod\":\"POST\",\"path\":\"/graphql\",\"stageVariables\":{\"x\":1e2147483648}}")) {
                JsonNode response = invoke(event.getBytes(java.nio.charset.StandardCharsets.UTF_8));

                assertEquals(400, response.get("statusCode").asInt(), event);
                assertEquals("BAD_USER_INPUT", Json.MAPPER.readTree(response.get("body").asText()).at("/error/code").asText());
            }
        } finally {
            JsonLog.redirect(System.out, false);
        }
        java.util.List<String> lines = logs.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertEquals(4, lines.stream().filter(l -> l.contains("\"status\":400")).count(), lines.toString());
    }

    @Test
    void aNumberPastTheParsersRangeInTheBodyIs400WithoutAToken() throws IOException {
        JsonNode event = Json.MAPPER.readTree(resource("graphql-no-identity.json"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) event).put("body",
                "{\"query\":\"{ categoryTree { name } }\",\"unused\":1e2147483648}");

        JsonNode response = invoke(Json.MAPPER.writeValueAsBytes(event));

        assertEquals(400, response.get("statusCode").asInt(), response.toString());
        assertEquals("BAD_USER_INPUT", Json.MAPPER.readTree(response.get("body").asText()).at("/errors/0/extensions/code").asText());
    }

    @Test
    void devTokensNeverExistInLambda() throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode event = (com.fasterxml.jackson.databind.node.ObjectNode)
                Json.MAPPER.readTree(resource("health.json"));
        event.put("path", "/dev/token").put("resource", "/dev/token");
        event.putObject("queryStringParameters").put("org", "demo-org").put("role", "admin");

        JsonNode response = invoke(Json.MAPPER.writeValueAsBytes(event));

        assertEquals(404, response.get("statusCode").asInt());
        assertTrue(!response.get("body").asText().contains("token\":"), response.toString());
    }

    @Test
    @Tag("node") // the playground's bundle is built with Node (not in the fast lane)
    void playgroundCanBeSwitchedOffPerEnvironment() throws IOException {
        Settings off = Settings.fromEnvironment(Map.of("PLAYGROUND_ENABLED", "false"));
        LambdaHandler production = new LambdaHandler(Application.create(off, null).router());
        com.fasterxml.jackson.databind.node.ObjectNode event = (com.fasterxml.jackson.databind.node.ObjectNode)
                Json.MAPPER.readTree(resource("health.json"));
        event.put("path", "/playground").put("resource", "/playground");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        production.handleRequest(new java.io.ByteArrayInputStream(Json.MAPPER.writeValueAsBytes(event)), out, null);
        JsonNode disabled = Json.MAPPER.readTree(out.toByteArray());
        JsonNode enabled = invoke(Json.MAPPER.writeValueAsBytes(event));

        assertEquals(404, disabled.get("statusCode").asInt());
        assertEquals(200, enabled.get("statusCode").asInt());
        assertTrue(enabled.at("/headers/Content-Security-Policy").asText().contains("script-src 'self'"));
    }

    private static JsonNode invoke(String fixture) throws IOException {
        return invoke(resource(fixture));
    }

    private static JsonNode invoke(byte[] event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new java.io.ByteArrayInputStream(event), out, null);
        return Json.MAPPER.readTree(out.toByteArray());
    }

    static byte[] resource(String fixture) throws IOException {
        try (InputStream in = LambdaHandlerTest.class.getResourceAsStream("/events/" + fixture)) {
            assertNotNull(in, fixture);
            return in.readAllBytes();
        }
    }
}
