package com.awsinsight.categories.writes;

import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.domain.model.Template;
import com.awsinsight.categories.domain.model.TemplateNode;
import com.awsinsight.categories.testing.Dynalite;
import com.awsinsight.categories.testing.GraphQLHarness.Response;
import com.awsinsight.categories.testing.GraphQLHarness;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static com.awsinsight.categories.testing.GraphQLHarness.editor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 24 writers on one organization (DynamoDB on dynalite, through the GraphQL API) doing random creates,
 * renames, moves, cascade and plain deletes, restores, template instantiations and counter increments for a
 * fixed amount of work; then the invariant checker walks the organization. Creates under a parent and
 * instantiations run side by side (adding writes) while moves, deletes and restores take the structural
 * lease. Each writer's choices come from its own seeded Random, so the operation mix is reproducible; the
 * interleaving is whatever the machine makes of it.
 */
@Tag("dynalite")
class ConcurrentWritersTest {
    private static final int WRITERS = 24;
    /** Operations per writer: a fixed amount of work, so a slow machine takes longer instead of testing less. */
    private static final int STEPS = 12;
    private static final List<String> NAMES = List.of("Compute", "Storage", "Network", "Data", "People", "Tools",
            "Travel", "Security", "Support", "Licenses", "Training", "Hosting", "Backups", "Logs", "Email", "Search");

    private static final String TEMPLATE = "tpl-kit";

    private final Store store = Dynalite.get().newStore();
    private final GraphQLHarness graphQL = new GraphQLHarness(store);
    private final String org = "org-" + UUID.randomUUID();
    private final List<String> ids = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private final Map<String, String> writtenVersions = new ConcurrentHashMap<>();
    private final List<String> duplicateVersions = new CopyOnWriteArrayList<>();
    private final AtomicInteger counterIncrements = new AtomicInteger();
    private String counterId;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void randomStructuralWritesKeepEveryInvariant() throws Exception {
        seed();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> writers = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            Random random = new Random(1_000 + i);
            Caller caller = new Caller(org, "writer-" + i, com.awsinsight.categories.domain.model.Role.EDITOR);
            writers.add(pool.submit(() -> {
                start.await();
                for (int step = 0; step < STEPS; step++) {
                    step(caller, random);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> writer : writers) {
            writer.get();
        }
        pool.shutdown();

        List<Category> all = InvariantChecker.all(store, org);
        Category counter = all.stream().filter(c -> c.id().equals(counterId)).findFirst().orElseThrow();
        System.out.println("ConcurrentWritersTest: " + WRITERS + " writers, outcomes " + outcomes + ", "
                + all.size() + " categories, " + all.stream().filter(Category::active).count() + " active, "
                + counterIncrements.get() + " counter increments");
        assertEquals(List.of(), InvariantChecker.violations(all));
        assertEquals(List.of(), duplicateVersions, "two successful writes produced the same version");
        assertEquals(counterIncrements.get(), ((Number) counter.metadata().get("count")).intValue(), "lost increment");
        assertEquals(1 + counterIncrements.get(), counter.version());
        for (String kind : List.of("create", "rename", "move", "delete", "restore")) {
            assertTrue(outcomes.containsKey(kind + ":ok"), "no successful " + kind + ": " + outcomes);
        }
    }

    private void seed() {
        store.templates(new StoreMetrics()).put(new Template(TEMPLATE, 1, "Kit", null, "TEST", null,
                List.of(new TemplateNode("Kit", null, null, List.of(new TemplateNode("Kit part", null, null, List.of())))),
                Instant.parse("2024-01-01T00:00:00Z"), null));
        for (int i = 0; i < 6; i++) {
            String root = create(editor(org), "Root " + i, null);
            ids.add(root);
            for (int j = 0; j < 3; j++) {
                ids.add(create(editor(org), "Node " + i + "." + j, root));
            }
        }
        Response counter = graphQL.run(editor(org), "mutation { createCategory(input: { name: \"Counter\", "
                + "metadata: { count: 0 } }) { category { id } } }");
        counterId = counter.text("/data/createCategory/category/id");
    }

    private void step(Caller caller, Random random) {
        int dice = random.nextInt(100);
        String id = ids.get(random.nextInt(ids.size()));
        String other = random.nextInt(5) == 0 ? null : ids.get(random.nextInt(ids.size()));
        String name = variant(NAMES.get(random.nextInt(NAMES.size())), random);
        if (dice < 22) {
            Response r = graphQL.run(caller, "mutation($n: String!, $p: ID) { createCategory(input: { name: $n, parentId: $p }) "
                    + "{ category { id version updatedBy updatedAt } userErrors { code } } }", vars("n", name, "p", other));
            JsonNode created = r.at("/data/createCategory/category");
            if (!created.isNull() && !created.isMissingNode()) {
                ids.add(created.get("id").asText());
            }
            record("create", r, "/data/createCategory");
        } else if (dice < 42) {
            record("rename", graphQL.run(caller, "mutation($id: ID!, $n: String) { updateCategory(id: $id, input: { name: $n }) "
                    + "{ category { id version updatedBy updatedAt } userErrors { code } } }", vars("id", id, "n", name)),
                    "/data/updateCategory");
        } else if (dice < 67) {
            record("move", graphQL.run(caller, "mutation($id: ID!, $p: ID) { moveCategory(id: $id, newParentId: $p) "
                    + "{ category { id version } userErrors { code } } }", vars("id", id, "p", other)), "/data/moveCategory");
        } else if (dice < 80) {
            Map<String, Object> v = vars("id", id, "c", random.nextBoolean());
            record("delete", graphQL.run(caller, "mutation($id: ID!, $c: Boolean) { deleteCategory(id: $id, cascade: $c) "
                    + "{ category { id version } userErrors { code } } }", v), "/data/deleteCategory");
        } else if (dice < 89) {
            Map<String, Object> v = vars("id", id, "c", random.nextBoolean());
            record("restore", graphQL.run(caller, "mutation($id: ID!, $c: Boolean) { restoreCategory(id: $id, cascade: $c) "
                    + "{ category { id version } userErrors { code } } }", v), "/data/restoreCategory");
        } else if (dice < 93) {
            Response r = graphQL.run(caller, "mutation($t: ID!, $p: ID) { instantiateTemplate(templateId: $t, parentId: $p) "
                    + "{ categories { id } userErrors { code } } }", vars("t", TEMPLATE, "p", other));
            r.at("/data/instantiateTemplate/categories").forEach(c -> ids.add(c.get("id").asText()));
            String outcome = r.errorCode() != null ? "instantiate:error-" + r.errorCode()
                    : r.at("/data/instantiateTemplate/categories").size() > 0 ? "instantiate:ok"
                    : "instantiate:" + r.text("/data/instantiateTemplate/userErrors/0/code");
            outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
        } else {
            incrementCounter(caller);
        }
    }

    /** Read, add one, write back with expectedVersion; retried on CONFLICT. A lost update shows in the final count. */
    private void incrementCounter(Caller caller) {
        for (int attempt = 0; attempt < 50; attempt++) {
            Response read = graphQL.run(caller, "query($id: ID!) { category(id: $id) { version metadata } }", Map.of("id", counterId));
            int version = read.at("/data/category/version").asInt();
            int count = read.at("/data/category/metadata/count").asInt();
            Response write = graphQL.run(caller, "mutation($id: ID!, $m: JSON, $v: Int) { updateCategory(id: $id, "
                    + "input: { metadata: $m }, expectedVersion: $v) { category { version } userErrors { code } } }",
                    vars("id", counterId, "m", Map.of("count", count + 1), "v", version));
            if (write.at("/data/updateCategory/userErrors").size() == 0 && write.errorCode() == null) {
                counterIncrements.incrementAndGet();
                return;
            }
        }
    }

    private void record(String kind, Response response, String pointer) {
        JsonNode category = response.at(pointer + "/category");
        String outcome;
        if (response.errorCode() != null) {
            outcome = kind + ":error-" + response.errorCode();
        } else if (category.isNull() || category.isMissingNode()) {
            outcome = kind + ":" + response.text(pointer + "/userErrors/0/code");
        } else {
            outcome = kind + ":ok";
            if (Set.of("create", "rename").contains(kind)) {
                // A rename to the name a category already has writes nothing and answers the category as it is:
                // the same version, by the same write (writer and time). Two writes with one version would differ.
                String key = category.get("id").asText() + "@" + category.get("version").asInt();
                String write = category.get("updatedBy").asText() + "@" + category.get("updatedAt").asText();
                String earlier = writtenVersions.putIfAbsent(key, write);
                if (earlier != null && !earlier.equals(write)) {
                    duplicateVersions.add(key);
                }
            }
        }
        outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
    }

    private String create(Caller caller, String name, String parentId) {
        Response r = graphQL.run(caller, "mutation($n: String!, $p: ID) { createCategory(input: { name: $n, parentId: $p }) "
                + "{ category { id } userErrors { message } } }", vars("n", name, "p", parentId));
        return r.text("/data/createCategory/category/id");
    }

    private static String variant(String name, Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> name;
            case 1 -> " " + name.toUpperCase(Locale.ROOT);
            default -> name.toLowerCase(Locale.ROOT) + " ";
        };
    }

    private static Map<String, Object> vars(Object... pairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
