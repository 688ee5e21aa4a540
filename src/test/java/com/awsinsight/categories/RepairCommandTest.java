package com.awsinsight.categories;

import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.ports.CategoryRepository;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.services.TreeRepair;
import com.awsinsight.categories.store.dynamodb.DynamoStore;
import com.awsinsight.categories.testing.Dynalite;
import com.awsinsight.categories.testing.GraphQLHarness;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static com.awsinsight.categories.testing.Categories.category;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code repair --org X} on data written behind the gateway's back (as the Node service or a hand edit
 * could): a case-variant duplicate name, an orphan, active categories under an inactive one and a parent
 * cycle. By default it reattaches what is unreachable, indexes the organization and reports the rest,
 * switching nothing off; with {@code --deactivate} every invariant holds afterwards. Either way a second
 * run has nothing left to do.
 */
@Tag("dynalite")
class RepairCommandTest {
    private final DynamoStore store = Dynalite.get().newStore();
    private final String org = "org-" + UUID.randomUUID();
    private int counter;

    @Test
    void repairReportsDuplicatesAndStrandedCategoriesButSwitchesNothingOff() throws Exception {
        CategoryRepository repository = store.categories(org, new StoreMetrics());
        String travel = insert(repository, "Travel", null, true);
        String duplicate = insert(repository, "travel ", null, true);
        insert(repository, "Orphan", "cat-missing", true);
        String closed = insert(repository, "Closed", null, false);
        String open = insert(repository, "Still open", closed, true);
        List<Category> before = repository.findAll();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TreeRepair.Report first = Main.repair(store, org, false, new PrintStream(out, true, StandardCharsets.UTF_8));
        TreeRepair.Report second = Main.repair(store, org, false, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertTrue(first.actions().contains("made root (parent missing): Orphan"), first.actions().toString());
        assertTrue(first.findings().contains("active under an inactive ancestor: Closed › Still open"), first.findings().toString());
        assertEquals(1, first.duplicates().size());
        assertEquals(travel, first.duplicates().get(0).holderId());
        assertEquals(List.of(travel, duplicate), first.duplicates().get(0).categories().stream().map(d -> d.id()).toList());
        JsonNode printed = Json.MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals("travel", printed.at("/duplicates/0/nameKey").asText());
        assertEquals(List.of(), second.actions());
        Map<String, Boolean> activeBefore = new HashMap<>();
        before.forEach(c -> activeBefore.put(c.id(), c.active()));
        repository.findAll().forEach(c -> assertEquals(activeBefore.get(c.id()), c.active(), c.name()));
        GraphQLHarness graphQL = new GraphQLHarness(store);
        assertEquals(travel, graphQL.run(GraphQLHarness.editor(org), "{ categoryByName(name: \"TRAVEL\") { id } }")
                .text("/data/categoryByName/id"));
        assertEquals(open, graphQL.run(GraphQLHarness.editor(org), "{ categoryByName(name: \"still OPEN\") { id } }")
                .text("/data/categoryByName/id"));
        assertEquals("CONFLICT", graphQL.run(GraphQLHarness.editor(org),
                "mutation { createCategory(input: { name: \"TRAVEL\" }) { userErrors { code } } }")
                .text("/data/createCategory/userErrors/0/code"));
    }

    @Test
    void repairWithDeactivateRestoresEveryInvariantAndIsIdempotent() throws Exception {
        CategoryRepository repository = store.categories(org, new StoreMetrics());
        String travel = insert(repository, "Travel", null, true);
        insert(repository, "travel ", null, true);
        insert(repository, "Orphan", "cat-missing", true);
        String closed = insert(repository, "Closed", null, false);
        String open = insert(repository, "Still open", closed, true);
        insert(repository, "Deep open", open, true);
        insert(repository, "Loop A", "cat-loop-b", true, "cat-loop-a");
        insert(repository, "Loop B", "cat-loop-a", true, "cat-loop-b");
        String healthy = insert(repository, "Healthy", null, true);
        insert(repository, "Leaf", healthy, true);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TreeRepair.Report first = Main.repair(store, org, true, new PrintStream(out, true, StandardCharsets.UTF_8));
        TreeRepair.Report second = Main.repair(store, org, true, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        JsonNode printed = Json.MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
        Set<String> actions = new HashSet<>(first.actions());
        assertTrue(actions.containsAll(List.of("made root (parent missing): Orphan", "made root (cycle): Loop A",
                "deactivated (inactive ancestor): Still open", "deactivated (inactive ancestor): Deep open",
                "deactivated (duplicate name): travel")), first.actions().toString());
        assertEquals(first.actions().size(), printed.get("actions").size());
        assertEquals(List.of(), second.actions());
        List<Category> all = repository.findAll();
        assertEquals(List.of(), invariantViolations(all));
        assertFalse(all.stream().anyMatch(c -> c.name().equals("Still open") && c.active()));
        String found = new GraphQLHarness(store).run(GraphQLHarness.editor(org), "{ categoryByName(name: \"TRAVEL\") { id } }")
                .text("/data/categoryByName/id");
        assertEquals(travel, found);
    }

    private static List<String> invariantViolations(List<Category> all) {
        Map<String, Category> byId = new HashMap<>();
        all.forEach(c -> byId.put(c.id(), c));
        return all.stream().filter(Category::active).flatMap(c -> {
            Set<String> seen = new HashSet<>();
            Category current = c;
            while (current != null && !current.isRoot()) {
                if (!seen.add(current.id())) {
                    return java.util.stream.Stream.of("cycle at " + c.name());
                }
                Category parent = byId.get(current.parentId());
                if (parent == null || !parent.active()) {
                    return java.util.stream.Stream.of("unreachable or under inactive: " + c.name());
                }
                current = parent;
            }
            long sameName = all.stream().filter(o -> o.active() && o.nameKey().equals(c.nameKey())).count();
            return sameName > 1 ? java.util.stream.Stream.of("duplicate " + c.name()) : java.util.stream.Stream.empty();
        }).toList();
    }

    private String insert(CategoryRepository repository, String name, String parentId, boolean active) {
        return insert(repository, name, parentId, active, "cat-" + UUID.randomUUID());
    }

    private String insert(CategoryRepository repository, String name, String parentId, boolean active, String id) {
        Instant at = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(counter++);
        repository.insert(category(org, id).named(name.strip()).under(parentId).at(at).by("node").active(active).version(0).build());
        return id;
    }
}
