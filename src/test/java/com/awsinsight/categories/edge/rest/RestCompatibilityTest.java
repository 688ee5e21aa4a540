package com.awsinsight.categories.edge.rest;

import com.awsinsight.categories.graphql.datafetchers.GlobalIds;
import com.awsinsight.categories.Application;
import com.awsinsight.categories.Settings;
import com.awsinsight.categories.auth.DevIdentityProvider;
import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.model.CategoryOrder;
import com.awsinsight.categories.domain.model.CategoryQuery;
import com.awsinsight.categories.domain.model.Slice;
import com.awsinsight.categories.domain.ports.CategoryRepository;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.edge.HttpRouter;
import com.awsinsight.categories.edge.LocalServer;
import com.awsinsight.categories.services.migration.OrganizationIndexer;
import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.edge.http.ProxyRequest;
import com.awsinsight.categories.edge.http.ProxyResponse;
import com.awsinsight.categories.store.dynamodb.DynamoStore;
import com.awsinsight.categories.testing.Dynalite;
import com.awsinsight.categories.testing.NodeDocuments;
import com.awsinsight.categories.testing.NodeService;
import com.awsinsight.categories.testing.ProxyEvents;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.awsinsight.categories.testing.NodeDocuments.nodeDocument;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compatibility table of docs/cutover.md, row by row: what an old REST client of the Node service sees when the
 * gateway serves the items that service wrote. Every test writes its own organization with the Node service's own
 * document client (items of the shapes it stored: timestamps without milliseconds or with {@code +00:00}, attributes
 * left out, ids of any form) into dynalite, and sends API Gateway proxy events (Cognito authorizer claims, the
 * {@code /categories/{id}} resource with its decoded path parameter) through the production router.
 */
@Tag("dynalite")
@Tag("node")
class RestCompatibilityTest {
    private static DynamoStore store;
    private static HttpRouter router;

    @BeforeAll
    static void start() {
        store = Dynalite.get().newStore();
        router = ProxyEvents.router(store);
    }

    /** A request and its answer; {@code json()} parses the body. */
    record Answer(int status, Map<String, String> headers, String body) {
        JsonNode json() throws IOException {
            return body.isEmpty() ? Json.MAPPER.missingNode() : Json.MAPPER.readTree(body);
        }
    }

    // ---- timestamps and absent attributes -------------------------------------------------------------------

    @Test
    void getReturnsEachNodeDocumentExactlyAsStored() throws Exception {
        String org = organization();
        List<Map<String, Object>> documents = legacyDocuments(org);
        NodeService.putDocuments(store.categoriesTable(), documents);

        for (Map<String, Object> document : documents) {
            Answer answer = get(org, (String) document.get("categoryId"));
            assertEquals(200, answer.status(), answer.body());
            assertEquals(Json.MAPPER.valueToTree(document), answer.json(), "GET " + document.get("categoryId"));
            assertEquals("\"0\"", answer.headers().get("ETag"));
        }
    }

    @Test
    void theListReturnsEachNodeDocumentExactlyAsStored() throws Exception {
        String org = organization();
        List<Map<String, Object>> documents = legacyDocuments(org);
        NodeService.putDocuments(store.categoriesTable(), documents);

        Answer answer = send(org, "GET", "/categories", Map.of("includeInactive", "true", "limit", "100"), null, Map.of());

        assertEquals(200, answer.status(), answer.body());
        Map<String, JsonNode> listed = new LinkedHashMap<>();
        answer.json().get("items").forEach(item -> listed.put(item.get("categoryId").asText(), item));
        assertEquals(documents.size(), listed.size(), answer.body());
        for (Map<String, Object> document : documents) {
            assertEquals(Json.MAPPER.valueToTree(document), listed.get((String) document.get("categoryId")));
        }
    }

    @Test
    void whatTheGatewayWritesKeepsItsOwnFormat() throws Exception {
        String org = organization();

        Answer created = send(org, "POST", "/categories", Map.of(), "{\"categoryName\": \"Shared Services\"}", Map.of());
        Answer read = get(org, created.json().get("categoryId").asText());

        assertEquals(201, created.status(), created.body());
        assertEquals(created.json(), read.json());
        List<String> fields = new ArrayList<>();
        read.json().fieldNames().forEachRemaining(fields::add);
        assertEquals(RestRoutesContract.SEED_FIELDS, fields);
        assertTrue(read.json().get("createdAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), read.body());
        assertTrue(read.json().get("description").isNull());
        assertTrue(read.json().get("metadata").isNull());
    }

    // ---- PUT changes only what it was asked to change --------------------------------------------------------

    @Test
    void putChangesOnlyTheAttributesItWasAskedToChange() throws Exception {
        String org = organization();
        List<Map<String, Object>> documents = legacyDocuments(org);
        NodeService.putDocuments(store.categoriesTable(), documents);
        Map<String, Object> storage = documents.get(1);

        Answer renamed = send(org, "PUT", "/categories/legacy-storage", Map.of(), "{\"categoryName\": \"Block Storage\"}", Map.of());
        Map<String, Object> item = storedItem(org, "legacy-storage");

        assertEquals(200, renamed.status(), renamed.body());
        assertEquals("\"1\"", renamed.headers().get("ETag"));
        assertEquals("Block Storage", item.get("categoryName"));
        for (String unchanged : List.of("description", "parentCategoryId", "metadata", "createdAt", "createdBy", "isActive")) {
            assertEquals(storage.get(unchanged), item.get(unchanged), unchanged);
        }
        assertTrue(((String) item.get("updatedAt")).matches(".*T.*\\.\\d{3}Z"), "the gateway's own bookkeeping: " + item);
        assertEquals(1, ((Number) item.get("version")).intValue());
        assertEquals("2023-03-01T08:00:11+00:00", renamed.json().get("createdAt").asText());
        assertEquals(item.get("updatedAt"), renamed.json().get("updatedAt").asText());
        assertEquals(renamed.json(), get(org, "legacy-storage").json());
    }

    @Test
    void putLeavesAbsentAttributesAbsent() throws Exception {
        String org = organization();
        NodeService.putDocuments(store.categoriesTable(), legacyDocuments(org));

        Answer described = send(org, "PUT", "/categories/legacy-compute", Map.of(), "{\"description\": \"Compute costs\"}", Map.of());
        Map<String, Object> item = storedItem(org, "legacy-compute");

        assertEquals(200, described.status(), described.body());
        assertEquals("Compute costs", item.get("description"));
        assertFalse(item.containsKey("metadata"), item.toString());
        assertFalse(described.json().has("metadata"), described.body());
        assertEquals("2023-03-01T08:00:00Z", item.get("createdAt"));
        assertEquals("2023-03-01T08:00:00Z", described.json().get("createdAt").asText());
    }

    @Test
    void putOfWhatIsAlreadyStoredWritesNothing() throws Exception {
        String org = organization();
        List<Map<String, Object>> documents = legacyDocuments(org);
        NodeService.putDocuments(store.categoriesTable(), documents);

        Answer same = send(org, "PUT", "/categories/legacy-compute", Map.of(),
                "{\"categoryName\": \"Compute\", \"description\": null}", Map.of());

        assertEquals(200, same.status(), same.body());
        assertEquals("\"0\"", same.headers().get("ETag"));
        assertEquals(documents.get(0), storedItem(org, "legacy-compute"));
        assertEquals(Json.MAPPER.valueToTree(documents.get(0)), same.json());
    }

    // ---- PUT with parentCategoryId moves ------------------------------------------------------------------------

    @Test
    void putWithParentCategoryIdMovesTogetherWithTheOtherChangesInOneWrite() throws Exception {
        String org = organization();
        List<Map<String, Object>> documents = legacyDocuments(org);
        NodeService.putDocuments(store.categoriesTable(), documents);

        Answer moved = send(org, "PUT", "/categories/legacy-storage", Map.of(),
                "{\"parentCategoryId\": \"legacy-travel\", \"categoryName\": \"Luggage\"}", Map.of());
        Answer children = send(org, "GET", "/categories", Map.of("parentCategoryId", "legacy-travel"), null, Map.of());
        Answer before = send(org, "GET", "/categories", Map.of("parentCategoryId", "legacy-compute"), null, Map.of());
        Map<String, Object> item = storedItem(org, "legacy-storage");

        assertEquals(200, moved.status(), moved.body());
        assertEquals("\"1\"", moved.headers().get("ETag"), "one write");
        assertEquals("legacy-travel", moved.json().get("parentCategoryId").asText());
        assertEquals("Luggage", moved.json().get("categoryName").asText());
        assertEquals(List.of("Luggage"), names(children));
        assertEquals(List.of(), names(before));
        for (String unchanged : List.of("description", "metadata", "createdAt", "createdBy", "isActive")) {
            assertEquals(documents.get(1).get(unchanged), item.get(unchanged), unchanged);
        }
    }

    @Test
    void aRefusedMoveChangesNothing() throws Exception {
        String org = organization();
        List<Map<String, Object>> documents = legacyDocuments(org);
        NodeService.putDocuments(store.categoriesTable(), documents);
        Map<String, Object> before = storedItem(org, "legacy-storage");

        Answer cycle = send(org, "PUT", "/categories/legacy-compute", Map.of(),
                "{\"parentCategoryId\": \"legacy-storage\", \"description\": \"cycle\"}", Map.of());
        Answer inactive = send(org, "PUT", "/categories/legacy-storage", Map.of(),
                "{\"parentCategoryId\": \"legacy-archive\", \"categoryName\": \"Archived storage\"}", Map.of());
        Answer missing = send(org, "PUT", "/categories/legacy-storage", Map.of(),
                "{\"parentCategoryId\": \"legacy-nowhere\", \"description\": \"lost\"}", Map.of());
        Answer badName = send(org, "PUT", "/categories/legacy-storage", Map.of(),
                "{\"parentCategoryId\": \"legacy-travel\", \"categoryName\": \" \"}", Map.of());
        Answer takenName = send(org, "PUT", "/categories/legacy-storage", Map.of(),
                "{\"parentCategoryId\": \"legacy-travel\", \"categoryName\": \"TRAVEL\"}", Map.of());

        assertEquals(409, cycle.status(), cycle.body());
        assertEquals("CONFLICT", cycle.json().at("/error/code").asText());
        assertEquals("parentCategoryId", cycle.json().at("/error/field").asText());
        assertEquals(400, inactive.status(), inactive.body());
        assertEquals("Parent category is inactive", inactive.json().at("/error/message").asText());
        assertEquals("parentCategoryId", inactive.json().at("/error/field").asText());
        assertEquals(404, missing.status(), missing.body());
        assertEquals("Parent category not found", missing.json().at("/error/message").asText());
        assertEquals(400, badName.status(), badName.body());
        assertEquals("categoryName", badName.json().at("/error/field").asText());
        assertEquals(409, takenName.status(), takenName.body());
        assertEquals("categoryName", takenName.json().at("/error/field").asText());
        assertEquals(documents.get(0), storedItem(org, "legacy-compute"));
        assertEquals(before, storedItem(org, "legacy-storage"));
    }

    @Test
    void aMoveDeeperThanTwentyLevelsIsRefused() throws Exception {
        String org = organization();
        List<Map<String, Object>> chain = new ArrayList<>();
        for (int level = 0; level < 20; level++) {
            chain.add(plainDocument(org, "level-" + level, "Level " + level, level == 0 ? null : "level-" + (level - 1)));
        }
        chain.add(plainDocument(org, "loose", "Loose", null));
        NodeService.putDocuments(store.categoriesTable(), chain);

        Answer deepest = send(org, "PUT", "/categories/loose", Map.of(), "{\"parentCategoryId\": \"level-18\"}", Map.of());
        Answer tooDeep = send(org, "PUT", "/categories/loose", Map.of(), "{\"parentCategoryId\": \"level-19\"}", Map.of());

        assertEquals(200, deepest.status(), deepest.body());
        assertEquals(400, tooDeep.status(), tooDeep.body());
        assertEquals("Tree depth limit of 20 levels reached", tooDeep.json().at("/error/message").asText());
        assertEquals("level-18", storedItem(org, "loose").get("parentCategoryId"));
    }

    @Test
    void theCurrentParentIsNoMove() throws Exception {
        String org = organization();
        List<Map<String, Object>> documents = legacyDocuments(org);
        NodeService.putDocuments(store.categoriesTable(), documents);
        String whole = Json.write(documents.get(2)); // Travel as GET returns it: its parent stored as ""

        Answer echoed = send(org, "PUT", "/categories/legacy-travel", Map.of(), whole, Map.of());
        Answer described = send(org, "PUT", "/categories/legacy-storage", Map.of(),
                "{\"parentCategoryId\": \"legacy-compute\", \"description\": \"Blocks\"}", Map.of());

        assertEquals(200, echoed.status(), echoed.body());
        assertEquals("\"0\"", echoed.headers().get("ETag"), "nothing changed, nothing written");
        assertEquals(documents.get(2), storedItem(org, "legacy-travel"));
        assertEquals(200, described.status(), described.body());
        assertEquals("Blocks", storedItem(org, "legacy-storage").get("description"));
    }

    // ---- ids of any form --------------------------------------------------------------------------------------

    /** Ids the Node service could store (DynamoDB takes any 1–1,024 bytes of UTF-8 as a sort key). */
    private static final String SPACES = "Legacy Cat 1";
    private static final String HASH = "a#b";
    private static final String ROOT_LOOKALIKE = "#ROOT";
    private static final String UNICODE = "Kosten · 経費 🚀 /?&=+%";
    private static final String LONGEST = "é".repeat(512);

    /**
     * Roots {@value #SPACES}, {@code a}, {@value #HASH}, {@value #ROOT_LOOKALIKE} and a 1,024-byte id, each with one
     * child; {@code a}'s child is named like {@value #HASH}'s to share their sort keys' prefixes as far as possible.
     */
    private static List<Map<String, Object>> oddIds(String org) {
        return List.of(
                plainDocument(org, SPACES, "Spaces", null), plainDocument(org, UNICODE, "Unicode", SPACES),
                plainDocument(org, "a", "A", null), plainDocument(org, "a-child", "b#child", "a"),
                plainDocument(org, HASH, "A hash B", null), plainDocument(org, "ab-child", "Child", HASH),
                plainDocument(org, ROOT_LOOKALIKE, "Root lookalike", null), plainDocument(org, "root-child", "Root child", ROOT_LOOKALIKE),
                plainDocument(org, LONGEST, "Longest id", null), plainDocument(org, "long-child", "Long child", LONGEST));
    }

    @Test
    void idsOfAnyFormWorkOnEveryRouteBeforeAndAfterIndexing() throws Exception {
        String org = organization();
        NodeService.putDocuments(store.categoriesTable(), oddIds(org));

        assertEveryRouteTakes(org, "before indexing");
        OrganizationIndexer.Result indexed = new OrganizationIndexer(store, new StoreMetrics(), Clock.systemUTC(), () -> { })
                .index(org, false);
        assertEquals(10, indexed.backfilled(), indexed.toString());
        assertEveryRouteTakes(org, "indexed");

        for (String id : List.of(SPACES, UNICODE, HASH, ROOT_LOOKALIKE, LONGEST)) {
            Answer changed = send(org, "PUT", "/categories/" + id, Map.of(), "{\"description\": \"changed\"}", Map.of());
            assertEquals(200, changed.status(), id + ": " + changed.body());
            assertEquals("changed", storedItem(org, id).get("description"));
        }
        Answer created = send(org, "POST", "/categories", Map.of(),
                Json.write(Map.of("categoryName", "New under odd", "parentCategoryId", HASH)), Map.of());
        Answer moved = send(org, "PUT", "/categories/a-child", Map.of(), Json.write(Map.of("parentCategoryId", LONGEST)), Map.of());
        Answer deleted = send(org, "DELETE", "/categories/" + SPACES, Map.of("cascade", "true"), null, Map.of());

        assertEquals(201, created.status(), created.body());
        assertEquals(HASH, created.json().get("parentCategoryId").asText());
        assertEquals(200, moved.status(), moved.body());
        assertEquals(List.of("Child", "New under odd"), names(children(org, HASH)));
        assertEquals(List.of("b#child", "Long child"), names(children(org, LONGEST)));
        assertEquals(204, deleted.status(), deleted.body());
        assertEquals(false, storedItem(org, UNICODE).get("isActive"));
    }

    private void assertEveryRouteTakes(String org, String when) throws Exception {
        for (String id : List.of(SPACES, UNICODE, HASH, ROOT_LOOKALIKE, LONGEST)) {
            Answer answer = get(org, id);
            assertEquals(200, answer.status(), when + " " + id + ": " + answer.body());
            assertEquals(id, answer.json().get("categoryId").asText());
        }
        assertEquals(List.of("Unicode"), names(children(org, SPACES)), when);
        assertEquals(List.of("b#child"), names(children(org, "a")), when);
        assertEquals(List.of("Child"), names(children(org, HASH)), when);
        assertEquals(List.of("Root child"), names(children(org, ROOT_LOOKALIKE)), when);
        assertEquals(List.of("Long child"), names(children(org, LONGEST)), when);
        Answer roots = send(org, "POST", "/graphql", Map.of(), Json.write(Map.of("query",
                "{ categoryTree { name parentId children { name parentId } } }")), Map.of());
        JsonNode tree = roots.json().at("/data/categoryTree");
        List<String> rootNames = new ArrayList<>();
        tree.forEach(root -> rootNames.add(root.get("name").asText() + "[" + root.at("/children/0/name").asText() + "]"));
        assertEquals(List.of("A[b#child]", "A hash B[Child]", "Longest id[Long child]",
                "Root lookalike[Root child]", "Spaces[Unicode]"), rootNames, when + ": " + roots.body());
    }

    /**
     * The index reads themselves (no cache, no whole-organization read): {@code parentKey} prefixes of {@code a} and
     * {@code a#b}, and of the roots and {@code #ROOT}, overlap, and each parent still gets only its own children.
     */
    @Test
    void theParentIndexKeepsEachParentsChildrenApart() {
        String org = organization();
        NodeService.putDocuments(store.categoriesTable(), oddIds(org));
        new OrganizationIndexer(store, new StoreMetrics(), Clock.systemUTC(), () -> { }).index(org, false);
        CategoryRepository repository = store.categories(org, new StoreMetrics());

        Map<String, List<Category>> children = repository.findChildren(Arrays.asList("a", HASH, ROOT_LOOKALIKE, LONGEST, null));
        Slice<Category> ofA = repository.list(new CategoryQuery(null, "a", false, true, CategoryOrder.NAME_ASC), null, 10, 100).orElseThrow();
        Slice<Category> roots = repository.list(new CategoryQuery(null, null, true, true, CategoryOrder.NAME_ASC), null, 10, 100).orElseThrow();

        assertEquals(List.of("a-child"), ids(children.get("a")));
        assertEquals(List.of("ab-child"), ids(children.get(HASH)));
        assertEquals(List.of("root-child"), ids(children.get(ROOT_LOOKALIKE)));
        assertEquals(List.of("long-child"), ids(children.get(LONGEST)));
        assertEquals(List.of("a", HASH, LONGEST, ROOT_LOOKALIKE, SPACES), ids(children.get(null)));
        assertEquals(List.of("a-child"), ids(ofA.items()));
        assertEquals(List.of("a", HASH, LONGEST, ROOT_LOOKALIKE, SPACES), ids(roots.items()));
    }

    private static List<String> ids(List<Category> categories) {
        return categories.stream().map(Category::id).toList();
    }

    @Test
    void graphQLGivesEveryStoredIdASafeGlobalId() throws Exception {
        String org = organization();
        NodeService.putDocuments(store.categoriesTable(), oddIds(org));
        String query = "query($id: ID!) { category(id: $id) { id parentId name } node(id: $id) { id ... on Category { name } } }";

        Answer unicode = graphQL(org, query, Map.of("id", UNICODE));
        String global = unicode.json().at("/data/category/id").asText();
        Answer byGlobal = graphQL(org, query, Map.of("id", global));
        Answer parent = graphQL(org, query, Map.of("id", unicode.json().at("/data/category/parentId").asText()));
        Answer conventional = graphQL(org, query, Map.of("id", "a-child"));
        Answer longest = graphQL(org, "query($id: ID!) { category(id: $id) { id name } }", Map.of("id", LONGEST));
        Answer children = graphQL(org, "query($p: ID) { categories(filter: { parentId: $p }) { edges { node { name parentId } } } }",
                Map.of("p", global(HASH)));
        Answer moved = graphQL(org, "mutation($id: ID!, $p: ID) { moveCategory(id: $id, newParentId: $p) { category { parentId } userErrors { message } } }",
                Map.of("id", global(UNICODE), "p", global(ROOT_LOOKALIKE)));

        assertEquals(global(UNICODE), global, "~ and the base64url of the stored id: " + unicode.body());
        assertTrue(global.matches("~[A-Za-z0-9_-]+"), global);
        assertEquals("Unicode", byGlobal.json().at("/data/category/name").asText(), byGlobal.body());
        assertEquals(global, byGlobal.json().at("/data/node/id").asText());
        assertEquals("Spaces", parent.json().at("/data/node/name").asText(), parent.body());
        assertEquals("a-child", conventional.json().at("/data/category/id").asText(), "a conventional id stays as it is");
        assertEquals("a", conventional.json().at("/data/category/parentId").asText());
        assertEquals("Longest id", longest.json().at("/data/category/name").asText(), longest.body());
        assertEquals("Child", children.json().at("/data/categories/edges/0/node/name").asText(), children.body());
        assertEquals(global(HASH), children.json().at("/data/categories/edges/0/node/parentId").asText());
        assertEquals(global(ROOT_LOOKALIKE), moved.json().at("/data/moveCategory/category/parentId").asText(), moved.body());
        assertEquals(ROOT_LOOKALIKE, storedItem(org, UNICODE).get("parentCategoryId"));
    }

    /** Over real HTTP against {@code serve}'s router on DynamoDB: ids percent-encoded in the path, as clients send them. */
    @Test
    void urlEncodedIdsReachTheirCategoriesOverHttp() throws Exception {
        String prefix = "compat-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = Map.of("DYNAMODB_ENDPOINT", Dynalite.get().endpoint().toString(),
                "TABLE_NAME", prefix + "-categories", "TEMPLATES_TABLE_NAME", prefix + "-templates");
        try (LocalServer server = new LocalServer("127.0.0.1", 0)) {
            DevIdentityProvider dev = new DevIdentityProvider("http://127.0.0.1:" + server.port() + "/dev");
            Application application = Application.create(Settings.fromEnvironment(env), dev);
            server.start(application.router());
            String org = organization();
            NodeService.putDocuments(((DynamoStore) application.store()).categoriesTable(), oddIds(org));
            String token = dev.issueToken(org, "editor", "compat-test", Duration.ofMinutes(10));
            for (String id : List.of(SPACES, UNICODE, HASH, ROOT_LOOKALIKE, LONGEST)) {
                String path = "/categories/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
                HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + path)).header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode(), id + ": " + response.body());
                assertEquals(id, Json.MAPPER.readTree(response.body()).get("categoryId").asText());
            }
        }
    }

    // ---- listing ----------------------------------------------------------------------------------------------

    @Test
    void theListIsInNameOrderNotInTheTablesKeyOrder() throws Exception {
        String org = organization();
        NodeService.putDocuments(store.categoriesTable(), List.of(plainDocument(org, "0001", "Zebra", null),
                plainDocument(org, "0002", "apple", null), plainDocument(org, "0003", "Mango", null)));

        Answer list = send(org, "GET", "/categories", Map.of(), null, Map.of());

        assertEquals(List.of("apple", "Mango", "Zebra"), names(list), "the table's key order would be Zebra, apple, Mango");
    }

    @Test
    void inactiveCategoriesAreListedOnlyWithIncludeInactive() throws Exception {
        String org = organization();
        NodeService.putDocuments(store.categoriesTable(), legacyDocuments(org));

        Answer active = send(org, "GET", "/categories", Map.of(), null, Map.of());
        Answer all = send(org, "GET", "/categories", Map.of("includeInactive", "true"), null, Map.of());

        assertEquals(List.of("Compute", "Storage", "Travel"), names(active));
        assertEquals(List.of("Archive", "Compute", "Storage", "Travel"), names(all));
    }

    @Test
    void aLimitAbove100IsServedInPagesOf100() throws Exception {
        String org = organization();
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            many.add(plainDocument(org, UUID.randomUUID().toString(), String.format("Category %03d", i), null));
        }
        NodeService.load(store.categoriesTable(), many);

        Answer first = send(org, "GET", "/categories", Map.of("limit", "500"), null, Map.of());
        Answer rest = send(org, "GET", "/categories", Map.of("limit", "500", "cursor", first.json().get("nextCursor").asText()), null, Map.of());
        Answer zero = send(org, "GET", "/categories", Map.of("limit", "0"), null, Map.of());

        assertEquals(200, first.status(), first.body());
        assertEquals(100, first.json().get("items").size());
        assertEquals(30, rest.json().get("items").size(), rest.body());
        assertTrue(rest.json().get("nextCursor").isNull());
        assertEquals(400, zero.status());
        assertEquals("limit", zero.json().at("/error/field").asText());
    }

    @Test
    void anOldCursorIsRefusedSoTheListingStartsAgain() throws Exception {
        String org = organization();
        NodeService.putDocuments(store.categoriesTable(), legacyDocuments(org));
        // what the Node service's list handler returned as nextCursor: base64 of its LastEvaluatedKey
        String old = java.util.Base64.getEncoder().encodeToString(
                Json.write(Map.of("organizationId", org, "categoryId", "legacy-compute")).getBytes(StandardCharsets.UTF_8));

        Answer answer = send(org, "GET", "/categories", Map.of("cursor", old), null, Map.of());

        assertEquals(400, answer.status(), answer.body());
        assertEquals("BAD_USER_INPUT", answer.json().at("/error/code").asText());
        assertEquals("cursor", answer.json().at("/error/field").asText());
        assertEquals("Invalid cursor", answer.json().at("/error/message").asText());
    }

    @Test
    void filterMatchesPartOfTheNameIgnoringCase() throws Exception {
        String org = organization();
        NodeService.putDocuments(store.categoriesTable(), legacyDocuments(org));

        Answer answer = send(org, "GET", "/categories", Map.of("filter", "OMP"), null, Map.of());

        assertEquals(List.of("Compute"), names(answer));
    }

    // ---- errors ---------------------------------------------------------------------------------------------

    @Test
    void errorsAreJsonWithACodeAMessageAndTheField() throws Exception {
        String org = organization();
        NodeService.putDocuments(store.categoriesTable(), legacyDocuments(org));

        Answer missing = send(org, "PUT", "/categories/legacy-nowhere", Map.of(), "{\"description\": \"x\"}", Map.of());
        Answer patch = send(org, "PATCH", "/categories/legacy-compute", Map.of(), "{\"description\": \"x\"}", Map.of());
        Answer notJson = send(org, "POST", "/categories", Map.of(), "{categoryName: x}", Map.of());

        assertEquals(404, missing.status());
        assertEquals("NOT_FOUND", missing.json().at("/error/code").asText());
        assertEquals("Category not found", missing.json().at("/error/message").asText());
        assertEquals(405, patch.status());
        assertEquals("GET, PUT, DELETE", patch.headers().get("Allow"));
        assertEquals("Method PATCH is not allowed here", patch.json().at("/error/message").asText());
        assertEquals(400, notJson.status());
        assertEquals("Request body is not valid JSON", notJson.json().at("/error/message").asText());
        assertFalse(storedItem(org, "legacy-compute").containsKey("version"), "nothing was written");
    }

    // ---- names ----------------------------------------------------------------------------------------------

    @Test
    void aNameIsUniqueAcrossParentsWhileDuplicatesTheNodeServiceStoredStayReadable() throws Exception {
        String org = organization();
        List<Map<String, Object>> documents = new ArrayList<>(legacyDocuments(org));
        documents.add(plainDocument(org, "legacy-compute-2", "compute", "legacy-travel"));
        NodeService.putDocuments(store.categoriesTable(), documents);

        Answer taken = send(org, "POST", "/categories", Map.of(),
                "{\"categoryName\": \"COMPUTE\", \"parentCategoryId\": \"legacy-storage\"}", Map.of());
        Answer first = get(org, "legacy-compute");
        Answer second = get(org, "legacy-compute-2");
        Answer edited = send(org, "PUT", "/categories/legacy-compute-2", Map.of(), "{\"description\": \"still a duplicate\"}", Map.of());

        assertEquals(409, taken.status(), taken.body());
        assertEquals("A category named \"COMPUTE\" already exists", taken.json().at("/error/message").asText());
        assertEquals("categoryName", taken.json().at("/error/field").asText());
        assertEquals(200, first.status());
        assertEquals(200, second.status());
        assertEquals(200, edited.status(), "a duplicate keeps its name through other changes: " + edited.body());
    }

    @Test
    void namesTheGatewayRefusesForNewWritesStayReadableAndEditable() throws Exception {
        String org = organization();
        String longName = "Legacy name ".repeat(20);
        NodeService.putDocuments(store.categoriesTable(), List.of(plainDocument(org, "legacy-long", longName, null),
                plainDocument(org, "legacy-tab", "Tab\there", null)));

        Answer read = get(org, "legacy-long");
        Answer edited = send(org, "PUT", "/categories/legacy-tab", Map.of(), "{\"description\": \"kept its name\"}", Map.of());
        Answer refused = send(org, "POST", "/categories", Map.of(), Json.write(Map.of("categoryName", longName)), Map.of());

        assertEquals(longName, read.json().get("categoryName").asText());
        assertEquals(200, edited.status(), edited.body());
        assertEquals("Tab\there", storedItem(org, "legacy-tab").get("categoryName"));
        assertEquals(400, refused.status());
        assertEquals("Name must be at most 128 characters", refused.json().at("/error/message").asText());
    }

    /**
     * A client that writes back the whole document it read, with one field changed: only that field changes. The
     * others are neither checked again (names the rules now refuse) nor rewritten (a name with surrounding spaces),
     * and the parent it sends back is no move.
     */
    @Test
    void aDocumentSentBackWithOneChangeChangesThatFieldOnly() throws Exception {
        String org = organization();
        String longName = "Legacy name ".repeat(20);
        NodeService.putDocuments(store.categoriesTable(), List.of(plainDocument(org, "legacy-parent", "Parent", null),
                plainDocument(org, "legacy-spaced", " Compute ", "legacy-parent"), plainDocument(org, "legacy-long", longName, null)));

        for (String id : List.of("legacy-spaced", "legacy-long")) {
            Map<String, Object> before = storedItem(org, id);
            ObjectNode document = (ObjectNode) get(org, id).json();
            document.put("description", "changed alone");

            Answer put = send(org, "PUT", "/categories/" + id, Map.of(), Json.write(document), Map.of());

            assertEquals(200, put.status(), put.body());
            Map<String, Object> after = storedItem(org, id);
            assertEquals(before.get("categoryName"), after.get("categoryName"), id + ": the name byte for byte");
            assertEquals(before.get("parentCategoryId"), after.get("parentCategoryId"), id + ": no move");
            assertEquals("changed alone", after.get("description"));
        }
    }

    /**
     * Timestamps the Node service may have stored in other shapes (no zone, a date, not a date at all) leave the item
     * and its organization readable: each GET returns the text as stored, the listing and a move work.
     */
    @Test
    void oddTimestampsLeaveTheOrganizationReadable() throws Exception {
        String org = organization();
        List<String> texts = List.of("2023-03-01T08:00:00", "2023-03-01", "yesterday");
        List<Map<String, Object>> documents = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            documents.add(nodeDocument(org, "odd-" + i, "Odd " + i).with("parentCategoryId", null).at(texts.get(i)).build());
        }
        NodeService.putDocuments(store.categoriesTable(), documents);

        for (int i = 0; i < texts.size(); i++) {
            Answer read = get(org, "odd-" + i);
            assertEquals(200, read.status(), read.body());
            assertEquals(texts.get(i), read.json().get("createdAt").asText());
            assertEquals(texts.get(i), read.json().get("updatedAt").asText());
        }
        Answer list = send(org, "GET", "/categories", Map.of(), null, Map.of());
        Answer moved = send(org, "PUT", "/categories/odd-2", Map.of(), "{\"parentCategoryId\": \"odd-0\"}", Map.of());

        assertEquals(200, list.status(), list.body());
        assertEquals(3, list.json().get("items").size(), list.body());
        assertEquals(200, moved.status(), moved.body());
        assertEquals("yesterday", storedItem(org, "odd-2").get("createdAt"), "the stored text stays");
    }

    /**
     * A PUT field the route does not change is never silently dropped: an unknown one, or {@code isActive} other
     * than it is, is a 400 naming the field, with nothing written; {@code isActive} as it is (a document sent back)
     * is no change. A Node item whose {@code isActive} is the text "false" reads as inactive.
     */
    @Test
    void putRefusesWhatItWouldOtherwiseIgnore() throws Exception {
        String org = organization();
        NodeService.putDocuments(store.categoriesTable(), List.of(plainDocument(org, "legacy-on", "On", null),
                nodeDocument(org, "legacy-off", "Off").with("parentCategoryId", null).with("isActive", false).build(),
                nodeDocument(org, "legacy-text", "Text").with("parentCategoryId", null).with("isActive", "false").build()));
        Map<String, Object> on = storedItem(org, "legacy-on");
        Map<String, Object> off = storedItem(org, "legacy-off");

        Answer unknown = send(org, "PUT", "/categories/legacy-on", Map.of(), "{\"desc\": \"typo\"}", Map.of());
        Answer restore = send(org, "PUT", "/categories/legacy-off", Map.of(), "{\"isActive\": true, \"description\": \"x\"}", Map.of());
        Answer text = send(org, "PUT", "/categories/legacy-on", Map.of(), "{\"isActive\": \"false\"}", Map.of());
        Answer same = send(org, "PUT", "/categories/legacy-on", Map.of(), "{\"isActive\": true, \"description\": \"kept\"}", Map.of());
        Answer list = send(org, "GET", "/categories", Map.of(), null, Map.of());

        assertEquals(400, unknown.status(), unknown.body());
        assertEquals("Unknown field desc: PUT changes categoryName, description, metadata and parentCategoryId",
                unknown.json().at("/error/message").asText());
        assertEquals("desc", unknown.json().at("/error/field").asText());
        assertEquals(400, restore.status(), restore.body());
        assertEquals("isActive", restore.json().at("/error/field").asText());
        assertEquals("isActive cannot be changed by PUT: DELETE deactivates a category (and its subtree with cascade=true),"
                + " GraphQL's restoreCategory reactivates it", restore.json().at("/error/message").asText());
        assertEquals(off, storedItem(org, "legacy-off"), "nothing written");
        assertEquals(400, text.status(), text.body());
        assertEquals("isActive must be true or false", text.json().at("/error/message").asText());
        assertEquals(200, same.status(), same.body());
        assertEquals("kept", storedItem(org, "legacy-on").get("description"));
        on.remove("description");
        assertEquals(on.get("isActive"), storedItem(org, "legacy-on").get("isActive"));
        List<String> listed = new ArrayList<>();
        list.json().get("items").forEach(item -> listed.add(item.get("categoryId").asText()));
        assertEquals(List.of("legacy-on"), listed, "the text \"false\" reads as inactive");
    }

    @Test
    void newCategoriesGetOpaqueIdsAndALocation() throws Exception {
        String org = organization();
        NodeService.putDocuments(store.categoriesTable(), legacyDocuments(org));

        Answer created = send(org, "POST", "/categories", Map.of(),
                "{\"categoryName\": \"Snapshots\", \"parentCategoryId\": \"legacy-storage\"}", Map.of());

        assertEquals(201, created.status(), created.body());
        String id = created.json().get("categoryId").asText();
        assertTrue(id.matches("cat-[0-9a-f-]{36}"), id);
        assertEquals("/categories/" + id, created.headers().get("Location"));
        assertEquals(200, get(org, id).status());
    }

    // ---- delete ---------------------------------------------------------------------------------------------

    @Test
    void deleteOfACategoryWithActiveChildrenNeedsCascade() throws Exception {
        String org = organization();
        NodeService.putDocuments(store.categoriesTable(), legacyDocuments(org));

        Answer refused = send(org, "DELETE", "/categories/legacy-compute", Map.of(), null, Map.of());
        Map<String, Object> untouched = storedItem(org, "legacy-compute");
        Answer cascaded = send(org, "DELETE", "/categories/legacy-compute", Map.of("cascade", "true"), null, Map.of());

        assertEquals(409, refused.status(), refused.body());
        assertEquals("cascade", refused.json().at("/error/field").asText());
        assertEquals(true, untouched.get("isActive"));
        assertEquals(204, cascaded.status(), cascaded.body());
        assertEquals("", cascaded.body());
        assertEquals(false, storedItem(org, "legacy-compute").get("isActive"));
        assertEquals(false, storedItem(org, "legacy-storage").get("isActive"));
        assertEquals(false, get(org, "legacy-storage").json().get("isActive").asBoolean());
    }

    // ---- templates, health, preflight ----------------------------------------------------------------------

    @Test
    void templatesAreNewestVersionFirstWithoutExpiredOnesAndRenderedFromTheirValues() throws Exception {
        String type = "COMPAT" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
        Map<String, Object> v1 = new LinkedHashMap<>();
        v1.put("templateId", "tpl-node-" + type);
        v1.put("version", 1);
        v1.put("templateType", type);
        v1.put("name", "Node baseline");
        v1.put("categories", List.of(Map.of("name", "Compute", "children", List.of())));
        v1.put("createdAt", "2023-01-01T00:00:00Z");
        Map<String, Object> v2 = new LinkedHashMap<>(v1);
        v2.put("version", 2);
        v2.put("description", "Second");
        Map<String, Object> v3 = new LinkedHashMap<>(v1);
        v3.put("version", 3);
        v3.put("expiresAt", 1_600_000_000L);
        Map<String, Object> unrecorded = new LinkedHashMap<>(v1);
        unrecorded.put("templateId", "tpl-node-unrecorded-" + type);
        unrecorded.remove("createdAt");
        NodeService.putDocuments(store.templatesTable(), List.of(v1, v2, v3, unrecorded));

        Answer answer = send(organization(), "GET", "/templates", Map.of("type", type), null, Map.of());

        assertEquals(200, answer.status(), answer.body());
        List<JsonNode> all = new ArrayList<>();
        answer.json().get("items").forEach(all::add);
        JsonNode withoutTime = all.stream().filter(t -> t.get("templateId").asText().startsWith("tpl-node-unrecorded-"))
                .findFirst().orElseThrow(() -> new AssertionError(answer.body()));
        assertTrue(withoutTime.get("createdAt").isNull(), "no save time recorded: null, as before (GraphQL says the epoch)");
        List<JsonNode> items = all.stream().filter(t -> t != withoutTime).toList();
        assertEquals(2, items.size(), "version 3 expired: " + answer.body());
        assertEquals(List.of(2, 1), List.of(items.get(0).get("version").asInt(), items.get(1).get("version").asInt()));
        assertEquals("2023-01-01T00:00:00.000Z", items.get(1).get("createdAt").asText(), "the same instant, in the gateway's spelling");
        assertTrue(items.get(1).get("description").isNull());
    }

    @Test
    void healthAndPreflightAnswerOnTheNodeServicesTable() throws Exception {
        String org = organization();
        NodeService.putDocuments(store.categoriesTable(), legacyDocuments(org));

        Answer health = send(org, "GET", "/health", Map.of("deep", "true"), null, Map.of());
        Answer preflight = send(org, "OPTIONS", "/categories/legacy-compute", Map.of(), null,
                Map.of("Origin", "https://dashboard.example.com", "Access-Control-Request-Method", "PUT"));

        assertEquals(200, health.status(), health.body());
        assertEquals("ok", health.json().get("status").asText());
        assertEquals(204, preflight.status());
        assertTrue(preflight.headers().get("Access-Control-Allow-Methods").contains("PUT"), preflight.headers().toString());
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static String organization() {
        return "node-" + UUID.randomUUID();
    }

    /**
     * Items as the Node service stored them: Compute (a root, timestamps without milliseconds, no description and no
     * metadata), Storage under it (created with {@code +00:00}, no updatedAt), Travel (a root whose parent id is the
     * empty string, fractions of one digit, no createdBy) and an inactive Archive.
     */
    private static List<Map<String, Object>> legacyDocuments(String org) {
        return List.of(
                nodeDocument(org, "legacy-compute", "Compute").with("parentCategoryId", null).at("2023-03-01T08:00:00Z")
                        .with("createdBy", "user-xyz789").build(),
                nodeDocument(org, "legacy-storage", "Storage").with("description", "Disks and buckets")
                        .with("parentCategoryId", "legacy-compute").with("metadata", Map.of("color", "#3498db", "sortOrder", 1))
                        .with("createdAt", "2023-03-01T08:00:11+00:00").with("createdBy", "user-xyz789").build(),
                nodeDocument(org, "legacy-travel", "Travel").with("description", null).with("parentCategoryId", "")
                        .with("createdAt", "2023-03-02T09:15:00.5Z").with("updatedAt", "2023-03-02T10:15:00.250+00:00").build(),
                nodeDocument(org, "legacy-archive", "Archive").with("parentCategoryId", null).with("createdAt", "2022-12-31T23:59:59Z")
                        .with("updatedAt", "2023-01-01T00:00:00Z").with("createdBy", "user-xyz789").with("isActive", false).build());
    }

    /** A plain Node-service document: active, timestamps without milliseconds, no description or metadata. */
    private static Map<String, Object> plainDocument(String org, String id, String name, String parentId) {
        return NodeDocuments.nodeDocument(org, id, name).with("parentCategoryId", parentId).at("2023-05-01T12:00:00Z")
                .with("createdBy", "user-xyz789").build();
    }

    private static Answer children(String org, String parentId) {
        return send(org, "GET", "/categories", Map.of("parentCategoryId", parentId), null, Map.of());
    }

    private static Answer graphQL(String org, String query, Map<String, Object> variables) {
        return send(org, "POST", "/graphql", Map.of(), Json.write(Map.of("query", query, "variables", variables)), Map.of());
    }

    private static String global(String storedId) {
        return GlobalIds.ofCategory(storedId);
    }

    private static List<String> names(Answer list) throws IOException {
        List<String> names = new ArrayList<>();
        list.json().get("items").forEach(item -> names.add(item.get("categoryName").asText()));
        return names;
    }

    /** The item as the Node service's document client reads it now. */
    private static Map<String, Object> storedItem(String org, String id) {
        return NodeService.get(store.categoriesTable(), List.of(Map.of("organizationId", org, "categoryId", id))).get(0);
    }

    private static Answer get(String org, String id) {
        return send(org, "GET", "/categories/" + id, Map.of(), null, Map.of());
    }

    /**
     * One proxy event as API Gateway delivers it: an item path has the resource {@code /categories/{id}} and the
     * decoded id as its path parameter; {@code path} is the route (ids given decoded here).
     */
    static Answer send(String org, String method, String path, Map<String, String> query, String body, Map<String, String> headers) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("httpMethod", method);
        event.put("path", path);
        if (path.startsWith("/categories/")) {
            event.put("resource", "/categories/{id}");
            event.putObject("pathParameters").put("id", path.substring("/categories/".length()));
        } else {
            event.put("resource", path);
        }
        ObjectNode eventHeaders = event.putObject("headers");
        headers.forEach(eventHeaders::put);
        if (body != null) {
            eventHeaders.put("Content-Type", "application/json");
            event.put("body", body);
        }
        ObjectNode parameters = event.putObject("queryStringParameters");
        query.forEach(parameters::put);
        event.putObject("requestContext").put("requestId", "req-" + UUID.randomUUID())
                .putObject("authorizer").putObject("claims")
                .put("sub", "user-1").put("custom:organizationId", org).put("custom:role", "editor");
        ProxyResponse response = router.handle(ProxyRequest.fromEvent(event));
        return new Answer(response.statusCode(), response.headers(), response.bodyText());
    }
}
