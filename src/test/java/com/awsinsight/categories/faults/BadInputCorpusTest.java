package com.awsinsight.categories.faults;

import com.awsinsight.categories.Application;
import com.awsinsight.categories.Settings;
import com.awsinsight.categories.domain.Position;
import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.edge.http.ProxyRequest;
import com.awsinsight.categories.edge.http.ProxyResponse;
import com.awsinsight.categories.services.Cursors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A table of malformed, oversized, mistyped and tampered requests sent to the GraphQL endpoint as
 * API Gateway events. Each gets its documented status and code, and none writes anything; names in
 * any script, with emoji, work.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputCorpusTest {
    private static final String CREATE = "mutation($n: String!, $m: JSON) { createCategory(input: { name: $n, metadata: $m }) "
            + "{ category { id name } userErrors { code field message } } }";
    private final String org = "corpus-" + UUID.randomUUID();
    private Application application;

    /** How a case is sent and what must come back: the status and the code at {@code codePointer}. */
    record Case(String name, String contentType, byte[] body, int status, String codePointer, String code) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    void start() {
        application = Application.create(Settings.fromEnvironment(Map.of()), null);
    }

    @AfterAll
    void nothingWasWritten() throws Exception {
        JsonNode all = send("application/json", json(Map.of("query",
                "{ categories(first: 100, filter: { includeInactive: true }) { edges { node { name } } } }")));
        List<String> names = all.findValuesAsText("name");
        assertEquals(List.of("Кошти 💸 費用 عربي ✓"), names, "only the well-formed create may write");
    }

    static List<Case> corpus() {
        String tamperedCursor = Cursors.encode("another-organization", "another query", new Position("a", "b"));
        return List.of(
                new Case("invalid JSON", "application/json", utf8("{\"query\": "), 400, "/errors/0/extensions/code", "BAD_USER_INPUT"),
                new Case("JSON nested too deep", "application/json", utf8("{\"query\":\"{ categoryTree { name } }\",\"variables\":" + "[".repeat(100) + "]".repeat(100) + "}"), 400, "/errors/0/extensions/code", "BAD_USER_INPUT"),
                new Case("text/plain body", "text/plain", utf8("{ categoryTree { name } }"), 415, "/errors/0/extensions/code", "BAD_USER_INPUT"),
                new Case("form body", "application/x-www-form-urlencoded", utf8("query=%7B%7D"), 415, "/errors/0/extensions/code", "BAD_USER_INPUT"),
                new Case("invalid UTF-8", "application/json", new byte[]{'{', '"', 'q', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}, 400, "/errors/0/message", "Request body is not valid UTF-8"),
                new Case("batched array", "application/json", utf8("[{\"query\":\"{ categoryTree { name } }\"}]"), 400, "/errors/0/message", "Batched requests are not supported"),
                new Case("query not a string", "application/json", utf8("{\"query\": 42}"), 400, "/errors/0/message", "query must be a non-empty string"),
                new Case("variables not an object", "application/json", utf8("{\"query\":\"{ categoryTree { name } }\",\"variables\":\"x\"}"), 400, "/errors/0/message", "variables must be a JSON object"),
                new Case("body over the limit", "application/json", json(Map.of("query", CREATE, "variables", Map.of("n", "x".repeat(200_000)))), 413, "/errors/0/extensions/code", "BAD_USER_INPUT"),
                new Case("huge name", "application/json", json(Map.of("query", CREATE, "variables", Map.of("n", "x".repeat(90_000)))), 200, "/data/createCategory/userErrors/0/code", "BAD_USER_INPUT"),
                new Case("wrong variable type", "application/json", json(Map.of("query", CREATE, "variables", Map.of("n", 42))), 200, "/errors/0/extensions/code", "BAD_USER_INPUT"),
                new Case("null where not allowed", "application/json", json(Map.of("query", "mutation { createCategory(input: { name: null }) { category { id } } }")), 200, "/errors/0/extensions/code", "BAD_USER_INPUT"),
                new Case("unknown input field", "application/json", json(Map.of("query", "mutation { createCategory(input: { name: \"x\", colour: \"red\" }) { category { id } } }")), 200, "/errors/0/extensions/code", "BAD_USER_INPUT"),
                new Case("unknown field", "application/json", json(Map.of("query", "{ categoryTree { secret } }")), 200, "/errors/0/extensions/code", "BAD_USER_INPUT"),
                new Case("syntax error", "application/json", json(Map.of("query", "{ categoryTree { name }")), 200, "/errors/0/extensions/code", "BAD_USER_INPUT"),
                new Case("unknown operation name", "application/json", json(Map.of("query", "query A { categoryTree { name } }", "operationName", "B")), 200, "/errors/0/extensions/code", "BAD_USER_INPUT"),
                new Case("malformed id", "application/json", json(Map.of("query", "{ category(id: \"../../etc/passwd\") { name } }")), 200, "/errors/0/message", "Invalid id"),
                new Case("overlong id", "application/json", json(Map.of("query", "{ category(id: \"" + "a".repeat(2000) + "\") { name } }")), 200, "/errors/0/message", "Invalid id"),
                new Case("tampered cursor", "application/json", json(Map.of("query", "query($c: String) { categories(after: $c) { edges { cursor } } }", "variables", Map.of("c", tamperedCursor))), 200, "/errors/0/message", "Cursor does not belong to this query"),
                new Case("garbage cursor", "application/json", json(Map.of("query", "{ categories(after: \"!!\") { edges { cursor } } }")), 200, "/errors/0/message", "Invalid cursor"),
                new Case("metadata not an object", "application/json", json(Map.of("query", CREATE, "variables", Map.of("n", "m1", "m", List.of(1, 2)))), 200, "/data/createCategory/userErrors/0/message", "Metadata must be a JSON object"),
                new Case("metadata too big", "application/json", json(Map.of("query", CREATE, "variables", Map.of("n", "m2", "m", Map.of("k", "v".repeat(5000))))), 200, "/data/createCategory/userErrors/0/message", "Metadata must be at most 4096 bytes"),
                new Case("control character in name", "application/json", json(Map.of("query", CREATE, "variables", Map.of("n", "bell\u0007"))), 200, "/data/createCategory/userErrors/0/message", "Name must not contain control characters"),
                new Case("emoji and mixed scripts", "application/json", json(Map.of("query", CREATE, "variables", Map.of("n", "Кошти 💸 費用 عربي ✓"))), 200, "/data/createCategory/category/name", "Кошти 💸 費用 عربي ✓"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachBadInputGetsItsDocumentedCode(Case input) throws Exception {
        ProxyResponse response = handle(input.contentType(), input.body());

        assertEquals(input.status(), response.statusCode(), response.bodyText().substring(0, Math.min(300, response.bodyText().length())));
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertEquals(input.code(), body.at(input.codePointer()).asText(), body.toString().substring(0, Math.min(300, body.toString().length())));
    }

    private JsonNode send(String contentType, byte[] body) throws Exception {
        return Json.MAPPER.readTree(handle(contentType, body).body());
    }

    private ProxyResponse handle(String contentType, byte[] body) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("httpMethod", "POST");
        event.put("path", "/graphql");
        event.putObject("headers").put("Content-Type", contentType);
        event.put("body", Base64.getEncoder().encodeToString(body));
        event.put("isBase64Encoded", true);
        event.putObject("requestContext").putObject("authorizer").putObject("claims")
                .put("sub", "user-1").put("custom:organizationId", org).put("custom:role", "editor");
        return application.router().handle(ProxyRequest.fromEvent(event));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] json(Object value) {
        return Json.write(value).getBytes(StandardCharsets.UTF_8);
    }
}
