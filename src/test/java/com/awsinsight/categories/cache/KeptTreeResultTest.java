package com.awsinsight.categories.cache;

import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.graphql.GraphQLEngine;
import com.awsinsight.categories.graphql.GraphQLRequest;
import com.awsinsight.categories.graphql.QueryLimits;
import com.awsinsight.categories.graphql.context.FieldNaming;
import com.awsinsight.categories.services.CategoryApplication;
import com.awsinsight.categories.store.dynamodb.DynamoStore;
import com.awsinsight.categories.store.memory.InMemoryStore;
import com.awsinsight.categories.testing.Dynalite;
import com.awsinsight.categories.testing.GraphQLHarness;
import com.awsinsight.categories.testing.GraphQLHarness.Response;
import com.awsinsight.categories.testing.TreeFixtures;
import graphql.ExecutionResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Tag;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static com.awsinsight.categories.testing.GraphQLHarness.editor;
import static com.awsinsight.categories.testing.GraphQLHarness.viewer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole trees answered with a kept result: when everything a tree query read came from the organization's snapshot
 * (a tree that nests {@code children} reads the whole organization, which puts the snapshot in the process's cache)
 * at a version, its bytes are kept with that snapshot and the same request at the same version gets them without
 * executing. Listings and lookups are never kept (they cost the same calls either way), but once a request has read
 * the state item and the process's snapshot is current, they are answered from that snapshot too. A read past the
 * snapshot (by id, from an index) keeps a tree's result out; every write of any process is seen by the next request.
 */
@Tag("dynalite")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeptTreeResultTest {
    private static final String TREE = "{ categoryTree { id children { id } } }";
    private static final String SUBTREE = "query($id: ID) { categoryTree(rootId: $id, maxDepth: 1) { id name children { id } } }";
    private static final String PAGE = "query($after: String) { categories(first: 20, after: $after) { edges { node { id name "
            + "parentId isActive createdAt } } pageInfo { hasNextPage endCursor } } }";

    private final DynamoStore dynamo = Dynalite.get().newStore();
    private final String large = "org-kept-" + UUID.randomUUID();

    @BeforeAll
    void seed() {
        TreeFixtures.insert(dynamo, TreeFixtures.tree(large, 300, 3));
    }

    @Test
    void aRepeatedTreeIsAnsweredWithItsKeptBytesForTheStateItemOnly() {
        GraphQLHarness process = process(dynamo);

        Response first = process.serve(viewer(large), TREE);
        Response again = process.serve(viewer(large), TREE);

        assertFalse(first.resultFromCache());
        assertTrue(again.resultFromCache());
        assertEquals(first.json(), again.json());
        assertEquals(Map.of("GetItem", 1), again.metrics().operations(), "the state item only");
        assertTrue(again.metrics().readUnits() <= 1, "read units " + again.metrics().readUnits());
    }

    @Test
    void aSubtreeReadPastTheSnapshotIsNotKeptButOneAnsweredFromItIs() {
        GraphQLHarness process = process(dynamo);
        Map<String, Object> root = Map.of("id", "cat-00001");

        Response fromStore = process.serve(viewer(large), SUBTREE, root);
        Response fromStoreAgain = process.serve(viewer(large), SUBTREE, root);
        process.serve(viewer(large), TREE);
        Response fromSnapshot = process.serve(viewer(large), SUBTREE, root);
        Response kept = process.serve(viewer(large), SUBTREE, root);

        assertFalse(fromStoreAgain.resultFromCache(), "read by id and from ParentIndex: not a function of a snapshot");
        assertTrue(fromStoreAgain.metrics().operations().containsKey("BatchGetItem"), fromStoreAgain.metrics().operations().toString());
        assertEquals(fromStore.json(), fromSnapshot.json(), "the snapshot answers as the store does");
        assertEquals(Map.of("GetItem", 1), fromSnapshot.metrics().operations(), "the state item, then the snapshot");
        assertTrue(kept.resultFromCache());
        assertEquals(fromSnapshot.json(), kept.json());
    }

    @Test
    void listingsAndLookupsAreNeverKeptButUseTheSnapshotOnceTheStateItemIsRead() {
        GraphQLHarness process = process(dynamo);
        process.serve(viewer(large), TREE);
        String lookup = "{ category(id: \"cat-00042\") { id name parent { id } } }";

        Response page = process.serve(viewer(large), PAGE, Map.of());
        Response pageAgain = process.serve(viewer(large), PAGE, Map.of());
        Response one = process.serve(viewer(large), lookup);
        Response pageFresh = process(dynamo).serve(viewer(large), PAGE, Map.of());
        Response oneFresh = process(dynamo).serve(viewer(large), lookup);

        assertFalse(pageAgain.resultFromCache());
        assertEquals(pageFresh.json(), page.json(), "the snapshot lists what the index lists");
        assertEquals(page.json(), pageAgain.json());
        assertEquals(Map.of("GetItem", 1), pageAgain.metrics().operations(),
                "a name-order listing reads the state item (is the organization indexed?), then the snapshot");
        assertFalse(one.resultFromCache());
        assertEquals(oneFresh.json(), one.json());
        assertEquals(Map.of("BatchGetItem", 2), one.metrics().operations(),
                "a lookup needs no state item: the category, then its parent, by id");
    }

    @Test
    void aListingWithoutTheTreeReadsTheStateItemAndOneIndexPage() {
        GraphQLHarness process = process(dynamo);

        Response first = process.serve(viewer(large), PAGE, Map.of());
        Response second = process.serve(viewer(large), PAGE, Map.of());

        assertFalse(second.resultFromCache());
        assertEquals(first.json(), second.json());
        assertEquals(Map.of("GetItem", 1, "Query", 1), second.metrics().operations());
    }

    @Test
    void aQueryWithAnythingButTreesIsNeverKept() {
        GraphQLHarness process = process(dynamo);
        String treeAndTemplates = "{ categoryTree { id } templates(first: 1) { edges { node { id } } } }";

        process.serve(viewer(large), TREE);
        Response first = process.serve(viewer(large), treeAndTemplates);
        Response second = process.serve(viewer(large), treeAndTemplates);

        assertFalse(second.resultFromCache(), "templates have no organization version");
        assertEquals(first.json(), second.json());
    }

    @Test
    void everyWriteOfAnyProcessIsSeenByTheNextTree() {
        GraphQLHarness reader = process(dynamo);
        GraphQLHarness writer = process(dynamo);
        String org = "org-" + UUID.randomUUID();
        create(writer, org, "Alpha");
        reader.serve(viewer(org), TREE);
        assertTrue(reader.serve(viewer(org), TREE).resultFromCache());

        create(writer, org, "Beta");
        Response after = reader.serve(viewer(org), TREE);

        assertFalse(after.resultFromCache());
        assertEquals(2, after.at("/data/categoryTree").size(), after.json().toString());
    }

    @Test
    void inMemoryTreesAreKeptUntilTheNextWriteButListingsNever() {
        String org = "org-" + UUID.randomUUID();
        InMemoryStore memory = new InMemoryStore();
        GraphQLHarness process = process(memory);
        GraphQLHarness other = process(memory);
        create(process, org, "Alpha");

        Response tree = process.serve(viewer(org), TREE);
        Response treeAgain = process.serve(viewer(org), TREE);
        Response page = process.serve(viewer(org), PAGE, Map.of());
        Response pageAgain = process.serve(viewer(org), PAGE, Map.of());
        create(other, org, "Beta");
        Response afterWrite = process.serve(viewer(org), TREE);

        assertFalse(tree.resultFromCache());
        assertTrue(treeAgain.resultFromCache());
        assertEquals(tree.json(), treeAgain.json());
        assertFalse(pageAgain.resultFromCache());
        assertEquals(page.json(), pageAgain.json());
        assertFalse(afterWrite.resultFromCache());
        assertEquals(2, afterWrite.at("/data/categoryTree").size(), afterWrite.json().toString());
    }

    @Test
    void anOrganizationKeeps32ResultsTheLeastRecentlyUsedOut() {
        String org = "org-" + UUID.randomUUID();
        InMemoryStore memory = new InMemoryStore();
        GraphQLHarness process = process(memory);
        create(process, org, "Alpha");
        String aliased = "query($n: Int) { categoryTree(maxDepth: $n) { id children { id } } }";
        for (int n = 1; n <= 20; n++) {
            assertFalse(process.serve(viewer(org), aliased, Map.of("n", n)).resultFromCache());
        }
        for (int n = 0; n < 13; n++) {
            assertFalse(process.serve(viewer(org), "{ categoryTree { id children { id }" + " name".repeat(n + 1) + " } }").resultFromCache());
        }

        Response newest = process.serve(viewer(org), "{ categoryTree { id children { id }" + " name".repeat(13) + " } }");
        Response oldest = process.serve(viewer(org), aliased, Map.of("n", 1));
        Response third = process.serve(viewer(org), aliased, Map.of("n", 3));

        assertTrue(newest.resultFromCache());
        assertFalse(oldest.resultFromCache(), "the 33rd result pushed the least recently used one out");
        assertTrue(third.resultFromCache());
    }

    @Test
    void keptBytesBelongToTheirRendering() {
        String org = "org-" + UUID.randomUUID();
        InMemoryStore memory = new InMemoryStore();
        create(process(memory), org, "Alpha");
        GraphQLEngine engine = GraphQLHarness.engine(memory, QueryLimits.DEFAULT);
        GraphQLRequest tree = new GraphQLRequest("{ categoryTree { name children { name } } }", null, Map.of());
        Function<ExecutionResult, String> names = result -> "names: " + result.getData().toString();

        GraphQLEngine.Response rendered = engine.respond(tree, viewer(org), "r1", FieldNaming.GRAPHQL, "names", names);
        GraphQLEngine.Response renderedAgain = engine.respond(tree, viewer(org), "r2", FieldNaming.GRAPHQL, "names", names);
        GraphQLEngine.Response graphQL = engine.respond(tree, viewer(org), "r3", result -> Json.write(result.toSpecification()));
        GraphQLEngine.Response graphQLAgain = engine.respond(tree, viewer(org), "r4", result -> Json.write(result.toSpecification()));

        assertFalse(rendered.cached());
        assertTrue(renderedAgain.cached());
        assertEquals(rendered.body(), renderedAgain.body());
        assertFalse(graphQL.cached(), "the same request rendered otherwise has its own key");
        assertEquals("{\"data\":{\"categoryTree\":[{\"name\":\"Alpha\",\"children\":[]}]}}", graphQL.body().replaceAll(",\"extensions\".*$", "}"));
        assertTrue(graphQLAgain.cached());
        assertEquals(graphQL.body(), graphQLAgain.body());
    }

    private static GraphQLHarness process(Store store) {
        return new GraphQLHarness(new CategoryApplication(store, Clock.systemUTC()));
    }

    private static void create(GraphQLHarness process, String org, String name) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("n", name);
        Response created = process.run(editor(org), "mutation($n: String!) { createCategory(input: { name: $n }) "
                + "{ category { id } userErrors { message } } }", variables);
        assertEquals(0, created.at("/data/createCategory/userErrors").size(), created.json().toString());
    }
}
