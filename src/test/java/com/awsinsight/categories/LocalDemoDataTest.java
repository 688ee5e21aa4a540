package com.awsinsight.categories;

import com.awsinsight.categories.demo.DemoData;
import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.model.Template;
import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.store.dynamodb.DynamoStore;
import com.awsinsight.categories.store.dynamodb.DynamoTables;
import com.awsinsight.categories.testing.Dynalite;
import com.awsinsight.categories.testing.NodeService;
import com.awsinsight.categories.testing.TreeFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A local run never writes into tables it did not create. {@code serve} with {@code DYNAMODB_ENDPOINT} and
 * {@code TABLE_NAME}/{@code TEMPLATES_TABLE_NAME} naming tables that hold the Node service's items (written by its
 * own document client) and its template {@code tpl-cloud-baseline} v1: after it has started and answered, every item
 * of both tables is as it was, and nothing was added. Demo data goes only into the tables the run created (a missing
 * templates table next to an existing categories table gets the demo templates, the categories table nothing), and
 * even there with conditional writes that never overwrite an item.
 */
@Tag("dynalite")
@Tag("node")
class LocalDemoDataTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String NODE_ORG = "node-org";

    private final String prefix = "local-" + UUID.randomUUID().toString().substring(0, 8);
    private final String categories = prefix + "-categories";
    private final String templates = prefix + "-templates";

    @Test
    void serveOnTablesThatHoldDataChangesNothingInThem() throws Exception {
        DynamoTables.createIfMissing(Dynalite.get().client(), categories, templates);
        NodeService.put(categories, TreeFixtures.tree(NODE_ORG, 20, 3));
        NodeService.load(templates, List.of(nodeTemplate()));
        Map<String, Map<String, AttributeValue>> categoriesBefore = Dynalite.get().items(categories);
        Map<String, Map<String, AttributeValue>> templatesBefore = Dynalite.get().items(templates);

        Served served = serve();
        try {
            assertTrue(served.out.startsWith("category-gateway listening on " + served.base + " (store: DynamoDB tables " + categories
                    + " (existing, not written) and " + templates + " (existing, not written); demo data: none)"), served.out);
            assertEquals(200, get(served.base + "/health?deep=true", null).statusCode());
            String token = token(served.base, NODE_ORG);
            JsonNode answer = graphQL(served.base, token, "{ categories(first: 100) { edges { node { id } } } templates(first: 10) { edges { node { templateId name } } } }");
            assertEquals(20, answer.at("/data/categories/edges").size(), answer.toString());
            assertEquals("tpl-cloud-baseline", answer.at("/data/templates/edges/0/node/templateId").asText(), answer.toString());
            assertEquals("Cloud baseline (Node)", answer.at("/data/templates/edges/0/node/name").asText());
            assertEquals(1, answer.at("/data/templates/edges").size(), "no demo template was added: " + answer);
            assertEquals(200, get(served.base + "/categories?limit=5", token).statusCode());
        } finally {
            served.server.close();
        }

        assertEquals(categoriesBefore, Dynalite.get().items(categories), "serve changed the categories table");
        assertEquals(templatesBefore, Dynalite.get().items(templates), "serve changed the templates table");
    }

    @Test
    void aMissingTemplatesTableIsCreatedWithTheDemoTemplatesAndTheExistingCategoriesTableGetsNothing() throws Exception {
        DynamoTables.createIfMissing(Dynalite.get().client(), categories, prefix + "-unused");
        NodeService.put(categories, TreeFixtures.tree(NODE_ORG, 5, 2));
        Map<String, Map<String, AttributeValue>> categoriesBefore = Dynalite.get().items(categories);

        Served served = serve();
        served.server.close();

        assertTrue(served.out.contains("(store: DynamoDB tables " + categories + " (existing, not written) and " + templates
                + " (created); demo data: 3 template versions)"), served.out);
        assertEquals(categoriesBefore, Dynalite.get().items(categories), "serve changed the categories table");
        assertEquals(3, Dynalite.get().items(templates).size());
    }

    @Test
    void tablesTheRunCreatesGetTheDemoData() throws Exception {
        Served served = serve();
        try {
            assertTrue(served.out.contains("(store: DynamoDB tables " + categories + " (created) and " + templates
                    + " (created); demo data: demo-org, demo-org-2, 3 template versions)"), served.out);
            JsonNode answer = graphQL(served.base, token(served.base, DemoData.ORGANIZATION),
                    "{ categoryByName(name: \"ec2\") { name } }");
            assertEquals("EC2", answer.at("/data/categoryByName/name").asText(), answer.toString());
        } finally {
            served.server.close();
        }
    }

    /** Even into tables it is told are new, demo loading never overwrites: a conditional write per item. */
    @Test
    void demoLoadingNeverOverwritesAnItem() {
        DynamoStore store = Dynalite.get().newStore();
        Instant at = Instant.parse("2023-03-01T08:00:00Z");
        String firstDemoId = DemoData.categories(DemoData.ORGANIZATION).get(0).id();
        NodeService.put(store.categoriesTable(), List.of(new Category(DemoData.ORGANIZATION, firstDemoId, "Someone else's",
                null, null, null, at, at, "node", null, true, 0)));
        NodeService.load(store.templatesTable(), List.of(nodeTemplate()));
        Map<String, Map<String, AttributeValue>> categoriesBefore = Dynalite.get().items(store.categoriesTable());
        Map<String, Map<String, AttributeValue>> templatesBefore = Dynalite.get().items(store.templatesTable());

        DemoData.Loaded loaded = DemoData.loadIntoNewTables(store, true, true);

        assertEquals(List.of(DemoData.SECOND_ORGANIZATION), loaded.organizations(), "demo-org's first id exists: the organization is left alone");
        assertEquals(2, loaded.templates(), "tpl-cloud-baseline v1 exists; v2 and tpl-team are new");
        Map<String, Map<String, AttributeValue>> categoriesAfter = Dynalite.get().items(store.categoriesTable());
        categoriesBefore.forEach((key, item) -> assertEquals(item, categoriesAfter.get(key), "overwritten: " + key));
        assertTrue(categoriesAfter.keySet().stream().noneMatch(k -> k.contains("S=" + DemoData.ORGANIZATION + "#META")),
                "demo-org was not marked indexed");
        long demoOrgItems = categoriesAfter.keySet().stream().filter(k -> k.startsWith("AttributeValue(S=" + DemoData.ORGANIZATION + ")|")).count();
        assertEquals(1, demoOrgItems, "nothing was added to demo-org after its conflict");
        Map<String, Map<String, AttributeValue>> templatesAfter = Dynalite.get().items(store.templatesTable());
        templatesBefore.forEach((key, item) -> assertEquals(item, templatesAfter.get(key), "overwritten: " + key));
        assertEquals(3, templatesAfter.size());
        Template kept = store.templates(new com.awsinsight.categories.domain.ports.StoreMetrics()).find("tpl-cloud-baseline", 1).orElseThrow();
        assertEquals("Cloud baseline (Node)", kept.name());
    }

    /** The Node service's template, as its document client writes it. */
    private static Map<String, Object> nodeTemplate() {
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("templateId", "tpl-cloud-baseline");
        template.put("version", 1);
        template.put("templateType", "COST");
        template.put("name", "Cloud baseline (Node)");
        template.put("description", "Written by the Node service");
        template.put("categories", List.of(Map.of("name", "Node root", "children", List.of())));
        template.put("createdAt", "2023-02-01T00:00:00Z");
        return template;
    }

    private record Served(Main.Outcome outcome, com.awsinsight.categories.edge.LocalServer server, String base, String out) {
    }

    private Served serve() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = Map.of("DYNAMODB_ENDPOINT", Dynalite.get().endpoint().toString(),
                "TABLE_NAME", categories, "TEMPLATES_TABLE_NAME", templates);
        Main.Outcome outcome = Main.run(List.of("serve", "--port", "0"), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, outcome.status(), err.toString(StandardCharsets.UTF_8));
        assertNotNull(outcome.server(), err.toString(StandardCharsets.UTF_8));
        return new Served(outcome, outcome.server(), "http://127.0.0.1:" + outcome.server().port(), out.toString(StandardCharsets.UTF_8));
    }

    private static String token(String base, String org) throws Exception {
        HttpResponse<String> response = get(base + "/dev/token?org=" + org + "&role=viewer", null);
        assertEquals(200, response.statusCode(), response.body());
        return Json.MAPPER.readTree(response.body()).get("token").asText();
    }

    private static JsonNode graphQL(String base, String token, String query) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/graphql"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(Map.of("query", query)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode json = Json.MAPPER.readTree(response.body());
        assertFalse(json.has("errors"), response.body());
        return json;
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
