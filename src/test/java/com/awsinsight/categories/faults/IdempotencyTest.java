package com.awsinsight.categories.faults;

import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.model.Role;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.edge.HttpRouter;
import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.edge.http.ProxyResponse;
import com.awsinsight.categories.services.CategoryApplication;
import com.awsinsight.categories.services.NewCategory;
import com.awsinsight.categories.store.dynamodb.DynamoClients;
import com.awsinsight.categories.store.dynamodb.DynamoStore;
import com.awsinsight.categories.testing.Dynalite;
import com.awsinsight.categories.testing.FaultInjector;
import com.awsinsight.categories.testing.ProxyEvents;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Idempotent creates against DynamoDB: a create that died after any of its calls, retried with the same
 * key, makes exactly one category; ten simultaneous retries make one; REST's Idempotency-Key does the
 * same through the POST route.
 */
@Tag("dynalite")
class IdempotencyTest {
    private final DynamoStore healthy = Dynalite.get().newStore();
    private final FaultInjector faults = new FaultInjector();
    private final DynamoStore crashing = new DynamoStore(
            DynamoClients.create("us-east-1", Dynalite.get().endpoint(), List.of(faults)),
            healthy.categoriesTable(), healthy.templatesTable());

    @Test
    void aCreateThatDiedAtAnyCallAndIsRetriedMakesOneCategory() {
        String measured = org();
        faults.count();
        create(crashing, measured, "key");
        int calls = faults.disarm();

        for (int n = 1; n <= calls; n++) {
            String org = org();
            faults.failFrom(n);
            assertThrows(RuntimeException.class, () -> create(crashing, org, "key"), "should fail at call " + n);
            faults.disarm();

            Category retried = create(healthy, org, "key");

            List<Category> all = healthy.categories(org, new StoreMetrics()).findAll();
            assertEquals(List.of(retried.id()), all.stream().map(Category::id).toList(), "crash at call " + n);
        }
        assertTrue(calls >= 3, "a keyed create makes at least 3 calls, made " + calls);
    }

    @Test
    void simultaneousRetriesWithOneKeyMakeOneCategory() throws Exception {
        String org = org();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                results.add(pool.submit(() -> create(healthy, org, "same-key").id()));
            }
            Set<String> ids = new HashSet<>();
            for (Future<String> result : results) {
                ids.add(result.get());
            }
            assertEquals(1, ids.size());
            assertEquals(1, healthy.categories(org, new StoreMetrics()).findAll().size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void restIdempotencyKeyReplaysTheFirstResponse() throws Exception {
        String org = org();
        HttpRouter router = ProxyEvents.router(healthy);

        ProxyResponse first = post(router, org, "{\"categoryName\":\"Rent\"}", "k-42");
        ProxyResponse again = post(router, org, "{\"categoryName\":\"Rent\"}", "k-42");
        ProxyResponse changed = post(router, org, "{\"categoryName\":\"Utilities\"}", "k-42");

        assertEquals(201, first.statusCode());
        assertEquals(201, again.statusCode());
        assertEquals(first.headers().get("Location"), again.headers().get("Location"));
        assertEquals(400, changed.statusCode());
        assertEquals("Idempotency-Key", Json.MAPPER.readTree(changed.body()).at("/error/field").asText());
        assertEquals(1, healthy.categories(org, new StoreMetrics()).findAll().size());
    }

    private static Category create(DynamoStore store, String org, String key) {
        Caller caller = new Caller(org, "user-" + org, Role.EDITOR);
        return new CategoryApplication(store, Clock.systemUTC()).forCaller(caller).categories()
                .create(new NewCategory("Groceries", "weekly", null, null), key);
    }

    private static ProxyResponse post(HttpRouter router, String org, String body, String key) {
        ObjectNode event = ProxyEvents.post("/categories", "application/json", body, org);
        event.withObject("/headers").put("Idempotency-Key", key);
        return ProxyEvents.send(router, event);
    }

    private static String org() {
        return "org-" + UUID.randomUUID();
    }
}
