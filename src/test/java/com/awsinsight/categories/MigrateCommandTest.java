package com.awsinsight.categories;

import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.domain.ports.StoredCategory;
import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.services.migration.TableMigration;
import com.awsinsight.categories.store.dynamodb.DynamoStore;
import com.awsinsight.categories.testing.Dynalite;
import com.awsinsight.categories.testing.NodeService;
import com.awsinsight.categories.testing.TreeFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static com.awsinsight.categories.testing.Categories.category;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code migrate} on a table the Node service wrote: 10,010 categories of 50 organizations in its document
 * shape, 10 of them case-variant duplicates of an older name. A dry run writes nothing; the run is stopped
 * part-way (as Ctrl-C stops it) and resumed from its state file; afterwards every category is indexed, every
 * organization marked, the duplicates reported (both stay active; the older one holds the name), no
 * category's document differs from what the Node service wrote, and a second run changes nothing at all.
 */
@Tag("dynalite")
@Tag("node")
class MigrateCommandTest {
    private static final int ORGANIZATIONS = 50;
    private static final int PER_ORGANIZATION = 200;
    private static final int DUPLICATES = 10;

    private final DynamoStore store = Dynalite.get().newStore();

    @Test
    void migratesTenThousandCategoriesResumablyIdempotentlyAndSwitchesNothingOff() throws Exception {
        List<String> organizations = new ArrayList<>();
        List<Map<String, Object>> documents = new ArrayList<>();
        for (int i = 0; i < ORGANIZATIONS; i++) {
            String org = "org-" + i + "-" + UUID.randomUUID().toString().substring(0, 6);
            organizations.add(org);
            List<Category> tree = new ArrayList<>(TreeFixtures.tree(org, PER_ORGANIZATION, 4));
            if (i < DUPLICATES) {
                Category original = tree.get(1);
                tree.add(category(org, UUID.randomUUID().toString()).named(original.name().toUpperCase())
                        .at(original.createdAt().plusSeconds(86_400)).by("node").asNodeServiceWroteIt().build());
            }
            tree.forEach(c -> documents.add(NodeService.document(c)));
        }
        NodeService.load(store.categoriesTable(), documents);
        Map<String, Map<String, Object>> written = byKey(documents);
        Path state = Files.createTempFile("migrate-state", ".json");
        Files.delete(state);
        List<String> args = List.of("--state", state.toString(), "--segments", "4", "--rate", "20000");

        JsonNode dryRun = migrate(List.of("--dry-run", "--segments", "4", "--rate", "20000"), null);
        assertEquals(documents.size(), dryRun.get("backfilled").asLong());
        assertEquals(DUPLICATES, dryRun.get("duplicates").size());
        assertFalse(Files.exists(state));
        assertTrue(store.coordination(organizations.get(0), new StoreMetrics()).indexedSince().isEmpty());
        assertEquals(Map.of(), changedSince(written, "after the dry run"));

        MigrateCommand[] first = new MigrateCommand[1];
        JsonNode stopped = migrate(args, checkpoint -> {
            if (checkpoint.counts().scanned() >= 3_000) {
                first[0].stop();
            }
        }, first);
        assertFalse(stopped.get("finished").asBoolean(), stopped.toString());
        assertTrue(stopped.get("scanned").asLong() < documents.size(), stopped.toString());
        assertTrue(Files.exists(state));

        JsonNode resumed = migrate(args, null);
        assertTrue(resumed.get("finished").asBoolean(), resumed.toString());
        assertTrue(resumed.get("resumed").asBoolean());
        assertEquals(documents.size(), resumed.get("scanned").asLong());
        assertEquals(documents.size(), resumed.get("backfilled").asLong());
        assertEquals(ORGANIZATIONS, resumed.get("organizations").asInt());
        for (String org : organizations) {
            long expected = documents.stream().filter(d -> d.get("organizationId").equals(org)).count();
            assertEquals(expected, resumed.at("/categoriesByOrganization/" + org).asLong(), org);
        }
        assertEquals(ORGANIZATIONS, resumed.get("organizationsIndexed").asInt());
        assertEquals(documents.size() - DUPLICATES, resumed.get("claimsWritten").asLong());
        assertEquals(DUPLICATES, resumed.get("duplicates").size());
        JsonNode duplicate = resumed.at("/duplicates/0");
        assertEquals(2, duplicate.get("categories").size());
        assertEquals(duplicate.at("/categories/0/id").asText(), duplicate.get("holderId").asText(), "the older one holds the name");
        for (String org : organizations) {
            assertTrue(store.coordination(org, new StoreMetrics()).indexedSince().isPresent(), org);
            assertTrue(store.backfill(new StoreMetrics()).organization(org).stream().allMatch(StoredCategory::indexed), org);
        }
        assertEquals(Map.of(), changedSince(written, "after the migration"));

        Map<String, Map<String, AttributeValue>> table = scanTable();
        JsonNode second = migrate(List.of("--state", state.toString(), "--rate", "20000"), null);
        assertTrue(second.get("finished").asBoolean());
        assertFalse(second.get("resumed").asBoolean());
        assertEquals(0, second.get("backfilled").asLong());
        assertEquals(0, second.get("claimsWritten").asLong());
        assertEquals(DUPLICATES, second.get("duplicates").size());
        assertEquals(table, scanTable(), "a second run changes nothing");
    }

    /**
     * A state file resumes only a run on the tables it was written for: one left by a run on other tables (another
     * environment's, stopped in the same folder), or by an earlier build that did not record them, is refused before
     * anything is read or written.
     */
    @Test
    void aStateFileOfOtherTablesIsRefusedBeforeAnyWrite() throws Exception {
        String org = "org-state-" + UUID.randomUUID().toString().substring(0, 6);
        NodeService.load(store.categoriesTable(), List.of(NodeService.document(
                category(org, "legacy-1").named("Compute").asNodeServiceWroteIt().build())));
        Map<String, Map<String, AttributeValue>> before = scanTable();
        Path folder = Files.createTempDirectory("migrate-state");
        Path staging = folder.resolve("staging.json");
        Files.writeString(staging, "{\"target\":\"tables staging-insight-categories and staging-insight-category-templates,"
                + " region us-east-1, endpoint AWS's\",\"checkpoint\":{}}");
        Path earlier = folder.resolve("earlier.json");
        Files.writeString(earlier, "{\"startedAt\":\"2026-12-01T00:00:00Z\",\"segments\":[],\"finished\":false}");

        for (Path state : List.of(staging, earlier)) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = new MigrateCommand(store, Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)).run(List.of("--state", state.toString(), "--rate", "20000"));

            assertEquals(Main.REFUSED, status);
            String expectedOwner = state == staging
                    ? "tables staging-insight-categories and staging-insight-category-templates, region us-east-1, endpoint AWS's"
                    : "tables it does not name (a state file of an earlier build)";
            assertEquals("migrate: refused, the state file " + state + " belongs to a run on " + expectedOwner + ", not on "
                    + MigrateCommand.target(store) + ": give this run its own --state FILE (or delete that file to start over:"
                    + " a run changes nothing an earlier one did)\n", err.toString(StandardCharsets.UTF_8));
        }
        assertTrue(MigrateCommand.target(store).startsWith("tables " + store.categoriesTable() + " and " + store.templatesTable()
                + ", region us-east-1, endpoint http://"), MigrateCommand.target(store));
        assertEquals(before, scanTable(), "nothing written");
        assertTrue(store.coordination(org, new StoreMetrics()).indexedSince().isEmpty());
    }

    private JsonNode migrate(List<String> args, java.util.function.Consumer<TableMigration.Checkpoint> observer,
                             MigrateCommand... holder) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        MigrateCommand command = new MigrateCommand(store, Clock.systemUTC(), new PrintStream(out, true, StandardCharsets.UTF_8),
                err, observer == null ? c -> { } : observer);
        if (holder.length > 0) {
            holder[0] = command;
        }
        int status = command.run(args);
        JsonNode summary = Json.MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(summary.get("finished").asBoolean() ? 0 : 3, status);
        return summary;
    }

    /** Documents whose Node-service attributes differ from what was written, read back by its own client. */
    private Map<String, String> changedSince(Map<String, Map<String, Object>> written, String when) {
        Map<String, Map<String, Object>> current = byKey(NodeService.scan(store.categoriesTable()));
        Map<String, String> changed = new TreeMap<>();
        written.forEach((key, document) -> {
            Map<String, Object> item = current.get(key);
            Map<String, Object> nodeAttributes = new HashMap<>();
            if (item != null) {
                document.keySet().forEach(attribute -> nodeAttributes.put(attribute, item.get(attribute)));
            }
            if (!Json.MAPPER.valueToTree(nodeAttributes).equals(Json.MAPPER.valueToTree(document))) {
                changed.put(key, when + ": " + item);
            }
        });
        return changed;
    }

    private static Map<String, Map<String, Object>> byKey(List<Map<String, Object>> documents) {
        Map<String, Map<String, Object>> byKey = new HashMap<>();
        documents.forEach(d -> byKey.put(d.get("organizationId") + "/" + d.get("categoryId"), d));
        return byKey;
    }

    private Map<String, Map<String, AttributeValue>> scanTable() {
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            ScanResponse page = Dynalite.get().client().scan(r -> r.tableName(store.categoriesTable()).exclusiveStartKey(exclusiveStart));
            page.items().forEach(item -> items.put(item.get("organizationId").s() + "/" + item.get("categoryId").s(), item));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }
}
