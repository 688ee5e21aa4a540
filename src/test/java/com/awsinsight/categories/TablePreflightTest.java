package com.awsinsight.categories;

import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.observability.JsonLog;
import com.awsinsight.categories.store.dynamodb.DynamoTables;
import com.awsinsight.categories.store.dynamodb.TableLayout.Index;
import com.awsinsight.categories.testing.Dynalite;
import com.awsinsight.categories.testing.NodeService;
import com.awsinsight.categories.testing.ProxyEvents;
import com.awsinsight.categories.testing.TreeFixtures;
import com.awsinsight.categories.testing.Tripwire;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The preflight of the tables, on tables that have the Node service's indexes only ({@code CategoryNameIndex},
 * {@code CreatedAtIndex}, {@code TemplateTypeIndex}) and hold its items: {@code serve}, {@code migrate},
 * {@code migrate --dry-run}, {@code repair} and {@code check-tables} refuse with exit 1, one line per missing index
 * of the gateway naming the runbook step that adds it, and leave both tables as they were. With every index the
 * check passes. In Lambda nothing is checked at start (no extra call on the cold path); a request that meets the
 * missing index answers 503 UNAVAILABLE, never 500, and its log line names the index and the runbook step.
 */
@Tag("dynalite")
@Tag("node")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TablePreflightTest {
    private static final String STEP = "docs/cutover.md step 2, \"Add the indexes\" (terraform apply -target=module.dynamodb)";

    private final String categories = "pre-" + UUID.randomUUID().toString().substring(0, 8) + "-categories";
    private final String templates = categories.replace("-categories", "-templates");
    private Map<String, Map<String, AttributeValue>> categoriesBefore;
    private Map<String, Map<String, AttributeValue>> templatesBefore;

    @BeforeAll
    void nodeServiceTables() {
        DynamoTables.createIfMissing(Dynalite.get().client(), categories, templates,
                List.of(Index.CATEGORY_NAME, Index.CREATED_AT, Index.TEMPLATE_TYPE));
        NodeService.put(categories, TreeFixtures.tree("acme", 12, 3));
        categoriesBefore = Dynalite.get().items(categories);
        templatesBefore = Dynalite.get().items(templates);
    }

    @AfterEach
    void tablesAreUnchanged() {
        assertEquals(categoriesBefore, Dynalite.get().items(categories), "the categories table changed");
        assertEquals(templatesBefore, Dynalite.get().items(templates), "the templates table changed");
        JsonLog.redirect(System.out, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "migrate", "migrate --dry-run", "repair --org acme", "check-tables"})
    void commandsRefuseNamingEveryMissingIndexAndTheRunbookStep(String commandLine) throws Exception {
        Path state = Files.createTempDirectory("preflight").resolve("state.json");
        List<String> args = new ArrayList<>(List.of(commandLine.split(" ")));
        if (commandLine.equals("migrate")) {
            args.addAll(List.of("--state", state.toString()));
        }

        Run run = run(args, environment());

        assertEquals(1, run.status, run.err);
        String command = args.get(0);
        String problems = "category-gateway " + command + ": refused, the tables are not ready for the gateway:\n"
                + "  categories table " + categories + " (TABLE_NAME): index ParentIndex (organizationId, parentKey; projection ALL) is missing: add it as in " + STEP + "\n"
                + "  categories table " + categories + " (TABLE_NAME): index NameKeyIndex (organizationId, nameOrder; projection ALL) is missing: add it as in " + STEP + "\n"
                + "  categories table " + categories + " (TABLE_NAME): index UpdatedAtIndex (organizationId, updatedAt; projection KEYS_ONLY) is missing: add it as in " + STEP + "\n"
                + "  templates table " + templates + " (TEMPLATES_TABLE_NAME): index OrganizationTemplateIndex (organizationId, typeVersion; projection ALL) is missing: add it as in " + STEP + "\n";
        assertTrue(run.err.endsWith(problems), run.err);
        if (!command.equals("serve")) {
            String writes = switch (commandLine) {
                case "migrate --dry-run" -> "writes nothing (dry run)";
                case "check-tables" -> "writes nothing";
                default -> "writes to " + categories;
            };
            assertEquals(command + ": categories table " + categories + ", templates table " + templates + ", region us-east-1, endpoint "
                    + Dynalite.get().endpoint() + "; " + writes + "\n" + problems, run.err, "the target is printed before the check");
        }
        assertEquals("", run.out);
        assertFalse(Files.exists(state), "no migration state was written");
    }

    @Test
    void checkTablesPassesWhenEveryIndexIsThere() throws Exception {
        String full = "full-" + UUID.randomUUID().toString().substring(0, 8);
        DynamoTables.createIfMissing(Dynalite.get().client(), full + "-categories", full + "-templates");

        Run run = run(List.of("check-tables"), Map.of("DYNAMODB_ENDPOINT", Dynalite.get().endpoint().toString(),
                "TABLE_NAME", full + "-categories", "TEMPLATES_TABLE_NAME", full + "-templates"));

        assertEquals(0, run.status, run.err);
        assertEquals("categories table " + full + "-categories: key and indexes CreatedAtIndex, ParentIndex, NameKeyIndex, UpdatedAtIndex"
                + " as the gateway reads them, ACTIVE\ntemplates table " + full + "-templates: key and indexes TemplateTypeIndex,"
                + " OrganizationTemplateIndex as the gateway reads them, ACTIVE\n", run.out);
    }

    /** A mistyped --org is refused before anything is written for it (no lease, no mark, no claim). */
    @ParameterizedTest
    @ValueSource(strings = {"repair --org acme_crop", "migrate --org acme_crop"})
    void anOrganizationWithoutCategoriesIsRefused(String commandLine) throws Exception {
        String full = "org-" + UUID.randomUUID().toString().substring(0, 8);
        DynamoTables.createIfMissing(Dynalite.get().client(), full + "-categories", full + "-templates");
        NodeService.put(full + "-categories", TreeFixtures.tree("acme_corp", 3, 2));
        Map<String, Map<String, AttributeValue>> before = Dynalite.get().items(full + "-categories");

        Run run = run(List.of(commandLine.split(" ")), Map.of("DYNAMODB_ENDPOINT", Dynalite.get().endpoint().toString(),
                "TABLE_NAME", full + "-categories", "TEMPLATES_TABLE_NAME", full + "-templates"));

        assertEquals(1, run.status, run.err);
        String command = commandLine.split(" ")[0];
        String where = command.equals("repair") ? full + "-categories"
                : "tables " + full + "-categories and " + full + "-templates, region us-east-1, endpoint " + Dynalite.get().endpoint();
        assertTrue(run.err.endsWith(": refused, organization \"acme_crop\" has no categories in " + where + " (check --org)\n"), run.err);
        assertEquals(before, Dynalite.get().items(full + "-categories"), "nothing written");
    }

    /** A --state file migrate could not save is refused before the first write (not after the first page). */
    @Test
    void aStateFileInAFolderThatCannotBeWrittenIsRefusedBeforeAnyWrite() throws Exception {
        String full = "state-" + UUID.randomUUID().toString().substring(0, 8);
        DynamoTables.createIfMissing(Dynalite.get().client(), full + "-categories", full + "-templates");
        NodeService.put(full + "-categories", TreeFixtures.tree("acme", 3, 2));
        Map<String, Map<String, AttributeValue>> before = Dynalite.get().items(full + "-categories");
        Path missing = Files.createTempDirectory("state").resolve("no-such-folder").resolve("state.json");

        Run run = run(List.of("migrate", "--state", missing.toString()), Map.of("DYNAMODB_ENDPOINT", Dynalite.get().endpoint().toString(),
                "TABLE_NAME", full + "-categories", "TEMPLATES_TABLE_NAME", full + "-templates"));

        assertEquals(2, run.status, run.err);
        assertTrue(run.err.endsWith("migrate: cannot keep its state in " + missing + ": the folder " + missing.getParent()
                + " is missing or not writable (give --state FILE in a writable folder)\n"), run.err);
        assertEquals(before, Dynalite.get().items(full + "-categories"), "nothing written");
    }

    @Test
    void wrongKeysProjectionsAndTablesAreNamed() throws Exception {
        String wrong = "wrong-" + UUID.randomUUID().toString().substring(0, 8) + "-categories";
        Dynalite.get().client().createTable(r -> r.tableName(wrong).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(key("organizationId", KeyType.HASH), key("categoryId", KeyType.RANGE))
                .attributeDefinitions(attribute("organizationId", ScalarAttributeType.S), attribute("categoryId", ScalarAttributeType.S),
                        attribute("createdAt", ScalarAttributeType.S), attribute("parentKey", ScalarAttributeType.S),
                        attribute("nameKey", ScalarAttributeType.S), attribute("updatedAt", ScalarAttributeType.N))
                .globalSecondaryIndexes(index("CreatedAtIndex", "createdAt", ProjectionType.KEYS_ONLY),
                        index("ParentIndex", "parentKey", ProjectionType.KEYS_ONLY),
                        index("NameKeyIndex", "nameKey", ProjectionType.ALL),
                        index("UpdatedAtIndex", "updatedAt", ProjectionType.KEYS_ONLY)));

        Run run = run(List.of("check-tables"), Map.of("DYNAMODB_ENDPOINT", Dynalite.get().endpoint().toString(),
                "TABLE_NAME", wrong, "TEMPLATES_TABLE_NAME", categories));

        assertEquals(1, run.status, run.err);
        String table = "categories table " + wrong + " (TABLE_NAME): index ";
        assertTrue(run.err.endsWith("\n"
                + "  " + table + "ParentIndex projects KEYS_ONLY, the gateway reads ALL: rebuild it as in " + STEP + "\n"
                + "  " + table + "NameKeyIndex has the keys [organizationId (S), nameKey (S)], the gateway reads [organizationId (S),"
                + " nameOrder (S)]: rebuild it as in " + STEP + "\n"
                + "  " + table + "UpdatedAtIndex has the keys [organizationId (S), updatedAt (N)], the gateway reads [organizationId (S),"
                + " updatedAt (S)]: rebuild it as in " + STEP + "\n"
                + "  templates table " + categories + " (TEMPLATES_TABLE_NAME) has the key [organizationId (S), categoryId (S)], the gateway"
                + " needs [templateId (S), version (N)]: it is not the Node service's templates table (docs/operations.md, \"Adopting an"
                + " existing Node-service environment\", step 1)\n"
                + "  templates table " + categories + " (TEMPLATES_TABLE_NAME): index TemplateTypeIndex (templateType, version; projection ALL)"
                + " is missing: add it as in " + STEP + "\n"
                + "  templates table " + categories + " (TEMPLATES_TABLE_NAME): index OrganizationTemplateIndex (organizationId, typeVersion;"
                + " projection ALL) is missing: add it as in " + STEP + "\n"), run.err);
        Run missing = run(List.of("check-tables"), Map.of("DYNAMODB_ENDPOINT", Dynalite.get().endpoint().toString(),
                "TABLE_NAME", "no-such-table", "TEMPLATES_TABLE_NAME", templates));
        assertTrue(missing.err.endsWith("\n  categories table no-such-table (TABLE_NAME) does not exist: check TABLE_NAME and AWS_REGION"
                + " (docs/operations.md, \"Adopting an existing Node-service environment\", step 1)\n"
                + "  templates table " + templates + " (TEMPLATES_TABLE_NAME): index OrganizationTemplateIndex (organizationId, typeVersion;"
                + " projection ALL) is missing: add it as in " + STEP + "\n"), missing.err);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rest", "graphql"})
    void lambdaAnswers503UnavailableAndLogsTheIndexAndTheStep(String api) throws Exception {
        Map<String, String> lambda = new java.util.HashMap<>(environment());
        lambda.put("AWS_LAMBDA_FUNCTION_NAME", "gateway");
        LambdaHandler handler = new LambdaHandler(Application.create(Settings.fromEnvironment(lambda), null).router());
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8), false);
        byte[] event = api.equals("rest")
                ? Files.readAllBytes(Path.of("src/test/resources/events/rest-templates.json"))
                : Json.MAPPER.writeValueAsBytes(ProxyEvents.post("/graphql", "application/json",
                        "{\"query\":\"{ templates(first: 5) { edges { node { name } } } }\"}", "acme"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, null);

        JsonNode response = Json.MAPPER.readTree(out.toByteArray());
        JsonNode body = Json.MAPPER.readTree(response.get("body").asText());
        assertEquals(503, response.get("statusCode").asInt(), body.toString());
        assertEquals("1", response.at("/headers/Retry-After").asText());
        String code = api.equals("rest") ? body.at("/error/code").asText() : body.at("/errors/0/extensions/code").asText();
        assertEquals("UNAVAILABLE", code, body.toString());
        JsonNode failure = logs.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("\"store failure\""))
                .map(TablePreflightTest::json).findFirst().orElseThrow(() -> new AssertionError(logs.toString(StandardCharsets.UTF_8)));
        assertEquals("ERROR", failure.get("level").asText());
        assertTrue(failure.get("errorCause").asText().endsWith("IndexNotReadyException: The table does not have the index"
                + " OrganizationTemplateIndex (organizationId, typeVersion; projection ALL) that the gateway reads: add it as in " + STEP
                + "; check-tables lists every missing index"), failure.toString());
    }

    @Test
    void theLambdaColdPathMakesNoCallToCheckTheTables() throws Exception {
        try (Tripwire tripwire = new Tripwire()) {
            Application.create(Settings.fromEnvironment(Map.of("AWS_LAMBDA_FUNCTION_NAME", "gateway", "TABLE_NAME", categories,
                    "TEMPLATES_TABLE_NAME", templates, "DYNAMODB_ENDPOINT", tripwire.endpoint().toString())), null);

            assertEquals(0, tripwire.connections(), "building the Lambda application called DynamoDB");
        }
    }

    private Map<String, String> environment() {
        return Map.of("DYNAMODB_ENDPOINT", Dynalite.get().endpoint().toString(), "TABLE_NAME", categories,
                "TEMPLATES_TABLE_NAME", templates);
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(List<String> args, Map<String, String> environment) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main.Outcome outcome = Main.run(args, environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        if (outcome.server() != null) {
            outcome.server().close();
        }
        assertNull(outcome.server(), "serve must not start");
        return new Run(outcome.status(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static JsonNode json(String line) {
        try {
            return Json.MAPPER.readTree(line);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static GlobalSecondaryIndex index(String name, String range, ProjectionType projection) {
        return GlobalSecondaryIndex.builder().indexName(name)
                .keySchema(key("organizationId", KeyType.HASH), key(range, KeyType.RANGE))
                .projection(p -> p.projectionType(projection)).build();
    }
}
