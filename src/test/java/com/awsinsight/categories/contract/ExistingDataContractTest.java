package com.awsinsight.categories.contract;

import com.awsinsight.categories.demo.DemoData;
import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.testing.Categories;
import com.awsinsight.categories.testing.DataShape;
import com.awsinsight.categories.testing.GraphQLHarness.Response;
import com.awsinsight.categories.testing.GraphQLHarness;
import com.fasterxml.jackson.databind.JsonNode;
import com.awsinsight.categories.testing.StoresUnderTest;
import com.awsinsight.categories.testing.StoresUnderTest.StoreAndShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.awsinsight.categories.testing.Categories.category;
import static com.awsinsight.categories.testing.GraphQLHarness.editor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads and writes on an organization that existed before the request: written by the gateway (as
 * {@code migrate} leaves the Node service's data) or by the Node service itself (no index attributes, no
 * claims, case-variant duplicate names). Every answer must be the same for both shapes; the class runs on every
 * store and shape ({@link StoresUnderTest}). Each test writes its own small organization:
 * <pre>
 *   Infrastructure Costs › Compute › EC2, Lambda
 *                        › Storage › S3
 *   Marketing
 *   Travel, travel   (two active roots whose names differ only in case; "Travel" is older)
 * </pre>
 */
@ParameterizedClass(name = "{0}")
@MethodSource("com.awsinsight.categories.testing.StoresUnderTest#everyStoreAndShape")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExistingDataContractTest {
    private static final Instant CREATED = Instant.parse("2024-01-15T10:30:00Z");

    @Parameter
    private StoreAndShape storeUnderTest;
    private Store store;
    private GraphQLHarness graphQL;

    private DataShape shape() {
        return storeUnderTest.shape();
    }

    @BeforeParameterizedClassInvocation
    void setUp(StoreAndShape storeUnderTest) {
        this.storeUnderTest = storeUnderTest;
        store = storeUnderTest.newStore();
        graphQL = new GraphQLHarness(store);
        DemoData.templates().forEach(store.templates(new StoreMetrics())::put);
    }

    /** The organization's ids by name ("travel" is the younger duplicate). */
    private Map<String, String> organization(String org) {
        Map<String, String> ids = new HashMap<>();
        List<Category> categories = new ArrayList<>();
        String[][] tree = {
                {"Infrastructure Costs", null}, {"Compute", "Infrastructure Costs"}, {"EC2", "Compute"},
                {"Lambda", "Compute"}, {"Storage", "Infrastructure Costs"}, {"S3", "Storage"}, {"Marketing", null},
                {"Travel", null}, {"travel", null}};
        int minute = 0;
        for (String[] node : tree) {
            // Ids in tree order: names equal ignoring case ("Travel", "travel") are ordered by id.
            String id = String.format("cat-%02d-%s", minute, UUID.randomUUID());
            ids.put(node[0], id);
            Instant at = CREATED.plusSeconds(60L * minute++);
            Categories written = category(org, id).named(node[0]).described("Costs of " + node[0])
                    .under(node[1] == null ? null : ids.get(node[1])).metadata(Map.of("icon", "folder")).at(at).by("node-user");
            categories.add(written.asNodeServiceWroteIt().version(shape() == DataShape.GATEWAY ? 1 : 0).build());
        }
        shape().write(store, categories);
        return ids;
    }

    private Response run(String org, String query, Map<String, Object> variables) {
        return graphQL.run(editor(org), query, variables);
    }

    private Response run(String org, String query) {
        return graphQL.run(editor(org), query);
    }

    @Test
    void treesSubtreesChildrenAndListingsSeeEveryCategory() {
        String org = "org-" + UUID.randomUUID();
        Map<String, String> ids = organization(org);

        Response forest = run(org, "{ categoryTree { name children { name children { name } } } }");
        Response subtree = run(org, "query($id: ID) { categoryTree(rootId: $id) { name children { name children { name } } } }",
                Map.of("id", ids.get("Infrastructure Costs")));
        Response compute = run(org, "query($id: ID!) { category(id: $id) { childCount children { name } } }",
                Map.of("id", ids.get("Compute")));
        Response byParent = run(org, "query($p: ID) { categories(first: 10, filter: { parentId: $p }) { edges { node { name } } } }",
                Map.of("p", ids.get("Compute")));
        Response roots = run(org, "{ categories(first: 10, filter: { rootsOnly: true }) { edges { node { name } } } }");
        Response s3 = run(org, "query($id: ID!) { category(id: $id) { depth path ancestors { name } } }", Map.of("id", ids.get("S3")));

        assertEquals(List.of("Infrastructure Costs", "Marketing", "Travel", "travel"), names(forest.at("/data/categoryTree"), "/name"));
        assertEquals(List.of("Compute", "Storage"), names(forest.at("/data/categoryTree/0/children"), "/name"));
        assertEquals(List.of("Compute", "Storage"), names(subtree.at("/data/categoryTree/0/children"), "/name"));
        assertEquals(List.of("EC2", "Lambda"), names(subtree.at("/data/categoryTree/0/children/0/children"), "/name"));
        assertEquals(List.of("S3"), names(subtree.at("/data/categoryTree/0/children/1/children"), "/name"));
        assertEquals(2, compute.at("/data/category/childCount").asInt());
        assertEquals(List.of("EC2", "Lambda"), names(compute.at("/data/category/children"), "/name"));
        assertEquals(List.of("EC2", "Lambda"), names(byParent.at("/data/categories/edges"), "/node/name"));
        assertEquals(List.of("Infrastructure Costs", "Marketing", "Travel", "travel"), names(roots.at("/data/categories/edges"), "/node/name"));
        assertEquals("Infrastructure Costs › Storage › S3", s3.text("/data/category/path"));
        assertEquals(2, s3.at("/data/category/depth").asInt());
    }

    @Test
    void namesAreFoundAndReservedIgnoringCase() {
        String org = "org-" + UUID.randomUUID();
        Map<String, String> ids = organization(org);

        Response found = run(org, "{ categoryByName(name: \"ec2\") { id name } }");
        Response create = run(org, "mutation { createCategory(input: { name: \"ec2\" }) { category { id } userErrors { code field } } }");
        Response rename = run(org, "mutation($id: ID!) { updateCategory(id: $id, input: { name: \" EC2\" }) "
                + "{ category { id } userErrors { code field } } }", Map.of("id", ids.get("Lambda")));

        assertEquals(ids.get("EC2"), found.text("/data/categoryByName/id"));
        assertEquals("CONFLICT", create.text("/data/createCategory/userErrors/0/code"), create.json().toString());
        assertEquals("name", create.text("/data/createCategory/userErrors/0/field"));
        assertEquals("CONFLICT", rename.text("/data/updateCategory/userErrors/0/code"), rename.json().toString());
    }

    @Test
    void aDuplicatedNameResolvesToTheOldestAndStaysTakenUntilEveryHolderIsRenamed() {
        String org = "org-" + UUID.randomUUID();
        Map<String, String> ids = organization(org);
        String create = "mutation { createCategory(input: { name: \"TRAVEL\" }) { category { id } userErrors { code } } }";

        Response before = run(org, "{ categoryByName(name: \"TRAVEL\") { id } }");
        Response refused = run(org, create);
        Response renamed = run(org, "mutation($id: ID!) { updateCategory(id: $id, input: { name: \"Travel 2019\" }) "
                + "{ category { name } userErrors { code } } }", Map.of("id", ids.get("Travel")));
        Response after = run(org, "{ categoryByName(name: \"Travel\") { id name } }");
        Response stillRefused = run(org, create);

        assertEquals(ids.get("Travel"), before.text("/data/categoryByName/id"));
        assertEquals("CONFLICT", refused.text("/data/createCategory/userErrors/0/code"), refused.json().toString());
        assertEquals("Travel 2019", renamed.text("/data/updateCategory/category/name"), renamed.json().toString());
        assertEquals(ids.get("travel"), after.text("/data/categoryByName/id"), after.json().toString());
        assertEquals("CONFLICT", stillRefused.text("/data/createCategory/userErrors/0/code"), stillRefused.json().toString());
    }

    @Test
    void anUpdateKeepsEveryOtherFieldAndBumpsTheVersion() {
        String org = "org-" + UUID.randomUUID();
        Map<String, String> ids = organization(org);
        String fields = "{ name description parentId metadata createdAt createdBy version isActive }";

        JsonNode before = run(org, "query($id: ID!) { category(id: $id) " + fields + " }", Map.of("id", ids.get("EC2")))
                .at("/data/category");
        Response updated = run(org, "mutation($id: ID!) { updateCategory(id: $id, input: { description: \"Virtual machines\" }) "
                + "{ category " + fields + " userErrors { code } } }", Map.of("id", ids.get("EC2")));

        JsonNode after = updated.at("/data/updateCategory/category");
        assertEquals("Virtual machines", after.get("description").asText(), updated.json().toString());
        assertEquals(before.get("version").asInt() + 1, after.get("version").asInt());
        for (String field : List.of("name", "parentId", "metadata", "createdAt", "createdBy", "isActive")) {
            assertEquals(before.get(field), after.get(field), field);
        }
    }

    @Test
    void aMoveIsSeenFromBothParents() {
        String org = "org-" + UUID.randomUUID();
        Map<String, String> ids = organization(org);

        Response moved = run(org, "mutation($id: ID!, $p: ID) { moveCategory(id: $id, newParentId: $p) "
                + "{ category { path } userErrors { code } } }", Map.of("id", ids.get("EC2"), "p", ids.get("Storage")));
        Response parents = run(org, "query($a: ID!, $b: ID!) { a: category(id: $a) { childCount children { name } } "
                + "b: category(id: $b) { childCount children { name } } }", Map.of("a", ids.get("Compute"), "b", ids.get("Storage")));

        assertEquals("Infrastructure Costs › Storage › EC2", moved.text("/data/moveCategory/category/path"), moved.json().toString());
        assertEquals(1, parents.at("/data/a/childCount").asInt());
        assertEquals(List.of("Lambda"), names(parents.at("/data/a/children"), "/name"));
        assertEquals(2, parents.at("/data/b/childCount").asInt());
        assertEquals(List.of("EC2", "S3"), names(parents.at("/data/b/children"), "/name"));
    }

    @Test
    void aCascadeDeleteAndRestoreReachTheWholeSubtree() {
        String org = "org-" + UUID.randomUUID();
        Map<String, String> ids = organization(org);
        String delete = "mutation($id: ID!, $c: Boolean) { deleteCategory(id: $id, cascade: $c) { category { isActive } userErrors { code field } } }";
        String infrastructure = "query($id: ID!) { category(id: $id) { childCount children(includeInactive: true) { name isActive "
                + "children(includeInactive: true) { name isActive } } } }";

        Response refused = run(org, delete, Map.of("id", ids.get("Compute")));
        Response deleted = run(org, delete, Map.of("id", ids.get("Compute"), "c", true));
        Response afterDelete = run(org, infrastructure, Map.of("id", ids.get("Infrastructure Costs")));
        Response restored = run(org, "mutation($id: ID!) { restoreCategory(id: $id, cascade: true) { category { isActive } userErrors { code } } }",
                Map.of("id", ids.get("Compute")));
        Response afterRestore = run(org, infrastructure, Map.of("id", ids.get("Infrastructure Costs")));

        assertEquals("cascade", refused.text("/data/deleteCategory/userErrors/0/field"), refused.json().toString());
        assertFalse(deleted.at("/data/deleteCategory/category/isActive").asBoolean(), deleted.json().toString());
        assertEquals(1, afterDelete.at("/data/category/childCount").asInt());
        assertEquals(List.of(false, false), actives(afterDelete.at("/data/category/children/0/children")));
        assertTrue(restored.at("/data/restoreCategory/category/isActive").asBoolean(), restored.json().toString());
        assertEquals(2, afterRestore.at("/data/category/childCount").asInt());
        assertEquals(List.of(true, true), actives(afterRestore.at("/data/category/children/0/children")));
    }

    @Test
    void createsAndTemplatesLandUnderExistingParents() {
        String org = "org-" + UUID.randomUUID();
        Map<String, String> ids = organization(org);

        Response created = run(org, "mutation($p: ID) { createCategory(input: { name: \"Glacier\", parentId: $p }) "
                + "{ category { path } userErrors { code } } }", Map.of("p", ids.get("Storage")));
        Response instantiated = run(org, "mutation($p: ID) { instantiateTemplate(templateId: \"tpl-team\", parentId: $p) "
                + "{ categories { name } userErrors { code message } } }", Map.of("p", ids.get("Marketing")));
        Response parents = run(org, "query($a: ID!, $b: ID!) { a: category(id: $a) { childCount } "
                + "b: category(id: $b) { childCount children { name childCount } } }", Map.of("a", ids.get("Storage"), "b", ids.get("Marketing")));

        assertEquals("Infrastructure Costs › Storage › Glacier", created.text("/data/createCategory/category/path"), created.json().toString());
        assertEquals(0, instantiated.at("/data/instantiateTemplate/userErrors").size(), instantiated.json().toString());
        assertEquals(2, parents.at("/data/a/childCount").asInt());
        assertEquals(2, parents.at("/data/b/childCount").asInt());
        assertEquals(List.of("Team Costs", "Team Tools"), names(parents.at("/data/b/children"), "/name"));
        assertEquals(3, parents.at("/data/b/children/0/childCount").asInt());
    }

    private static List<String> names(JsonNode array, String pointer) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.at(pointer).asText()));
        return names;
    }

    private static List<Boolean> actives(JsonNode array) {
        List<Boolean> values = new ArrayList<>();
        array.forEach(n -> values.add(n.get("isActive").asBoolean()));
        return values;
    }
}
