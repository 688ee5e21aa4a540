package com.awsinsight.categories.contract;

import com.awsinsight.categories.demo.DemoData;
import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.model.CategoryRules;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.domain.model.Template;
import com.awsinsight.categories.domain.model.Utf8Order;
import com.awsinsight.categories.testing.DataShape;
import com.awsinsight.categories.testing.GraphQLHarness.Response;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import com.awsinsight.categories.testing.StoresUnderTest.StoreAndShape;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.awsinsight.categories.testing.Categories.category;
import static com.awsinsight.categories.testing.GraphQLHarness.editor;
import static com.awsinsight.categories.testing.GraphQLHarness.viewer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The behaviour every store must show, exercised through real GraphQL queries. The very same tests run on every
 * store (in-memory and DynamoDB on dynalite) and every {@link DataShape} of the demo organization the read cases
 * run on (written by the gateway, or by the Node service), so neither the stores nor the two kinds of data can
 * drift apart. (Write cases on data the Node service wrote are in {@link ExistingDataContractTest}.)
 *
 * <p>Long on purpose: it is the one contract every store and data shape must meet, so every case lives here.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("com.awsinsight.categories.testing.StoresUnderTest#everyStoreAndShape")
class CategoryStoreContractTest extends DemoOrganizationContract {
    private static final String TREE = """
            { categoryTree { id name depth childCount path
                children { name depth children { name children { name depth path ancestors { name } } } } } }""";

    @BeforeParameterizedClassInvocation
    void seedTemplates(StoreAndShape storeUnderTest) {
        var templates = store.templates(new StoreMetrics());
        templates.put(new Template("tpl-private", 1, "Private", null, "BUDGET", "someone-else",
                List.of(), Instant.parse("2024-01-01T00:00:00Z"), null));
        templates.put(new Template("tpl-expired", 1, "Expired", null, "BUDGET", null,
                List.of(), Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-02-01T00:00:00Z")));
    }

    private Response run(Caller caller, String query) {
        return graphQL.run(caller, query);
    }

    private Response run(Caller caller, String query, Map<String, Object> variables) {
        return graphQL.run(caller, query, variables);
    }

    private static String freshOrg() {
        return "org-" + UUID.randomUUID();
    }

    // ---- trees ----

    @Test
    void wholeTreeHasFourLevelsWithRootsSortedByName() {
        Response response = run(editor(demoOrg), TREE);

        JsonNode roots = response.at("/data/categoryTree");
        List<String> names = new ArrayList<>();
        roots.forEach(r -> names.add(r.get("name").asText()));
        assertEquals(List.of("Data & Analytics", "Infrastructure Costs", "Operations", "Personnel",
                "Security & Compliance", "Software & Licenses"), names);
        JsonNode infrastructure = roots.get(1);
        assertEquals(0, infrastructure.get("depth").asInt());
        assertEquals(4, infrastructure.get("childCount").asInt());
        JsonNode leaf = infrastructure.at("/children/0/children/0/children/0");
        assertEquals("EC2 · Development", leaf.get("name").asText());
        assertEquals(3, leaf.get("depth").asInt());
        assertEquals("Infrastructure Costs › Compute › EC2 › EC2 · Development", leaf.get("path").asText());
        assertEquals("EC2", leaf.at("/ancestors/2/name").asText());
        assertTrue(response.json().path("errors").isMissingNode());
    }

    @Test
    void subtreeStopsAtMaxDepth() {
        String compute = DemoData.idOf(demoOrg, "Compute");
        Response response = run(editor(demoOrg), "query($id: ID) { categoryTree(rootId: $id, maxDepth: 1) "
                + "{ name children { name children { name } } } }", Map.of("id", compute));

        assertEquals("Compute", response.text("/data/categoryTree/0/name"));
        assertEquals(5, response.at("/data/categoryTree/0/children").size());
        assertEquals("EC2", response.text("/data/categoryTree/0/children/0/name"));
        assertEquals(0, response.at("/data/categoryTree/0/children/0/children").size());
    }

    @Test
    void maxDepthOutsideItsRangeIsBadInput() {
        Response response = run(editor(demoOrg), "{ categoryTree(maxDepth: 21) { name } }");

        assertEquals("BAD_USER_INPUT", response.errorCode());
        assertEquals("maxDepth must be between 0 and 20", response.text("/errors/0/message"));
    }

    @Test
    void breadcrumbOfALeaf() {
        String id = DemoData.idOf(demoOrg, "S3 · Production");
        Response response = run(editor(demoOrg), "query($id: ID!) { category(id: $id) { name depth path parentId "
                + "parent { name } ancestors { name } } }", Map.of("id", id));

        assertEquals(List.of("Infrastructure Costs", "Storage", "S3"), names(response.at("/data/category/ancestors")));
        assertEquals("S3", response.text("/data/category/parent/name"));
        assertEquals(DemoData.idOf(demoOrg, "S3"), response.text("/data/category/parentId"));
        assertEquals(3, response.at("/data/category/depth").asInt());
    }

    // ---- lookups ----

    @Test
    void categoryOfAnotherOrganizationIsNull() {
        String id = DemoData.idOf(demoOrg, "Compute");
        String other = freshOrg();
        store.categories(other, new StoreMetrics()).insert(category(other, "cat-own").named("Own").build());
        String query = "query($id: ID!) { category(id: $id) { name } }";

        Response own = run(editor(demoOrg), query, Map.of("id", id));
        Response foreign = run(editor(other), query, Map.of("id", id));
        Response othersOwn = run(editor(other), query, Map.of("id", "cat-own"));

        assertEquals("Compute", own.text("/data/category/name"), "the id exists, in the demo organization");
        assertTrue(foreign.at("/data/category").isNull(), "another organization, with categories of its own, sees nothing");
        assertTrue(foreign.json().path("errors").isMissingNode(), "a missing category, not an error: " + foreign.json());
        assertEquals("Own", othersOwn.text("/data/category/name"));
    }

    @Test
    void malformedIdIsBadInput() {
        Response response = run(editor(demoOrg), "{ category(id: \"~no spaces in a global id\") { name } }");

        assertEquals("BAD_USER_INPUT", response.errorCode());
        assertEquals("Invalid id", response.text("/errors/0/message"));
    }

    @Test
    void categoryByNameFindsTheActiveCategory() {
        Response found = run(editor(demoOrg), "{ categoryByName(name: \"  Compute \") { id name } }");
        Response missing = run(editor(demoOrg), "{ categoryByName(name: \"Nothing Like It\") { id } }");

        assertEquals(DemoData.idOf(demoOrg, "Compute"), found.text("/data/categoryByName/id"));
        assertTrue(missing.at("/data/categoryByName").isNull());
    }

    // ---- pages ----

    @Test
    void pagesWalkEveryActiveCategoryOnceInNameOrder() {
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Response page = run(editor(demoOrg), "query($after: String) { categories(first: 50, after: $after) "
                    + "{ edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }",
                    after == null ? Map.of() : Map.of("after", after));
            page.at("/data/categories/edges").forEach(e -> seen.add(e.at("/node/name").asText()));
            after = page.at("/data/categories/pageInfo/hasNextPage").asBoolean()
                    ? page.text("/data/categories/pageInfo/endCursor") : null;
            pages++;
        } while (after != null);

        List<String> expected = demo.stream().map(Category::name)
                .sorted(java.util.Comparator.comparing(CategoryRules::nameKey, Utf8Order.INSTANCE)).toList();
        assertEquals(expected, seen);
        assertEquals(5, pages);
        assertTrue(seen.indexOf("Artifact Registry") < seen.indexOf("AWS Backup"), "names in reading order, ignoring case");
    }

    @Test
    void namesAreOrderedAsPeopleReadThemIgnoringCase() {
        String org = freshOrg();
        String create = "mutation($n: String!, $p: ID) { createCategory(input: { name: $n, parentId: $p }) { category { id } } }";
        String parent = run(editor(org), create, Map.of("n", "tools")).text("/data/createCategory/category/id");
        for (String name : List.of("Zeta", "AWS Backup", "athena", "Artifact Registry", "B2B")) {
            Map<String, Object> variables = new java.util.HashMap<>();
            variables.put("n", name);
            variables.put("p", parent);
            run(editor(org), create, variables);
            run(editor(org), create, Map.of("n", name + " root"));
        }
        List<String> children = List.of("Artifact Registry", "athena", "AWS Backup", "B2B", "Zeta");

        Response tree = run(editor(org), "{ categoryTree { name children { name } } }");
        Response byParent = run(editor(org), "query($p: ID) { categories(first: 3, filter: { parentId: $p }) "
                + "{ edges { node { name } } pageInfo { endCursor } } }", Map.of("p", parent));
        Response nextByParent = run(editor(org), "query($p: ID, $a: String) { categories(first: 3, after: $a, "
                + "filter: { parentId: $p }) { edges { node { name } } } }",
                Map.of("p", parent, "a", byParent.text("/data/categories/pageInfo/endCursor")));
        Response byName = run(editor(org), "{ categories(first: 20, filter: { nameContains: \"root\" }) { edges { node { name } } } }");

        assertEquals(List.of("Artifact Registry root", "athena root", "AWS Backup root", "B2B root", "tools", "Zeta root"),
                names(tree.at("/data/categoryTree"), "/name"));
        assertEquals(children, names(tree.at("/data/categoryTree/4/children"), "/name"));
        assertEquals(children.subList(0, 3), names(byParent.at("/data/categories/edges"), "/node/name"));
        assertEquals(children.subList(3, 5), names(nextByParent.at("/data/categories/edges"), "/node/name"));
        assertEquals(List.of("Artifact Registry root", "athena root", "AWS Backup root", "B2B root", "Zeta root"),
                names(byName.at("/data/categories/edges"), "/node/name"));
    }

    @Test
    void createdAtDescendingOrder() {
        Response response = run(editor(demoOrg), "{ categories(first: 3, orderBy: CREATED_AT_DESC) { edges { node { name } } } }");

        List<String> newest = new ArrayList<>(demo.subList(demo.size() - 3, demo.size()).stream().map(Category::name).toList());
        java.util.Collections.reverse(newest);
        assertEquals(newest, names(response.at("/data/categories/edges"), "/node/name"));
    }

    @Test
    void filtersByParentRootsAndName() {
        String storage = DemoData.idOf(demoOrg, "Storage");
        Response children = run(editor(demoOrg), "query($p: ID) { categories(first: 10, filter: { parentId: $p }) "
                + "{ edges { node { name } } pageInfo { hasNextPage } } }", Map.of("p", storage));
        Response roots = run(editor(demoOrg), "{ categories(first: 3, filter: { rootsOnly: true }) "
                + "{ edges { node { name } } pageInfo { hasNextPage } } }");
        Response named = run(editor(demoOrg), "{ categories(first: 20, filter: { nameContains: \"LAMBDA\" }) "
                + "{ edges { node { name } } } }");

        assertEquals(List.of("EBS", "EFS", "Glacier", "S3"), names(children.at("/data/categories/edges"), "/node/name"));
        assertFalse(children.at("/data/categories/pageInfo/hasNextPage").asBoolean());
        assertEquals(List.of("Data & Analytics", "Infrastructure Costs", "Operations"),
                names(roots.at("/data/categories/edges"), "/node/name"));
        assertTrue(roots.at("/data/categories/pageInfo/hasNextPage").asBoolean());
        assertEquals(List.of("Lambda", "Lambda · Development", "Lambda · Production", "Lambda · Staging"),
                names(named.at("/data/categories/edges"), "/node/name"));
    }

    @Test
    void pageSizeOutsideItsRangeIsBadInput() {
        Response tooMany = run(editor(demoOrg), "{ categories(first: 101) { edges { cursor } } }");
        Response none = run(editor(demoOrg), "{ categories(first: 0) { edges { cursor } } }");

        assertEquals("BAD_USER_INPUT", tooMany.errorCode());
        assertEquals("first must be between 1 and 100", tooMany.text("/errors/0/message"));
        assertEquals("BAD_USER_INPUT", none.errorCode());
    }

    @Test
    void cursorsAreBoundToOrganizationAndQuery() {
        Response first = run(editor(demoOrg), "{ categories(first: 2) { pageInfo { endCursor } } }");
        String cursor = first.text("/data/categories/pageInfo/endCursor");

        Response otherTenant = run(editor(freshOrg()), "query($c: String) { categories(first: 2, after: $c) { edges { cursor } } }",
                Map.of("c", cursor));
        Response otherFilter = run(editor(demoOrg), "query($c: String) { categories(first: 2, after: $c, "
                + "filter: { nameContains: \"a\" }) { edges { cursor } } }", Map.of("c", cursor));
        Response tampered = run(editor(demoOrg), "query($c: String) { categories(first: 2, after: $c) { edges { cursor } } }",
                Map.of("c", cursor.substring(0, cursor.length() - 3) + "xyz"));
        Response garbage = run(editor(demoOrg), "{ categories(first: 2, after: \"%%%\") { edges { cursor } } }");

        assertEquals("Cursor does not belong to this query", otherTenant.text("/errors/0/message"));
        assertEquals("BAD_USER_INPUT", otherTenant.errorCode());
        assertEquals("Cursor does not belong to this query", otherFilter.text("/errors/0/message"));
        assertEquals("BAD_USER_INPUT", tampered.errorCode());
        assertEquals("Invalid cursor", garbage.text("/errors/0/message"));
    }

    @Test
    void inactiveCategoriesAreListedOnlyWhenAsked() {
        String org = freshOrg();
        var repository = store.categories(org, new StoreMetrics());
        Instant now = Instant.parse("2024-03-01T00:00:00Z");
        repository.insert(category(org, "cat-live").named("Live").at(now).build());
        repository.insert(category(org, "cat-gone").named("Gone").at(now).inactive().build());

        Response active = run(editor(org), "{ categories { edges { node { name isActive } } } categoryTree { name } }");
        Response all = run(editor(org), "{ categories(filter: { includeInactive: true }) { edges { node { name isActive } } } }");

        assertEquals(List.of("Live"), names(active.at("/data/categories/edges"), "/node/name"));
        assertEquals(List.of("Live"), names(active.at("/data/categoryTree")));
        assertEquals(List.of("Gone", "Live"), names(all.at("/data/categories/edges"), "/node/name"));
        assertFalse(all.at("/data/categories/edges/0/node/isActive").asBoolean());
    }

    // ---- writes ----

    @Test
    void createsRootAndChildWithMetadataAndAudit() {
        String org = freshOrg();
        Response root = run(editor(org), """
                mutation { createCategory(input: { name: "  Cloud 云 ☁️ Costs ", description: "All of it",
                  metadata: { color: "#3498db", sortOrder: 1, tags: ["a", "b"], nested: { ok: true } } }) {
                  category { id name description metadata version isActive createdBy updatedBy createdAt updatedAt depth }
                  userErrors { code } } }""");
        String rootId = root.text("/data/createCategory/category/id");
        Response child = run(editor(org), "mutation($p: ID) { createCategory(input: { name: \"Compute\", parentId: $p }) "
                + "{ category { path depth parent { name } } userErrors { code } } }", Map.of("p", rootId));

        assertEquals("Cloud 云 ☁️ Costs", root.text("/data/createCategory/category/name"));
        assertEquals("#3498db", root.text("/data/createCategory/category/metadata/color"));
        assertEquals(1, root.at("/data/createCategory/category/metadata/sortOrder").asInt());
        assertEquals("b", root.text("/data/createCategory/category/metadata/tags/1"));
        assertTrue(root.at("/data/createCategory/category/metadata/nested/ok").asBoolean());
        assertEquals(1, root.at("/data/createCategory/category/version").asInt());
        assertEquals("user-" + org, root.text("/data/createCategory/category/createdBy"));
        assertTrue(root.text("/data/createCategory/category/createdAt").endsWith("Z"));
        assertEquals(0, root.at("/data/createCategory/userErrors").size());
        assertEquals("Cloud 云 ☁️ Costs › Compute", child.text("/data/createCategory/category/path"));
        assertEquals(1, child.at("/data/createCategory/category/depth").asInt());

        Response reread = run(editor(org), "query($id: ID!) { category(id: $id) { name metadata children { name } } }",
                Map.of("id", rootId));
        assertEquals("#3498db", reread.text("/data/category/metadata/color"));
        assertEquals(List.of("Compute"), names(reread.at("/data/category/children")));
    }

    @Test
    void duplicateActiveNameIsAConflict() {
        String org = freshOrg();
        run(editor(org), "mutation { createCategory(input: { name: \"Network\" }) { category { id } } }");

        Response again = run(editor(org), "mutation { createCategory(input: { name: \" Network\" }) "
                + "{ category { id } userErrors { code field message } } }");

        assertEquals("CONFLICT", again.text("/data/createCategory/userErrors/0/code"));
        assertEquals("name", again.text("/data/createCategory/userErrors/0/field"));
        assertEquals("A category named \"Network\" already exists", again.text("/data/createCategory/userErrors/0/message"));
        assertTrue(again.at("/data/createCategory/category").isNull());
    }

    @Test
    void parentMustExistBeActiveAndInTheSameOrganization() {
        String org = freshOrg();
        var repository = store.categories(org, new StoreMetrics());
        Instant now = Instant.now();
        repository.insert(category(org, "cat-inactive").named("Old").at(now).inactive().build());

        Response missing = createUnder(org, "cat-missing");
        Response inactive = createUnder(org, "cat-inactive");
        Response foreign = createUnder(org, DemoData.idOf(demoOrg, "Compute"));

        assertUserError(missing, "NOT_FOUND", "parentId", "Parent category not found");
        assertUserError(inactive, "BAD_USER_INPUT", "parentId", "Parent category is inactive");
        assertUserError(foreign, "NOT_FOUND", "parentId", "Parent category not found");
    }

    @Test
    void treeDepthIsLimitedToTwentyLevels() {
        String org = freshOrg();
        String parent = null;
        for (int level = 0; level < 20; level++) {
            Response created = run(editor(org), "mutation($p: ID, $n: String!) { createCategory(input: { name: $n, parentId: $p }) "
                    + "{ category { id depth } userErrors { message } } }", variables("p", parent, "n", "Level " + level));
            assertEquals(level, created.at("/data/createCategory/category/depth").asInt(), created.json().toString());
            parent = created.text("/data/createCategory/category/id");
        }

        Response tooDeep = createUnder(org, parent);

        assertUserError(tooDeep, "BAD_USER_INPUT", "parentId", "Tree depth limit of 20 levels reached");
    }

    @Test
    void everyValidationRuleHasItsCodeAndField() {
        String org = freshOrg();
        String metadata33 = IntStream.range(0, 33).mapToObj(i -> "k" + i + ": " + i).collect(Collectors.joining(", "));
        String bigValue = "x".repeat(4100);
        Map<String, String> cases = Map.of(
                "{ name: \"   \" }", "name|Name must not be blank",
                "{ name: \"" + "n".repeat(129) + "\" }", "name|Name must be at most 128 characters",
                "{ name: \"tab\\there\" }", "name|Name must not contain control characters",
                "{ name: \"bidi\\u202Eevil\" }", "name|Name must not contain control characters",
                "{ name: \"ok\", description: \"" + "d".repeat(1025) + "\" }", "description|Description must be at most 1024 characters",
                "{ name: \"ok\", metadata: [1, 2] }", "metadata|Metadata must be a JSON object",
                "{ name: \"ok\", metadata: { " + metadata33 + " } }", "metadata|Metadata must have at most 32 keys",
                "{ name: \"ok\", metadata: { big: \"" + bigValue + "\" } }", "metadata|Metadata must be at most 4096 bytes",
                "{ name: \"ok\", parentId: \"~bad id!\" }", "parentId|Invalid id");
        cases.forEach((input, expected) -> {
            Response response = run(editor(org), "mutation { createCategory(input: " + input + ") "
                    + "{ category { id } userErrors { code field message } } }");
            String[] parts = expected.split("\\|");
            assertUserError(response, "BAD_USER_INPUT", parts[0], parts[1]);
        });
        Response nothingWritten = run(editor(org), "{ categories(filter: { includeInactive: true }) { edges { cursor } } }");
        assertEquals(0, nothingWritten.at("/data/categories/edges").size());
    }

    @Test
    void exactly128CharactersIsAccepted() {
        Response response = run(editor(freshOrg()), "mutation($n: String!) { createCategory(input: { name: $n }) "
                + "{ category { name } userErrors { message } } }", Map.of("n", "é".repeat(128)));

        assertEquals("é".repeat(128), response.text("/data/createCategory/category/name"));
    }

    @Test
    void updateChangesNamedFieldsAndBumpsTheVersion() {
        String org = freshOrg();
        String id = run(editor(org), "mutation { createCategory(input: { name: \"Before\", description: \"keep\" }) "
                + "{ category { id } } }").text("/data/createCategory/category/id");

        Response updated = run(new Caller(org, "someone-else", com.awsinsight.categories.domain.model.Role.EDITOR),
                "mutation($id: ID!) { updateCategory(id: $id, input: { name: \"After\" }, expectedVersion: 1) "
                        + "{ category { name description version updatedBy createdBy } userErrors { code } } }", Map.of("id", id));
        Response cleared = run(editor(org), "mutation($id: ID!) { updateCategory(id: $id, input: { description: null }) "
                + "{ category { description version } } }", Map.of("id", id));

        assertEquals("After", updated.text("/data/updateCategory/category/name"));
        assertEquals("keep", updated.text("/data/updateCategory/category/description"));
        assertEquals(2, updated.at("/data/updateCategory/category/version").asInt());
        assertEquals("someone-else", updated.text("/data/updateCategory/category/updatedBy"));
        assertEquals("user-" + org, updated.text("/data/updateCategory/category/createdBy"));
        assertTrue(cleared.at("/data/updateCategory/category/description").isNull());
        assertEquals(3, cleared.at("/data/updateCategory/category/version").asInt());
    }

    @Test
    void anUpdateThatChangesNothingKeepsTheVersion() {
        String org = freshOrg();
        String id = run(editor(org), "mutation { createCategory(input: { name: \"Steady\", description: \"same\", "
                + "metadata: { k: 1 } }) { category { id } } }").text("/data/createCategory/category/id");
        String update = "mutation($id: ID!, $input: UpdateCategoryInput!) { updateCategory(id: $id, input: $input) "
                + "{ category { name version updatedAt } userErrors { code } } }";

        Response empty = run(editor(org), update, Map.of("id", id, "input", Map.of()));
        Response same = run(editor(org), update, Map.of("id", id, "input", Map.of("name", " Steady ", "description", "same",
                "metadata", Map.of("k", 1))));
        Response changed = run(editor(org), update, Map.of("id", id, "input", Map.of("description", "changed")));

        assertEquals(1, empty.at("/data/updateCategory/category/version").asInt(), empty.json().toString());
        assertEquals(1, same.at("/data/updateCategory/category/version").asInt(), same.json().toString());
        assertEquals(empty.text("/data/updateCategory/category/updatedAt"), same.text("/data/updateCategory/category/updatedAt"));
        assertEquals(2, changed.at("/data/updateCategory/category/version").asInt(), changed.json().toString());
    }

    @Test
    void staleExpectedVersionIsAConflictCarryingTheCurrentVersion() {
        String org = freshOrg();
        String id = run(editor(org), "mutation { createCategory(input: { name: \"Versioned\" }) { category { id } } }")
                .text("/data/createCategory/category/id");
        run(editor(org), "mutation($id: ID!) { updateCategory(id: $id, input: { description: \"v2\" }) { category { version } } }",
                Map.of("id", id));

        Response stale = run(editor(org), "mutation($id: ID!) { updateCategory(id: $id, input: { description: \"lost?\" }, "
                + "expectedVersion: 1) { category { id } userErrors { code field message } } }", Map.of("id", id));

        assertUserError(stale, "CONFLICT", "expectedVersion", "Category was changed by someone else; current version is 2");
        Response current = run(editor(org), "query($id: ID!) { category(id: $id) { description version } }", Map.of("id", id));
        assertEquals("v2", current.text("/data/category/description"));
    }

    @Test
    void updateOfAMissingOrForeignCategoryIsNotFound() {
        String foreign = DemoData.idOf(demoOrg, "Compute");
        Response response = run(editor(freshOrg()), "mutation($id: ID!) { updateCategory(id: $id, input: { name: \"x\" }) "
                + "{ category { id } userErrors { code field message } } }", Map.of("id", foreign));

        assertUserError(response, "NOT_FOUND", "id", "Category not found");
        Response untouched = run(editor(demoOrg), "query($id: ID!) { category(id: $id) { name } }", Map.of("id", foreign));
        assertEquals("Compute", untouched.text("/data/category/name"));
    }

    @Test
    void viewersCannotWrite() {
        Response response = run(viewer(freshOrg()), "mutation { createCategory(input: { name: \"Nope\" }) { category { id } } }");

        assertEquals("FORBIDDEN", response.errorCode());
        assertEquals("This operation needs the editor role", response.text("/errors/0/message"));
    }

    // ---- templates ----

    @Test
    void templatesByTypeNewestFirstAndLatestByDefault() {
        Response byType = run(editor(demoOrg), "{ templates(type: \"COST\") { edges { node { id templateId version nodeCount } } } }");
        Response latest = run(editor(demoOrg), "{ template(id: \"tpl-cloud-baseline\") { version name templateType "
                + "categories { name children { name children { name } } } } }");
        Response first = run(editor(demoOrg), "{ template(id: \"tpl-cloud-baseline\", version: 1) { version nodeCount } }");
        Response byVersionId = run(editor(demoOrg), "{ template(id: \"tpl-cloud-baseline@1\") { id version } "
                + "node(id: \"tpl-cloud-baseline@2\") { __typename id ... on Template { templateId version } } }");
        Response mismatch = run(editor(demoOrg), "{ template(id: \"tpl-cloud-baseline@1\", version: 2) { id } }");

        assertEquals(List.of(2, 1), ints(byType.at("/data/templates/edges"), "/node/version"));
        assertEquals(List.of("tpl-cloud-baseline@2", "tpl-cloud-baseline@1"), names(byType.at("/data/templates/edges"), "/node/id"),
                "every version is its own object");
        assertEquals(List.of("tpl-cloud-baseline", "tpl-cloud-baseline"), names(byType.at("/data/templates/edges"), "/node/templateId"));
        assertEquals(1, byVersionId.at("/data/template/version").asInt());
        assertEquals("Template", byVersionId.text("/data/node/__typename"));
        assertEquals(2, byVersionId.at("/data/node/version").asInt());
        assertEquals("tpl-cloud-baseline", byVersionId.text("/data/node/templateId"));
        assertEquals("BAD_USER_INPUT", mismatch.errorCode());
        assertEquals("version", mismatch.text("/errors/0/extensions/field"));
        assertEquals(14, byType.at("/data/templates/edges/1/node/nodeCount").asInt());
        assertEquals(2, latest.at("/data/template/version").asInt());
        assertEquals("Cloud Savings", latest.text("/data/template/categories/2/name"));
        assertEquals("Virtual Machines", latest.text("/data/template/categories/0/children/0/children/0/name"));
        assertEquals(1, first.at("/data/template/version").asInt());
    }

    @Test
    void privateAndExpiredTemplatesAreInvisible() {
        Response privateOne = run(editor(demoOrg), "{ template(id: \"tpl-private\") { id } }");
        Response expired = run(editor(demoOrg), "{ template(id: \"tpl-expired\") { id } }");
        Response owner = run(editor("someone-else"), "{ template(id: \"tpl-private\") { id } }");
        Response listed = run(editor(demoOrg), "{ templates(type: \"BUDGET\") { edges { node { id } } } }");

        assertTrue(privateOne.at("/data/template").isNull());
        assertTrue(expired.at("/data/template").isNull());
        assertEquals("tpl-private@1", owner.text("/data/template/id"));
        assertEquals(List.of("tpl-team@1"), names(listed.at("/data/templates/edges"), "/node/id"));
    }

    @Test
    void allTemplatesPageThroughWithCursors() {
        Set<String> seen = new HashSet<>();
        String after = null;
        do {
            Response page = run(editor("someone-else"), "query($a: String) { templates(first: 2, after: $a) "
                    + "{ edges { node { id version } } pageInfo { hasNextPage endCursor } } }", after == null ? Map.of() : Map.of("a", after));
            page.at("/data/templates/edges").forEach(e -> assertTrue(seen.add(e.at("/node/id").asText())));
            after = page.at("/data/templates/pageInfo/hasNextPage").asBoolean() ? page.text("/data/templates/pageInfo/endCursor") : null;
        } while (after != null);

        assertEquals(Set.of("tpl-cloud-baseline@1", "tpl-cloud-baseline@2", "tpl-team@1", "tpl-private@1"), seen);
    }

    @Test
    void adminsSaveVersionedTemplatesPrivateToTheirOrganization() {
        String org = freshOrg();
        Caller admin = new Caller(org, "admin-" + org, com.awsinsight.categories.domain.model.Role.ADMIN);
        String save = """
                mutation($input: SaveTemplateInput!) { saveTemplate(input: $input) {
                  template { id templateId version name templateType nodeCount categories { name children { name } } }
                  userErrors { code field message } } }""";
        Map<String, Object> tree = Map.of("name", "Travel", "children", List.of(Map.of("name", "Flights"), Map.of("name", "Hotels")));

        Response first = run(admin, save, Map.of("input", Map.of("name", "Travel budget", "templateType", "BUDGET",
                "categories", List.of(tree))));
        String id = first.text("/data/saveTemplate/template/templateId");
        Response second = run(admin, save, Map.of("input", Map.of("id", first.text("/data/saveTemplate/template/id"),
                "name", "Travel budget", "templateType", "BUDGET",
                "categories", List.of(tree, Map.of("name", "Per Diem")))));
        Response latest = run(editor(org), "query($id: ID!) { template(id: $id) { version nodeCount } }", Map.of("id", id));
        Response otherOrg = run(editor(freshOrg()), "query($id: ID!) { template(id: $id) { id } }", Map.of("id", id));
        Response instantiated = run(editor(org), "mutation($t: ID!) { instantiateTemplate(templateId: $t) "
                + "{ categories { name } userErrors { message } } }", Map.of("t", id));

        assertEquals(1, first.at("/data/saveTemplate/template/version").asInt(), first.json().toString());
        assertEquals(3, first.at("/data/saveTemplate/template/nodeCount").asInt());
        assertEquals("Hotels", first.text("/data/saveTemplate/template/categories/0/children/1/name"));
        assertEquals(2, second.at("/data/saveTemplate/template/version").asInt(), "a version id names its template too");
        assertEquals(id + "@2", second.text("/data/saveTemplate/template/id"));
        assertEquals(2, latest.at("/data/template/version").asInt());
        assertEquals(4, latest.at("/data/template/nodeCount").asInt());
        assertTrue(otherOrg.at("/data/template").isNull());
        assertEquals(List.of("Travel", "Per Diem", "Flights", "Hotels"), names(instantiated.at("/data/instantiateTemplate/categories")));
    }

    @Test
    void savingTemplatesIsCheckedAndOwned() {
        String org = freshOrg();
        Caller admin = new Caller(org, "admin-" + org, com.awsinsight.categories.domain.model.Role.ADMIN);
        String save = "mutation($input: SaveTemplateInput!) { saveTemplate(input: $input) { template { id } userErrors { code field message } } }";
        Map<String, Object> node = Map.of("name", "Rent");

        Response duplicate = run(admin, save, Map.of("input", Map.of("name", "T", "templateType", "X",
                "categories", List.of(node, Map.of("name", " RENT ")))));
        Response badType = run(admin, save, Map.of("input", Map.of("name", "T", "templateType", "no spaces", "categories", List.of(node))));
        Response empty = run(admin, save, Map.of("input", Map.of("name", "T", "templateType", "X", "categories", List.of())));
        Response missing = run(admin, save, Map.of("input", Map.of("id", "tpl-missing", "name", "T", "templateType", "X", "categories", List.of(node))));
        Response shared = run(admin, save, Map.of("input", Map.of("id", "tpl-team", "name", "T", "templateType", "X", "categories", List.of(node))));
        Response foreign = run(admin, save, Map.of("input", Map.of("id", "tpl-private", "name", "T", "templateType", "X",
                "categories", List.of(node))));
        Response byEditor = run(editor(org), save, Map.of("input", Map.of("name", "T", "templateType", "X", "categories", List.of(node))));

        assertUserError(duplicate, "BAD_USER_INPUT", "input.categories", "The template names \"RENT\" twice");
        assertUserError(badType, "BAD_USER_INPUT", "input.templateType", "templateType must be 1-64 letters, digits, '_' or '-'");
        assertUserError(empty, "BAD_USER_INPUT", "input.categories", "A template needs at least one category");
        assertUserError(missing, "NOT_FOUND", "input.id", "Template not found");
        assertEquals("FORBIDDEN", shared.errorCode());
        assertEquals("Shared templates are read-only", shared.text("/errors/0/message"));
        assertUserError(foreign, "NOT_FOUND", "input.id", "Template not found");
        assertEquals("FORBIDDEN", byEditor.errorCode());
        assertEquals("This operation needs the admin role", byEditor.text("/errors/0/message"));
    }

    @Test
    void aRetriedCreateWithTheSameClientMutationIdMakesOneCategory() {
        String org = freshOrg();
        String create = "mutation($n: String!, $k: String) { createCategory(input: { name: $n, clientMutationId: $k }) "
                + "{ category { id name } clientMutationId userErrors { code field message } } }";

        Response first = run(editor(org), create, Map.of("n", "Once", "k", "key-1"));
        Response retry = run(editor(org), create, Map.of("n", "Once", "k", "key-1"));
        Response otherBody = run(editor(org), create, Map.of("n", "Twice", "k", "key-1"));
        Response badKey = run(editor(org), create, Map.of("n", "Thrice", "k", "no spaces"));
        Response all = run(editor(org), "{ categories(filter: { includeInactive: true }) { edges { node { name } } } }");

        assertEquals(first.text("/data/createCategory/category/id"), retry.text("/data/createCategory/category/id"));
        assertEquals("key-1", retry.text("/data/createCategory/clientMutationId"));
        assertEquals(0, retry.at("/data/createCategory/userErrors").size());
        assertUserError(otherBody, "BAD_USER_INPUT", "clientMutationId", "Idempotency key was already used with a different request");
        assertUserError(badKey, "BAD_USER_INPUT", "clientMutationId", "Idempotency key must be 1-128 letters, digits, '_', '.', ':' or '-'");
        assertEquals(List.of("Once"), names(all.at("/data/categories/edges"), "/node/name"));
    }

    // ---- helpers ----

    // ---- tree writes: uniqueness, move, delete, restore, templates ----

    @Test
    void namesAreUniqueIgnoringCaseAndLookupIgnoresCase() {
        String org = freshOrg();
        String id = create(org, "Network Costs", null);

        Response clash = run(editor(org), "mutation { createCategory(input: { name: \" NETWORK costs \" }) "
                + "{ category { id } userErrors { code field message } } }");
        Response found = run(editor(org), "{ categoryByName(name: \"network COSTS\") { id name } }");

        assertUserError(clash, "CONFLICT", "name", "A category named \"NETWORK costs\" already exists");
        assertEquals(id, found.text("/data/categoryByName/id"));
    }

    @Test
    void renameToAnotherCaseOfATakenNameIsAConflictButOwnCaseChangeIsNot() {
        String org = freshOrg();
        create(org, "Alpha", null);
        String beta = create(org, "Beta", null);

        Response clash = run(editor(org), "mutation($id: ID!) { updateCategory(id: $id, input: { name: \"ALPHA\" }) "
                + "{ category { id } userErrors { code field message } } }", Map.of("id", beta));
        Response ownCase = run(editor(org), "mutation($id: ID!) { updateCategory(id: $id, input: { name: \"BETA\" }) "
                + "{ category { name version } userErrors { code } } }", Map.of("id", beta));

        assertUserError(clash, "CONFLICT", "name", "A category named \"ALPHA\" already exists");
        assertEquals("BETA", ownCase.text("/data/updateCategory/category/name"));
        assertEquals(2, ownCase.at("/data/updateCategory/category/version").asInt());
    }

    @Test
    void moveChangesParentPathAndDepthOfTheSubtree() {
        String org = freshOrg();
        String a = create(org, "A", null);
        String b = create(org, "B", a);
        create(org, "C", b);
        String x = create(org, "X", null);

        Response moved = run(editor(org), "mutation($id: ID!, $p: ID) { moveCategory(id: $id, newParentId: $p, "
                + "expectedVersion: 1) { category { parentId depth version children { path depth } } userErrors { code } } }",
                variables("id", b, "p", x));
        Response toRoot = run(editor(org), "mutation($id: ID!) { moveCategory(id: $id, newParentId: null) "
                + "{ category { parentId depth path } userErrors { code } } }", Map.of("id", b));

        assertEquals(x, moved.text("/data/moveCategory/category/parentId"), moved.json().toString());
        assertEquals(1, moved.at("/data/moveCategory/category/depth").asInt());
        assertEquals(2, moved.at("/data/moveCategory/category/version").asInt());
        assertEquals("X › B › C", moved.text("/data/moveCategory/category/children/0/path"));
        assertEquals(2, moved.at("/data/moveCategory/category/children/0/depth").asInt());
        assertTrue(toRoot.at("/data/moveCategory/category/parentId").isNull(), toRoot.json().toString());
        assertEquals("B", toRoot.text("/data/moveCategory/category/path"));
    }

    @Test
    void moveUnderItselfOrADescendantIsAConflictNamingThePath() {
        String org = freshOrg();
        String a = create(org, "A", null);
        String b = create(org, "B", a);
        String c = create(org, "C", b);

        Response underDescendant = move(org, a, c, null);
        Response underItself = move(org, b, b, null);

        assertUserError(underDescendant, "CONFLICT", "newParentId", "Cannot move a category under its own descendant: A › B › C");
        assertUserError(underItself, "CONFLICT", "newParentId", "Cannot move a category under itself: A › B");
    }

    @Test
    void moveRefusesForeignInactiveAndTooDeepParentsAndStaleVersions() {
        String org = freshOrg();
        String a = create(org, "A", null);
        String inactive = create(org, "Gone", null);
        run(editor(org), "mutation($id: ID!) { deleteCategory(id: $id) { userErrors { code } } }", Map.of("id", inactive));
        String foreign = create(freshOrg(), "Elsewhere", null);
        String deep = null;
        for (int level = 0; level < 19; level++) {
            deep = create(org, "Deep " + level, deep);
        }
        String sub = create(org, "Sub", null);
        create(org, "Sub child", sub);

        assertUserError(move(org, a, foreign, null), "NOT_FOUND", "newParentId", "Parent category not found");
        assertUserError(move(org, a, "missing-id", null), "NOT_FOUND", "newParentId", "Parent category not found");
        assertUserError(move(org, a, inactive, null), "BAD_USER_INPUT", "newParentId", "Parent category is inactive");
        assertUserError(move(org, sub, deep, null), "BAD_USER_INPUT", "newParentId", "Tree depth limit of 20 levels reached");
        assertUserError(move(org, a, null, 7), "CONFLICT", "expectedVersion",
                "Category was changed by someone else; current version is 1");
        assertEquals(19, move(org, a, deep, 1).at("/data/moveCategory/category/depth").asInt());
    }

    @Test
    void deleteWithActiveChildrenNeedsCascadeAndRestoreBringsTheSubtreeBack() {
        String org = freshOrg();
        String a = create(org, "A", null);
        String b = create(org, "B", a);
        String c = create(org, "C", b);

        Response refused = run(editor(org), "mutation($id: ID!) { deleteCategory(id: $id) "
                + "{ category { id } userErrors { code field message } } }", Map.of("id", a));
        Response deleted = run(editor(org), "mutation($id: ID!) { deleteCategory(id: $id, cascade: true, expectedVersion: 1) "
                + "{ category { isActive version } userErrors { code } } }", Map.of("id", a));
        Response afterDelete = run(editor(org), "query($id: ID!) { categoryTree { id } category(id: $id) { isActive } }",
                Map.of("id", c));
        Response restoreChildFirst = run(editor(org), "mutation($id: ID!) { restoreCategory(id: $id) "
                + "{ category { id } userErrors { code field message } } }", Map.of("id", b));
        Response restored = run(editor(org), "mutation($id: ID!) { restoreCategory(id: $id, cascade: true) "
                + "{ category { isActive children { isActive children { isActive path } } } userErrors { code } } }", Map.of("id", a));

        assertUserError(refused, "CONFLICT", "cascade", "Category has active children; delete them first or pass cascade: true");
        assertFalse(deleted.at("/data/deleteCategory/category/isActive").asBoolean(), deleted.json().toString());
        assertEquals(2, deleted.at("/data/deleteCategory/category/version").asInt());
        assertEquals(0, afterDelete.at("/data/categoryTree").size());
        assertFalse(afterDelete.at("/data/category/isActive").asBoolean());
        assertUserError(restoreChildFirst, "BAD_USER_INPUT", "id", "Parent category is inactive");
        assertTrue(restored.at("/data/restoreCategory/category/isActive").asBoolean(), restored.json().toString());
        assertEquals("A › B › C", restored.text("/data/restoreCategory/category/children/0/children/0/path"));
        assertTrue(restored.at("/data/restoreCategory/category/children/0/children/0/isActive").asBoolean());
    }

    @Test
    void restoreOfANameTakenMeanwhileIsAConflict() {
        String org = freshOrg();
        String old = create(org, "Marketing", null);
        run(editor(org), "mutation($id: ID!) { deleteCategory(id: $id) { userErrors { code } } }", Map.of("id", old));
        create(org, "MARKETING", null);

        Response restore = run(editor(org), "mutation($id: ID!) { restoreCategory(id: $id) "
                + "{ category { id } userErrors { code field message } } }", Map.of("id", old));

        assertUserError(restore, "CONFLICT", "name", "A category named \"Marketing\" already exists");
    }

    @Test
    void deleteOfAStaleVersionIsAConflictAndViewersCannotWrite() {
        String org = freshOrg();
        String a = create(org, "A", null);

        Response stale = run(editor(org), "mutation($id: ID!) { deleteCategory(id: $id, expectedVersion: 3) "
                + "{ category { id } userErrors { code field message } } }", Map.of("id", a));
        Response forbidden = run(viewer(org), "mutation($id: ID!) { deleteCategory(id: $id) { category { id } } }",
                Map.of("id", a));

        assertUserError(stale, "CONFLICT", "expectedVersion", "Category was changed by someone else; current version is 1");
        assertEquals("FORBIDDEN", forbidden.errorCode());
    }

    @Test
    void instantiateTemplateCreatesTheWholeTreeUnderAParent() {
        String org = freshOrg();
        String parent = create(org, "Imported", null);

        Response response = run(editor(org), "mutation($p: ID) { instantiateTemplate(templateId: \"tpl-cloud-baseline\", "
                + "version: 1, parentId: $p) { categories { name depth path } userErrors { code } } }", Map.of("p", parent));
        Response tree = run(editor(org), "{ categoryTree { name children { name children { name children { name } } } } }");

        assertEquals(0, response.at("/data/instantiateTemplate/userErrors").size(), response.json().toString());
        assertEquals(14, response.at("/data/instantiateTemplate/categories").size());
        assertEquals("Imported › Cloud Infrastructure", response.text("/data/instantiateTemplate/categories/0/path"));
        assertEquals(List.of("Compute Services", "Network Services", "Storage Services"), names(tree.at("/data/categoryTree/0/children/0/children")));
        assertEquals(List.of("Containers", "Serverless", "Virtual Machines"),
                names(tree.at("/data/categoryTree/0/children/0/children/0/children")));
    }

    @Test
    void instantiateTemplateWithClashingNamesCreatesNothingAndReportsEveryClash() {
        String org = freshOrg();
        String instantiate = "mutation { instantiateTemplate(templateId: \"tpl-cloud-baseline\", version: 1) "
                + "{ categories { name } userErrors { code field message } } }";
        assertEquals(14, run(editor(org), instantiate).at("/data/instantiateTemplate/categories").size());

        Response response = run(editor(org), instantiate);
        Response missing = run(editor(org), "mutation { instantiateTemplate(templateId: \"tpl-none\") "
                + "{ categories { name } userErrors { code field message } } }");

        assertEquals(0, response.at("/data/instantiateTemplate/categories").size());
        List<String> messages = names(response.at("/data/instantiateTemplate/userErrors"), "/message");
        assertEquals(14, messages.size(), messages.toString());
        assertTrue(messages.contains("A category named \"Compute Services\" already exists"), messages.toString());
        assertTrue(messages.contains("A category named \"Storage Services\" already exists"), messages.toString());
        assertEquals("CONFLICT", response.text("/data/instantiateTemplate/userErrors/0/code"));
        assertEquals("templateId", response.text("/data/instantiateTemplate/userErrors/0/field"));
        assertEquals("Template not found", missing.text("/data/instantiateTemplate/userErrors/0/message"));
        assertEquals("NOT_FOUND", missing.text("/data/instantiateTemplate/userErrors/0/code"));
    }

    private String create(String org, String name, String parentId) {
        Response response = run(editor(org), "mutation($n: String!, $p: ID) { createCategory(input: { name: $n, parentId: $p }) "
                + "{ category { id } userErrors { message } } }", variables("n", name, "p", parentId));
        String id = response.text("/data/createCategory/category/id");
        assertFalse(id.isEmpty(), response.json().toString());
        return id;
    }

    private Response move(String org, String id, String newParentId, Integer expectedVersion) {
        Map<String, Object> variables = variables("id", id, "p", newParentId);
        variables.put("v", expectedVersion);
        return run(editor(org), "mutation($id: ID!, $p: ID, $v: Int) { moveCategory(id: $id, newParentId: $p, "
                + "expectedVersion: $v) { category { id depth } userErrors { code field message } } }", variables);
    }

    private Response createUnder(String org, String parentId) {
        return run(editor(org), "mutation($p: ID) { createCategory(input: { name: $n, parentId: $p }) "
                .replace("$n", "\"Child " + UUID.randomUUID() + "\"")
                + "{ category { id } userErrors { code field message } } }", Map.of("p", parentId));
    }

    private static void assertUserError(Response response, String code, String field, String message) {
        JsonNode payload = response.json().at("/data").elements().next();
        assertEquals(code, payload.at("/userErrors/0/code").asText(), response.json().toString());
        assertEquals(field, payload.at("/userErrors/0/field").asText(), response.json().toString());
        assertEquals(message, payload.at("/userErrors/0/message").asText());
        payload.fields().forEachRemaining(entry -> {
            if (!entry.getKey().equals("userErrors") && !entry.getKey().equals("clientMutationId")) {
                assertTrue(entry.getValue().isNull() || entry.getValue().isEmpty(), entry.getKey() + " must be empty");
            }
        });
        assertNull(response.errorCode());
    }

    private static Map<String, Object> variables(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new java.util.HashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }

    private static List<String> names(JsonNode array) {
        return names(array, "/name");
    }

    private static List<String> names(JsonNode array, String pointer) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.at(pointer).asText()));
        return names;
    }

    private static List<Integer> ints(JsonNode array, String pointer) {
        List<Integer> values = new ArrayList<>();
        array.forEach(n -> values.add(n.at(pointer).asInt()));
        return values;
    }
}
