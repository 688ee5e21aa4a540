package com.awsinsight.categories.edge;

import com.awsinsight.categories.demo.DemoData;
import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.domain.model.Role;
import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.edge.http.ProxyRequest;
import com.awsinsight.categories.edge.http.ProxyResponse;
import com.awsinsight.categories.graphql.PersistedDocuments;
import com.awsinsight.categories.graphql.QueryLimits;
import com.awsinsight.categories.observability.JsonLog;
import com.awsinsight.categories.store.memory.InMemoryStore;
import com.awsinsight.categories.testing.GraphQLHarness;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Batched GraphQL requests (a JSON array of operations, as Apollo's {@code BatchHttpLink} sends): answered with the
 * array of results in order, run in one session of the caller (later operations see earlier writes; one request's
 * template budget), and held to one request's limits as a whole: the mutation budget counted across the batch, the
 * costs added up, the response size cap shared; automatic persisted queries work per operation.
 */
class BatchedOperationsTest {
    private static final String TREE = "query Roots { categoryTree(maxDepth: 0) { id name } }";
    private static final String LISTING = "query Page { categories(first: 100) { edges { node { id name path } } } }";

    private final InMemoryStore store = demoStore();
    private final String org = "batch-" + UUID.randomUUID();

    @Test
    void aBatchIsAnsweredInOrderWithOneLogLine() throws IOException {
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8), false);
        ProxyResponse response;
        try {
            response = router(QueryLimits.DEFAULT).handle(batch(DemoData.ORGANIZATION,
                    Map.of("query", TREE, "operationName", "Roots"),
                    Map.of("query", "query($n: String!) { categoryByName(name: $n) { path } }", "variables", Map.of("n", "ec2")),
                    Map.of("query", "{ categoryTree { nope } }")));
        } finally {
            JsonLog.redirect(System.out, false);
        }

        JsonNode results = json(response);
        assertEquals(200, response.statusCode(), response.bodyText());
        assertEquals(3, results.size());
        assertEquals(6, results.at("/0/data/categoryTree").size());
        assertEquals("Infrastructure Costs › Compute › EC2", results.at("/1/data/categoryByName/path").asText());
        assertEquals("BAD_USER_INPUT", results.at("/2/errors/0/extensions/code").asText());
        List<JsonNode> lines = logs.toString(StandardCharsets.UTF_8).lines().map(BatchedOperationsTest::parse)
                .filter(line -> line.has("status")).toList();
        assertEquals(1, lines.size(), lines.toString());
        assertEquals(3, lines.get(0).get("batchOperations").asInt());
        assertEquals("Roots,-,-", lines.get(0).get("operationName").asText());
    }

    @Test
    void laterOperationsOfABatchSeeTheWritesOfEarlierOnes() throws IOException {
        ProxyResponse response = router(QueryLimits.DEFAULT).handle(batch(org,
                Map.of("query", "mutation { createCategory(input: { name: \"Written first\" }) { category { id } } }"),
                Map.of("query", "{ categoryByName(name: \"written first\") { id name } }")));

        JsonNode results = json(response);
        assertEquals(results.at("/0/data/createCategory/category/id").asText(), results.at("/1/data/categoryByName/id").asText(),
                results.toString());
    }

    @Test
    void theMutationBudgetIsCountedAcrossTheBatchAndAnOverBudgetBatchWritesNothing() throws IOException {
        HttpRouter router = router(QueryLimits.DEFAULT);

        ProxyResponse refused = router.handle(batch(org, Map.of("query", creates(6, "Over")), Map.of("query", creates(5, "Budget"))));
        ProxyResponse strict = router.handle(withHeader(batch(org, Map.of("query", creates(6, "Over")), Map.of("query", creates(5, "Budget"))),
                "Accept", "application/graphql-response+json"));
        ProxyResponse allowed = router.handle(batch(org, Map.of("query", creates(5, "Within")), Map.of("query", creates(5, "Budget"))));

        JsonNode results = json(refused);
        for (JsonNode result : results) {
            assertEquals("A request may run at most 10 mutations; this batch asks for 11", result.at("/errors/0/message").asText());
            assertTrue(result.path("data").isMissingNode(), result.toString());
        }
        assertEquals(200, refused.statusCode(), "a batch's results carry their errors one by one");
        assertEquals(200, strict.statusCode(), "also under application/graphql-response+json");
        assertEquals(json(refused), json(strict));
        assertEquals(200, allowed.statusCode());
        assertEquals(10, names().size(), "only the batch within the budget wrote: " + names());
    }

    @Test
    void theQueryCostLimitAppliesToTheBatchAsAWhole() throws IOException {
        int cost = json(router(QueryLimits.DEFAULT).handle(batch(DemoData.ORGANIZATION, Map.of("query", LISTING))))
                .at("/0/extensions/cost/requested").asInt();
        HttpRouter router = router(new QueryLimits(30, 500, cost + cost / 2, true));

        JsonNode one = json(router.handle(batch(DemoData.ORGANIZATION, Map.of("query", LISTING))));
        JsonNode two = json(router.handle(batch(DemoData.ORGANIZATION, Map.of("query", LISTING), Map.of("query", LISTING))));

        assertEquals(100, one.at("/0/data/categories/edges").size(), "one listing alone fits");
        assertEquals("Query cost " + 2 * cost + " of the batch exceeds the limit of " + (cost + cost / 2),
                two.at("/0/errors/0/message").asText());
        assertEquals(two.at("/0"), two.at("/1"));
    }

    @Test
    void theResponseSizeCapIsSharedByTheBatch() throws IOException {
        int size = router(QueryLimits.DEFAULT).handle(batch(DemoData.ORGANIZATION, Map.of("query", LISTING))).body().length;
        HttpRouter router = router(new QueryLimits(30, 500, 1_000_000, true, size + size / 2, 10));

        JsonNode results = json(router.handle(batch(DemoData.ORGANIZATION, Map.of("query", LISTING), Map.of("query", LISTING),
                Map.of("query", TREE))));

        assertEquals(100, results.at("/0/data/categories/edges").size());
        String tooLarge = "The response would be larger than " + (size + size / 2) + " bytes; ask for fewer fields or smaller pages";
        assertEquals(tooLarge, results.at("/1/errors/0/message").asText(), "the second listing, kept or run, passes the cap");
        assertEquals(6, results.at("/2/data/categoryTree").size(), "what is left of the cap still answers a small result");
    }

    @Test
    void templateInstantiationsOfABatchShareOneRequestsBudget() throws IOException {
        String first = saveTemplate("First", 600);
        String second = saveTemplate("Second", 600);
        String instantiate = "mutation($t: ID!) { instantiateTemplate(templateId: $t) { categories { id } userErrors { message } } }";

        JsonNode results = json(router(QueryLimits.DEFAULT).handle(batch(org,
                Map.of("query", instantiate, "variables", Map.of("t", first)),
                Map.of("query", instantiate, "variables", Map.of("t", second)))));

        assertEquals(600, results.at("/0/data/instantiateTemplate/categories").size(), results.at("/0").toString());
        assertEquals("A request may create at most 1000 categories from templates; this template has 600 and 400 are left",
                results.at("/1/data/instantiateTemplate/userErrors/0/message").asText());
    }

    @Test
    void persistedQueriesWorkForEachOperationOfABatch() throws IOException {
        HttpRouter router = router(QueryLimits.DEFAULT);
        String hash = PersistedDocuments.sha256(TREE);
        Map<String, Object> byHash = Map.of("extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash)));

        ProxyResponse unknown = router.handle(batch(DemoData.ORGANIZATION, byHash, Map.of("query", "{ categoryTree(maxDepth: 0) { name } }")));
        ProxyResponse onlyUnknown = router.handle(batch(DemoData.ORGANIZATION, byHash));
        ProxyResponse registering = router.handle(batch(DemoData.ORGANIZATION,
                Map.of("query", TREE, "extensions", byHash.get("extensions"))));
        ProxyResponse known = router.handle(batch(DemoData.ORGANIZATION, byHash, byHash));

        assertEquals(200, unknown.statusCode(), "the unknown hash is answered in its operation's place");
        assertEquals("PERSISTED_QUERY_NOT_FOUND", json(unknown).at("/0/errors/0/extensions/code").asText());
        assertEquals("PersistedQueryNotFound", json(unknown).at("/0/errors/0/message").asText());
        assertEquals(6, json(unknown).at("/1/data/categoryTree").size());
        assertEquals(200, onlyUnknown.statusCode(), "a batching client fails every operation of a response that is not 2xx");
        assertEquals("PERSISTED_QUERY_NOT_FOUND", json(onlyUnknown).at("/0/errors/0/extensions/code").asText());
        assertEquals(6, json(registering).at("/0/data/categoryTree").size());
        assertEquals(json(registering).at("/0/data"), json(known).at("/0/data"));
        assertEquals(json(registering).at("/0/data"), json(known).at("/1/data"));
    }

    private HttpRouter router(QueryLimits limits) {
        return new HttpRouter(GraphQLHarness.engine(store, limits), new Authenticator(null),
                new HttpRouter.Settings(List.of("*"), false, "test", 102_400, null, DemoData.ORGANIZATION),
                new PersistedDocuments(Map.of(), false));
    }

    @SafeVarargs
    private static ProxyRequest batch(String organization, Map<String, Object>... operations) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("httpMethod", "POST");
        event.put("path", "/graphql");
        event.putObject("headers").put("Content-Type", "application/json");
        event.put("body", Json.write(List.of(operations)));
        event.putObject("requestContext").put("requestId", "req-batch")
                .putObject("authorizer").putObject("claims")
                .put("sub", "user-1").put("custom:organizationId", organization).put("custom:role", "editor");
        return ProxyRequest.fromEvent(event);
    }

    private static ProxyRequest withHeader(ProxyRequest request, String name, String value) {
        Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(request.headers());
        headers.put(name, value);
        return new ProxyRequest(request.method(), request.path(), headers, request.query(), request.body(),
                request.requestId(), request.authorizerClaims(), request.resource(), request.pathParameters(),
                request.requestPath());
    }

    private static String creates(int count, String prefix) {
        return "mutation { " + IntStream.range(0, count)
                .mapToObj(i -> "c" + i + ": createCategory(input: { name: \"" + prefix + " " + i + "\" }) { category { id } }")
                .collect(Collectors.joining(" ")) + " }";
    }

    private List<String> names() {
        GraphQLHarness.Response all = new GraphQLHarness(store).run(GraphQLHarness.editor(org),
                "{ categories(first: 100, filter: { includeInactive: true }) { edges { node { name } } } }");
        return all.json().findValuesAsText("name");
    }

    private String saveTemplate(String prefix, int nodes) {
        List<Map<String, Object>> roots = new ArrayList<>();
        for (int r = 0; r < nodes / 30; r++) {
            int root = r;
            List<Map<String, Object>> children = IntStream.range(1, 30)
                    .mapToObj(c -> Map.<String, Object>of("name", prefix + " " + root + "." + c)).toList();
            roots.add(Map.of("name", prefix + " " + root, "children", children));
        }
        GraphQLHarness.Response saved = new GraphQLHarness(store).run(new Caller(org, "admin", Role.ADMIN),
                "mutation($input: SaveTemplateInput!) { saveTemplate(input: $input) { template { id } userErrors { message } } }",
                Map.of("input", Map.of("name", prefix, "templateType", "TEST", "categories", roots)));
        return saved.text("/data/saveTemplate/template/id");
    }

    private static InMemoryStore demoStore() {
        InMemoryStore store = new InMemoryStore();
        DemoData.load(store);
        return store;
    }

    private static JsonNode parse(String line) {
        try {
            return Json.MAPPER.readTree(line);
        } catch (IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }

    private static JsonNode json(ProxyResponse response) throws IOException {
        return Json.MAPPER.readTree(response.body());
    }
}
