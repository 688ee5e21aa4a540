package com.awsinsight.categories.faults;

import com.awsinsight.categories.Application;
import com.awsinsight.categories.Settings;
import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.model.CategoryQuery;
import com.awsinsight.categories.domain.model.Position;
import com.awsinsight.categories.domain.model.Role;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.edge.http.ProxyRequest;
import com.awsinsight.categories.edge.http.ProxyResponse;
import com.awsinsight.categories.graphql.GraphQLRequest;
import com.awsinsight.categories.services.Cursors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.awsinsight.categories.testing.Dynalite;
import com.awsinsight.categories.testing.StoresUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A table of malformed, oversized, mistyped, tampered and hostile requests sent to the GraphQL endpoint (and
 * the REST routes) as API Gateway events, run on each store ({@link StoresUnderTest}: the embedded store with the
 * demo data, and DynamoDB on fresh tables that the gateway creates and loads with the demo data). Each gets its documented status and code, never INTERNAL, and none writes
 * anything but the cases that are meant to write; names in any script, with emoji, work.
 *
 * <p>Long on purpose: the corpus is one table, so a reader sees every hostile input and its answer in one place
 * and a new case is one row.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("com.awsinsight.categories.testing.StoresUnderTest#everyStore")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputCorpusTest {
    private static final String CREATE = "mutation($n: String!, $m: JSON) { createCategory(input: { name: $n, metadata: $m }) "
            + "{ category { id name metadata } userErrors { code field message } } }";
    private static final String LIST = "query($c: String) { categories(first: 2, after: $c) { edges { cursor } } }";
    private static final String LIST_TEMPLATES = "query($c: String) { templates(first: 2, after: $c) { edges { cursor } } }";
    private static final Pattern JAVA_TYPES = Pattern.compile(
            "LinkedHashMap|HashMap|ArrayList|BigDecimal|BigInteger|'Integer'|'Long'|'Double'|"
                    + "(String|Int|Float|Boolean|Enum|Object|Array|Null)Value\\{|java\\.");
    @Parameter
    private StoresUnderTest.Kind kind;
    private final String org = "corpus-" + UUID.randomUUID();
    private final List<String> written = new ArrayList<>();
    private Application application;

    /**
     * How a case is sent and what must come back: the status and the value at {@code pointer} (text for a
     * value, JSON for an object; empty for an absent one); {@code writes} is the name it creates, if any.
     */
    record Case(String name, String contentType, byte[] body, int status, String pointer, String expected, String writes) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** The gateway's settings for this store (no settings: the embedded store with the demo data). */
    private Map<String, String> environment() {
        if (kind == StoresUnderTest.Kind.MEMORY) {
            return Map.of();
        }
        String prefix = "corpus" + UUID.randomUUID().toString().substring(0, 8);
        return Map.of("DYNAMODB_ENDPOINT", Dynalite.get().endpoint().toString(),
                "TABLE_NAME", prefix + "-categories",
                "TEMPLATES_TABLE_NAME", prefix + "-templates");
    }

    @BeforeParameterizedClassInvocation
    void start(StoresUnderTest.Kind kind) {
        this.kind = kind;
        written.clear();
        application = Application.create(Settings.fromEnvironment(environment()), null);
    }

    @AfterParameterizedClassInvocation
    void onlyTheWellFormedCreatesWrote() throws Exception {
        JsonNode all = send("application/json", json(Map.of("query",
                "{ categories(first: 100, filter: { includeInactive: true }) { edges { node { name } } } }")));
        List<String> names = new ArrayList<>(all.findValuesAsText("name"));
        assertEquals(new TreeSet<>(written), new TreeSet<>(names), "only the well-formed creates may write");
        assertEquals(written.size(), names.size());
    }

    List<Case> corpus() {
        String tamperedCursor = Cursors.encode("another-organization", "another query", new Position("a", "b"));
        String listing = CategoryQuery.all().fingerprint();
        String emptyPosition = Cursors.encode(org, listing, new Position("", "cat-1"));
        String emptyId = Cursors.encode(org, listing, new Position("Compute", ""));
        String longPosition = Cursors.encode(org, listing, new Position("a".repeat(1025), "cat-1"));
        String longId = Cursors.encode(org, listing, new Position("Compute", "c".repeat(1025)));
        String wideCharacters = Cursors.encode(org, listing, new Position("費".repeat(400), "cat-1"));
        String childPosition = Cursors.encode(org, new CategoryQuery(null, "cat-parent", false, false, null).fingerprint(),
                new Position("n".repeat(1020), "cat-1"));
        String templatePosition = Cursors.encode(org, "templates|null", new Position("COST#not-a-number", "tpl-x"));
        String templateEmpty = Cursors.encode(org, "templates|null", new Position("#", "tpl-x"));
        return List.of(
                bad("invalid JSON", "application/json", utf8("{\"query\": "), 400, "/errors/0/extensions/code", "BAD_USER_INPUT"),
                bad("JSON nested too deep", "application/json", utf8("{\"query\":\"{ categoryTree { name } }\",\"variables\":" + "[".repeat(100) + "]".repeat(100) + "}"), 400, "/errors/0/extensions/code", "BAD_USER_INPUT"),
                bad("text/plain body", "text/plain", utf8("{ categoryTree { name } }"), 415, "/errors/0/extensions/code", "BAD_USER_INPUT"),
                bad("form body", "application/x-www-form-urlencoded", utf8("query=%7B%7D"), 415, "/errors/0/extensions/code", "BAD_USER_INPUT"),
                bad("invalid UTF-8", "application/json", new byte[]{'{', '"', 'q', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}, 400, "/errors/0/message", "Request body is not valid UTF-8"),
                bad("empty batch", "application/json", utf8("[]"), 400, "/errors/0/message", "A batch must hold 1 to 10 operations; this one holds 0"),
                bad("batch of eleven operations", "application/json", utf8("[" + String.join(",", java.util.Collections.nCopies(11, "{\"query\":\"{ categoryTree { name } }\"}")) + "]"), 400, "/errors/0/message", "A batch must hold 1 to 10 operations; this one holds 11"),
                bad("batch holding a string", "application/json", utf8("[{\"query\":\"{ categoryTree { name } }\"},\"x\"]"), 400, "/errors/0/message", "batch[1]: each operation must be a JSON object"),
                bad("batch with an operation without query", "application/json", utf8("[{\"query\":\"{ categoryTree { name } }\"},{\"variables\":{}}]"), 400, "/errors/0/message", "batch[1]: query must be a non-empty string"),
                bad("exponent past the int range in an unused key", "application/json", utf8("{\"query\":\"{ categoryTree { name } }\",\"unused\":1e2147483648}"), 400, "/errors/0/message", "Request body is not valid JSON: a number is out of range"),
                bad("negative exponent past the int range in variables", "application/json", utf8("{\"query\":\"{ categoryTree { name } }\",\"variables\":{\"x\":1E-2147483649}}"), 400, "/errors/0/extensions/code", "BAD_USER_INPUT"),
                bad("exponent past the int range in a batch", "application/json", utf8("[{\"query\":\"{ categoryTree { name } }\",\"extensions\":{\"n\":[1e2147483648]}}]"), 400, "/errors/0/message", "Request body is not valid JSON: a number is out of range"),
                bad("largest exponent in metadata", "application/json", utf8("{\"query\":\"" + CREATE.replace("\"", "\\\"") + "\",\"variables\":{\"n\":\"Huge exponent\",\"m\":{\"a\":1e2147483647}}}"), 200, "/data/createCategory/userErrors/0/field", "metadata"),
                bad("largest exponent for an Int", "application/json", utf8("{\"query\":\"query($f: Int) { categories(first: $f) { edges { cursor } } }\",\"variables\":{\"f\":1e2147483647}}"), 200, "/errors/0/extensions/code", "BAD_USER_INPUT"),
                bad("exponent past the int range as a GraphQL literal", "application/json", json(Map.of("query", "mutation { createCategory(input: { name: \"Literal exponent\", metadata: { a: 1e2147483648 } }) { userErrors { field } } }")), 200, "/errors/0/extensions/code", "BAD_USER_INPUT"),
                bad("charset other than UTF-8", "application/json; charset=iso-8859-1", utf8("{\"query\":\"{ categoryTree { name } }\"}"), 415, "/errors/0/message", "Content-Type charset must be utf-8"),
                bad("persisted query version as a string", "application/json", utf8("{\"extensions\":{\"persistedQuery\":{\"version\":\"1\",\"sha256Hash\":\"" + "a".repeat(64) + "\"}}}"), 400, "/errors/0/message", "extensions.persistedQuery must be { \"version\": 1, \"sha256Hash\": \"<hex>\" }"),
                bad("persisted query version 1.7", "application/json", utf8("{\"extensions\":{\"persistedQuery\":{\"version\":1.7,\"sha256Hash\":\"" + "a".repeat(64) + "\"}}}"), 400, "/errors/0/extensions/code", "BAD_USER_INPUT"),
                bad("persisted query version 1.0", "application/json", utf8("{\"extensions\":{\"persistedQuery\":{\"version\":1.0,\"sha256Hash\":\"" + "a".repeat(64) + "\"}}}"), 400, "/errors/0/extensions/code", "BAD_USER_INPUT"),
                bad("query not a string", "application/json", utf8("{\"query\": 42}"), 400, "/errors/0/message", "query must be a non-empty string"),
                bad("variables not an object", "application/json", utf8("{\"query\":\"{ categoryTree { name } }\",\"variables\":\"x\"}"), 400, "/errors/0/message", "variables must be a JSON object"),
                bad("duplicate query key", "application/json", utf8("{\"query\":\"{ categoryTree { name } }\",\"query\":\"mutation { createCategory(input: { name: \\\"Smuggled\\\" }) { category { id } } }\"}"), 400, "/errors/0/message", "Request body is not valid JSON: duplicate key \"query\""),
                bad("duplicate variable key", "application/json", utf8("{\"query\":\"" + CREATE.replace("\"", "\\\"") + "\",\"variables\":{\"n\":\"One\",\"n\":\"Two\"}}"), 400, "/errors/0/extensions/code", "BAD_USER_INPUT"),
                bad("body over the limit", "application/json", json(Map.of("query", CREATE, "variables", Map.of("n", "x".repeat(200_000)))), 413, "/errors/0/extensions/code", "BAD_USER_INPUT"),
                bad("huge name", "application/json", create("x".repeat(90_000), null), 200, "/data/createCategory/userErrors/0/code", "BAD_USER_INPUT"),
                bad("wrong variable type", "application/json", json(Map.of("query", CREATE, "variables", Map.of("n", 42))), 200, "/errors/0/extensions/code", "BAD_USER_INPUT"),
                bad("null where not allowed", "application/json", json(Map.of("query", "mutation { createCategory(input: { name: null }) { category { id } } }")), 200, "/errors/0/extensions/code", "BAD_USER_INPUT"),
                bad("unknown input field", "application/json", json(Map.of("query", "mutation { createCategory(input: { name: \"x\", colour: \"red\" }) { category { id } } }")), 200, "/errors/0/extensions/code", "BAD_USER_INPUT"),
                bad("unknown field", "application/json", json(Map.of("query", "{ categoryTree { secret } }")), 200, "/errors/0/extensions/code", "BAD_USER_INPUT"),
                bad("syntax error", "application/json", json(Map.of("query", "{ categoryTree { name }")), 200, "/errors/0/extensions/code", "BAD_USER_INPUT"),
                bad("unknown operation name", "application/json", json(Map.of("query", "query A { categoryTree { name } }", "operationName", "B")), 200, "/errors/0/extensions/code", "BAD_USER_INPUT"),
                bad("malformed global id", "application/json", json(Map.of("query", "{ category(id: \"~../../etc/passwd\") { name } }")), 200, "/errors/0/message", "Invalid id"),
                bad("global id of a conventional id", "application/json", json(Map.of("query", "{ category(id: \"~Y2F0LTE\") { name } }")), 200, "/errors/0/message", "Invalid id"),
                bad("empty id", "application/json", json(Map.of("query", "{ category(id: \"\") { name } }")), 200, "/errors/0/message", "Invalid id"),
                bad("overlong id", "application/json", json(Map.of("query", "{ category(id: \"" + "a".repeat(2000) + "\") { name } }")), 200, "/errors/0/message", "Invalid id"),
                bad("tampered cursor", "application/json", json(Map.of("query", LIST, "variables", Map.of("c", tamperedCursor))), 200, "/errors/0/message", "Cursor does not belong to this query"),
                bad("garbage cursor", "application/json", json(Map.of("query", "{ categories(after: \"!!\") { edges { cursor } } }")), 200, "/errors/0/message", "Invalid cursor"),
                bad("forged cursor with an empty position", "application/json", json(Map.of("query", LIST, "variables", Map.of("c", emptyPosition))), 200, "/errors/0/message", "Invalid cursor"),
                bad("forged cursor with an empty id", "application/json", json(Map.of("query", LIST, "variables", Map.of("c", emptyId))), 200, "/errors/0/message", "Invalid cursor"),
                bad("forged cursor with a 1,025-character position", "application/json", json(Map.of("query", LIST, "variables", Map.of("c", longPosition))), 200, "/errors/0/message", "Invalid cursor"),
                bad("forged cursor with a 1,025-character id", "application/json", json(Map.of("query", LIST, "variables", Map.of("c", longId))), 200, "/errors/0/message", "Invalid cursor"),
                bad("forged cursor over 1,024 bytes in UTF-8", "application/json", json(Map.of("query", LIST, "variables", Map.of("c", wideCharacters))), 200, "/errors/0/message", "Invalid cursor"),
                bad("forged cursor of children with a long name key: an ordinary position (index keys are bounded)", "application/json", json(Map.of("query",
                        "query($c: String) { categories(first: 2, after: $c, filter: { parentId: \"cat-parent\" }) { edges { cursor } } }",
                        "variables", Map.of("c", childPosition))), 200, "/errors/0/message", ""),
                bad("forged template cursor", "application/json", json(Map.of("query", LIST_TEMPLATES, "variables", Map.of("c", templatePosition))), 200, "/errors/0/message", "Invalid cursor"),
                bad("forged template cursor without a version", "application/json", json(Map.of("query", LIST_TEMPLATES, "variables", Map.of("c", templateEmpty))), 200, "/errors/0/message", "Invalid cursor"),
                bad("metadata not an object", "application/json", create("m1", List.of(1, 2)), 200, "/data/createCategory/userErrors/0/message", "Metadata must be a JSON object"),
                bad("metadata too big", "application/json", create("m2", Map.of("k", "v".repeat(5000))), 200, "/data/createCategory/userErrors/0/message", "Metadata must be at most 4096 bytes"),
                bad("metadata number above DynamoDB's range", "application/json", create("Too big", Map.of("a", 1e300)), 200, "/data/createCategory/userErrors/0/field", "metadata"),
                bad("metadata number above DynamoDB's range as a literal", "application/json", json(Map.of("query", "mutation { createCategory(input: { name: \"Literal\", metadata: { a: 1e300 } }) { userErrors { field message } } }")), 200, "/data/createCategory/userErrors/0/field", "metadata"),
                bad("metadata number below DynamoDB's range", "application/json", create("Too small", Map.of("a", new java.math.BigDecimal("1e-131"))), 200, "/data/createCategory/userErrors/0/message", "Metadata numbers must have at most 38 significant digits and a magnitude between 1E-130 and 1E+126"),
                bad("metadata number of 39 digits", "application/json", create("Too precise", Map.of("a", new java.math.BigInteger("123456789012345678901234567890123456789"))), 200, "/data/createCategory/userErrors/0/field", "metadata"),
                ok("metadata with a null value", create("Nulls", nullValued("a")), "/data/createCategory/category/metadata", "{\"a\":null}", "Nulls"),
                ok("metadata with a null value as a literal", json(Map.of("query", "mutation { createCategory(input: { name: \"Literal nulls\", metadata: { a: null, b: [null] } }) { category { metadata } } }")), "/data/createCategory/category/metadata", "{\"a\":null,\"b\":[null]}", "Literal nulls"),
                ok("metadata with a big integer", create("Big integer", Map.of("a", new java.math.BigInteger("12345678901234567890"))), "/data/createCategory/category/metadata", "{\"a\":12345678901234567890}", "Big integer"),
                ok("explicit nulls for arguments with defaults", json(Map.of("query", "{ categories(first: null, after: null, filter: null, orderBy: null) { edges { cursor } } "
                        + "roots: categories(filter: { nameContains: null, parentId: null, rootsOnly: null, includeInactive: null }) { edges { cursor } } "
                        + "templates(type: null, first: null, after: null) { edges { cursor } } "
                        + "categoryTree(rootId: null, maxDepth: null) { children(includeInactive: null) { name } } }")), "/errors/0/extensions/code", "", null),
                ok("variables set to null for arguments with defaults", json(Map.of("query", "query($f: Int = 5, $o: CategoryOrder, $x: CategoryFilter, $t: Int, $i: Boolean, $d: Int) { "
                                + "categories(first: $f, orderBy: $o, filter: $x) { edges { cursor } } templates(first: $t) { edges { cursor } } "
                                + "categoryTree(maxDepth: $d) { children(includeInactive: $i) { name } } }",
                        "variables", nulls("f", "o", "x", "t", "i", "d"))), "/errors/0/extensions/code", "", null),
                ok("explicit nulls in mutations", json(Map.of("query", "mutation { deleteCategory(id: \"cat-missing\", cascade: null, expectedVersion: null) { userErrors { code } } "
                        + "restoreCategory(id: \"cat-missing\", cascade: null) { userErrors { code } } }")), "/data/deleteCategory/userErrors/0/code", "NOT_FOUND", null),
                bad("control character in name", "application/json", create("bell\u0007", null), 200, "/data/createCategory/userErrors/0/message", "Name must not contain control characters"),
                invisible("zero-width space in a name", "Com\u200Bpute"),
                invisible("zero-width non-joiner between Latin letters", "Com\u200Cpute"),
                invisible("zero-width joiner between Latin letters", "Com\u200Dpute"),
                invisible("word joiner", "Com\u2060pute"),
                invisible("byte order mark", "\uFEFFCompute"),
                invisible("soft hyphen", "Com\u00ADpute"),
                invisible("left-to-right mark", "Compute\u200E"),
                invisible("right-to-left mark", "\u200FCompute"),
                invisible("Arabic letter mark", "Compute\u061C"),
                invisible("tag characters outside a flag", "Compute\uDB40\uDC41\uDB40\uDC42"),
                invisible("line separator", "Com\u2028pute"),
                invisible("paragraph separator", "Com\u2029pute"),
                invisible("emoji presentation selector after a letter", "Compute\uFE0F"),
                invisible("combining grapheme joiner", "Com\u034Fpute"),
                invisible("Mongolian free variation selector after a Latin letter", "Compute\u180B"),
                invisible("ideographic variation selector after a Latin letter", "Compute\uDB40\uDD00"),
                invisible("presentation selector after a symbol that is no emoji", "Done \u2713\uFE0F"),
                bad("lone surrogate", "application/json", utf8("{\"query\":\"" + CREATE.replace("\"", "\\\"") + "\",\"variables\":{\"n\":\"Com\\ud800pute\"}}"), 200, "/data/createCategory/userErrors/0/message", "Name must not contain invisible characters"),
                blank("no-break spaces only", "\u00A0\u00A0"),
                blank("figure and narrow no-break spaces only", "\u2007\u202F"),
                blank("Hangul filler only", "\u3164"),
                blank("Braille blank only", "\u2800 \u2800"),
                named("emoji and mixed scripts", "Кошти 💸 費用 عربي ✓"),
                named("emoji joined by zero-width joiners", "Family 👨\u200D👩\u200D👧 and 🏳\uFE0F\u200D🌈"),
                named("emoji with presentation selectors and a keycap", "Cloud \u2601\uFE0F \u2764\uFE0F 1\uFE0F\u20E3"),
                named("Mongolian with a free variation selector", "\u182E\u180B\u1823\u1829\u182D\u1823\u182F"),
                named("an ideographic variation sequence", "\u845B\uDB40\uDD00\u98FE"),
                named("flag of a subdivision", "England 🏴\uDB40\uDC67\uDB40\uDC62\uDB40\uDC65\uDB40\uDC6E\uDB40\uDC67\uDB40\uDC7F"),
                named("Persian with a zero-width non-joiner", "هزینه\u200Cها"),
                named("Devanagari with a zero-width joiner", "क्\u200Dष लागत"),
                named("no-break space inside a name", "Coûts\u202F: total"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachBadInputGetsItsDocumentedCode(Case input) throws Exception {
        ProxyResponse response = handle(input.contentType(), input.body());

        assertEquals(input.status(), response.statusCode(), abbreviated(response.bodyText()));
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertEquals(input.expected(), text(body.at(input.pointer())), abbreviated(body.toString()));
        assertFalse(body.toString().contains("INTERNAL"), abbreviated(body.toString()));
        if (input.writes() != null) {
            written.add(input.writes());
        }
    }

    @Test
    void validationMessagesNeverNameJavaTypes() throws Exception {
        List<String> requests = List.of(
                Json.write(Map.of("query", "query($n: String!) { categoryByName(name: $n) { id } }", "variables", Map.of("n", Map.of("a", 1)))),
                Json.write(Map.of("query", "query($n: String!) { categoryByName(name: $n) { id } }", "variables", Map.of("n", List.of(1)))),
                Json.write(Map.of("query", "query($f: Int) { categories(first: $f) { edges { cursor } } }", "variables", Map.of("f", 1.5))),
                Json.write(Map.of("query", "query($f: Int) { categories(first: $f) { edges { cursor } } }", "variables", Map.of("f", "ten"))),
                Json.write(Map.of("query", "query($f: Boolean) { categoryTree { children(includeInactive: $f) { name } } }", "variables", Map.of("f", "yes"))),
                Json.write(Map.of("query", "{ categories(first: \"x\") { edges { cursor } } }")),
                Json.write(Map.of("query", "{ categories(first: 1.5) { edges { cursor } } }")),
                Json.write(Map.of("query", "{ categories(orderBy: WRONG) { edges { cursor } } }")),
                Json.write(Map.of("query", "{ categories(filter: { rootsOnly: \"yes\" }) { edges { cursor } } }")),
                Json.write(Map.of("query", "{ categories(filter: [1]) { edges { cursor } } }")),
                Json.write(Map.of("query", "{ categoryTree(maxDepth: true) { name } }")));
        for (String request : requests) {
            JsonNode body = Json.MAPPER.readTree(handle("application/json", utf8(request)).body());

            String message = body.at("/errors/0/message").asText();
            assertEquals("BAD_USER_INPUT", body.at("/errors/0/extensions/code").asText(), request + " -> " + body);
            assertFalse(JAVA_TYPES.matcher(message).find(), request + " -> " + message);
        }
    }

    @Test
    void bigIntegersDecimalsAndNullsRoundTripExactly() throws Exception {
        String metadata = "{\"big\":12345678901234567890,\"negative\":-98765432109876543210987654321,\"decimal\":0.1,"
                + "\"precise\":3.1415926535897932384626433832795028841,\"tiny\":1E-130,\"none\":null,\"list\":[1,null,\"x\"],"
                + "\"nested\":{\"deeper\":null,\"n\":2}}";
        String body = "{\"query\":\"" + CREATE.replace("\"", "\\\"") + "\",\"variables\":{\"n\":\"Exact numbers\",\"m\":" + metadata + "}}";
        JsonNode created = send("application/json", utf8(body));
        String id = created.at("/data/createCategory/category/id").asText();
        written.add("Exact numbers");

        JsonNode reread = send("application/json", json(Map.of("query", "query($id: ID!) { category(id: $id) { metadata } }",
                "variables", Map.of("id", id))));

        assertEquals(Json.MAPPER.readTree(metadata), created.at("/data/createCategory/category/metadata"), created.toString());
        assertEquals(Json.MAPPER.readTree(metadata), reread.at("/data/category/metadata"), reread.toString());
        assertEquals("12345678901234567890", reread.at("/data/category/metadata/big").toString());
        assertEquals("3.1415926535897932384626433832795028841", reread.at("/data/category/metadata/precise").toString());
    }

    @Test
    void aRefusedCreateLeavesItsNameFree() throws Exception {
        JsonNode refused = send("application/json", create("Refused then made", Map.of("a", 1e300)));
        JsonNode made = send("application/json", create("Refused then made", Map.of("a", 1)));
        written.add("Refused then made");

        assertEquals("metadata", refused.at("/data/createCategory/userErrors/0/field").asText(), refused.toString());
        assertEquals("Refused then made", made.at("/data/createCategory/category/name").asText(), made.toString());
    }

    @Test
    void restAcceptsNullMetadataValuesAndRefusesNumbersOutOfRange() throws Exception {
        ProxyResponse created = rest("POST", "/categories", "{\"categoryName\":\"Rest nulls\",\"metadata\":{\"a\":null}}");
        written.add("Rest nulls");
        String id = Json.MAPPER.readTree(created.body()).at("/categoryId").asText();
        ProxyResponse updated = rest("PUT", "/categories/" + id, "{\"metadata\":{\"b\":null,\"c\":[null]}}");
        ProxyResponse outOfRange = rest("POST", "/categories", "{\"categoryName\":\"Rest range\",\"metadata\":{\"a\":1e-200}}");

        assertEquals(201, created.statusCode(), created.bodyText());
        assertEquals("{\"a\":null}", Json.MAPPER.readTree(created.body()).at("/metadata").toString());
        assertEquals(200, updated.statusCode(), updated.bodyText());
        assertEquals("{\"b\":null,\"c\":[null]}", Json.MAPPER.readTree(updated.body()).at("/metadata").toString());
        assertEquals(400, outOfRange.statusCode(), outOfRange.bodyText());
        assertEquals("metadata", Json.MAPPER.readTree(outOfRange.body()).at("/error/field").asText());
    }

    @Test
    void templateNodesAcceptNullMetadataValues() throws Exception {
        String save = "mutation($input: SaveTemplateInput!) { saveTemplate(input: $input) { template { id categories { metadata } } "
                + "userErrors { code field message } } }";
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("name", "Node with nulls");
        node.put("metadata", nullValued("a"));
        JsonNode saved = send("application/json", json(Map.of("query", save, "variables",
                Map.of("input", Map.of("name", "Nulls", "templateType", "TEST", "categories", List.of(node))))), "admin");
        JsonNode outOfRange = send("application/json", json(Map.of("query", save, "variables",
                Map.of("input", Map.of("name", "Range", "templateType", "TEST",
                        "categories", List.of(Map.of("name", "Huge", "metadata", Map.of("a", 1e300))))))), "admin");

        assertEquals("{\"a\":null}", saved.at("/data/saveTemplate/template/categories/0/metadata").toString(), saved.toString());
        assertEquals("input.categories", outOfRange.at("/data/saveTemplate/userErrors/0/field").asText(), outOfRange.toString());
    }

    /** Through the engine itself: a request body of this size is refused (413) before it reaches GraphQL. */
    @Test
    void aTemplateTooLargeForOneItemIsRefused() throws Exception {
        String save = "mutation($input: SaveTemplateInput!) { saveTemplate(input: $input) { template { id } "
                + "userErrors { code field message } } }";
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            nodes.add(Map.of("name", "Node " + i, "description", "d".repeat(1000)));
        }

        JsonNode refused = Json.MAPPER.valueToTree(application.engine().execute(new GraphQLRequest(save, null,
                        Map.of("input", Map.of("name", "Too large", "templateType", "TEST", "categories", nodes))),
                new Caller(org, "admin-1", Role.ADMIN), "too-large").result().toSpecification());

        assertEquals("input.categories", refused.at("/data/saveTemplate/userErrors/0/field").asText(), abbreviated(refused.toString()));
        assertEquals("A template's categories must be at most 300000 bytes as JSON",
                refused.at("/data/saveTemplate/userErrors/0/message").asText());
    }

    /**
     * A name stored before default-ignorable code points were refused (the Node service checked nothing) stays
     * usable: its key is what it was written with, so it is read and listed as before, its other fields can change,
     * sending it back unchanged (as a client that writes back what it read does) is no change and is not checked
     * again, and it can be renamed to a valid name; writing such a name to a category, new or renamed, is held to
     * the name rules.
     */
    @Test
    void aStoredNameWithAnIgnorableStaysUsable() throws Exception {
        Instant at = Instant.parse("2024-05-01T00:00:00Z");
        String id = "cat-legacy-" + UUID.randomUUID();
        application.store().categories(org, new StoreMetrics())
                .insert(new Category(org, id, "Legacy\uFE0F", null, null, null, at, at, "node", "node", true, 1));
        String update = "mutation($id: ID!, $input: UpdateCategoryInput!) { updateCategory(id: $id, input: $input) "
                + "{ category { name description } userErrors { field message } } }";

        JsonNode found = send("application/json", json(Map.of("query", "query($id: ID!) { category(id: $id) { name } "
                + "categories(first: 100, filter: { nameContains: \"legacy\" }) { edges { node { id } } } }", "variables", Map.of("id", id))));
        JsonNode described = send("application/json", json(Map.of("query", update, "variables",
                Map.of("id", id, "input", Map.of("description", "kept")))));
        JsonNode rewritten = send("application/json", json(Map.of("query", update, "variables",
                Map.of("id", id, "input", Map.of("name", "Legacy\uFE0F")))));
        JsonNode renamed = send("application/json", json(Map.of("query", update, "variables",
                Map.of("id", id, "input", Map.of("name", "Legacy")))));
        written.add("Legacy");
        JsonNode created = send("application/json", json(Map.of("query", CREATE, "variables", Map.of("n", "Other\uFE0F"))));

        assertEquals("Legacy\uFE0F", found.at("/data/category/name").asText(), found.toString());
        assertEquals(id, found.at("/data/categories/edges/0/node/id").asText(), found.toString());
        assertEquals("kept", described.at("/data/updateCategory/category/description").asText(), described.toString());
        assertEquals("Legacy\uFE0F", rewritten.at("/data/updateCategory/category/name").asText(), rewritten.toString());
        assertEquals(0, rewritten.at("/data/updateCategory/userErrors").size(), rewritten.toString());
        assertEquals("Name must not contain invisible characters", created.at("/data/createCategory/userErrors/0/message").asText(),
                created.toString());
        assertEquals("Legacy", renamed.at("/data/updateCategory/category/name").asText(), renamed.toString());
    }

    @Test
    void aQueryStringOverTheBodyLimitIsRefused() throws Exception {
        String query = "{ categoryTree { name } " + "a".repeat(150_000) + ": __typename }";
        ObjectNode event = event("GET", "/graphql", null, "editor");
        event.putObject("queryStringParameters").put("query", query);

        ProxyResponse response = application.router().handle(ProxyRequest.fromEvent(event));

        assertEquals(414, response.statusCode(), abbreviated(response.bodyText()));
        assertEquals("Query string is larger than 102400 bytes", Json.MAPPER.readTree(response.body()).at("/errors/0/message").asText());
    }

    @Test
    void apiResponsesForbidContentSniffing() {
        ProxyResponse graphQL = handle("application/json", json(Map.of("query", "{ categoryTree { name } }")));
        ProxyResponse refused = handle("text/plain", utf8("{}"));
        ProxyResponse rest = rest("GET", "/categories", null);

        for (ProxyResponse response : List.of(graphQL, refused, rest)) {
            assertEquals("nosniff", response.headers().get("X-Content-Type-Options"), response.bodyText());
        }
    }

    private Case bad(String name, String contentType, byte[] body, int status, String pointer, String expected) {
        return new Case(name, contentType, body, status, pointer, expected, null);
    }

    private Case ok(String name, byte[] body, String pointer, String expected, String writes) {
        return new Case(name, "application/json", body, 200, pointer, expected, writes);
    }

    private Case invisible(String name, String categoryName) {
        return bad(name, "application/json", create(categoryName, null), 200, "/data/createCategory/userErrors/0/message",
                "Name must not contain invisible characters");
    }

    private Case blank(String name, String categoryName) {
        return bad(name, "application/json", create(categoryName, null), 200, "/data/createCategory/userErrors/0/message",
                "Name must not be blank");
    }

    private Case named(String name, String categoryName) {
        return ok(name, create(categoryName, null), "/data/createCategory/category/name", categoryName, categoryName);
    }

    private static byte[] create(String name, Object metadata) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("n", name);
        variables.put("m", metadata);
        return json(Map.of("query", CREATE, "variables", variables));
    }

    private static Map<String, Object> nulls(String... names) {
        Map<String, Object> variables = new LinkedHashMap<>();
        for (String name : names) {
            variables.put(name, null);
        }
        return variables;
    }

    private static Map<String, Object> nullValued(String key) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, null);
        return map;
    }

    private JsonNode send(String contentType, byte[] body) throws Exception {
        return Json.MAPPER.readTree(handle(contentType, body).body());
    }

    private JsonNode send(String contentType, byte[] body, String role) throws Exception {
        ObjectNode event = event("POST", "/graphql", contentType, role);
        event.put("body", Base64.getEncoder().encodeToString(body));
        event.put("isBase64Encoded", true);
        return Json.MAPPER.readTree(application.router().handle(ProxyRequest.fromEvent(event)).body());
    }

    private ProxyResponse handle(String contentType, byte[] body) {
        ObjectNode event = event("POST", "/graphql", contentType, "editor");
        event.put("body", Base64.getEncoder().encodeToString(body));
        event.put("isBase64Encoded", true);
        return application.router().handle(ProxyRequest.fromEvent(event));
    }

    private ProxyResponse rest(String method, String path, String body) {
        ObjectNode event = event(method, path, body == null ? null : "application/json", "editor");
        event.put("body", body);
        return application.router().handle(ProxyRequest.fromEvent(event));
    }

    private ObjectNode event(String method, String path, String contentType, String role) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("httpMethod", method);
        event.put("path", path);
        ObjectNode headers = event.putObject("headers");
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        event.putObject("requestContext").putObject("authorizer").putObject("claims")
                .put("sub", "user-1").put("custom:organizationId", org).put("custom:role", role);
        return event;
    }

    private static String text(JsonNode node) {
        return node.isValueNode() || node.isMissingNode() ? node.asText() : node.toString();
    }

    private static String abbreviated(String text) {
        return text.substring(0, Math.min(400, text.length()));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] json(Object value) {
        return Json.write(value).getBytes(StandardCharsets.UTF_8);
    }
}
