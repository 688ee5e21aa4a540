package com.awsinsight.categories.faults;

import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.edge.http.ProxyResponse;
import com.awsinsight.categories.store.dynamodb.DynamoStore;
import com.awsinsight.categories.testing.Dynalite;
import com.awsinsight.categories.testing.FaultInjector;
import com.awsinsight.categories.testing.GraphQLHarness.Response;
import com.awsinsight.categories.testing.GraphQLHarness;
import com.awsinsight.categories.testing.ProxyEvents;
import com.awsinsight.categories.testing.TreeFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import static com.awsinsight.categories.testing.GraphQLHarness.editor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DynamoDB misbehaving: throttling injected at the HTTP level (so the SDK's own retries see it),
 * partial batches, and the server killed and restarted mid-run.
 */
@Tag("dynalite")
class StoreFaultsTest {
    private static final String UNAVAILABLE = "The category store is unavailable; retry shortly";
    private static final String THROTTLED = "The category store is busy; retry shortly";

    @Test
    void throttlingWithinTheRetryBudgetIsInvisible() {
        FaultInjector faults = new FaultInjector();
        DynamoStore store = Dynalite.get().newStore(4, faults);
        String org = seeded(store, 20);

        faults.throttleNext(3);
        Response response = new GraphQLHarness(store).run(editor(org), "{ categoryTree { name } }");

        assertEquals(3, faults.throttledAttempts());
        assertTrue(response.json().path("errors").isMissingNode(), response.at("/errors").toString());
        assertEquals(2, response.at("/data/categoryTree").size());
    }

    @Test
    void throttlingBeyondTheBudgetIsRateLimitedWith429() {
        FaultInjector faults = new FaultInjector();
        DynamoStore store = Dynalite.get().newStore(3, faults);
        String org = seeded(store, 20);

        faults.throttleNext(100);
        ProxyResponse response = post(store, org, "{\"query\":\"{ categoryTree { name } }\"}");
        faults.throttleNext(0);

        assertEquals(429, response.statusCode());
        assertEquals("1", response.headers().get("Retry-After"));
        JsonNode body = body(response);
        assertEquals("RATE_LIMITED", body.at("/errors/0/extensions/code").asText());
        assertEquals(THROTTLED, body.at("/errors/0/message").asText());
        assertEquals(3, faults.throttledAttempts());
    }

    @Test
    void unprocessedKeysOfBatchGetsAreRetriedNeverDropped() {
        FaultInjector faults = new FaultInjector();
        DynamoStore store = Dynalite.get().newStore(4, faults);
        String org = "org-" + UUID.randomUUID();
        List<Category> categories = TreeFixtures.tree(org, 40, 2);
        TreeFixtures.insert(store, categories);
        String aliases = categories.stream()
                .map(c -> "c" + c.id().replace("-", "") + ": category(id: \"" + c.id() + "\") { id }")
                .collect(Collectors.joining(" "));

        faults.halveNextBatchGets(3);
        Response response = new GraphQLHarness(store).run(editor(org), "{ " + aliases + " }");

        assertEquals(3, faults.partialBatches());
        assertTrue(response.json().path("errors").isMissingNode(), response.at("/errors").toString());
        for (Category category : categories) {
            assertEquals(category.id(), response.text("/data/c" + category.id().replace("-", "") + "/id"));
        }
    }

    @Test
    void anUnreachableStoreIs503AndTheGatewayRecoversWhenItIsBack() {
        DynamoStore store = Dynalite.get().newStore(2);
        String org = seeded(store, 10);
        Dynalite.get().stop();
        ProxyResponse down;
        ProxyResponse write;
        try {
            down = post(store, org, "{\"query\":\"{ categoryTree { name } }\"}");
            write = post(store, org, "{\"query\":\"mutation { createCategory(input: { name: \\\"While down\\\" }) { category { id } userErrors { code } } }\"}");
        } finally {
            Dynalite.get().start();
        }

        assertEquals(503, down.statusCode());
        assertEquals("1", down.headers().get("Retry-After"));
        assertEquals("UNAVAILABLE", body(down).at("/errors/0/extensions/code").asText());
        assertEquals(UNAVAILABLE, body(down).at("/errors/0/message").asText());
        assertEquals(503, write.statusCode());
        assertTrue(body(write).path("data").isNull(), "no payload while the store is down");
        assertEquals("UNAVAILABLE", body(write).at("/errors/0/extensions/code").asText());

        DynamoStore fresh = Dynalite.get().newStore();
        String recovered = seeded(fresh, 10);
        ProxyResponse up = post(fresh, recovered, "{\"query\":\"{ categoryTree { name } }\"}");
        assertEquals(200, up.statusCode());
        assertEquals(1, body(up).at("/data/categoryTree").size());
    }

    private static String seeded(DynamoStore store, int size) {
        String org = "org-" + UUID.randomUUID();
        TreeFixtures.insert(store, TreeFixtures.tree(org, size, 3));
        return org;
    }

    private static ProxyResponse post(DynamoStore store, String org, String body) {
        return ProxyEvents.send(ProxyEvents.router(store), ProxyEvents.post("/graphql", "application/json", body, org));
    }

    private static JsonNode body(ProxyResponse response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
