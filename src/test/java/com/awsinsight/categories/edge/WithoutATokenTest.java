package com.awsinsight.categories.edge;

import com.awsinsight.categories.Application;
import com.awsinsight.categories.Settings;
import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.edge.http.ProxyRequest;
import com.awsinsight.categories.edge.http.ProxyResponse;
import com.awsinsight.categories.graphql.PersistedDocuments;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What anyone can send without a token, as the router sees it behind API Gateway or on {@code serve}: malformed
 * input is a 400 BAD_USER_INPUT (a JSON number past what the parser holds included, in any body or parameter),
 * never a fault; and nothing is learnt about persisted documents: an unknown hash, a registered one and a document
 * outside the trusted list are all just 401, before anything about documents is decided.
 */
class WithoutATokenTest {
    private static final String HUGE = "1e2147483648";
    private final HttpRouter router = Application.create(Settings.fromEnvironment(Map.of()), null).router();

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"query\":\"{ categoryTree { name } }\",\"unused\":" + HUGE + "}",
            "{\"query\":\"{ categoryTree { name } }\",\"variables\":{\"x\":" + HUGE + "}}",
            "{\"query\":\"{ categoryTree { name } }\",\"extensions\":{\"x\":[-" + HUGE + "]}}",
            "[{\"query\":\"{ categoryTree { name } }\"},{\"query\":\"{ categoryTree { id } }\",\"v\":" + HUGE + "}]"})
    void aNumberPastTheParsersRangeInAGraphQLBodyIs400(String body) throws IOException {
        ProxyResponse response = router.handle(request("POST", "/graphql", body, Map.of()));

        assertEquals(400, response.statusCode(), response.bodyText());
        assertEquals("Request body is not valid JSON: a number is out of range", json(response).at("/errors/0/message").asText());
        assertEquals("BAD_USER_INPUT", json(response).at("/errors/0/extensions/code").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"variables", "extensions"})
    void aNumberPastTheParsersRangeInAGetParameterIs400(String parameter) throws IOException {
        ProxyResponse response = router.handle(request("GET", "/graphql", null,
                Map.of("query", "{ categoryTree { name } }", parameter, "{\"x\":" + HUGE + "}")));

        assertEquals(400, response.statusCode(), response.bodyText());
        assertEquals(parameter + " is not valid JSON: a number is out of range", json(response).at("/errors/0/message").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST /categories", "PUT /categories/cat-1"})
    void aNumberPastTheParsersRangeInARestBodyIs400(String route) throws IOException {
        String[] methodAndPath = route.split(" ");
        ProxyResponse response = router.handle(request(methodAndPath[0], methodAndPath[1],
                "{\"categoryName\":\"x\",\"metadata\":{\"a\":" + HUGE + "}}", Map.of()));

        assertEquals(400, response.statusCode(), response.bodyText());
        assertEquals("BAD_USER_INPUT", json(response).at("/error/code").asText());
        assertEquals("Request body is not valid JSON: a number is out of range", json(response).at("/error/message").asText());
    }

    @Test
    void aBodyInAnotherCharsetIs415() throws IOException {
        ObjectNode event = event("POST", "/graphql", "{\"query\":\"{ categoryTree { name } }\"}", Map.of());
        ((ObjectNode) event.get("headers")).put("Content-Type", "application/json; charset=iso-8859-1");

        ProxyResponse response = router.handle(ProxyRequest.fromEvent(event));

        assertEquals(415, response.statusCode());
        assertEquals("Content-Type charset must be utf-8", json(response).at("/errors/0/message").asText());
    }

    @Test
    void anUnknownAndARegisteredPersistedQueryAreBoth401() throws IOException {
        String registered = "{ categoryTree { id } }";
        router.handle(authorized(request("POST", "/graphql", Json.write(Map.of("query", registered,
                "extensions", apq(PersistedDocuments.sha256(registered)))), Map.of())));
        String unknown = PersistedDocuments.sha256("{ categoryTree { secret } }");

        List<ProxyResponse> responses = List.of(
                router.handle(request("GET", "/graphql", null, Map.of("extensions", Json.write(apq(unknown))))),
                router.handle(request("GET", "/graphql", null, Map.of("extensions", Json.write(apq(PersistedDocuments.sha256(registered)))))),
                router.handle(request("POST", "/graphql", Json.write(Map.of("extensions", apq(unknown))), Map.of())),
                router.handle(request("POST", "/graphql", Json.write(Map.of("query", "{ categoryTree { id } }",
                        "extensions", apq("0".repeat(64)))), Map.of())));

        for (ProxyResponse response : responses) {
            assertEquals(401, response.statusCode(), response.bodyText());
            assertEquals("UNAUTHENTICATED", json(response).at("/errors/0/extensions/code").asText());
            assertEquals("Bearer", response.headers().get("WWW-Authenticate"));
        }
    }

    @Test
    void inTrustedDocumentsModeADocumentOutsideTheListIs401WithoutAToken() throws IOException {
        HttpRouter trusted = Application.create(Settings.fromEnvironment(Map.of("TRUSTED_DOCUMENTS_ONLY", "true")), null).router();
        String dashboard = Files.readString(Path.of("trusted-documents/dashboard-example.graphql"));

        ProxyResponse outside = trusted.handle(request("POST", "/graphql", Json.write(Map.of("query", "{ categoryTree { id } }")), Map.of()));
        ProxyResponse listed = trusted.handle(request("POST", "/graphql", Json.write(Map.of("extensions",
                apq(PersistedDocuments.sha256(dashboard)))), Map.of()));

        assertEquals(401, outside.statusCode(), outside.bodyText());
        assertEquals(401, listed.statusCode(), listed.bodyText());
    }

    private static Map<String, Object> apq(String hash) {
        return Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));
    }

    private static ProxyRequest request(String method, String path, String body, Map<String, String> query) {
        return ProxyRequest.fromEvent(event(method, path, body, query));
    }

    private static ObjectNode event(String method, String path, String body, Map<String, String> query) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("httpMethod", method);
        event.put("path", path);
        ObjectNode headers = event.putObject("headers");
        if (body != null) {
            headers.put("Content-Type", "application/json");
            event.put("body", body);
        }
        ObjectNode parameters = event.putObject("queryStringParameters");
        query.forEach(parameters::put);
        event.putObject("requestContext").put("requestId", "req-no-token");
        return event;
    }

    /** The same request as an authenticated editor of the demo organization (claims of API Gateway's authorizer). */
    private static ProxyRequest authorized(ProxyRequest request) {
        return new ProxyRequest(request.method(), request.path(), request.headers(), request.query(), request.body(),
                request.requestId(), Map.of("sub", "user-1", "custom:organizationId", "demo-org", "custom:role", "editor"),
                request.resource(), request.pathParameters(), request.requestPath());
    }

    private static JsonNode json(ProxyResponse response) throws IOException {
        return Json.MAPPER.readTree(response.body());
    }
}
