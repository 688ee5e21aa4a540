package com.awsinsight.categories.tenancy;

import com.awsinsight.categories.demo.DemoData;
import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.model.Role;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.domain.model.Template;
import com.awsinsight.categories.store.dynamodb.DynamoStore;
import com.awsinsight.categories.testing.Dynalite;
import com.awsinsight.categories.testing.GraphQLHarness.Response;
import com.awsinsight.categories.testing.GraphQLHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Tag;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two organizations with the same category names on one DynamoDB table. Organization A tries every
 * query, relation, cursor, template and mutation path with B's ids; nothing of B leaks, nothing of B
 * changes, and a foreign id costs exactly what a missing one does.
 */
@Tag("dynalite")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationTest {
    private final String a = "org-a-" + UUID.randomUUID();
    private final String b = "org-b-" + UUID.randomUUID();
    private DynamoStore store;
    private GraphQLHarness graphQL;
    private List<Category> before;

    @BeforeAll
    void seed() {
        store = Dynalite.get().newStore();
        graphQL = new GraphQLHarness(store);
        DemoData.categories(a).forEach(store.categories(a, new StoreMetrics())::insert);
        DemoData.categories(b).forEach(store.categories(b, new StoreMetrics())::insert);
        store.templates(new StoreMetrics()).put(new Template("tpl-b-only", 1, "B's own", null, "COST", b,
                List.of(), Instant.parse("2024-01-01T00:00:00Z"), null));
        before = snapshot(b);
    }

    @AfterAll
    void nothingOfBChanged() {
        assertEquals(before, snapshot(b));
    }

    private Response asA(String query, Map<String, Object> variables) {
        return graphQL.run(new Caller(a, "user-a", Role.ADMIN), query, variables);
    }

    private String idInB(String name) {
        return DemoData.idOf(b, name);
    }

    @Test
    void foreignIdsReadAsMissing() {
        Response foreign = asA("query($id: ID!) { category(id: $id) { name } }", Map.of("id", idInB("Compute")));
        Response missing = asA("query($id: ID!) { category(id: $id) { name } }", Map.of("id", "cat-does-not-exist"));

        assertTrue(foreign.at("/data/category").isNull());
        assertEquals(missing.json(), foreign.json());
        assertEquals(missing.metrics().calls(), foreign.metrics().calls(), "same store work for foreign and missing");
        assertEquals(missing.metrics().itemsRead(), foreign.metrics().itemsRead());
    }

    @Test
    void foreignRootsParentsAndFiltersYieldNothing() {
        Response tree = asA("query($id: ID) { categoryTree(rootId: $id) { name children { name } } }", Map.of("id", idInB("Infrastructure Costs")));
        Response children = asA("query($p: ID) { categories(filter: { parentId: $p }) { edges { node { name } } } }", Map.of("p", idInB("Compute")));

        assertEquals(0, tree.at("/data/categoryTree").size());
        assertEquals(0, children.at("/data/categories/edges").size());
    }

    @Test
    void sameNamesResolveToTheCallersOwnCategories() {
        Response byName = asA("{ categoryByName(name: \"Compute\") { id parent { id } children { id } ancestors { id } } }", Map.of());

        assertEquals(DemoData.idOf(a, "Compute"), byName.text("/data/categoryByName/id"));
        assertEquals(DemoData.idOf(a, "Infrastructure Costs"), byName.text("/data/categoryByName/parent/id"));
        List<String> bIds = DemoData.categories(b).stream().map(Category::id).toList();
        byName.json().findValuesAsText("id").forEach(id -> assertTrue(!bIds.contains(id), "leaked " + id));
        Response tree = asA("{ categoryTree { id children { id children { id children { id } } } } }", Map.of());
        tree.json().findValuesAsText("id").forEach(id -> assertTrue(!bIds.contains(id), "leaked " + id));
        assertEquals(DemoData.categories(a).size(), tree.json().findValuesAsText("id").size());
    }

    @Test
    void cursorsOfAnotherOrganizationAreRefused() {
        Response page = graphQL.run(new Caller(b, "user-b", Role.VIEWER), "{ categories(first: 5) { pageInfo { endCursor } } }");

        Response replay = asA("query($c: String) { categories(first: 5, after: $c) { edges { node { id } } } }",
                Map.of("c", page.text("/data/categories/pageInfo/endCursor")));

        assertEquals("BAD_USER_INPUT", replay.errorCode());
        assertEquals("Cursor does not belong to this query", replay.text("/errors/0/message"));
    }

    @Test
    void anotherOrganizationsPrivateTemplateIsMissing() {
        Response byId = asA("{ template(id: \"tpl-b-only\") { id } }", Map.of());
        Response listed = asA("{ templates(type: \"COST\") { edges { node { id } } } }", Map.of());

        assertTrue(byId.at("/data/template").isNull());
        assertTrue(listed.json().findValuesAsText("id").stream().noneMatch("tpl-b-only"::equals));
    }

    @Test
    void mutationsOnForeignIdsAreNotFoundLikeMissingOnes() {
        String create = "mutation($p: ID) { createCategory(input: { name: \"Sneaky\", parentId: $p }) { category { id } userErrors { code field message } } }";
        String update = "mutation($id: ID!) { updateCategory(id: $id, input: { name: \"Hijacked\" }) { category { id } userErrors { code field message } } }";

        Response foreignParent = asA(create, Map.of("p", idInB("Compute")));
        Response missingParent = asA(create, Map.of("p", "cat-does-not-exist"));
        Response foreignUpdate = asA(update, Map.of("id", idInB("Compute")));
        Response missingUpdate = asA(update, Map.of("id", "cat-does-not-exist"));

        assertEquals(missingParent.json(), foreignParent.json());
        assertEquals("NOT_FOUND", foreignParent.text("/data/createCategory/userErrors/0/code"));
        assertEquals(missingUpdate.json(), foreignUpdate.json());
        assertEquals("NOT_FOUND", foreignUpdate.text("/data/updateCategory/userErrors/0/code"));
    }

    private List<Category> snapshot(String org) {
        return store.categories(org, new StoreMetrics()).findAll().stream()
                .sorted(Comparator.comparing(Category::id)).toList();
    }
}
