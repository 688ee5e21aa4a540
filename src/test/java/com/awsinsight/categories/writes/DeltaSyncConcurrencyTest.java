package com.awsinsight.categories.writes;

import com.awsinsight.categories.domain.Caller;
import com.awsinsight.categories.domain.Category;
import com.awsinsight.categories.domain.CategoryRepository;
import com.awsinsight.categories.domain.ChangePage;
import com.awsinsight.categories.domain.CategoryQuery;
import com.awsinsight.categories.domain.Position;
import com.awsinsight.categories.domain.Slice;
import com.awsinsight.categories.domain.Store;
import com.awsinsight.categories.domain.StoreMetrics;
import com.awsinsight.categories.graphql.GraphQLEngine;
import com.awsinsight.categories.graphql.QueryLimits;
import com.awsinsight.categories.graphql.SchemaFactory;
import com.awsinsight.categories.observability.JsonLog;
import com.awsinsight.categories.services.CategoryApplication;
import com.awsinsight.categories.services.OrganizationCache;
import com.awsinsight.categories.services.WriteTimings;
import com.awsinsight.categories.testing.DelegatingStore;
import com.awsinsight.categories.testing.Dynalite;
import com.awsinsight.categories.testing.GraphQLHarness;
import com.awsinsight.categories.testing.SyncClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
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
 * between its stamp and its write, lets another writer's change land, takes a token, then releases the rename;
 * the next sync must deliver it, and the client's tree must equal a fresh {@code categoryTree}. The same run with
 * no settle window misses the rename, which shows what the window is for (and that this test can fail). A second
 * test runs writers and a polling client side by side and compares the trees once the writers stop.
 *
 * <p>Long on purpose: both tests share the holding store, the syncing client that applies changes by id and the
 * tree comparison below; split, each half would carry its own copy of them.
 */
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
        HoldingStore store = new HoldingStore(dynamo);
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

        store.hold(a);
        CompletableFuture<GraphQLHarness.Response> held = CompletableFuture.supplyAsync(() -> rename(graphQL, editor, a, "A renamed"));
        assertTrue(store.awaitHeld(), "the rename of A reached its write");
        rename(graphQL, editor, b, "B renamed");
        client.sync();
        store.release();
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

    /** A store whose category writes of one id wait, once armed, until released: a write in flight. */
    private static final class HoldingStore extends DelegatingStore {
        private volatile String heldId;
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        HoldingStore(Store target) {
            super(target);
        }

        void hold(String id) {
            heldId = id;
        }

        boolean awaitHeld() throws InterruptedException {
            return reached.await(20, TimeUnit.SECONDS);
        }

        void release() {
            released.countDown();
        }

        @Override
        public CategoryRepository categories(String organizationId, StoreMetrics metrics) {
            CategoryRepository repository = target.categories(organizationId, metrics);
            return new CategoryRepository() {
                @Override
                public String organizationId() {
                    return repository.organizationId();
                }

                @Override
                public Map<String, Category> findByIds(Collection<String> ids) {
                    return repository.findByIds(ids);
                }

                @Override
                public Map<String, List<Category>> findChildren(Collection<String> parentIds) {
                    return repository.findChildren(parentIds);
                }

                @Override
                public List<Category> findAll() {
                    return repository.findAll();
                }

                @Override
                public List<Category> findByNameKey(String nameKey) {
                    return repository.findByNameKey(nameKey);
                }

                @Override
                public Optional<Slice<Category>> list(CategoryQuery query, Position after, int limit, int maxRead) {
                    return repository.list(query, after, limit, maxRead);
                }

                @Override
                public ChangePage pageById(String afterId, int limit) {
                    return repository.pageById(afterId, limit);
                }

                @Override
                public ChangePage changedAfter(Position after, int limit) {
                    return repository.changedAfter(after, limit);
                }

                @Override
                public void insert(Category category) {
                    repository.insert(category);
                }

                @Override
                public void replace(Category category, long expectedVersion) {
                    if (category.id().equals(heldId)) {
                        heldId = null;
                        reached.countDown();
                        try {
                            released.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    repository.replace(category, expectedVersion);
                }

                @Override
                public void insertAll(List<Category> categories) {
                    repository.insertAll(categories);
                }
            };
        }
    }
}
