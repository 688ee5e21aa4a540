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
 * holder of the name, the category and the end of the registration (5 calls); under a parent the same 5 once the
 * process knows where the parent sits (it has read the tree, or created under that part of it before), plus one
 * batched read of the parent's chain the first time.
 */
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
        Response created = create(new GraphQLHarness(store), "Root " + UUID.randomUUID(), null);

        assertTrue(created.metrics().calls() <= BUDGET, "calls " + created.metrics().calls());
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
        assertTrue(underDeep.metrics().calls() <= BUDGET, "calls " + underDeep.metrics().calls());
        assertTrue(underShallow.metrics().calls() <= BUDGET, "calls " + underShallow.metrics().calls());
        assertTrue(underNew.metrics().calls() <= BUDGET, "under a category this process created: calls " + underNew.metrics().calls());
    }

    @Test
    void theFirstCreateUnderAPartOfTheTreeTheProcessHasNeverSeenReadsTheChainOnce() {
        GraphQLHarness process = new GraphQLHarness(store);
        Category root = tree.get(0);
        Category child = tree.stream().filter(c -> root.id().equals(c.parentId())).findFirst().orElseThrow();

        Response first = create(process, "First under root", root.id());
        Response next = create(process, "Next under its child", child.id());

        assertEquals(BUDGET + 1, first.metrics().calls(), "one read of the parent (a root)");
        assertTrue(next.metrics().calls() <= BUDGET + 1, "the child's parent is known, the child is read: " + next.metrics().calls());
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
