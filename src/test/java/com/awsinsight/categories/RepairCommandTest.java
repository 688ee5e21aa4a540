package com.awsinsight.categories;

import com.awsinsight.categories.domain.Category;
import com.awsinsight.categories.domain.CategoryRepository;
import com.awsinsight.categories.domain.StoreMetrics;
import com.awsinsight.categories.edge.Json;
import com.awsinsight.categories.services.TreeRepair;
import com.awsinsight.categories.store.dynamodb.DynamoStore;
import com.awsinsight.categories.testing.Dynalite;
import com.awsinsight.categories.testing.GraphQLHarness;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code repair --org X} on data written behind the gateway's back (as the seed service or a hand edit
 * could): a case-variant duplicate name, an orphan, active categories under an inactive one and a parent
 * cycle. Afterwards every invariant holds, names are claimed (so lookups ignore case), and a second run
 * has nothing left to do.
 */
class RepairCommandTest {
    private final DynamoStore store = Dynalite.get().newStore();
    private final String org = "org-" + UUID.randomUUID();
    private int counter;

    @Test
    void repairRestoresEveryInvariantAndIsIdempotent() throws Exception {
        CategoryRepository repository = store.categories(new StoreMetrics());
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
        TreeRepair.Report first = Main.repair(store, org, new PrintStream(out, true, StandardCharsets.UTF_8));
        TreeRepair.Report second = Main.repair(store, org, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        JsonNode printed = Json.MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
        Set<String> actions = new HashSet<>(first.actions());
        assertTrue(actions.containsAll(List.of("made root (parent missing): Orphan", "made root (cycle): Loop A",
                "deactivated (inactive ancestor): Still open", "deactivated (inactive ancestor): Deep open",
                "deactivated (duplicate name): travel")), first.actions().toString());
        assertEquals(first.actions().size(), printed.get("actions").size());
        assertEquals(List.of(), second.actions());
        List<Category> all = repository.findAll(org);
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
        repository.insert(new Category(org, id, name.strip(), null, parentId, null, at, at, "seed", "seed", active, 0));
        return id;
    }
}
