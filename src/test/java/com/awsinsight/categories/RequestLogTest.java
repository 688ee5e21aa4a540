package com.awsinsight.categories;

import com.awsinsight.categories.edge.HttpRouter;
import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.observability.JsonLog;
import com.awsinsight.categories.store.dynamodb.DynamoStore;
import com.awsinsight.categories.testing.Dynalite;
import com.awsinsight.categories.testing.ProxyEvents;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One structured line per request, which is also a CloudWatch EMF document, and never a token. */
@Tag("dynalite")
class RequestLogTest {
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    @AfterEach
    void restore() {
        JsonLog.redirect(System.out, false);
    }

    @Test
    void logLevelDebugAddsTheStoreCallsByOperation() throws Exception {
        DynamoStore store = Dynalite.get().newStore();
        HttpRouter router = ProxyEvents.router(store);
        JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8), false);
        String query = "{\"query\":\"{ categories(first: 5) { edges { node { name parent { name } } } } }\"}";

        ProxyEvents.send(router, ProxyEvents.post("/graphql", "application/json", query, "org-info"));
        JsonLog.level("DEBUG");
        ProxyEvents.send(router, ProxyEvents.post("/graphql", "application/json", query, "org-debug"));
        JsonLog.level("INFO");

        List<JsonNode> lines = logs.toString(StandardCharsets.UTF_8).lines().map(RequestLogTest::parse).toList();
        assertTrue(lines.get(0).path("dynamodbOperations").isMissingNode(), lines.get(0).toString());
        assertEquals(1, lines.get(1).at("/dynamodbOperations/Query").asInt(), lines.get(1).toString());
    }

    @Test
    void oneLinePerRequestWithIdsCostAndMetrics() throws Exception {
        List<JsonNode> lines = run("graphql-post-tree.json", "Bearer secret-token-value-123");

        assertEquals(1, lines.size());
        JsonNode line = lines.get(0);
        assertEquals("req-tree", line.get("requestId").asText());
        assertEquals("Root=1-5e1b4151-5ac6c58f5a7a5b7c5e1b4151", line.get("traceId").asText());
        assertEquals("demo-org", line.get("organizationId").asText());
        assertEquals(200, line.get("status").asInt());
        assertTrue(line.get("durationMs").asDouble() > 0);
        assertEquals(2, line.get("dynamodbCalls").asInt(), "the organization's state item, then its categories");
        assertEquals("stored", line.get("organizationCache").asText());
        assertTrue(line.has("readUnits"));
        assertTrue(line.has("writeUnits"));
        assertTrue(line.has("consumedCapacity"));
        assertEquals("NONE", line.get("ErrorCode").asText());
        assertEquals(0, line.get("Errors").asInt());
        JsonNode metrics = line.at("/_aws/CloudWatchMetrics/0");
        assertEquals("InsightCategoryGateway", metrics.get("Namespace").asText());
        assertEquals("Latency", metrics.at("/Metrics/0/Name").asText());
        assertEquals("environment", metrics.at("/Dimensions/1/0").asText());
        assertEquals("ErrorCode", metrics.at("/Dimensions/1/1").asText());
    }

    @Test
    void theSameTreeAgainIsAnsweredFromTheProcessCacheForOneRead() throws Exception {
        List<JsonNode> lines = run("graphql-post-tree.json", "Bearer secret-token-value-123", 2);

        assertEquals(2, lines.size());
        assertEquals("stored", lines.get(0).get("organizationCache").asText());
        assertEquals("result", lines.get(1).get("organizationCache").asText());
        assertEquals(1, lines.get(1).get("dynamodbCalls").asInt(), "only the organization's state item");
        JsonNode metrics = lines.get(1).at("/_aws/CloudWatchMetrics/0/Metrics");
        assertTrue(metrics.toString().contains("DynamoDBReadUnits"), metrics.toString());
        assertTrue(metrics.toString().contains("DynamoDBWriteUnits"), metrics.toString());
    }

    @Test
    void errorsAreCountedByCodeAndTokensNeverLogged() throws Exception {
        List<JsonNode> lines = run("graphql-no-identity.json", "Bearer secret-token-value-123");

        assertEquals("UNAUTHENTICATED", lines.get(0).get("ErrorCode").asText());
        assertEquals(1, lines.get(0).get("Errors").asInt());
        assertEquals(401, lines.get(0).get("status").asInt());
        assertFalse(logs.toString(StandardCharsets.UTF_8).contains("secret-token-value-123"));
    }

    @Test
    void aRequestOfSeveralOperationsLogsWhatAllOfThemCost() throws Exception {
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(LambdaHandlerTest.resource("rest-update.json"));
        event.withObject("/headers").put("If-Match", "\"9\", \"1\"");

        List<JsonNode> lines = run(event);

        assertEquals(200, lines.get(0).get("status").asInt(), lines.get(0).toString());
        assertEquals("RestUpdateCategory", lines.get(0).get("operationName").asText());
        assertTrue(lines.get(0).get("dynamodbCalls").asInt() >= 3,
                "the read of the current version (If-Match lists two tags) and the update: " + lines.get(0));
    }

    private List<JsonNode> run(String fixture, String authorization) throws Exception {
        return run(fixture, authorization, 1);
    }

    /** Sends the event {@code times} times to one handler (one process). */
    private List<JsonNode> run(String fixture, String authorization, int times) throws Exception {
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(LambdaHandlerTest.resource(fixture));
        event.withObject("/headers").put("Authorization", authorization);
        return run(event, times);
    }

    private List<JsonNode> run(ObjectNode event) throws Exception {
        return run(event, 1);
    }

    private List<JsonNode> run(ObjectNode event, int times) throws Exception {
        Application application = Application.create(Settings.fromEnvironment(Map.of()), null);
        JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8), false);

        LambdaHandler handler = new LambdaHandler(application.router());
        for (int i = 0; i < times; i++) {
            handler.handleRequest(new ByteArrayInputStream(Json.MAPPER.writeValueAsBytes(event)), new ByteArrayOutputStream(), null);
        }

        return logs.toString(StandardCharsets.UTF_8).lines().map(RequestLogTest::parse).toList();
    }

    private static JsonNode parse(String line) {
        try {
            return Json.MAPPER.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
