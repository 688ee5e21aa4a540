package com.awsinsight.categories.edge;

import com.awsinsight.categories.demo.DemoData;
import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.edge.http.ProxyRequest;
import com.awsinsight.categories.edge.http.ProxyResponse;
import com.awsinsight.categories.graphql.PersistedDocuments;
import com.awsinsight.categories.graphql.QueryLimits;
import com.awsinsight.categories.store.memory.InMemoryStore;
import com.awsinsight.categories.testing.GraphQLHarness;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GraphQL over HTTP for dashboards: Apollo's automatic persisted queries over GET and POST (unknown hash,
 * registration, hash check, the bounded registry), HTTP caching of GET queries (ETag, If-None-Match, 304), and
 * trusted-documents mode (only the packaged manifest's documents run; anything else is refused before it is
 * parsed), through the production router as behind API Gateway.
 */
class PersistedQueriesTest {
    private static final String TREE = "query Roots { categoryTree(maxDepth: 0) { id name } }";

    private final InMemoryStore store = demoStore();

    @Test
    void apqRegistersAQueryOnceAndThenRunsItByHashOverGetAndPost() throws IOException {
        HttpRouter router = router(false);
        String hash = PersistedDocuments.sha256(TREE);

        ProxyResponse unknown = router.handle(get(Map.of("extensions", apq(hash))));
        ProxyResponse registered = router.handle(post(Map.of("query", TREE, "extensions", Map.of("persistedQuery",
                Map.of("version", 1, "sha256Hash", hash)))));
        ProxyResponse byHashGet = router.handle(get(Map.of("extensions", apq(hash), "operationName", "Roots")));
        ProxyResponse byHashPost = router.handle(post(Map.of("extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash)))));
        ProxyResponse mismatch = router.handle(post(Map.of("query", "{ categoryTree { id } }", "extensions",
                Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash)))));
        ProxyResponse badVersion = router.handle(post(Map.of("extensions", Map.of("persistedQuery", Map.of("version", 2, "sha256Hash", hash)))));

        assertEquals(404, unknown.statusCode());
        assertEquals("PERSISTED_QUERY_NOT_FOUND", json(unknown).at("/errors/0/extensions/code").asText());
        assertEquals("PersistedQueryNotFound", json(unknown).at("/errors/0/message").asText());
        assertEquals("no-store", unknown.headers().get("Cache-Control"), "a CDN must not keep the miss");
        assertEquals(200, registered.statusCode());
        assertEquals(200, byHashGet.statusCode(), byHashGet.bodyText());
        assertEquals(json(registered).at("/data"), json(byHashGet).at("/data"));
        assertEquals(6, json(byHashGet).at("/data/categoryTree").size());
        assertEquals(200, byHashPost.statusCode());
        assertEquals(400, mismatch.statusCode());
        assertEquals("extensions.persistedQuery.sha256Hash does not match the query", json(mismatch).at("/errors/0/message").asText());
        assertEquals(400, badVersion.statusCode());
    }

    @Test
    void apqRegistersOnlyDocumentsThatRanAndKeepsABoundedRegistry() {
        PersistedDocuments documents = new PersistedDocuments(Map.of(), false);
        String invalid = "{ nope }";
        HttpRouter router = new HttpRouter(GraphQLHarness.engine(store, QueryLimits.DEFAULT), new Authenticator(null),
                new HttpRouter.Settings(List.of("*"), false, "test", 102_400, null, "demo-org"), documents);
        router.handle(post(Map.of("query", invalid, "extensions", Map.of("persistedQuery",
                Map.of("version", 1, "sha256Hash", PersistedDocuments.sha256(invalid))))));

        assertEquals(404, router.handle(get(Map.of("extensions", apq(PersistedDocuments.sha256(invalid))))).statusCode(),
                "a document that did not validate is not registered");
        for (int i = 0; i <= PersistedDocuments.MAX_ENTRIES; i++) {
            documents.register("{ categoryTree { id } } # " + i);
        }
        assertEquals(404, router.handle(get(Map.of("extensions", apq(PersistedDocuments.sha256("{ categoryTree { id } } # 0"))))).statusCode(),
                "the least recently used document went first");
        assertEquals(200, router.handle(get(Map.of("extensions",
                apq(PersistedDocuments.sha256("{ categoryTree { id } } # " + PersistedDocuments.MAX_ENTRIES))))).statusCode());
    }

    @Test
    void getQueriesRevalidateWithETags() throws IOException {
        HttpRouter router = router(false);

        ProxyResponse first = router.handle(get(Map.of("query", TREE)));
        String etag = first.headers().get("ETag");
        ProxyResponse again = router.handle(withHeader(get(Map.of("query", TREE)), "If-None-Match", etag));
        ProxyResponse otherType = router.handle(withHeader(withHeader(get(Map.of("query", TREE)), "If-None-Match", etag),
                "Accept", "application/graphql-response+json"));
        ProxyResponse posted = router.handle(post(Map.of("query", TREE)));

        assertEquals(200, first.statusCode());
        assertEquals("private, no-cache", first.headers().get("Cache-Control"));
        assertTrue(etag.matches("\"[A-Za-z0-9_-]{43}\""), etag);
        assertEquals(304, again.statusCode());
        assertEquals(0, again.body().length);
        assertEquals(etag, again.headers().get("ETag"));
        assertEquals(200, otherType.statusCode(), "another media type is another representation");
        assertFalse(posted.headers().containsKey("ETag"), "POST responses are not cached");
    }

    @Test
    void trustedDocumentsModeRunsOnlyTheManifestAndRefusesTheRestBeforeParsing() throws IOException {
        HttpRouter router = router(true);
        String example = DashboardExample.TEXT;

        ProxyResponse byHash = router.handle(post(Map.of("operationName", "DashboardTree",
                "extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", PersistedDocuments.sha256(example))))));
        ProxyResponse byText = router.handle(post(Map.of("query", example, "operationName", "DashboardTree")));
        ProxyResponse other = router.handle(post(Map.of("query", TREE)));
        ProxyResponse garbage = router.handle(post(Map.of("query", "{ this does not parse")));
        ProxyResponse unknownHash = router.handle(post(Map.of("extensions", Map.of("persistedQuery",
                Map.of("version", 1, "sha256Hash", PersistedDocuments.sha256(TREE))))));
        ProxyResponse rest = router.handle(restGet());

        assertEquals(200, byHash.statusCode(), byHash.bodyText());
        assertEquals(6, json(byHash).at("/data/categoryTree").size());
        assertEquals(200, byText.statusCode());
        assertEquals(403, other.statusCode());
        assertEquals("PERSISTED_QUERY_NOT_IN_LIST", json(other).at("/errors/0/extensions/code").asText());
        assertEquals("PERSISTED_QUERY_NOT_IN_LIST", json(garbage).at("/errors/0/extensions/code").asText(),
                "refused before parsing: no syntax error");
        assertEquals(404, unknownHash.statusCode());
        assertEquals(200, rest.statusCode(), "the REST routes' operations are in the manifest");
    }

    @Test
    void theManifestHoldsTheRestOperationsThePlaygroundExamplesAndTheDashboards() {
        PersistedDocuments manifest = PersistedDocuments.fromClasspath(true);

        assertTrue(manifest.trusts(DashboardExample.TEXT));
        assertFalse(manifest.trusts(TREE));
        assertTrue(manifest.trustedOnly());
    }

    /** The example in trusted-documents/, as the manifest holds it. */
    private static final class DashboardExample {
        static final String TEXT = read();

        private static String read() {
            try {
                return java.nio.file.Files.readString(java.nio.file.Path.of("trusted-documents/dashboard-example.graphql"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private HttpRouter router(boolean trustedOnly) {
        return new HttpRouter(GraphQLHarness.engine(store, QueryLimits.DEFAULT), new Authenticator(null),
                new HttpRouter.Settings(List.of("*"), false, "test", 102_400, null, "demo-org"),
                PersistedDocuments.fromClasspath(trustedOnly));
    }

    private static InMemoryStore demoStore() {
        InMemoryStore store = new InMemoryStore();
        DemoData.load(store);
        return store;
    }

    private static String apq(String hash) {
        return "{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + hash + "\"}}";
    }

    private static ProxyRequest get(Map<String, String> parameters) {
        ObjectNode event = event("GET", "/graphql");
        ObjectNode query = event.putObject("queryStringParameters");
        parameters.forEach(query::put);
        return ProxyRequest.fromEvent(event);
    }

    private static ProxyRequest post(Map<String, Object> body) {
        ObjectNode event = event("POST", "/graphql");
        ((ObjectNode) event.get("headers")).put("Content-Type", "application/json");
        event.put("body", Json.write(body));
        return ProxyRequest.fromEvent(event);
    }

    private static ProxyRequest restGet() {
        return ProxyRequest.fromEvent(event("GET", "/categories/" + DemoData.idOf(DemoData.ORGANIZATION, "EC2")));
    }

    private static ProxyRequest withHeader(ProxyRequest request, String name, String value) {
        java.util.Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(request.headers());
        headers.put(name, value);
        return new ProxyRequest(request.method(), request.path(), headers, request.query(), request.body(),
                request.requestId(), request.authorizerClaims(), request.resource(), request.pathParameters(),
                request.requestPath());
    }

    private static ObjectNode event(String method, String path) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("httpMethod", method);
        event.put("path", path);
        event.putObject("headers").put("Accept", "application/json");
        event.putObject("requestContext").put("requestId", "req-apq")
                .putObject("authorizer").putObject("claims")
                .put("sub", "user-1").put("custom:organizationId", DemoData.ORGANIZATION).put("custom:role", "editor");
        return event;
    }

    private static JsonNode json(ProxyResponse response) throws IOException {
        return Json.MAPPER.readTree(response.body());
    }
}
