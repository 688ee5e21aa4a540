package com.awsinsight.categories.graphql;

import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.store.dynamodb.DynamoStore;
import com.awsinsight.categories.testing.Dynalite;
import com.awsinsight.categories.testing.GraphQLHarness;
import com.awsinsight.categories.testing.GraphQLHarness.Response;
import com.awsinsight.categories.testing.TreeFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Tag;

import java.util.List;
import java.util.Map;

import static com.awsinsight.categories.testing.GraphQLHarness.editor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The batching budgets of the core issue, asserted as DynamoDB call counts (never times) against the
 * real wire protocol: an organization of 1,000 categories, 5 levels deep.
 */
@Tag("dynalite")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchingBudgetTest {
    private static final String ORG = "budget-org";
    private static final int SIZE = 1000;
    private static final String WHOLE_TREE = """
            { categoryTree { id name childCount depth path
                children { id name childCount depth path parent { name }
                  children { id name childCount depth
                    children { id name childCount ancestors { name }
                      children { id name childCount depth path } } } } } }""";

    private DynamoStore store;
    private List<Category> categories;
    private int organizationPages;

    @BeforeAll
    void seed() {
        store = Dynalite.get().newStore();
        categories = TreeFixtures.tree(ORG, SIZE, 5);
        TreeFixtures.insert(store, categories);
        organizationPages = Dynalite.get().organizationPages(store, ORG);
    }

    @Test
    void wholeTreeCostsThePagesOfTheOrganizationAndNoPerNodeCalls() {
        Response response = new GraphQLHarness(store).run(editor(ORG), WHOLE_TREE);

        assertTrue(response.json().path("errors").isMissingNode(), response.json().toString());
        assertEquals(SIZE, countNodes(response.at("/data/categoryTree")));
        int budget = organizationPages + 2;
        assertTrue(response.metrics().roundTrips() <= budget,
                "round trips " + response.metrics().roundTrips() + " > budget " + budget);
        assertTrue(response.metrics().calls() <= budget, "calls " + response.metrics().calls() + " > budget " + budget);
    }

    @Test
    void withoutBatchingTheSameQueryCostsACallPerNode() {
        Response batched = new GraphQLHarness(store).run(editor(ORG), WHOLE_TREE);
        Response unbatched = new GraphQLHarness(store, false).run(editor(ORG), WHOLE_TREE);

        assertEquals(batched.json(), unbatched.json());
        assertTrue(unbatched.metrics().calls() >= SIZE, "unbatched calls " + unbatched.metrics().calls());
    }

    @Test
    void aPageOfOneHundredWithParentsCostsOneBatchedRoundTripForTheParents() {
        GraphQLHarness graphQL = new GraphQLHarness(store);
        String page = "{ categories(first: 100, orderBy: CREATED_AT_DESC) { edges { node { name %s } } } }";

        Response without = graphQL.run(editor(ORG), page.formatted(""));
        Response with = graphQL.run(editor(ORG), page.formatted("parent { name }"));

        assertEquals(100, with.at("/data/categories/edges").size());
        assertTrue(with.at("/data/categories/edges/0/node/parent/name").asText().startsWith("Node 3-"));
        assertEquals(without.metrics().roundTrips() + 1, with.metrics().roundTrips());
        assertEquals(without.metrics().calls() + 1, with.metrics().calls());
    }

    @Test
    void breadcrumbsOfFiftyNodesCostOneBatchedRoundTripPerLevel() {
        GraphQLHarness graphQL = new GraphQLHarness(store);
        String page = "{ categories(first: 50, orderBy: CREATED_AT_DESC) { edges { node { name %s } } } }";

        Response without = graphQL.run(editor(ORG), page.formatted(""));
        Response with = graphQL.run(editor(ORG), page.formatted("ancestors { name }"));

        assertEquals(4, with.at("/data/categories/edges/0/node/ancestors").size());
        int levelsAbove = 4;
        assertTrue(with.metrics().roundTrips() - without.metrics().roundTrips() <= levelsAbove,
                "breadcrumb round trips " + (with.metrics().roundTrips() - without.metrics().roundTrips()));
        assertTrue(with.metrics().calls() - without.metrics().calls() <= levelsAbove);
    }

    @Test
    void anUnfilteredPageOfOneHundredIsOneQueryAfterTheIndexMark() {
        Response page = new GraphQLHarness(store).run(editor(ORG), "{ categories(first: 100) { edges { node { name } } pageInfo { hasNextPage } } }");

        assertEquals(100, page.at("/data/categories/edges").size());
        assertTrue(page.at("/data/categories/pageInfo/hasNextPage").asBoolean());
        assertEquals(2, page.metrics().calls(), "the index mark, then one NameKeyIndex query");
        assertEquals(1 + 101, page.metrics().itemsRead());
    }

    @Test
    void aSubtreeOfDepthTwoReadsAboutWhatItReturns() {
        String root = categories.get(1).id();
        Response subtree = new GraphQLHarness(store).run(editor(ORG), "query($id: ID) { categoryTree(rootId: $id, maxDepth: 2) "
                + "{ id name children { id name children { id name } } } }", java.util.Map.of("id", root));

        int returned = subtree.json().findValues("id").size();
        assertTrue(returned > 10, "returned " + returned);
        assertTrue(subtree.metrics().itemsRead() <= returned + 1,
                "read " + subtree.metrics().itemsRead() + " items for " + returned + " returned");
        assertTrue(subtree.metrics().roundTrips() <= 4, "round trips " + subtree.metrics().roundTrips() + ", calls " + subtree.metrics().calls());
    }

    private static int countNodes(JsonNode nodes) {
        int count = 0;
        for (var node : nodes) {
            count += 1 + countNodes(node.path("children"));
        }
        return count;
    }
}
