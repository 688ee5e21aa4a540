package com.awsinsight.categories.cache;

import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.services.CategoryApplication;
import com.awsinsight.categories.services.read.OrganizationCache;
import com.awsinsight.categories.store.dynamodb.DynamoStore;
import com.awsinsight.categories.testing.DataShape;
import com.awsinsight.categories.testing.Dynalite;
import com.awsinsight.categories.testing.GraphQLHarness;
import com.awsinsight.categories.testing.GraphQLHarness.Response;
import com.awsinsight.categories.testing.NodeService;
import com.awsinsight.categories.testing.PausingStore;
import com.awsinsight.categories.testing.TreeFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.awsinsight.categories.testing.Categories.category;
import static com.awsinsight.categories.testing.GraphQLHarness.editor;
import static com.awsinsight.categories.testing.GraphQLHarness.viewer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The process's organization cache on DynamoDB (dynalite), through the GraphQL API: a whole tree read again
 * while nothing changed costs one strongly consistent read of the organization's state item instead of its
 * partition; every kind of write is seen by the next read; organizations the Node service may still write
 * are never cached.
 */
@Tag("dynalite")
@Tag("node")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WholeTreeCacheTest {
    private static final String TREE = "{ categoryTree { id name childCount children { id name childCount "
            + "children { id name children { id name path } } } } }";
    private static final String OTHER_TREE = "{ categoryTree { name children { name depth } } }";

    private final DynamoStore store = Dynalite.get().newStore();
    private final String large = "org-large-" + UUID.randomUUID();

    @BeforeAll
    void seed() {
        TreeFixtures.insert(store, TreeFixtures.tree(large, 2000, 5));
    }

    @Test
    void aRepeatedWholeTreeOfAnUnchangedOrganizationReadsOnlyItsStateItem() {
        GraphQLHarness process = new GraphQLHarness(store);

        Response first = process.run(viewer(large), TREE);
        Response second = process.run(viewer(large), TREE);
        Response other = process.run(viewer(large), OTHER_TREE);

        assertTrue(first.metrics().consumedCapacity() > 20, "the first read pays the partition: " + first.metrics().consumedCapacity());
        assertEquals(first.json(), second.json());
        assertEquals(1, second.metrics().calls(), "one read of the state item");
        assertTrue(second.metrics().consumedCapacity() <= 2, "read units " + second.metrics().consumedCapacity());
        assertEquals(1, other.metrics().calls(), "another whole-tree query is answered from the same snapshot");
        assertTrue(other.metrics().consumedCapacity() <= 2, "read units " + other.metrics().consumedCapacity());
    }

    @Test
    void theSameWholeTreeRequestIsAnsweredWithTheBytesOfTheLastOne() {
        GraphQLHarness process = new GraphQLHarness(new CategoryApplication(store, Clock.systemUTC()));

        Response first = process.serve(viewer(large), TREE);
        Response second = process.serve(viewer(large), TREE);
        Response withRoot = process.serve(viewer(large), "query($id: ID) { categoryTree(rootId: $id) { id name } }",
                Map.of("id", "cat-00000"));

        assertFalse(first.resultFromCache());
        assertTrue(second.resultFromCache());
        assertEquals(first.json(), second.json());
        assertEquals(1, second.metrics().calls());
        assertTrue(second.metrics().readUnits() <= 2, "read units " + second.metrics().readUnits());
        assertEquals(0, second.metrics().writeUnits());
        assertFalse(withRoot.resultFromCache(), "a subtree is not a whole tree");
        assertEquals("cat-00000", withRoot.text("/data/categoryTree/0/id"));
    }

    @Test
    void everyKindOfWriteIsSeenByTheNextRead() {
        String org = "org-" + UUID.randomUUID();
        GraphQLHarness process = new GraphQLHarness(new CategoryApplication(store, Clock.systemUTC()));
        String root = create(process, org, "Root", null);
        String child = create(process, org, "Child", root);
        String other = create(process, org, "Other", null);
        JsonNode before = warm(process, org);

        create(process, org, "New root", null);
        JsonNode afterRootCreate = changed(process, org, before);
        create(process, org, "Grandchild", child);
        JsonNode afterCreate = changed(process, org, afterRootCreate);
        process.run(editor(org), "mutation($id: ID!) { updateCategory(id: $id, input: { name: \"Renamed\" }) { category { id } } }",
                Map.of("id", child));
        JsonNode afterRename = changed(process, org, afterCreate);
        process.run(editor(org), "mutation($id: ID!, $p: ID) { moveCategory(id: $id, newParentId: $p) { category { id } } }",
                Map.of("id", child, "p", other));
        JsonNode afterMove = changed(process, org, afterRename);
        process.run(editor(org), "mutation($id: ID!) { deleteCategory(id: $id, cascade: true) { category { id } } }",
                Map.of("id", other));
        JsonNode afterDelete = changed(process, org, afterMove);
        process.run(editor(org), "mutation($id: ID!) { restoreCategory(id: $id, cascade: true) { category { id } } }",
                Map.of("id", other));
        JsonNode afterRestore = changed(process, org, afterDelete);

        assertEquals(fresh(org), afterRestore);
        assertTrue(afterRestore.toString().contains("Renamed") && afterRestore.toString().contains("Grandchild"), afterRestore.toString());
    }

    /**
     * A process reads the tree while another process's write is in flight (registered, its category write not
     * landed yet): that read may not be kept, so once the write has ended the next read shows it. One case per
     * kind of hold: an adding write (create under a parent), an editing write (rename), the structural lease
     * (cascade delete).
     */
    @ParameterizedTest
    @ValueSource(strings = {"create under a parent", "rename", "cascade delete"})
    void aReadDuringAWriteIsNeverKeptPastIt(String write) throws Exception {
        String org = "org-" + UUID.randomUUID();
        PausingStore pausing = new PausingStore(store);
        GraphQLHarness writer = new GraphQLHarness(new CategoryApplication(pausing, Clock.systemUTC()));
        GraphQLHarness reader = new GraphQLHarness(new CategoryApplication(store, Clock.systemUTC()));
        String root = create(writer, org, "Root", null);
        String leaf = create(writer, org, "Leaf", root);
        warm(reader, org);
        PausingStore.Pause held;
        String mutation;
        Map<String, Object> variables;
        switch (write) {
            case "create under a parent" -> {
                held = pausing.pauseAt("insert", args -> ((Category) args[0]).name().equals("In flight"));
                mutation = "mutation($p: ID) { createCategory(input: { name: \"In flight\", parentId: $p }) { category { id } } }";
                variables = Map.of("p", root);
            }
            case "rename" -> {
                held = pausing.pauseAt("update", args -> ((Category) args[1]).name().equals("In flight"));
                mutation = "mutation($id: ID!) { updateCategory(id: $id, input: { name: \"In flight\" }) { category { id } } }";
                variables = Map.of("id", leaf);
            }
            default -> {
                held = pausing.pauseAt("update", args -> ((Category) args[1]).id().equals(root));
                mutation = "mutation($id: ID!) { deleteCategory(id: $id, cascade: true) { category { id } } }";
                variables = Map.of("id", root);
            }
        }
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Future<Response> writing = background.submit(() -> writer.run(editor(org), mutation, variables));
            held.awaitReached();
            Response during = reader.serve(viewer(org), TREE);
            Response duringAgain = reader.serve(viewer(org), TREE);
            held.release();
            assertEquals(null, writing.get().json().get("errors"), writing.get().json().toString());
            Response after = reader.serve(viewer(org), TREE);

            assertFalse(during.resultFromCache(), write);
            assertFalse(duringAgain.resultFromCache(), write + ": nothing read during a write is kept");
            assertNotEquals(during.json(), after.json(), write + ": the write shows once it has ended");
            assertEquals(fresh(org), after.json());
        } finally {
            background.shutdownNow();
        }
    }

    @Test
    void organizationsTheNodeServiceMayStillWriteAreNeverCached() {
        String org = "org-node-" + UUID.randomUUID();
        Instant at = Instant.parse("2024-01-15T10:30:00Z");
        DataShape.NODE_SERVICE.write(store, List.of(category(org, "cat-a").named("Alpha").at(at).by("node").asNodeServiceWroteIt().build()));
        GraphQLHarness process = new GraphQLHarness(new CategoryApplication(store, Clock.systemUTC()));

        Response first = process.serve(viewer(org), TREE);
        NodeService.put(store.categoriesTable(), List.of(category(org, "cat-b").named("Beta").at(at).by("node").asNodeServiceWroteIt().build()));
        Response second = process.serve(viewer(org), TREE);

        assertEquals(1, first.at("/data/categoryTree").size());
        assertFalse(second.resultFromCache());
        assertTrue(second.metrics().calls() >= 2, "the partition is read again");
        assertEquals(2, second.at("/data/categoryTree").size(), second.json().toString());
    }

    @Test
    void clearingTheIndexMarkForARollbackStopsTheCacheBeforeTheNodeServiceWrites() {
        String org = "org-" + UUID.randomUUID();
        GraphQLHarness process = new GraphQLHarness(new CategoryApplication(store, Clock.systemUTC()));
        create(process, org, "Alpha", null);
        warm(process, org);

        store.coordination(org, new StoreMetrics()).clearIndexed();
        Instant at = Instant.parse("2024-01-15T10:30:00Z");
        NodeService.put(store.categoriesTable(), List.of(category(org, "cat-node").named("Written by Node").at(at)
                .by("node").asNodeServiceWroteIt().build()));
        Response after = process.serve(viewer(org), TREE);

        assertFalse(after.resultFromCache());
        assertEquals(2, after.at("/data/categoryTree").size(), after.json().toString());
    }

    /** Reads the tree twice, the second time from the cache; returns it. */
    private static JsonNode warm(GraphQLHarness process, String org) {
        JsonNode tree = process.serve(viewer(org), TREE).json();
        Response again = process.serve(viewer(org), TREE);
        assertTrue(again.resultFromCache());
        return tree;
    }

    /** The next tree read differs from {@code before} and equals a read without any cache; then it is cached again. */
    private JsonNode changed(GraphQLHarness process, String org, JsonNode before) {
        Response read = process.serve(viewer(org), TREE);
        assertFalse(read.resultFromCache());
        assertNotEquals(before, read.json());
        assertEquals(fresh(org), read.json());
        return warm(process, org);
    }

    private JsonNode fresh(String org) {
        return new GraphQLHarness(new CategoryApplication(store, Clock.systemUTC(), new OrganizationCache(0)))
                .serve(viewer(org), TREE).json();
    }

    private static String create(GraphQLHarness process, String org, String name, String parentId) {
        Map<String, Object> variables = new java.util.HashMap<>();
        variables.put("n", name);
        variables.put("p", parentId);
        Response created = process.run(editor(org), "mutation($n: String!, $p: ID) { createCategory(input: { name: $n, parentId: $p }) "
                + "{ category { id } userErrors { message } } }", variables);
        assertEquals(0, created.at("/data/createCategory/userErrors").size(), created.json().toString());
        return created.text("/data/createCategory/category/id");
    }
}
