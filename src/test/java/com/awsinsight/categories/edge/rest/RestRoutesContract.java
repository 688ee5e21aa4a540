package com.awsinsight.categories.edge.rest;

import com.awsinsight.categories.domain.error.ErrorCode;
import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.domain.error.StoreException;
import com.awsinsight.categories.edge.Authenticator;
import com.awsinsight.categories.edge.HttpRouter;
import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.graphql.QueryLimits;
import com.awsinsight.categories.store.memory.InMemoryStore;
import com.awsinsight.categories.testing.DelegatingStore;
import com.awsinsight.categories.testing.GraphQLHarness;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The REST routes' behaviour, written once and run through two edges: proxy events into the Lambda
 * handler ({@link RestLambdaHandlerTest}) and real HTTP against the local server, which replays the
 * same fixtures with a dev token for the fixture's claims ({@link RestLocalServerTest}). Each subclass
 * starts on a fresh embedded store with the demo data; the rows run in order, so reads that check a
 * write come after it.
 *
 * <p>Long on purpose: it is the routes' table (one row per documented route and answer), read top to bottom as
 * the REST API's specification; rows depend on the writes before them.
 */
abstract class RestRoutesContract {
    static final String ORIGIN = "https://dashboard.example.com";
    static final List<String> SEED_FIELDS = List.of("organizationId", "categoryId", "categoryName", "description",
            "parentCategoryId", "metadata", "createdAt", "updatedAt", "createdBy", "isActive");

    /** A response from either edge; header names compare case-insensitively. */
    record Response(int status, Map<String, String> headers, String body) {
        Response {
            Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            copy.putAll(headers);
            headers = copy;
        }

        JsonNode json() throws IOException {
            return body.isEmpty() ? Json.MAPPER.missingNode() : Json.MAPPER.readTree(body);
        }

        String header(String name) {
            return headers.getOrDefault(name, "");
        }
    }

    /** Sends one proxy event through this edge, to the application with the demo data. */
    abstract Response send(ObjectNode event) throws Exception;

    /** Sends one proxy event through this edge to a router whose store does not answer. */
    abstract Response sendToUnreachableStore(ObjectNode event) throws Exception;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            rest-list.json                   | 200 | /items/0/organizationId   | demo-org                                   | -        | -
            rest-list-filter.json            | 200 | /items/0/categoryName     | EC2 · Development                          | -        | -
            rest-list-parent.json            | 200 | /items/0/categoryName     | EC2                                        | -        | -
            rest-list-limit-0.json           | 400 | /error/message            | limit must be a whole number of at least 1 | -        | -
            rest-list-limit-101.json         | 200 | /items/0/organizationId   | demo-org                                   | -        | -
            rest-list-bad-cursor.json        | 400 | /error/message            | Invalid cursor                             | -        | -
            rest-list-no-identity.json       | 401 | /error/code               | UNAUTHENTICATED                            | -        | -
            rest-get.json                    | 200 | /categoryName             | EC2                                        | ETag     | "1"
            rest-get-missing.json            | 404 | /error/message            | Category not found                         | -        | -
            rest-get-foreign.json            | 404 | /error/code               | NOT_FOUND                                  | -        | -
            rest-get-invalid-id.json         | 400 | /error/field              | id                                         | -        | -
            rest-create.json                 | 201 | /categoryName             | Shared Services                            | Location | /categories/cat-
            rest-create-child.json           | 201 | /parentCategoryId         | cat-bbd928eb-bc0b-3b3b-a534-c5afd1d66557   | ETag     | "1"
            rest-create-blank-name.json      | 400 | /error/message            | Name must not be blank                     | -        | -
            rest-create-bad-metadata.json    | 400 | /error/field              | metadata                                   | -        | -
            rest-create-duplicate.json       | 409 | /error/message            | A category named "Compute" already exists  | -        | -
            rest-create-missing-parent.json  | 404 | /error/field              | parentCategoryId                           | -        | -
            rest-create-viewer.json          | 403 | /error/message            | This operation needs the editor role       | -        | -
            rest-create-wrong-content-type.json | 415 | /error/message         | Content-Type must be application/json      | -        | -
            rest-create-invalid-json.json    | 400 | /error/message            | Request body is not valid JSON             | -        | -
            rest-categories-patch.json       | 405 | /error/message            | Method PATCH is not allowed here           | Allow    | GET, POST
            rest-update.json                 | 200 | /description              | Functions, by the millisecond              | ETag     | "2"
            rest-update-stale.json           | 412 | /error/message            | Category was changed by someone else; current version is 1 | - | -
            rest-update-bad-if-match.json    | 400 | /error/field              | If-Match                                   | -        | -
            rest-update-blank-name.json      | 400 | /error/field              | categoryName                               | -        | -
            rest-update-duplicate.json       | 409 | /error/message            | A category named "Storage" already exists  | -        | -
            rest-update-viewer.json          | 403 | /error/code               | FORBIDDEN                                  | -        | -
            rest-update-wrong-content-type.json | 415 | /error/code            | BAD_USER_INPUT                             | -        | -
            rest-update-missing.json         | 404 | /error/message            | Category not found                         | -        | -
            rest-delete.json                 | 204 | -                         | -                                          | -        | -
            rest-delete-with-children.json   | 409 | /error/message            | Category has active children; delete them first or pass cascade: true | -        | -
            rest-delete-cascade.json         | 204 | -                         | -                                          | -        | -
            rest-get-cascaded.json           | 200 | /isActive                 | false                                      | ETag     | "2"
            rest-get-cascaded-grandchild.json | 200 | /categoryName            | CloudFront · Production                    | ETag     | "2"
            rest-get-cascaded-grandchild.json | 200 | /isActive                | false                                      | -        | -
            rest-delete-stale.json           | 412 | /error/field              | If-Match                                   | -        | -
            rest-delete-viewer.json          | 403 | /error/code               | FORBIDDEN                                  | -        | -
            rest-item-post.json              | 405 | /error/code               | BAD_USER_INPUT                             | Allow    | GET, PUT, DELETE
            rest-list-include-inactive.json  | 200 | /items/0/isActive         | false                                      | -        | -
            rest-templates.json              | 200 | /items/0/templateId       | tpl-team                                   | -        | -
            rest-templates-type.json         | 200 | /items/0/categories/0/name | Team Costs                                | -        | -
            rest-templates-viewer.json       | 200 | /items/0/version          | 2                                          | -        | -
            rest-templates-post.json         | 405 | /error/code               | BAD_USER_INPUT                             | Allow    | GET
            rest-options-item.json           | 204 | -                         | -                                          | Access-Control-Allow-Methods | GET,POST,PUT,DELETE
            """)
    void answersEachRoute(String fixture, int status, String pointer, String expected, String header,
                          String headerPrefix) throws Exception {
        Response response = send(fixture(fixture));

        assertEquals(status, response.status(), response.body());
        if (pointer != null) {
            assertEquals(expected, response.json().at(pointer).asText(), response.body());
        } else {
            assertEquals("", response.body());
        }
        if (header != null) {
            assertTrue(response.header(header).startsWith(headerPrefix), header + ": " + response.header(header));
        }
    }

    @Test
    void ifMatchFollowsRfc9110() throws Exception {
        String glacier = "/categories/" + com.awsinsight.categories.demo.DemoData.idOf("demo-org", "Glacier");
        long version = Long.parseLong(send(get(glacier)).header("ETag").replace("\"", ""));
        String current = "\"" + version + "\"";
        Response stale = send(withHeader(put(glacier, "{\"description\": \"stale\"}"), "If-Match", "\"stale-0\""));
        Response weak = send(withHeader(put(glacier, "{\"description\": \"weak\"}"), "If-Match", "W/" + current));
        Response malformed = send(withHeader(put(glacier, "{\"description\": \"bad\"}"), "If-Match", "1"));
        Response listed = send(withHeader(put(glacier, "{\"description\": \"listed\"}"), "If-Match", "\"999\", \"x\", " + current));
        Response any = send(withHeader(put(glacier, "{\"description\": \"any\"}"), "If-Match", "*"));
        Response missing = send(withHeader(put("/categories/cat-missing", "{\"description\": \"gone\"}"), "If-Match", "\"1\", \"2\""));
        Response after = send(get(glacier));

        assertEquals(412, stale.status(), "a well-formed tag that does not match: " + stale.body());
        assertEquals("If-Match", stale.json().at("/error/field").asText());
        assertEquals("Category was changed by someone else; current version is " + version,
                stale.json().at("/error/message").asText());
        assertEquals(412, weak.status(), "If-Match compares strongly: a weak tag never matches");
        assertEquals(400, malformed.status());
        assertEquals(200, listed.status(), "a list matches when any of its tags does: " + listed.body());
        assertEquals("\"" + (version + 1) + "\"", listed.header("ETag"));
        assertEquals(200, any.status(), "* matches any existing category");
        assertEquals(404, missing.status(), "a missing category is 404 whatever If-Match says");
        assertEquals("any", after.json().at("/description").asText());
        assertEquals("\"" + (version + 2) + "\"", after.header("ETag"));
    }

    @Test
    void readsRevalidateWithETagsAndIfNoneMatch() throws Exception {
        String s3 = "/categories/" + com.awsinsight.categories.demo.DemoData.idOf("demo-org", "S3");
        Response item = send(get(s3));
        Response notModified = send(withHeader(get(s3), "If-None-Match", item.header("ETag")));
        Response weakly = send(withHeader(get(s3), "If-None-Match", "\"7\", W/" + item.header("ETag")));
        Response changed = send(withHeader(get(s3), "If-None-Match", "\"0\""));
        Response list = send(fixture("rest-list.json"));
        Response listAgain = send(withHeader(fixture("rest-list.json"), "If-None-Match", list.header("ETag")));
        Response templates = send(fixture("rest-templates.json"));
        Response templatesAgain = send(withHeader(fixture("rest-templates.json"), "If-None-Match", templates.header("ETag")));
        Response missing = send(fixture("rest-get-missing.json"));

        assertEquals("private, no-cache", item.header("Cache-Control"));
        assertEquals(304, notModified.status());
        assertEquals("", notModified.body());
        assertEquals(item.header("ETag"), notModified.header("ETag"));
        assertEquals("private, no-cache", notModified.header("Cache-Control"));
        assertEquals(304, weakly.status(), "If-None-Match compares weakly, and a list matches when one tag does");
        assertEquals(200, changed.status());
        assertTrue(list.header("ETag").matches("\"[A-Za-z0-9_-]{43}\""), list.header("ETag"));
        assertEquals(304, listAgain.status());
        assertEquals(304, templatesAgain.status());
        assertEquals("no-store", missing.header("Cache-Control"));
    }

    private static ObjectNode put(String path, String body) throws IOException {
        ObjectNode event = at(fixture("rest-update.json"), path);
        event.put("body", body);
        ((ObjectNode) event.get("headers")).remove("If-Match");
        return event;
    }

    private static ObjectNode get(String path) throws IOException {
        return at(fixture("rest-get.json"), path);
    }

    /** The fixture aimed at {@code path} (/categories/{id}): its path and the path parameter API Gateway resolves. */
    private static ObjectNode at(ObjectNode event, String path) {
        event.put("path", path);
        event.withObject("/pathParameters").put("id", path.substring("/categories/".length()));
        return event;
    }

    private static ObjectNode withHeader(ObjectNode event, String name, String value) {
        ((ObjectNode) event.get("headers")).put(name, value);
        return event;
    }

    @Test
    void documentsHaveExactlyTheSeedFields() throws Exception {
        JsonNode document = send(fixture("rest-get.json")).json();

        List<String> names = new ArrayList<>();
        document.fieldNames().forEachRemaining(names::add);
        assertEquals(SEED_FIELDS, names);
        assertEquals("Costs of EC2", document.at("/description").asText());
        assertEquals("cat-cd9ff3ad-e249-3a9f-9d7e-329519b57061", document.at("/parentCategoryId").asText());
        assertEquals("folder", document.at("/metadata/icon").asText());
        assertEquals("demo-user", document.at("/createdBy").asText());
        assertTrue(document.at("/createdAt").asText().startsWith("2024-01-15T"));
    }

    @Test
    void nextCursorContinuesTheList() throws Exception {
        JsonNode first = send(fixture("rest-list.json")).json();
        String cursor = first.at("/nextCursor").asText();
        ObjectNode next = fixture("rest-list.json");
        next.putObject("queryStringParameters").put("limit", "2").put("cursor", cursor);
        next.putNull("multiValueQueryStringParameters");

        Response second = send(next);

        assertEquals(2, first.at("/items").size());
        assertFalse(cursor.isEmpty());
        assertEquals(200, second.status(), second.body());
        assertEquals(2, second.json().at("/items").size());
        assertNotEquals(first.at("/items/1/categoryId").asText(), second.json().at("/items/0/categoryId").asText());
    }

    @Test
    void everyDocumentedLimitIsAccepted() throws Exception {
        for (String fixture : List.of("rest-templates.json", "rest-templates-type.json", "rest-list.json", "rest-list-filter.json")) {
            for (String limit : List.of("1", "46", "100", "101", "5000")) {
                ObjectNode event = fixture(fixture);
                ObjectNode query = event.path("queryStringParameters").isObject()
                        ? (ObjectNode) event.get("queryStringParameters") : event.putObject("queryStringParameters");
                query.put("limit", limit);
                event.putNull("multiValueQueryStringParameters");

                Response response = send(event);

                assertEquals(200, response.status(), fixture + " limit=" + limit + ": " + response.body());
                assertTrue(response.json().at("/items").isArray(), response.body());
            }
        }
    }

    @Test
    void anEmptyUpdateChangesNothing() throws Exception {
        ObjectNode create = fixture("rest-create.json");
        create.put("body", "{\"categoryName\":\"Untouched by PUT\"}");
        Response created = send(create);
        String id = created.json().at("/categoryId").asText();
        ObjectNode update = fixture("rest-update.json");
        update.put("path", "/categories/" + id);
        update.putObject("pathParameters").put("id", id);
        update.withObject("/headers").remove("If-Match");
        update.put("body", "{}");

        Response response = send(update);

        assertEquals(201, created.status(), created.body());
        assertEquals(200, response.status(), response.body());
        assertEquals("\"1\"", response.header("ETag"));
        assertEquals(created.json().at("/updatedAt").asText(), response.json().at("/updatedAt").asText());
    }

    @Test
    void preflightOnAnItemAnswersCors() throws Exception {
        Response response = send(fixture("rest-options-item.json"));

        assertEquals(204, response.status());
        assertEquals(ORIGIN, response.header("Access-Control-Allow-Origin"));
        assertTrue(response.header("Access-Control-Allow-Headers").contains("If-Match"));
        assertTrue(response.header("Access-Control-Allow-Headers").contains("If-None-Match"));
    }

    @Test
    void crossOriginReadsMayUseETagAndLocation() throws Exception {
        ObjectNode event = fixture("rest-get.json");
        ((ObjectNode) event.get("headers")).put("Origin", ORIGIN);

        Response response = send(event);

        assertEquals(200, response.status());
        assertEquals(ORIGIN, response.header("Access-Control-Allow-Origin"));
        assertEquals("ETag,Location,X-Request-Id,WWW-Authenticate,Retry-After", response.header("Access-Control-Expose-Headers"));
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        ObjectNode event = fixture("rest-create.json");
        event.put("body", "{\"categoryName\":\"Big\",\"description\":\"" + "x".repeat(200_000) + "\"}");

        Response response = send(event);

        assertEquals(413, response.status());
        assertEquals("Request body is larger than 102400 bytes", response.json().at("/error/message").asText());
    }

    @Test
    void deepHealthIs503WhenTheStoreDoesNotAnswer() throws Exception {
        Response response = sendToUnreachableStore(fixture("health-deep.json"));

        assertEquals(503, response.status(), response.body());
        assertEquals("unavailable", response.json().at("/status").asText());
        assertFalse(response.json().at("/storeReachable").asBoolean(true));
        assertEquals("5", response.header("Retry-After"));
    }

    static ObjectNode fixture(String name) throws IOException {
        try (InputStream in = RestRoutesContract.class.getResourceAsStream("/events/" + name)) {
            assertNotNull(in, name);
            return (ObjectNode) Json.MAPPER.readTree(in);
        }
    }

    /** A router on the demo data whose store fails every ping, as an unreachable DynamoDB would. */
    static HttpRouter unreachableStoreRouter(Authenticator authenticator) {
        InMemoryStore memory = new InMemoryStore();
        Store unreachable = new DelegatingStore(memory) {
            @Override
            public void ping() {
                throw new StoreException(ErrorCode.UNAVAILABLE, "DynamoDB is unavailable", null);
            }

            @Override
            public String kind() {
                return "dynamodb";
            }
        };
        return new HttpRouter(GraphQLHarness.engine(unreachable, QueryLimits.DEFAULT), authenticator,
                new HttpRouter.Settings(List.of(ORIGIN), false, "test", 102_400, null, "demo-org"));
    }
}
