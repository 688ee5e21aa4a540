package com.awsinsight.categories;

import org.junit.jupiter.api.Tag;
import com.awsinsight.categories.auth.DevIdentityProvider;
import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.edge.LocalServer;
import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.store.dynamodb.DynamoStore;
import com.awsinsight.categories.testing.DataShape;
import com.awsinsight.categories.testing.Dynalite;
import com.awsinsight.categories.testing.NodeService;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.awsinsight.categories.testing.Categories.category;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cutover as a new user meets it, over HTTP against {@code serve}'s router: organizations written only
 * in the Node service's shape (by its own document client on DynamoDB; unindexed items in the embedded
 * store) answer every request of the take-over issue's table correctly before {@code migrate}, and so does
 * an identical organization after it. Also: REST {@code GET /categories/{id}} returns the document exactly as
 * the Node service wrote it, updates bump version 0 to 1, and {@code repair} switches nothing off.
 */
@Tag("dynalite")
@Tag("node")
class NodeServiceCutoverTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Instant CREATED = Instant.parse("2024-01-15T10:30:00Z");

    private String base;
    private DevIdentityProvider dev;

    @ParameterizedTest
    @ValueSource(strings = {"memory", "dynamodb"})
    void everyRequestAnswersAlikeOnTheNodeServicesDataBeforeAndAfterMigrate(String storeKind) throws Exception {
        Map<String, String> env = new HashMap<>();
        if (storeKind.equals("dynamodb")) {
            String prefix = "cutover-" + UUID.randomUUID().toString().substring(0, 8);
            env.put("DYNAMODB_ENDPOINT", Dynalite.get().endpoint().toString());
            env.put("TABLE_NAME", prefix + "-categories");
            env.put("TEMPLATES_TABLE_NAME", prefix + "-templates");
        }
        try (LocalServer server = new LocalServer("127.0.0.1", 0)) {
            base = "http://127.0.0.1:" + server.port();
            dev = new DevIdentityProvider(base + "/dev");
            Application application = Application.create(Settings.fromEnvironment(env), dev);
            server.start(application.router());
            Store store = application.store();
            String before = "node-" + UUID.randomUUID();
            String after = "node-" + UUID.randomUUID();
            List<Category> beforeCategories = nodeServiceOrganization(before);
            List<Category> afterCategories = nodeServiceOrganization(after);
            DataShape.NODE_SERVICE.write(store, beforeCategories);
            DataShape.NODE_SERVICE.write(store, afterCategories);

            assertEveryRow(store, before, beforeCategories);

            Path state = Files.createTempFile("migrate", ".json");
            Files.delete(state);
            int status = new MigrateCommand(store, Clock.systemUTC(), quiet(), quiet())
                    .run(List.of("--state", state.toString(), "--rate", "5000"));
            assertEquals(0, status);
            assertEveryRow(store, after, afterCategories);
        }
    }

    /**
     * Infrastructure Costs › Compute › EC2, Lambda; Infrastructure Costs › Storage › S3; Travel and travel
     * (a case-variant duplicate the Node service allowed). Ids are the Node service's UUIDs.
     */
    private static List<Category> nodeServiceOrganization(String org) {
        String[][] tree = {
                {"Infrastructure Costs", null}, {"Compute", "Infrastructure Costs"}, {"EC2", "Compute"},
                {"Lambda", "Compute"}, {"Storage", "Infrastructure Costs"}, {"S3", "Storage"},
                {"Travel", null}, {"travel", null}};
        Map<String, String> ids = new HashMap<>();
        List<Category> categories = new ArrayList<>();
        int minute = 0;
        for (String[] node : tree) {
            String id = UUID.randomUUID().toString();
            ids.put(node[0], id);
            Instant at = CREATED.plusSeconds(60L * minute++);
            categories.add(category(org, id).named(node[0]).described("Costs of " + node[0])
                    .under(node[1] == null ? null : ids.get(node[1])).metadata(Map.of("color", "#3498db", "sortOrder", minute))
                    .at(at).by("user-xyz789").asNodeServiceWroteIt().build());
        }
        return categories;
    }

    private void assertEveryRow(Store store, String org, List<Category> written) throws Exception {
        Map<String, String> id = new LinkedHashMap<>();
        written.forEach(c -> id.put(c.name(), c.id()));
        String editor = token(org, "editor");

        JsonNode forest = graphQL(editor, "{ categoryTree { name children { name children { name } } } }", Map.of());
        assertEquals(written.size(), countNodes(forest.at("/data/categoryTree")), forest.toString());

        JsonNode subtree = graphQL(editor, "query($id: ID) { categoryTree(rootId: $id) { name children { name children { name } } } }",
                Map.of("id", id.get("Infrastructure Costs")));
        assertEquals("Infrastructure Costs[Compute[EC2,Lambda],Storage[S3]]", shape(subtree.at("/data/categoryTree/0")));

        JsonNode compute = graphQL(editor, "query($id: ID!) { category(id: $id) { childCount children { name } } }",
                Map.of("id", id.get("Compute")));
        assertEquals(2, compute.at("/data/category/childCount").asInt());
        assertEquals(List.of("EC2", "Lambda"), compute.at("/data/category/children").findValuesAsText("name"));

        JsonNode children = graphQL(editor, "query($p: ID) { categories(first: 10, filter: { parentId: $p }) { edges { node { name } } } }",
                Map.of("p", id.get("Compute")));
        assertEquals(List.of("EC2", "Lambda"), children.at("/data/categories/edges").findValuesAsText("name"));

        JsonNode byName = graphQL(editor, "{ categoryByName(name: \"ec2\") { id name } }", Map.of());
        assertEquals("EC2", byName.at("/data/categoryByName/name").asText(), byName.toString());

        JsonNode duplicate = graphQL(editor, "mutation { createCategory(input: { name: \"ec2\" }) { category { id } userErrors { code field } } }", Map.of());
        assertEquals("CONFLICT", duplicate.at("/data/createCategory/userErrors/0/code").asText(), duplicate.toString());

        JsonNode moved = graphQL(editor, "mutation($id: ID!, $p: ID) { moveCategory(id: $id, newParentId: $p) { userErrors { code } } }",
                Map.of("id", id.get("EC2"), "p", id.get("Storage")));
        assertEquals(0, moved.at("/data/moveCategory/userErrors").size(), moved.toString());
        JsonNode parents = graphQL(editor, "query($a: ID!, $b: ID!) { a: category(id: $a) { childCount } b: category(id: $b) { childCount } }",
                Map.of("a", id.get("Compute"), "b", id.get("Storage")));
        assertEquals(1, parents.at("/data/a/childCount").asInt());
        assertEquals(2, parents.at("/data/b/childCount").asInt());

        Category s3 = written.stream().filter(c -> c.name().equals("S3")).findFirst().orElseThrow();
        HttpResponse<String> rest = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/categories/" + s3.id()))
                .header("Authorization", "Bearer " + editor).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, rest.statusCode(), rest.body());
        assertEquals(Json.MAPPER.valueToTree(NodeService.document(s3)), Json.MAPPER.readTree(rest.body()));

        JsonNode updated = graphQL(editor, "mutation($id: ID!) { updateCategory(id: $id, input: { description: \"Object storage\" }) "
                + "{ category { name version metadata parentId } userErrors { code } } }", Map.of("id", s3.id()));
        assertEquals(1, updated.at("/data/updateCategory/category/version").asInt(), updated.toString());
        assertEquals("S3", updated.at("/data/updateCategory/category/name").asText());
        assertEquals(id.get("Storage"), updated.at("/data/updateCategory/category/parentId").asText());
        assertEquals("#3498db", updated.at("/data/updateCategory/category/metadata/color").asText());

        Map<String, Boolean> activeBefore = new HashMap<>();
        store.categories(org, new StoreMetrics()).findAll().forEach(c -> activeBefore.put(c.id(), c.active()));
        Main.repair(store, org, false, quiet());
        store.categories(org, new StoreMetrics()).findAll().forEach(c -> assertEquals(activeBefore.get(c.id()), c.active(), c.name()));
        JsonNode afterRepair = graphQL(editor, "query($id: ID) { categoryTree(rootId: $id) { name children { name children { name } } } }",
                Map.of("id", id.get("Infrastructure Costs")));
        assertEquals("Infrastructure Costs[Compute[Lambda],Storage[EC2,S3]]", shape(afterRepair.at("/data/categoryTree/0")));
        JsonNode travel = graphQL(editor, "{ categoryByName(name: \"TRAVEL\") { id } }", Map.of());
        assertEquals(id.get("Travel"), travel.at("/data/categoryByName/id").asText());
        if (store instanceof DynamoStore dynamo) {
            assertNodeServiceReadsWhatTheGatewayWrote(dynamo, org, written.size());
        }
    }

    /** A rollback: the Node service's document client lists the organization and gets its documents. */
    private static void assertNodeServiceReadsWhatTheGatewayWrote(DynamoStore store, String org, int count) {
        List<Map<String, Object>> items = NodeService.list(store.categoriesTable(), org);
        assertEquals(count, items.size());
        for (Map<String, Object> item : items) {
            assertEquals(org, item.get("organizationId"));
            assertTrue(item.get("categoryName") instanceof String, item.toString());
            assertTrue(item.get("isActive") instanceof Boolean, item.toString());
            assertTrue(item.get("createdAt") instanceof String && item.get("updatedAt") instanceof String, item.toString());
            assertTrue(item.containsKey("parentCategoryId"), item.toString());
        }
    }

    private JsonNode graphQL(String token, String query, Map<String, Object> variables) throws Exception {
        String body = Json.write(Map.of("query", query, "variables", variables));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/graphql"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode json = Json.MAPPER.readTree(response.body());
        assertTrue(json.path("errors").isMissingNode(), response.body());
        return json;
    }

    private String token(String org, String role) {
        return dev.issueToken(org, role, "cutover-test", java.time.Duration.ofMinutes(10));
    }

    private static String shape(JsonNode node) {
        StringBuilder text = new StringBuilder(node.get("name").asText());
        JsonNode children = node.path("children");
        if (children.size() > 0) {
            List<String> parts = new ArrayList<>();
            children.forEach(c -> parts.add(shape(c)));
            text.append('[').append(String.join(",", parts)).append(']');
        }
        return text.toString();
    }

    private static int countNodes(JsonNode nodes) {
        int count = 0;
        for (JsonNode node : nodes) {
            count += 1 + countNodes(node.path("children"));
        }
        return count;
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
