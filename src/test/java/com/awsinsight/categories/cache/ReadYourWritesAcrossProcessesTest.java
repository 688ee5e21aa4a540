package com.awsinsight.categories.cache;

import com.awsinsight.categories.Application;
import com.awsinsight.categories.Settings;
import com.awsinsight.categories.auth.DevIdentityProvider;
import com.awsinsight.categories.edge.LocalServer;
import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.observability.JsonLog;
import com.awsinsight.categories.store.dynamodb.DynamoStore;
import com.awsinsight.categories.testing.Dynalite;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Tag;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Two gateway processes (two {@code serve}s: each its own application, cache and dev identity provider) on one
 * DynamoDB (dynalite), over HTTP. One keeps reading the whole tree, which it caches while nothing changes; the
 * other writes. The first read after each kind of write, on the process that did not write, reflects it.
 */
@Tag("dynalite")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadYourWritesAcrossProcessesTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TREE = "{ categoryTree { id name isActive children { id name children { id name } } } }";

    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private Process reader;
    private Process writer;

    /** One {@code serve}: its server, its base address and its editor token for the test's organization. */
    private record Process(LocalServer server, String base, String token) {
    }

    @BeforeAll
    void start() throws Exception {
        DynamoStore tables = Dynalite.get().newStore();
        Map<String, String> environment = Map.of("DYNAMODB_ENDPOINT", Dynalite.get().endpoint().toString(),
                "TABLE_NAME", tables.categoriesTable(), "TEMPLATES_TABLE_NAME", tables.templatesTable(), "AWS_REGION", "us-east-1");
        String org = "org-" + UUID.randomUUID();
        reader = serve(environment, org);
        writer = serve(environment, org);
        JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8), false);
    }

    @AfterAll
    void stop() {
        JsonLog.redirect(System.out, false);
        reader.server().close();
        writer.server().close();
    }

    @Test
    void theFirstReadAfterEachWriteOnTheOtherProcessReflectsIt() throws Exception {
        String root = create("Infrastructure", null);
        String compute = create("Compute", root);
        String storage = create("Storage", root);
        JsonNode seen = cachedTree();

        create("Marketing", null);
        seen = firstReadChanged(seen);
        create("EC2", compute);
        seen = firstReadChanged(seen);
        mutate("mutation($id: ID!) { updateCategory(id: $id, input: { name: \"Compute & Containers\" }) { category { id } } }",
                Map.of("id", compute));
        seen = firstReadChanged(seen);
        mutate("mutation($id: ID!, $p: ID) { moveCategory(id: $id, newParentId: $p) { category { id } } }",
                Map.of("id", storage, "p", compute));
        seen = firstReadChanged(seen);
        mutate("mutation($id: ID!) { deleteCategory(id: $id, cascade: true) { category { id } } }", Map.of("id", compute));
        seen = firstReadChanged(seen);
        mutate("mutation($id: ID!) { restoreCategory(id: $id, cascade: true) { category { id } } }", Map.of("id", compute));
        seen = firstReadChanged(seen);

        assertEquals(List.of("Infrastructure", "Marketing"), names(seen));
        assertEquals("Compute & Containers", seen.at("/0/children/0/name").asText(), seen.toString());
        assertEquals(List.of("EC2", "Storage"), names(seen.at("/0/children/0/children")));
    }

    /** The reader's next tree: not from its cache, different from {@code before}, the writer's own view; then cached. */
    private JsonNode firstReadChanged(JsonNode before) throws Exception {
        int mark = logLines().size();
        JsonNode read = tree(reader);
        assertEquals(List.of("stored"), cacheUses(mark), "the reader read the organization again");
        assertNotEquals(before, read);
        assertEquals(tree(writer), read);
        return cachedTree();
    }

    /** Reads the tree on the reader until it is answered from its cache (the second read at the latest). */
    private JsonNode cachedTree() throws Exception {
        JsonNode first = tree(reader);
        int mark = logLines().size();
        JsonNode second = tree(reader);
        assertEquals(List.of("result"), cacheUses(mark), "the reader answered from its cache");
        assertEquals(first, second);
        return second;
    }

    private String create(String name, String parentId) throws Exception {
        java.util.HashMap<String, Object> variables = new java.util.HashMap<>();
        variables.put("n", name);
        variables.put("p", parentId);
        JsonNode data = mutate("mutation($n: String!, $p: ID) { createCategory(input: { name: $n, parentId: $p }) "
                + "{ category { id } userErrors { message } } }", variables);
        return data.at("/createCategory/category/id").asText();
    }

    private JsonNode mutate(String mutation, Map<String, Object> variables) throws Exception {
        JsonNode body = post(writer, mutation, variables);
        assertEquals(0, body.findValues("userErrors").stream().mapToInt(JsonNode::size).sum(), body.toString());
        return body.get("data");
    }

    private static JsonNode tree(Process process) throws Exception {
        return post(process, TREE, Map.of()).at("/data/categoryTree");
    }

    private static JsonNode post(Process process, String query, Map<String, Object> variables) throws Exception {
        String body = Json.MAPPER.writeValueAsString(Map.of("query", query, "variables", variables));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(process.base() + "/graphql"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + process.token())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode json = Json.MAPPER.readTree(response.body());
        assertEquals(null, json.get("errors"), response.body());
        return json;
    }

    private static Process serve(Map<String, String> environment, String org) throws Exception {
        LocalServer server = new LocalServer("127.0.0.1", 0);
        String base = "http://127.0.0.1:" + server.port();
        DevIdentityProvider dev = new DevIdentityProvider(base + "/dev");
        server.start(Application.create(Settings.fromEnvironment(environment), dev).router());
        HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/dev/token?org=" + org + "&role=editor"))
                .build(), HttpResponse.BodyHandlers.ofString());
        return new Process(server, base, Json.MAPPER.readTree(token.body()).get("token").asText());
    }

    private List<JsonNode> logLines() {
        return logs.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("{")).map(line -> {
            try {
                return Json.MAPPER.readTree(line);
            } catch (Exception e) {
                throw new AssertionError(line, e);
            }
        }).toList();
    }

    /** The organization-cache use of the reader's tree requests logged after line {@code mark}. */
    private List<String> cacheUses(int mark) {
        List<JsonNode> lines = logLines();
        return lines.subList(mark, lines.size()).stream()
                .filter(l -> "/graphql".equals(l.path("path").asText()) && l.has("organizationCache"))
                .map(l -> l.get("organizationCache").asText())
                .toList();
    }

    private static List<String> names(JsonNode nodes) {
        List<String> names = new java.util.ArrayList<>();
        nodes.forEach(n -> names.add(n.get("name").asText()));
        return names;
    }
}
