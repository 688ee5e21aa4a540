package com.awsinsight.categories.contract;

import com.awsinsight.categories.demo.DemoData;
import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.testing.GraphQLHarness.Response;
import com.awsinsight.categories.testing.SyncClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static com.awsinsight.categories.testing.GraphQLHarness.editor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What dashboard clients rely on beyond the basics, through real GraphQL on every store and data shape: global
 * object identification ({@code node}, {@code nodes}), complete Relay connections ({@code PageInfo},
 * {@code totalCount}), mutation payloads that carry everything a normalized cache must update, and delta sync
 * ({@code categoryChanges}) ending in exactly the tree a fresh read returns.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("com.awsinsight.categories.testing.StoresUnderTest#everyStoreAndShape")
class ClientConventionsContractTest extends DemoOrganizationContract {
    private static final String CREATE = "mutation($n: String!, $p: ID) { createCategory(input: { name: $n, parentId: $p }) "
            + "{ category { id } parent { id childCount children { id } } userErrors { code message } } }";

    // ---- global object identification ----

    @Test
    void nodeFetchesCategoriesAndTemplateVersionsByIdsUniqueAcrossTypes() {
        String ec2 = DemoData.idOf(demoOrg, "EC2");
        String foreign = DemoData.idOf("another-org", "EC2");
        Response one = graphQL.run(editor(demoOrg), "query($id: ID!) { node(id: $id) { __typename id ... on Category { name } } "
                + "category(id: $id) { id } }", Map.of("id", ec2));
        Response many = graphQL.run(editor(demoOrg), "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id "
                + "... on Template { templateId version } ... on Category { name } } }",
                Map.of("ids", List.of(ec2, "tpl-cloud-baseline@2", "tpl-cloud-baseline@1", "cat-missing", foreign, "tpl-cloud-baseline@9")));
        Response malformed = graphQL.run(editor(demoOrg), "{ node(id: \"~bad id!\") { id } }");
        Response tooMany = graphQL.run(editor(demoOrg), "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
                Map.of("ids", IntStream.range(0, 101).mapToObj(i -> "cat-" + i).toList()));

        assertEquals("Category", one.text("/data/node/__typename"));
        assertEquals(ec2, one.text("/data/node/id"));
        assertEquals(one.text("/data/category/id"), one.text("/data/node/id"), "a REST categoryId is the node id");
        JsonNode nodes = many.at("/data/nodes");
        assertEquals(6, nodes.size());
        assertEquals("EC2", nodes.at("/0/name").asText());
        assertEquals(List.of("Template", "Template"), List.of(nodes.at("/1/__typename").asText(), nodes.at("/2/__typename").asText()));
        assertEquals(List.of(2, 1), List.of(nodes.at("/1/version").asInt(), nodes.at("/2/version").asInt()));
        assertEquals("tpl-cloud-baseline", nodes.at("/2/templateId").asText());
        assertTrue(nodes.get(3).isNull() && nodes.get(4).isNull() && nodes.get(5).isNull(),
                "missing, another organization's and unknown versions are null: " + nodes);
        assertEquals("BAD_USER_INPUT", malformed.errorCode());
        assertEquals("id", malformed.text("/errors/0/extensions/field"));
        assertEquals("BAD_USER_INPUT", tooMany.errorCode());
        assertEquals("ids must hold at most 100 ids", tooMany.text("/errors/0/message"));
    }

    // ---- connections ----

    @Test
    void connectionsHaveCompletePageInfoAndCountOnlyWhenAsked() {
        // Creation order: a listing that reads no index of the gateway's, so Node-service data reads as little.
        String page = "query($a: String) { categories(first: 2, after: $a, orderBy: CREATED_AT_ASC) { edges { cursor } "
                + "pageInfo { hasNextPage hasPreviousPage startCursor endCursor } %s } }";
        Response first = graphQL.run(editor(demoOrg), page.formatted(""), new HashMap<>());
        Response second = graphQL.run(editor(demoOrg), page.formatted(""), Map.of("a", first.text("/data/categories/pageInfo/endCursor")));
        Response counted = graphQL.run(editor(demoOrg), page.formatted("totalCount"), new HashMap<>());
        String compute = DemoData.idOf(demoOrg, "Compute");
        Response children = graphQL.run(editor(demoOrg), "query($p: ID) { categories(first: 1, filter: { parentId: $p }) { totalCount } "
                + "templates(first: 1) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor } } }",
                Map.of("p", compute));

        JsonNode info = first.at("/data/categories/pageInfo");
        assertFalse(info.get("hasPreviousPage").asBoolean());
        assertTrue(info.get("hasNextPage").asBoolean());
        assertEquals(first.text("/data/categories/edges/0/cursor"), info.get("startCursor").asText());
        assertEquals(first.text("/data/categories/edges/1/cursor"), info.get("endCursor").asText());
        assertTrue(second.at("/data/categories/pageInfo/hasPreviousPage").asBoolean());
        assertEquals(demo.size(), counted.at("/data/categories/totalCount").asInt());
        assertEquals(5, children.at("/data/categories/totalCount").asInt());
        assertEquals(3, children.at("/data/templates/totalCount").asInt(), "every visible template version");
        assertEquals(children.text("/data/templates/edges/0/cursor"), children.text("/data/templates/pageInfo/startCursor"));
        assertTrue(first.metrics().itemsRead() < 50, "no count, no whole-organization read: " + first.metrics().itemsRead());
        assertTrue(counted.metrics().itemsRead() >= demo.size(), "the count reads the organization");
        assertTrue(counted.at("/extensions/cost/requested").asInt() > first.at("/extensions/cost/requested").asInt() + 999,
                "totalCount is in the query cost");
    }

    // ---- payloads ----

    @Test
    void everyPayloadCarriesWhatACacheMustUpdate() {
        String org = freshOrg();
        Caller editor = editor(org);
        Response a = graphQL.run(editor, CREATE, variables("n", "A", "p", null));
        String aId = a.text("/data/createCategory/category/id");
        Response b = graphQL.run(editor, CREATE, variables("n", "B", "p", aId));
        String bId = b.text("/data/createCategory/category/id");
        String cId = graphQL.run(editor, CREATE, variables("n", "C", "p", aId)).text("/data/createCategory/category/id");
        String parentFields = "{ id childCount children { id } }";

        Response moved = graphQL.run(editor, "mutation($id: ID!, $to: ID) { moveCategory(id: $id, newParentId: $to) "
                + "{ category { id parentId depth } parent " + parentFields + " previousParent " + parentFields
                + " userErrors { code } } }", Map.of("id", cId, "to", bId));
        Response renamed = graphQL.run(editor, "mutation($id: ID!) { updateCategory(id: $id, input: { name: \"0 first\" }) "
                + "{ category { name } parent " + parentFields + " } }", Map.of("id", cId));
        Response deleted = graphQL.run(editor, "mutation($id: ID!) { deleteCategory(id: $id, cascade: true) "
                + "{ category { id isActive } parent { id } deletedCategories { id isActive } query { categoryTree { id } } } }",
                Map.of("id", aId));
        Response restored = graphQL.run(editor, "mutation($id: ID!) { restoreCategory(id: $id, cascade: true) "
                + "{ category { id isActive } restoredCategories { id isActive childCount } query { categoryTree { id childCount } } } }",
                Map.of("id", aId));
        Response instantiated = graphQL.run(editor, "mutation($p: ID) { instantiateTemplate(templateId: \"tpl-team\", parentId: $p) "
                + "{ categories { id } parent { id childCount } userErrors { message } } }", Map.of("p", bId));

        assertEquals(aId, b.text("/data/createCategory/parent/id"));
        assertEquals(1, b.at("/data/createCategory/parent/childCount").asInt());
        assertEquals(List.of(bId), ids(b.at("/data/createCategory/parent/children")));
        assertTrue(a.at("/data/createCategory/parent").isNull(), "a root has no parent");
        JsonNode move = moved.at("/data/moveCategory");
        assertEquals(2, move.at("/category/depth").asInt());
        assertEquals(bId, move.at("/parent/id").asText());
        assertEquals(List.of(cId), ids(move.at("/parent/children")));
        assertEquals(aId, move.at("/previousParent/id").asText());
        assertEquals(1, move.at("/previousParent/childCount").asInt());
        assertEquals(List.of(bId), ids(move.at("/previousParent/children")));
        assertEquals(List.of(cId), ids(renamed.at("/data/updateCategory/parent/children")));
        JsonNode delete = deleted.at("/data/deleteCategory");
        assertEquals(List.of(cId, bId, aId), ids(delete.at("/deletedCategories")), "deepest first, the target last");
        delete.at("/deletedCategories").forEach(c -> assertFalse(c.get("isActive").asBoolean()));
        assertTrue(delete.at("/parent").isNull());
        assertEquals(0, delete.at("/query/categoryTree").size(), "the query root reads after the write");
        JsonNode restore = restored.at("/data/restoreCategory");
        assertEquals(List.of(aId, bId, cId), ids(restore.at("/restoredCategories")), "the target first, parents before children");
        assertEquals(List.of(1, 1, 0), List.of(restore.at("/restoredCategories/0/childCount").asInt(),
                restore.at("/restoredCategories/1/childCount").asInt(), restore.at("/restoredCategories/2/childCount").asInt()));
        assertEquals(List.of(aId), ids(restore.at("/query/categoryTree")));
        int templateRoots = graphQL.run(editor, "{ template(id: \"tpl-team\") { categories { name } } }")
                .at("/data/template/categories").size();
        assertEquals(bId, instantiated.text("/data/instantiateTemplate/parent/id"), instantiated.json().toString());
        assertEquals(1 + templateRoots, instantiated.at("/data/instantiateTemplate/parent/childCount").asInt(),
                "C and the template's roots");
    }

    // ---- delta sync ----

    @Test
    void deltaSyncFromNothingThenEveryKindOfChangeEndsInTheFreshTree() {
        String org = freshOrg();
        Caller editor = editor(org);
        shape().write(store, DemoData.categories(org));
        SyncClient client = new SyncClient(graphQL, editor, 50);

        List<JsonNode> initial = client.sync();
        assertEquals(SyncClient.freshTree(SyncClient.freshReader(store), editor), client.tree());
        assertEquals(demo.size(), client.received(), "the first sync holds every category once");
        assertEquals(demo.size() / 50 + 1, initial.size());

        String compute = DemoData.idOf(org, "Compute");
        String storage = DemoData.idOf(org, "Storage");
        String created = graphQL.run(editor, CREATE, variables("n", "Batch", "p", compute)).text("/data/createCategory/category/id");
        graphQL.run(editor, "mutation($id: ID!) { updateCategory(id: $id, input: { name: \"Elastic Compute\" }) { category { id } } }",
                Map.of("id", DemoData.idOf(org, "EC2")));
        graphQL.run(editor, "mutation($id: ID!, $to: ID) { moveCategory(id: $id, newParentId: $to) { category { id } } }",
                Map.of("id", DemoData.idOf(org, "Lambda"), "to", storage));
        graphQL.run(editor, "mutation($id: ID!) { deleteCategory(id: $id, cascade: true) { category { id } } }",
                Map.of("id", DemoData.idOf(org, "Databases")));
        client.sync();

        assertEquals(SyncClient.freshTree(SyncClient.freshReader(store), editor), client.tree());
        assertFalse(client.category(DemoData.idOf(org, "Databases")).get("isActive").asBoolean(), "deleted: isActive false");
        assertEquals(compute, client.category(created).get("parentId").asText());

        graphQL.run(editor, "mutation($id: ID!) { restoreCategory(id: $id, cascade: true) { category { id } } }",
                Map.of("id", DemoData.idOf(org, "Databases")));
        client.sync();
        assertEquals(SyncClient.freshTree(SyncClient.freshReader(store), editor), client.tree());
        assertTrue(client.category(DemoData.idOf(org, "Databases")).get("isActive").asBoolean());
    }

    @Test
    void syncTokensBelongToTheirOrganization() {
        String org = freshOrg();
        graphQL.run(editor(org), CREATE, variables("n", "Only", "p", null));
        String token = graphQL.run(editor(org), "{ categoryChanges { syncToken } }").text("/data/categoryChanges/syncToken");

        Response foreign = graphQL.run(editor(freshOrg()), "query($t: String) { categoryChanges(since: $t) { syncToken } }", Map.of("t", token));
        Response forged = graphQL.run(editor(org), "query($t: String) { categoryChanges(since: $t) { syncToken } }", Map.of("t", token + "x"));
        Response tooMany = graphQL.run(editor(org), "{ categoryChanges(first: 101) { syncToken } }");

        assertEquals("BAD_USER_INPUT", foreign.errorCode());
        assertEquals("since", foreign.text("/errors/0/extensions/field"));
        assertEquals("Sync token does not belong to this query", foreign.text("/errors/0/message"));
        assertEquals("Invalid sync token", forged.text("/errors/0/message"));
        assertEquals("first", tooMany.text("/errors/0/extensions/field"));
    }

    private static String freshOrg() {
        return "org-" + UUID.randomUUID();
    }

    private static Map<String, Object> variables(Object... pairs) {
        Map<String, Object> variables = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            variables.put((String) pairs[i], pairs[i + 1]);
        }
        return variables;
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.get("id").asText()));
        return ids;
    }
}
