package com.awsinsight.categories.writes;

import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.store.dynamodb.DynamoStore;
import com.awsinsight.categories.testing.Dynalite;
import com.awsinsight.categories.testing.GraphQLHarness;
import com.awsinsight.categories.testing.GraphQLHarness.Response;
import com.awsinsight.categories.testing.TreeFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Tag;

import com.awsinsight.categories.domain.ports.StoreMetrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.awsinsight.categories.testing.GraphQLHarness.editor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a create costs DynamoDB, as call counts (never times) on dynalite, in an organization of 1,000 categories
 * five levels deep: at the root, the registration of the write, the name claim, the check for an unclaimed
 * holder of the name, the category and the end of the registration (5 calls); under a parent the same 5 when the
 * process holds the tree (its snapshot shows where the parent's chain sits), plus one read for each category of the
 * chain the snapshot does not hold (one created since; every one when the process never read the tree).
 */
@Tag("dynalite")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WriteBudgetTest {
    private static final String CREATE = "mutation($n: String!, $p: ID) { createCategory(input: { name: $n, parentId: $p }) "
            + "{ category { id parentId } userErrors { message } } }";
    private static final int BUDGET = 5;

    private final DynamoStore store = Dynalite.get().newStore();
    private final String org = "org-" + UUID.randomUUID();
    private List<Category> tree;

    @BeforeAll
    void seed() {
        tree = TreeFixtures.tree(org, 1000, 5);
        TreeFixtures.insert(store, tree);
    }

    @Test
    void aCreateAtTheRootCostsFiveCalls() {
        String name = "Root " + UUID.randomUUID();
        Response created = create(new GraphQLHarness(store), name, null);

        assertEquals(BUDGET, created.metrics().calls());
        Category stored = store.categories(org, new StoreMetrics()).findAll().stream()
                .filter(c -> c.id().equals(created.text("/data/createCategory/category/id"))).findFirst().orElseThrow();
        assertEquals(name, stored.name());
        assertTrue(stored.isRoot());
    }

    @Test
    void aCreateUnderAParentCostsFiveCallsOnceTheProcessHasReadTheTree() {
        GraphQLHarness process = new GraphQLHarness(store);
        process.run(editor(org), "{ categoryTree { id children { id } } }");
        Category deep = tree.stream().filter(c -> c.name().startsWith("Node 3-")).findFirst().orElseThrow();
        Category shallow = tree.stream().filter(c -> c.name().startsWith("Node 1-")).findFirst().orElseThrow();

        Response underDeep = create(process, "Under deep", deep.id());
        Response underShallow = create(process, "Under shallow", shallow.id());
        Response underNew = create(process, "Under the new one", underDeep.text("/data/createCategory/category/id"));

        assertEquals(4, process.run(editor(org), "query($id: ID!) { category(id: $id) { depth } }",
                Map.of("id", underDeep.text("/data/createCategory/category/id"))).at("/data/category/depth").asInt());
        assertEquals(BUDGET, underDeep.metrics().calls());
        assertEquals(BUDGET, underShallow.metrics().calls());
        assertEquals(BUDGET + 1, underNew.metrics().calls(), "under a category created since the tree was read: that one is read");
    }

    @Test
    void aProcessThatNeverReadTheTreeReadsTheParentsChainOneCategoryALevel() {
        GraphQLHarness process = new GraphQLHarness(store);
        Category root = tree.get(0);
        Category child = tree.stream().filter(c -> root.id().equals(c.parentId())).findFirst().orElseThrow();

        Response first = create(process, "First under root", root.id());
        Response next = create(process, "Next under its child", child.id());

        assertEquals(BUDGET + 1, first.metrics().calls(), "one read of the parent (a root)");
        assertEquals(BUDGET + 2, next.metrics().calls(), "the child, then its parent");
    }

    private Response create(GraphQLHarness process, String name, String parentId) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("n", name);
        variables.put("p", parentId);
        Response response = process.run(editor(org), CREATE, variables);
        assertEquals(0, response.at("/data/createCategory/userErrors").size(), response.json().toString());
        return response;
    }
}
