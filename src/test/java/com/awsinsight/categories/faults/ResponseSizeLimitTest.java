package com.awsinsight.categories.faults;

import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.edge.HttpRouter;
import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.edge.http.ProxyResponse;
import com.awsinsight.categories.observability.JsonLog;
import com.awsinsight.categories.services.migration.CategoryImport;
import com.awsinsight.categories.store.memory.InMemoryStore;
import com.awsinsight.categories.testing.Categories;
import com.awsinsight.categories.testing.ProxyEvents;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What one request can make the gateway return is bounded: a chain of 19 categories with 128-character names
 * makes every {@code path} about 2.5 KB, so a short query can ask for megabytes. The query cost counts what a
 * path can hold, and a response that still grows past the cap (4 MB by default) is stopped with one clear
 * error, and a log line, instead of being built and serialised (which ran the JVM out of heap).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponseSizeLimitTest {
    private static final String ORG = "size-org";
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private HttpRouter router;
    private String deepest;

    @BeforeAll
    void seed() {
        InMemoryStore store = new InMemoryStore();
        List<Category> categories = new ArrayList<>();
        Instant at = Instant.parse("2024-01-01T00:00:00Z");
        String parent = null;
        for (int level = 0; level < 18; level++) {
            String id = "cat-level-" + level;
            categories.add(category(id, String.format("Level %02d ", level) + "x".repeat(119), parent, at));
            parent = id;
        }
        deepest = parent;
        for (int i = 0; i < 100; i++) {
            categories.add(category("cat-leaf-" + i, String.format("Leaf %03d ", i) + "y".repeat(119), deepest, at));
        }
        CategoryImport.write(store, categories, Clock.systemUTC());
        router = ProxyEvents.router(store);
    }

    @AfterEach
    void restoreLog() {
        JsonLog.redirect(System.out, false);
    }

    @Test
    void manyPathsOfDeepAncestorsAreRefusedByTheCostBeforeAnyRead() throws Exception {
        JsonNode body = json(post(children("ancestors { " + paths(40) + " }")));

        assertEquals("BAD_USER_INPUT", body.at("/errors/0/extensions/code").asText(), abbreviated(body));
        assertTrue(body.at("/errors/0/message").asText().startsWith("Query cost "), abbreviated(body));
    }

    @Test
    void aResponseThatGrowsPastTheCapIsStoppedWithOneErrorAndALogLine() throws Exception {
        JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8), false);

        ProxyResponse response = post(children(paths(45)));

        assertEquals(200, response.statusCode());
        assertTrue(response.body().length < 10_000, "body of " + response.body().length + " bytes");
        JsonNode body = json(response);
        assertEquals(1, body.path("errors").size(), abbreviated(body));
        assertEquals("BAD_USER_INPUT", body.at("/errors/0/extensions/code").asText());
        assertEquals("The response would be larger than 4194304 bytes; ask for fewer fields or smaller pages",
                body.at("/errors/0/message").asText());
        assertTrue(body.path("data").isMissingNode() || body.path("data").isNull(), abbreviated(body));
        List<JsonNode> lines = logs.toString(StandardCharsets.UTF_8).lines().map(ResponseSizeLimitTest::parse)
                .filter(line -> "request".equals(line.path("message").asText())).toList();
        assertEquals(1, lines.size(), logs.toString(StandardCharsets.UTF_8));
        assertEquals("BAD_USER_INPUT", lines.get(0).get("ErrorCode").asText());
        assertEquals(ORG, lines.get(0).get("organizationId").asText());
    }

    @Test
    void theSameResponseIsRefusedWith400UnderTheGraphQLResponseMediaType() {
        ObjectNode event = ProxyEvents.post("/graphql", "application/json", Json.write(Map.of("query", children(paths(45)),
                "variables", Map.of("p", deepest))), ORG);
        event.withObject("/headers").put("Accept", "application/graphql-response+json");

        ProxyResponse response = ProxyEvents.send(router, event);

        assertEquals(400, response.statusCode());
    }

    @Test
    void largeResponsesUnderTheCapAreAnswered() throws Exception {
        ProxyResponse response = post(children(paths(5)));

        JsonNode body = json(response);
        assertTrue(body.path("errors").isMissingNode(), abbreviated(body));
        assertEquals(100, body.at("/data/categories/edges").size());
        assertTrue(response.body().length > 1_000_000, "body of " + response.body().length + " bytes");
        assertTrue(body.at("/data/categories/edges/0/node/p4").asText().startsWith("Level 00 "));
    }

    private static String children(String selection) {
        return "query($p: ID) { categories(first: 100, filter: { parentId: $p }) { edges { node { " + selection + " } } } }";
    }

    private static String paths(int count) {
        return IntStream.range(0, count).mapToObj(i -> "p" + i + ": path").collect(Collectors.joining(" "));
    }

    private ProxyResponse post(String query) {
        return ProxyEvents.send(router, ProxyEvents.post("/graphql", "application/json",
                Json.write(Map.of("query", query, "variables", Map.of("p", deepest))), ORG));
    }

    private static Category category(String id, String name, String parentId, Instant at) {
        return Categories.category(ORG, id).named(name).under(parentId).at(at).build();
    }

    private static JsonNode json(ProxyResponse response) throws Exception {
        return Json.MAPPER.readTree(response.body());
    }

    private static JsonNode parse(String line) {
        try {
            return Json.MAPPER.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    private static String abbreviated(JsonNode body) {
        String text = body.toString();
        return text.substring(0, Math.min(400, text.length()));
    }
}
