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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static com.awsinsight.categories.testing.GraphQLHarness.editor;
import static com.awsinsight.categories.testing.GraphQLHarness.viewer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Category queries answered with a kept result: when everything a query of trees, listings and lookups read came
 * from the organization's snapshot at a version, its bytes are kept with that snapshot and the same request at the
 * same version gets them without executing. That needs the snapshot in the process's cache (a whole tree puts it
 * there; a listing read from an index, eventually consistent, is never kept), on DynamoDB (dynalite) and in memory
 * alike. A read past the snapshot keeps a result out; every write any process makes is seen by the next listing,
 * and queries that cannot be kept cost what they did before (no read of the state item for a lookup by id in a
 * fresh process, nor once a state read has shown the process's snapshot outdated).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("dynalite")
class KeptResultTest {
    private static final String TREE = "{ categoryTree { id children { id } } }";
    private static final String PAGE = "query($after: String) { categories(first: 20, after: $after) { edges { node { id name "
            + "parentId isActive createdAt } } pageInfo { hasNextPage endCursor } } }";

    private final DynamoStore dynamo = Dynalite.get().newStore();
    private final String large = "org-kept-" + UUID.randomUUID();

    @BeforeAll
    void seed() {
        TreeFixtures.insert(dynamo, TreeFixtures.tree(large, 300, 3));
    }

    @Test
    void aRepeatedListingIsAnsweredFromTheSnapshotThenWithItsKeptBytes() {
        GraphQLHarness process = process(dynamo);
        Response fromIndex = process.serve(viewer(large), PAGE, Map.of());
        process.serve(viewer(large), TREE);

        Response fromSnapshot = process.serve(viewer(large), PAGE, Map.of());
        Response kept = process.serve(viewer(large), PAGE, Map.of());
        Response secondPage = process.serve(viewer(large), PAGE, Map.of("after", kept.text("/data/categories/pageInfo/endCursor")));
        Response secondPageAgain = process.serve(viewer(large), PAGE, Map.of("after", kept.text("/data/categories/pageInfo/endCursor")));

        assertEquals(fromIndex.json(), fromSnapshot.json(), "the snapshot lists what the index lists");
        assertFalse(fromSnapshot.resultFromCache());
        assertEquals(1, fromSnapshot.metrics().calls(), "the state item only: the page comes from the cached snapshot "
                + fromSnapshot.metrics().operations());
        assertTrue(kept.resultFromCache());
        assertEquals(fromSnapshot.json(), kept.json());
        assertEquals(1, kept.metrics().calls());
        assertTrue(kept.metrics().readUnits() <= 1, "read units " + kept.metrics().readUnits());
        assertNotEquals(kept.json(), secondPage.json(), "variables are part of the key");
        assertTrue(secondPageAgain.resultFromCache());
        assertEquals(secondPage.json(), secondPageAgain.json());
    }

    @Test
    void aSubtreeReadPastTheSnapshotIsNotKeptButOneAnsweredFromItIs() {
        GraphQLHarness process = process(dynamo);
        String subtree = "query($id: ID) { categoryTree(rootId: $id, maxDepth: 1) { id name children { id } } }";
        Map<String, Object> root = Map.of("id", "cat-00001");

        Response fromStore = process.serve(viewer(large), subtree, root);
        Response fromStoreAgain = process.serve(viewer(large), subtree, root);
        process.serve(viewer(large), TREE);
        Response fromSnapshot = process.serve(viewer(large), subtree, root);
        Response kept = process.serve(viewer(large), subtree, root);

        assertFalse(fromStoreAgain.resultFromCache(), "read by id and from ParentIndex: not a function of a snapshot");
        assertTrue(fromStoreAgain.metrics().operations().containsKey("BatchGetItem"), fromStoreAgain.metrics().operations().toString());
        assertEquals(fromStore.json(), fromSnapshot.json(), "the snapshot answers as the store does");
        assertEquals(Map.of("GetItem", 1), fromSnapshot.metrics().operations(), "the state item, then the snapshot");
        assertTrue(kept.resultFromCache());
        assertEquals(fromSnapshot.json(), kept.json());
    }

    @Test
    void onceTheStateItemIsReadOtherListingsAndLookupsUseTheCachedSnapshotToo() {
        GraphQLHarness process = process(dynamo);
        process.serve(viewer(large), TREE);
        String breadcrumbs = "{ categories(first: 50, orderBy: CREATED_AT_DESC) { edges { node { id ancestors { id name } } } } }";
        String lookup = "{ category(id: \"cat-00042\") { id name parent { id } } }";

        Response crumbs = process.serve(viewer(large), breadcrumbs);
        Response crumbsAgain = process.serve(viewer(large), breadcrumbs);
        Response one = process.serve(viewer(large), lookup);
        Response oneAgain = process.serve(viewer(large), lookup);
        Response crumbsFresh = process(dynamo).serve(viewer(large), breadcrumbs);
        Response oneFresh = process(dynamo).serve(viewer(large), lookup);

        assertEquals(crumbsFresh.json(), crumbs.json(), "the snapshot answers as the indexes do");
        assertEquals(1, crumbs.metrics().calls(), "the state item only: " + crumbs.metrics().operations());
        assertTrue(crumbsAgain.resultFromCache());
        assertEquals(oneFresh.json(), one.json());
        assertEquals(1, one.metrics().calls(), "the state item only: " + one.metrics().operations());
        assertTrue(oneAgain.resultFromCache());
    }

    @Test
    void aListingReadFromAnIndexIsNeverKept() {
        GraphQLHarness process = process(dynamo);

        Response first = process.serve(viewer(large), PAGE, Map.of());
        Response second = process.serve(viewer(large), PAGE, Map.of());

        assertFalse(second.resultFromCache(), "NameKeyIndex is eventually consistent: its pages are not kept");
        assertEquals(first.json(), second.json());
        assertEquals(2, second.metrics().calls(), "the state item and one index page");
    }

    @Test
    void anEmptyIndexPageKeepsTheResultOutEvenWhenTheOrganizationIsReadLater() {
        String query = "{ categories(first: 5, filter: { parentId: \"cat-99999\" }) { edges { node { id } } totalCount } }";
        GraphQLHarness process = process(dynamo);

        Response first = process.serve(viewer(large), query);
        Response second = process.serve(viewer(large), query);

        assertEquals(0, first.at("/data/categories/edges").size());
        assertEquals(0, first.at("/data/categories/totalCount").asInt());
        assertTrue(first.metrics().operations().containsKey("Query"), "the page was read from an index: " + first.metrics().operations());
        assertFalse(second.resultFromCache(), "an index page, even an empty one, may lag behind the snapshot read after it");
    }

    @Test
    void aProcessWhoseSnapshotIsOutdatedStopsReadingTheStateItemForLookups() {
        GraphQLHarness reader = process(dynamo);
        GraphQLHarness writer = process(dynamo);
        String org = alphaReadBy(reader, writer);
        create(writer, org, "Beta");
        String id = reader.serve(viewer(org), PAGE, Map.of()).text("/data/categories/edges/0/node/id");
        String lookup = "query($id: ID!) { category(id: $id) { id name } }";

        Response lookedUp = reader.serve(viewer(org), lookup, Map.of("id", id));
        Response again = reader.serve(viewer(org), lookup, Map.of("id", id));

        assertEquals("Alpha", again.text("/data/category/name"));
        assertEquals(lookedUp.json(), again.json());
        assertEquals(Map.of("BatchGetItem", 1), again.metrics().operations(),
                "the listing's state read showed the snapshot outdated: a lookup reads what it did before the cache");
    }

    @Test
    void queriesThatCannotBeKeptDoNotReadTheStateItemForIt() {
        GraphQLHarness process = process(dynamo);
        process.serve(viewer(large), TREE);

        Response byId = process(dynamo).serve(viewer(large), "{ category(id: \"cat-00001\") { id name } }");
        Response byCreation = process(dynamo).serve(viewer(large),
                "{ categories(first: 5, orderBy: CREATED_AT_ASC) { edges { node { id } } } }");
        Response withTemplates = process.serve(viewer(large), "{ categories(first: 5) { edges { node { id } } } "
                + "templates(first: 1) { edges { node { id } } } }");
        Response withTemplatesAgain = process.serve(viewer(large), "{ categories(first: 5) { edges { node { id } } } "
                + "templates(first: 1) { edges { node { id } } } }");

        assertEquals("cat-00001", byId.text("/data/category/id"));
        assertEquals(1, byId.metrics().calls(), "a lookup by id in a fresh process: one read, no state item");
        assertEquals(5, byCreation.at("/data/categories/edges").size());
        assertFalse(byCreation.metrics().operations().containsKey("GetItem"), "CreatedAtIndex and its items, no state item: "
                + byCreation.metrics().operations());
        assertFalse(withTemplatesAgain.resultFromCache(), "templates have no organization version: never kept");
        assertEquals(withTemplates.json(), withTemplatesAgain.json());
    }

    @Test
    void everyWriteOfAnyProcessIsSeenByTheNextListing() {
        GraphQLHarness reader = process(dynamo);
        GraphQLHarness writer = process(dynamo);
        String org = alphaReadBy(reader, writer);
        Response before = reader.serve(viewer(org), PAGE, Map.of());
        assertTrue(reader.serve(viewer(org), PAGE, Map.of()).resultFromCache());

        create(writer, org, "Beta");
        reader.serve(viewer(org), TREE);
        Response after = reader.serve(viewer(org), PAGE, Map.of());

        assertFalse(after.resultFromCache());
        assertEquals(1, before.at("/data/categories/edges").size());
        assertEquals("Beta", after.text("/data/categories/edges/1/node/name"));
    }

    @Test
    void inMemoryListingsAreKeptOnceTheTreeIsCachedUntilTheNextWriteButLookupsByNameNever() {
        String org = "org-" + UUID.randomUUID();
        InMemoryStore memory = new InMemoryStore();
        GraphQLHarness process = process(memory);
        GraphQLHarness other = process(memory);
        create(process, org, "Alpha");
        process.serve(viewer(org), TREE);
        String byName = "{ categoryByName(name: \"alpha\") { id name } }";

        Response first = process.serve(viewer(org), PAGE, Map.of());
        Response second = process.serve(viewer(org), PAGE, Map.of());
        Response named = process.serve(viewer(org), byName);
        Response namedAgain = process.serve(viewer(org), byName);
        create(other, org, "Beta");
        process.serve(viewer(org), TREE);
        Response afterWrite = process.serve(viewer(org), PAGE, Map.of());

        assertFalse(first.resultFromCache());
        assertTrue(second.resultFromCache());
        assertEquals(first.json(), second.json());
        assertFalse(namedAgain.resultFromCache(), "a lookup by name reads the name's claim, outside the snapshot");
        assertEquals("Alpha", namedAgain.text("/data/categoryByName/name"));
        assertEquals(named.json(), namedAgain.json());
        assertFalse(afterWrite.resultFromCache());
        assertEquals(2, afterWrite.at("/data/categories/edges").size(), afterWrite.json().toString());
    }

    @Test
    void anOrganizationKeeps32ResultsTheLeastRecentlyUsedOut() {
        String org = "org-" + UUID.randomUUID();
        InMemoryStore memory = new InMemoryStore();
        GraphQLHarness process = process(memory);
        create(process, org, "Alpha");
        process.serve(viewer(org), TREE);
        String page = "query($n: Int) { categories(first: $n) { edges { node { id } } } }";
        for (int n = 1; n <= 33; n++) {
            assertFalse(process.serve(viewer(org), page, Map.of("n", n)).resultFromCache());
        }

        Response newest = process.serve(viewer(org), page, Map.of("n", 33));
        Response oldest = process.serve(viewer(org), page, Map.of("n", 1));
        Response second = process.serve(viewer(org), page, Map.of("n", 3));

        assertTrue(newest.resultFromCache());
        assertFalse(oldest.resultFromCache(), "the 33rd result pushed the least recently used one out");
        assertTrue(second.resultFromCache());
    }

    @Test
    void keptBytesBelongToTheirRendering() {
        String org = "org-" + UUID.randomUUID();
        InMemoryStore memory = new InMemoryStore();
        create(process(memory), org, "Alpha");
        GraphQLEngine engine = GraphQLHarness.engine(memory, QueryLimits.DEFAULT);
        engine.respond(new GraphQLRequest(TREE, null, Map.of()), viewer(org), "r0", result -> Json.write(result.toSpecification()));
        GraphQLRequest list = new GraphQLRequest("{ categories(first: 5) { edges { node { name } } } }", null, Map.of());
        Function<ExecutionResult, String> names = result -> "names: " + result.getData().toString();

        GraphQLEngine.Response rendered = engine.respond(list, viewer(org), "r1", FieldNaming.GRAPHQL, "names", names);
        GraphQLEngine.Response renderedAgain = engine.respond(list, viewer(org), "r2", FieldNaming.GRAPHQL, "names", names);
        GraphQLEngine.Response graphQL = engine.respond(list, viewer(org), "r3", result -> Json.write(result.toSpecification()));
        GraphQLEngine.Response graphQLAgain = engine.respond(list, viewer(org), "r4", result -> Json.write(result.toSpecification()));

        assertFalse(rendered.cached());
        assertTrue(renderedAgain.cached());
        assertEquals(rendered.body(), renderedAgain.body());
        assertFalse(graphQL.cached(), "the same request rendered otherwise has its own key");
        assertEquals("{\"data\":{\"categories\":{\"edges\":[{\"node\":{\"name\":\"Alpha\"}}]}}}", graphQL.body().replaceAll(",\"extensions\".*$", "}"));
        assertTrue(graphQLAgain.cached());
        assertEquals(graphQL.body(), graphQLAgain.body());
    }

    /** A new organization holding "Alpha", written by {@code writer}, whose tree {@code reader} has read (and cached). */
    private static String alphaReadBy(GraphQLHarness reader, GraphQLHarness writer) {
        String org = "org-" + UUID.randomUUID();
        create(writer, org, "Alpha");
        reader.serve(viewer(org), TREE);
        return org;
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
