package com.awsinsight.categories.writes;

import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.error.DomainException;
import com.awsinsight.categories.domain.error.ErrorCode;
import com.awsinsight.categories.domain.error.Field;
import com.awsinsight.categories.domain.model.Role;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.domain.model.Template;
import com.awsinsight.categories.domain.model.TemplateNode;
import com.awsinsight.categories.services.CallerSession;
import com.awsinsight.categories.services.CategoryApplication;
import com.awsinsight.categories.services.CategoryChanges;
import com.awsinsight.categories.services.NewCategory;
import com.awsinsight.categories.services.read.OrganizationCache;
import com.awsinsight.categories.services.TemplateInstantiation;
import com.awsinsight.categories.store.dynamodb.DynamoClients;
import com.awsinsight.categories.store.dynamodb.DynamoStore;
import com.awsinsight.categories.testing.Dynalite;
import com.awsinsight.categories.testing.FaultInjector;
import com.awsinsight.categories.testing.GraphQLHarness.Response;
import com.awsinsight.categories.testing.GraphQLHarness;
import com.awsinsight.categories.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static com.awsinsight.categories.testing.GraphQLHarness.editor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills each multi-step write at every one of its DynamoDB calls. For a mutation that makes K calls, and
 * for every N in 1..K, a fresh organization is set up, the mutation runs on a client whose N-th and later
 * calls fail (a process dying there: not even the lease release arrives), and then:
 * <ol>
 *   <li>invariants 1–3 hold on the data as the crash left it, and a whole-tree GraphQL read answers
 *       without errors (readable data);</li>
 *   <li>the clock is moved past the lease and claim expiries, and the next operation (the same mutation
 *       retried by a healthy process) finishes the change: invariants hold and the intended result is there.</li>
 * </ol>
 * A third process caches the organization (it read the whole tree before the crash): right after the crash,
 * and again after the next operation, its whole-tree answer equals a fresh read's, so a write that died
 * anywhere, even between its category write and the end of its registration, is never hidden by a cached
 * snapshot; and once the dead write's registration has expired, that process answers from its cache again
 * (a crashed write does not switch caching off for good).
 *
 * <p>Long on purpose: each write's crash-every-call case shares the same crash-and-recover harness below.
 */
@Tag("dynalite")
class FaultInjectionTest {
    private static final Duration PAST_EXPIRIES = Duration.ofMinutes(2);
    private static final String WHOLE_TREE = "{ categoryTree { id name version isActive children(includeInactive: true) "
            + "{ id name version isActive children(includeInactive: true) { id name version isActive "
            + "children(includeInactive: true) { id name version isActive } } } } }";

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final FaultInjector faults = new FaultInjector();
    private final DynamoStore healthy = Dynalite.get().newStore();
    private final DynamoStore crashing = new DynamoStore(
            DynamoClients.create("us-east-1", Dynalite.get().endpoint(), List.of(faults)),
            healthy.categoriesTable(), healthy.templatesTable());
    private final GraphQLHarness graphQL = new GraphQLHarness(healthy);

    /** Builds an organization's starting state through a healthy process; returns the ids it made. */
    private interface SetUp {
        Map<String, String> apply(CallerSession services);
    }

    private interface Mutation {
        void apply(CallerSession services, Map<String, String> ids);
    }

    private interface Outcome {
        void check(String org, Map<String, String> ids);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void createUnderAParent() {
        everyCrashPoint("create",
                s -> Map.of("parent", create(s, "Parent", null)),
                (s, ids) -> s.categories().create(new NewCategory("Fresh", null, ids.get("parent"), null)),
                (s, ids) -> ignoringNameConflict(() -> s.categories().create(new NewCategory("Fresh", null, ids.get("parent"), null))),
                (org, ids) -> {
                    List<Category> fresh = active(org).stream().filter(c -> c.nameKey().equals("fresh")).toList();
                    assertEquals(1, fresh.size());
                    assertEquals(ids.get("parent"), fresh.get(0).parentId());
                });
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void createAtTheRoot() {
        everyCrashPoint("create at the root",
                s -> Map.of("other", create(s, "Other", null)),
                (s, ids) -> s.categories().create(new NewCategory("Fresh", null, null, null)),
                (s, ids) -> ignoringNameConflict(() -> s.categories().create(new NewCategory("Fresh", null, null, null))),
                (org, ids) -> {
                    List<Category> fresh = active(org).stream().filter(c -> c.nameKey().equals("fresh")).toList();
                    assertEquals(1, fresh.size());
                    assertNull(fresh.get(0).parentId());
                });
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void rename() {
        everyCrashPoint("rename",
                s -> Map.of("beta", create(s, "Beta", null), "alpha", create(s, "Alpha", null)),
                (s, ids) -> s.categories().update(ids.get("beta"), CategoryChanges.NONE.withName("Gamma"), null),
                (s, ids) -> s.categories().update(ids.get("beta"), CategoryChanges.NONE.withName("Gamma"), null),
                (org, ids) -> {
                    assertEquals("Gamma", byId(org, ids.get("beta")).name());
                    CallerSession s = services(org);
                    create(s, "BETA", null);
                    DomainException clash = assertThrows(DomainException.class,
                            () -> s.categories().create(new NewCategory("gamma", null, null, null)));
                    assertEquals("A category named \"gamma\" already exists", clash.getMessage());
                });
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void moveASubtree() {
        everyCrashPoint("move",
                s -> {
                    String a = create(s, "A", null);
                    String b = create(s, "B", a);
                    return Map.of("a", a, "b", b, "c", create(s, "C", b), "x", create(s, "X", null));
                },
                (s, ids) -> s.tree().move(ids.get("b"), ids.get("x"), null),
                (s, ids) -> s.tree().move(ids.get("b"), ids.get("x"), null),
                (org, ids) -> {
                    assertEquals(ids.get("x"), byId(org, ids.get("b")).parentId());
                    assertEquals(ids.get("b"), byId(org, ids.get("c")).parentId());
                });
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void cascadeDelete() {
        everyCrashPoint("delete",
                FaultInjectionTest::subtree,
                (s, ids) -> s.tree().delete(ids.get("a"), true, null),
                (s, ids) -> s.tree().delete(ids.get("a"), true, null),
                (org, ids) -> assertEquals(List.of(), active(org)));
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void cascadeRestore() {
        everyCrashPoint("restore",
                s -> {
                    Map<String, String> ids = subtree(s);
                    s.tree().delete(ids.get("a"), true, null);
                    return ids;
                },
                (s, ids) -> s.tree().restore(ids.get("a"), true, null),
                (s, ids) -> s.tree().restore(ids.get("a"), true, null),
                (org, ids) -> {
                    assertEquals(4, active(org).size());
                    DomainException clash = assertThrows(DomainException.class,
                            () -> services(org).categories().create(new NewCategory("c", null, null, null)));
                    assertEquals(ErrorCode.CONFLICT, clash.code());
                });
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void templateInstantiation() {
        String templateId = "tpl-" + UUID.randomUUID().toString().substring(0, 8);
        healthy.templates(new StoreMetrics()).put(new Template(templateId, 1, "Fault drill", null, "TEST", null,
                List.of(node("Plant", node("Lines", node("Line A")), node("Tools", node("Drills"))),
                        node("Office", node("Rent", node("Deposit")), node("Supplies", node("Paper")))),
                Instant.parse("2024-01-01T00:00:00Z"), null));
        everyCrashPoint("instantiate",
                s -> Map.of("parent", create(s, "Site", null)),
                (s, ids) -> s.tree().instantiate(templateId, 1, ids.get("parent")),
                (s, ids) -> {
                    TemplateInstantiation retry = s.tree().instantiate(templateId, 1, ids.get("parent"));
                    if (retry.errors().isEmpty()) {
                        return;
                    }
                    s.reader().childrenOf(List.of(ids.get("parent"))).get(0).stream().filter(Category::active)
                            .forEach(partial -> s.tree().delete(partial.id(), true, null));
                    assertEquals(List.of(), s.tree().instantiate(templateId, 1, ids.get("parent")).errors());
                },
                (org, ids) -> {
                    List<Category> active = active(org);
                    assertEquals(11, active.size());
                    assertEquals(2, active.stream().filter(c -> ids.get("parent").equals(c.parentId())).count());
                });
    }

    /**
     * Measures the calls K of {@code mutation} on a healthy run, then crashes it at every N in 1..K and
     * checks the state after the crash and after {@code recovery}, the next operation.
     */
    private void everyCrashPoint(String label, SetUp setUp, Mutation mutation, Mutation recovery, Outcome outcome) {
        String measured = freshOrg();
        Map<String, String> measuredIds = setUp.apply(services(measured));
        faults.count();
        mutation.apply(services(crashing, measured), measuredIds);
        int calls = faults.disarm();
        List<String> operations = faults.operations();
        outcome.check(measured, measuredIds);
        for (int n = 1; n <= calls; n++) {
            String org = freshOrg();
            Map<String, String> ids = setUp.apply(services(org));
            GraphQLHarness caching = new GraphQLHarness(new CategoryApplication(healthy, clock));
            assertTrue(caching.serve(editor(org), WHOLE_TREE).metrics().calls() >= 2, "the caching process reads the tree");
            assertTrue(caching.serve(editor(org), WHOLE_TREE).resultFromCache(), "and keeps it");
            faults.failFrom(n);
            assertThrows(RuntimeException.class, () -> mutation.apply(services(crashing, org), ids),
                    label + " should fail at call " + n);
            faults.disarm();
            String at = label + " crashed at call " + n + " of " + calls + " (" + operations.get(n - 1) + ")";

            assertEquals(List.of(), InvariantChecker.violations(healthy, org), at);
            Response read = graphQL.run(editor(org), "{ categoryTree { name children { name children { name } } } "
                    + "categories(first: 100, filter: { includeInactive: true }) { edges { node { name isActive } } } }");
            assertNull(read.json().get("errors"), at + ": " + read.json());
            assertEquals(freshTree(org), caching.serve(editor(org), WHOLE_TREE).json(), at + ": the caching process");

            clock.advance(PAST_EXPIRIES);
            recovery.apply(services(org), ids);
            assertEquals(List.of(), InvariantChecker.violations(healthy, org), at + ", after the next operation");
            outcome.check(org, ids);
            assertEquals(freshTree(org), caching.serve(editor(org), WHOLE_TREE).json(), at + ": the caching process, after");
            assertTrue(caching.serve(editor(org), WHOLE_TREE).resultFromCache(), at + ": the caching process caches again");
        }
        System.out.println("FaultInjectionTest: " + label + " crashed at each of its " + calls + " calls " + operations);
        assertTrue(calls >= 3, label + " made only " + calls + " calls");
    }

    /** The whole tree, inactive categories included, as a process without a cache reads it. */
    private JsonNode freshTree(String org) {
        return new GraphQLHarness(new CategoryApplication(healthy, clock, new OrganizationCache(0)))
                .serve(editor(org), WHOLE_TREE).json();
    }

    private CallerSession services(String org) {
        return services(healthy, org);
    }

    private CallerSession services(DynamoStore store, String org) {
        return new CategoryApplication(store, clock).forCaller(new Caller(org, "user-" + org, Role.EDITOR));
    }

    private static Map<String, String> subtree(CallerSession s) {
        String a = create(s, "A", null);
        String b = create(s, "B", a);
        Map<String, String> ids = new HashMap<>();
        ids.put("a", a);
        ids.put("b", b);
        ids.put("c", create(s, "C", b));
        ids.put("d", create(s, "D", a));
        return ids;
    }

    private static String create(CallerSession s, String name, String parentId) {
        return s.categories().create(new NewCategory(name, null, parentId, null)).id();
    }

    private static void ignoringNameConflict(Runnable write) {
        try {
            write.run();
        } catch (DomainException e) {
            assertEquals(Field.NAME, e.field(), e.getMessage());
        }
    }

    private List<Category> active(String org) {
        return InvariantChecker.all(healthy, org).stream().filter(Category::active).toList();
    }

    private Category byId(String org, String id) {
        return InvariantChecker.all(healthy, org).stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    private static TemplateNode node(String name, TemplateNode... children) {
        return new TemplateNode(name, null, null, List.of(children));
    }

    private static String freshOrg() {
        return "org-" + UUID.randomUUID();
    }
}
