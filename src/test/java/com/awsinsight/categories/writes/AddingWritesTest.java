package com.awsinsight.categories.writes;

import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.testing.Dynalite;
import com.awsinsight.categories.testing.GraphQLHarness;
import com.awsinsight.categories.testing.GraphQLHarness.Response;
import com.awsinsight.categories.testing.PausingStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Tag;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.awsinsight.categories.testing.GraphQLHarness.editor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Creates under a parent are adding writes: they run side by side (under different parents or the same one),
 * while a structural write (here a cascade delete) waits for those in flight, announces itself so new ones wait
 * for it, and runs alone. Each case holds one write at a chosen call on DynamoDB (dynalite) to force an
 * interleaving, then checks the outcome and the invariants.
 */
@Tag("dynalite")
class AddingWritesTest {
    private static final String CREATE = "mutation($n: String!, $p: ID) { createCategory(input: { name: $n, parentId: $p }) "
            + "{ category { id parentId } userErrors { code field message } } }";

    private final PausingStore store = new PausingStore(Dynalite.get().newStore());
    private final GraphQLHarness graphQL = new GraphQLHarness(store);
    private final String org = "org-" + UUID.randomUUID();
    private final ExecutorService background = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        background.shutdownNow();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void createsUnderParentsRunSideBySide() throws Exception {
        String first = created(create("First", null));
        String second = created(create("Second", null));
        PausingStore.Pause held = store.pauseAt("insert", args -> ((Category) args[0]).name().equals("Held"));

        Future<Response> heldCreate = background.submit(() -> create("Held", first));
        held.awaitReached();
        Response underAnother = create("Elsewhere", second);
        Response underTheSame = create("Sibling", first);
        boolean heldStillRunning = !heldCreate.isDone();
        held.release();

        assertTrue(heldStillRunning);
        assertEquals(second, underAnother.text("/data/createCategory/category/parentId"), underAnother.json().toString());
        assertEquals(first, underTheSame.text("/data/createCategory/category/parentId"), underTheSame.json().toString());
        assertEquals(first, heldCreate.get().text("/data/createCategory/category/parentId"));
        assertEquals(List.of(), InvariantChecker.violations(store, org));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aCascadeDeleteWaitsForACreateInFlightUnderItsSubtreeAndThenDeletesItToo() throws Exception {
        String root = created(create("Root", null));
        String parent = created(create("Parent", root));
        PausingStore.Pause held = store.pauseAt("insert", args -> ((Category) args[0]).name().equals("Late"));

        Future<Response> late = background.submit(() -> create("Late", parent));
        held.awaitReached();
        Future<Response> delete = background.submit(() -> cascadeDelete(root));
        awaitDeleteAnnounced();
        boolean deleteWaited = !delete.isDone();
        held.release();

        assertTrue(deleteWaited, "the delete cannot run while a create under its subtree is in flight");
        assertTrue(created(late.get()).startsWith("cat-"));
        assertFalse(delete.get().at("/data/deleteCategory/category/isActive").asBoolean(), delete.get().json().toString());
        List<Category> all = InvariantChecker.all(store, org);
        assertEquals(List.of(), all.stream().filter(Category::active).toList(), "the late child was deleted with its parent");
        assertEquals(List.of(), InvariantChecker.violations(all));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aCreateUnderACategoryBeingDeletedWaitsForTheDeleteAndFindsItsParentInactive() throws Exception {
        String root = created(create("Root", null));
        String parent = created(create("Parent", root));
        PausingStore.Pause held = store.pauseAt("update", args -> ((Category) args[1]).id().equals(parent));

        Future<Response> delete = background.submit(() -> cascadeDelete(root));
        held.awaitReached();
        Future<Response> create = background.submit(() -> create("Too late", parent));
        PausingStore.await(() -> store.refusedBegins() > 0, "the create to be refused while the delete holds the lease");
        boolean createWaited = !create.isDone();
        held.release();

        assertTrue(createWaited);
        assertFalse(delete.get().at("/data/deleteCategory/category/isActive").asBoolean(), delete.get().json().toString());
        Response refused = create.get();
        assertEquals("BAD_USER_INPUT", refused.text("/data/createCategory/userErrors/0/code"), refused.json().toString());
        assertEquals("Parent category is inactive", refused.text("/data/createCategory/userErrors/0/message"));
        assertEquals(List.of(), InvariantChecker.violations(store, org));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anAnnouncedDeleteHoldsOffNewCreatesSoAStreamOfCreatesCannotStarveIt() throws Exception {
        String busy = created(create("Busy", null));
        String root = created(create("Root", null));
        String parent = created(create("Parent", root));
        PausingStore.Pause held = store.pauseAt("insert", args -> ((Category) args[0]).name().equals("Slow"));

        Future<Response> slow = background.submit(() -> create("Slow", busy));
        held.awaitReached();
        Future<Response> delete = background.submit(() -> cascadeDelete(root));
        awaitDeleteAnnounced();
        Future<Response> newcomer = background.submit(() -> create("Newcomer", parent));
        PausingStore.await(() -> store.refusedBegins() > 0, "the newcomer to be held off by the announcement");
        held.release();

        assertTrue(created(slow.get()).startsWith("cat-"));
        assertFalse(delete.get().at("/data/deleteCategory/category/isActive").asBoolean(), delete.get().json().toString());
        Response refused = newcomer.get();
        assertEquals("Parent category is inactive", refused.text("/data/createCategory/userErrors/0/message"),
                "the newcomer ran after the delete: " + refused.json());
        assertEquals(List.of(), InvariantChecker.violations(store, org));
    }

    private Response cascadeDelete(String id) {
        return graphQL.run(editor(org),
                "mutation($id: ID!) { deleteCategory(id: $id, cascade: true) { category { isActive } userErrors { code } } }",
                Map.of("id", id));
    }

    /** Waits until a structural write has announced itself on the organization's state item. */
    private void awaitDeleteAnnounced() {
        PausingStore.await(() -> store.coordination(org, new StoreMetrics()).state().announcedBy() != null,
                "the delete to announce itself");
    }

    private Response create(String name, String parentId) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("n", name);
        variables.put("p", parentId);
        return graphQL.run(editor(org), CREATE, variables);
    }

    private static String created(Response response) {
        assertEquals(0, response.at("/data/createCategory/userErrors").size(), response.json().toString());
        return response.text("/data/createCategory/category/id");
    }
}
