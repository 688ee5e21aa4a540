package com.awsinsight.categories;

import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.observability.JsonLog;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What API Gateway delivers when deployed, as opposed to what the local server sends: a custom domain's base
 * path in {@code path} (routes must follow {@code resource} and {@code pathParameters}), the stage in
 * {@code requestContext.path} (links must keep it), the Java runtime's trace id in a system property, and
 * bearer challenges on 401s.
 */
class DeployedPathTest {
    private static LambdaHandler handler;
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    @BeforeAll
    static void build() {
        handler = new LambdaHandler(Application.create(Settings.fromEnvironment(Map.of()), null).router());
    }

    @AfterEach
    void restoreLog() {
        JsonLog.redirect(System.out, true);
        System.clearProperty("com.amazonaws.xray.traceHeader");
    }

    @Test
    void behindACustomDomainRoutesFollowTheResourceNotThePath() throws IOException {
        JsonNode response = invoke("rest-get-custom-domain.json");

        assertEquals(200, response.get("statusCode").asInt(), response.toString());
        assertEquals("EC2", Json.MAPPER.readTree(response.get("body").asText()).get("categoryName").asText());
    }

    @Test
    void locationKeepsTheStageTheClientCalled() throws IOException {
        JsonNode response = invoke("rest-create-execute-api.json");

        assertEquals(201, response.get("statusCode").asInt(), response.toString());
        String id = Json.MAPPER.readTree(response.get("body").asText()).get("categoryId").asText();
        assertEquals("/dev/categories/" + id, response.at("/headers/Location").asText());
    }

    @Test
    void everyLogLineCarriesTheTraceIdTheJavaRuntimeSets() throws IOException {
        JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8), false);
        System.setProperty("com.amazonaws.xray.traceHeader", "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");

        invoke("health.json");

        JsonNode line = Json.MAPPER.readTree(logs.toString(StandardCharsets.UTF_8).lines().reduce((a, b) -> b).orElseThrow());
        assertEquals("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1", line.get("traceId").asText(), line.toString());
    }

    @Test
    void unauthenticatedResponsesChallengeForABearerToken() throws IOException {
        JsonNode graphQL = invoke("graphql-no-identity.json");
        JsonNode rest = invoke("rest-list-no-identity.json");

        assertEquals(401, graphQL.get("statusCode").asInt());
        assertEquals("Bearer", graphQL.at("/headers/WWW-Authenticate").asText());
        assertEquals(401, rest.get("statusCode").asInt());
        assertEquals("Bearer", rest.at("/headers/WWW-Authenticate").asText());
        assertTrue(invoke("rest-create-viewer.json").at("/headers/WWW-Authenticate").isMissingNode(), "403 is not a challenge");
    }

    private static JsonNode invoke(String fixture) throws IOException {
        try (InputStream in = DeployedPathTest.class.getResourceAsStream("/events/" + fixture)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(in, out, null);
            return Json.MAPPER.readTree(out.toByteArray());
        }
    }
}
