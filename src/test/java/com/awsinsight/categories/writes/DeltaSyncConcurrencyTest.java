package com.awsinsight.categories.writes;

import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.graphql.GraphQLEngine;
import com.awsinsight.categories.graphql.QueryLimits;
import com.awsinsight.categories.graphql.SchemaFactory;
import com.awsinsight.categories.observability.JsonLog;
import com.awsinsight.categories.services.CategoryApplication;
import com.awsinsight.categories.services.read.OrganizationCache;
import com.awsinsight.categories.services.write.WriteTimings;
import com.awsinsight.categories.testing.Dynalite;
import com.awsinsight.categories.testing.GraphQLHarness;
import com.awsinsight.categories.testing.PausingStore;
import com.awsinsight.categories.testing.SyncClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Tag;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static com.awsinsight.categories.testing.GraphQLHarness.editor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Delta sync under concurrent writers (DynamoDB on dynalite, through the GraphQL API). The hard case is a write
 * whose {@code updatedAt} stamp is taken before a sync token and that lands after it: the test holds one rename
 * between its stamp and its write ({@link PausingStore}), lets another writer's change land, takes a token, then releases the rename;
 * the next sync must deliver it, and the client's tree must equal a fresh {@code categoryTree}. The same run with
 * no settle window misses the rename, which shows what the window is for (and that this test can fail). A second
 * test runs writers and a polling client side by side and compares the trees once the writers stop.
 */
@Tag("dynalite")
class DeltaSyncConcurrencyTest {
    private final Store dynamo = Dynalite.get().newStore();

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aWriteStampedBeforeATokenAndLandingAfterItIsDelivered() throws Exception {
        Outcome outcome = holdOneRenameAcrossAToken(WriteTimings.DEFAULT);

        assertTrue(outcome.deliveredAfterRelease().contains(outcome.heldId()), "the held rename comes in the next sync");
        assertEquals(outcome.fresh(), outcome.clientTree());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void withoutTheSettleWindowThatWriteIsLost() throws Exception {
        WriteTimings noWindow = new WriteTimings(WriteTimings.DEFAULT.lease(), WriteTimings.DEFAULT.claimPending(),
                WriteTimings.DEFAULT.leaseWait(), WriteTimings.DEFAULT.safetyMargin(), Duration.ZERO);

        Outcome outcome = holdOneRenameAcrossAToken(noWindow);

        assertTrue(!outcome.deliveredAfterRelease().contains(outcome.heldId()), "no window: the held rename is skipped");
        assertNotEquals(outcome.fresh(), outcome.clientTree());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aClientPollingWhileWritersWorkEndsWithTheFreshTree() throws Exception {
        GraphQLHarness graphQL = new GraphQLHarness(dynamo);
        String org = "org-" + UUID.randomUUID();
        Caller editor = editor(org);
        List<String> ids = new CopyOnWriteArrayList<>();
        for (String root : List.of("Compute", "Storage", "People")) {
            ids.add(create(graphQL, editor, root, null));
        }
        SyncClient client = new SyncClient(graphQL, editor, 7);
        client.sync();

        ExecutorService pool = Executors.newFixedThreadPool(5);
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            Random random = new Random(w);
            writers.add(pool.submit(() -> {
                for (int step = 0; step < 15; step++) {
                    randomWrite(graphQL, editor, ids, random, step);
                }
                return null;
            }));
        }
        Future<Integer> polling = pool.submit(() -> {
            int polls = 0;
            while (writing.get()) {
                client.poll();
                polls++;
            }
            return polls;
        });
        for (Future<?> writer : writers) {
            writer.get();
        }
        writing.set(false);
        int polls = polling.get();
        pool.shutdown();
        client.sync();

        assertTrue(polls > 1, "the client polled while the writers worked: " + polls);
        assertEquals(SyncClient.freshTree(SyncClient.freshReader(dynamo), editor), client.tree());
    }

    private record Outcome(String heldId, List<String> deliveredAfterRelease, JsonNode clientTree, JsonNode fresh) {
    }

    /**
     * A client syncs; a rename of A is stamped and held before its write; a rename of B lands; the client syncs
     * (taking its token after B's change and before A's); A's write is released and lands; the client syncs again.
     */
    private Outcome holdOneRenameAcrossAToken(WriteTimings timings) throws Exception {
        PausingStore store = new PausingStore(dynamo);
        GraphQLHarness graphQL = new GraphQLHarness(new GraphQLEngine(SchemaFactory.build(),
                new CategoryApplication(store, Clock.systemUTC(), timings, CategoryApplication.DEFAULT_FAN_OUT_LIMIT,
                        new OrganizationCache(OrganizationCache.DEFAULT_MAX_BYTES)),
                QueryLimits.DEFAULT, JsonLog::error));
        String org = "org-" + UUID.randomUUID();
        Caller editor = editor(org);
        String a = create(graphQL, editor, "A", null);
        String b = create(graphQL, editor, "B", null);
        SyncClient client = new SyncClient(graphQL, editor, 10);
        client.sync();

        PausingStore.Pause writeOfA = store.pauseAt("update", args -> ((Category) args[1]).id().equals(a));
        CompletableFuture<GraphQLHarness.Response> held = CompletableFuture.supplyAsync(() -> rename(graphQL, editor, a, "A renamed"));
        writeOfA.awaitReached();
        rename(graphQL, editor, b, "B renamed");
        client.sync();
        writeOfA.release();
        assertTrue(held.get(30, TimeUnit.SECONDS).json().path("errors").isMissingNode());

        List<String> delivered = new ArrayList<>();
        client.sync().forEach(batch -> batch.path("categories").forEach(c -> delivered.add(c.get("id").asText())));
        return new Outcome(a, delivered, client.tree(), SyncClient.freshTree(SyncClient.freshReader(dynamo), editor));
    }

    private static void randomWrite(GraphQLHarness graphQL, Caller editor, List<String> ids, Random random, int step) {
        String target = ids.get(random.nextInt(ids.size()));
        switch (random.nextInt(5)) {
            case 0, 1 -> {
                String created = create(graphQL, editor, "Node " + UUID.randomUUID().toString().substring(0, 8), target);
                if (created != null) {
                    ids.add(created);
                }
            }
            case 2 -> rename(graphQL, editor, target, "Renamed " + step + " " + UUID.randomUUID().toString().substring(0, 6));
            case 3 -> graphQL.run(editor, "mutation($id: ID!, $to: ID) { moveCategory(id: $id, newParentId: $to) { category { id } } }",
                    variables("id", target, "to", random.nextBoolean() ? null : ids.get(random.nextInt(ids.size()))));
            default -> {
                String mutation = random.nextBoolean() ? "deleteCategory" : "restoreCategory";
                graphQL.run(editor, "mutation($id: ID!) { " + mutation + "(id: $id, cascade: true) { category { id } } }",
                        Map.of("id", target));
            }
        }
    }

    private static String create(GraphQLHarness graphQL, Caller editor, String name, String parentId) {
        GraphQLHarness.Response response = graphQL.run(editor, "mutation($n: String!, $p: ID) { createCategory(input: "
                + "{ name: $n, parentId: $p }) { category { id } } }", variables("n", name, "p", parentId));
        JsonNode id = response.at("/data/createCategory/category/id");
        return id.isTextual() ? id.asText() : null;
    }

    private static GraphQLHarness.Response rename(GraphQLHarness graphQL, Caller editor, String id, String name) {
        return graphQL.run(editor, "mutation($id: ID!, $n: String) { updateCategory(id: $id, input: { name: $n }) "
                + "{ category { id } } }", Map.of("id", id, "n", name));
    }

    private static Map<String, Object> variables(Object... pairs) {
        Map<String, Object> variables = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            variables.put((String) pairs[i], pairs[i + 1]);
        }
        return variables;
    }
}
