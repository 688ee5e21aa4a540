package com.awsinsight.categories.tenancy;

import com.awsinsight.categories.domain.coordination.OrganizationState;
import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.domain.ports.WriteCoordination;
import com.awsinsight.categories.services.CategoryApplication;
import com.awsinsight.categories.services.read.OrganizationCache;
import com.awsinsight.categories.store.memory.InMemoryStore;
import com.awsinsight.categories.testing.DelegatingStore;
import com.awsinsight.categories.testing.GraphQLHarness;
import com.awsinsight.categories.testing.GraphQLHarness.Response;
import com.awsinsight.categories.testing.TreeFixtures;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.awsinsight.categories.testing.GraphQLHarness.editor;
import static com.awsinsight.categories.testing.GraphQLHarness.viewer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One process's organization cache can never answer one organization's request with another's data. To make
 * a mix-up possible at all, every organization's state item reads exactly alike here (same epoch, revision
 * and structure count), so only the organization the cache entry is bound to tells them apart: A's cached
 * snapshot and kept result are never B's answer, and what the process learned of A's tree never lets B write
 * under A's category.
 */
class CachedOrganizationIsolationTest {
    private static final OrganizationState EVERYONE_ALIKE = new OrganizationState(Instant.parse("2024-01-01T00:00:00Z"),
            "same-epoch", 7, 1, List.of(), null, null, null, null);
    private static final String TREE = "{ categoryTree { id name children { id name children { id name } } } }";

    private final InMemoryStore base = new InMemoryStore();
    private final Store alike = new DelegatingStore(base) {
        @Override
        public WriteCoordination coordination(String organizationId, StoreMetrics metrics) {
            WriteCoordination real = super.coordination(organizationId, metrics);
            return (WriteCoordination) Proxy.newProxyInstance(WriteCoordination.class.getClassLoader(),
                    new Class<?>[]{WriteCoordination.class}, (proxy, method, args) -> {
                        if (method.getName().equals("state")) {
                            return EVERYONE_ALIKE;
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    };

    @Test
    void oneOrganizationsSnapshotAndResultsNeverAnswerAnother() {
        TreeFixtures.insert(base, TreeFixtures.tree("org-a", 40, 3));
        TreeFixtures.insert(base, TreeFixtures.tree("org-b", 25, 3));
        GraphQLHarness process = new GraphQLHarness(new CategoryApplication(alike, Clock.systemUTC()));

        Response a = process.serve(viewer("org-a"), TREE);
        Response aAgain = process.serve(viewer("org-a"), TREE);
        Response b = process.serve(viewer("org-b"), TREE);
        Response bChildren = process.serve(viewer("org-b"), "{ categoryTree(maxDepth: 1) { id children { id } } }");

        assertTrue(aAgain.resultFromCache(), "A is cached");
        assertFalse(b.resultFromCache());
        assertNotEquals(a.json(), b.json());
        assertEquals(fresh("org-b", TREE), b.json());
        assertEquals(25, b.json().findValues("id").size());
        assertEquals(fresh("org-b", "{ categoryTree(maxDepth: 1) { id children { id } } }"), bChildren.json());
    }

    @Test
    void whatTheProcessLearnedOfOneTreeNeverLetsAnotherOrganizationWriteUnderIt() {
        TreeFixtures.insert(base, TreeFixtures.tree("org-c", 13, 3));
        TreeFixtures.insert(base, TreeFixtures.tree("org-d", 13, 3));
        GraphQLHarness process = new GraphQLHarness(new CategoryApplication(alike, Clock.systemUTC()));
        String parentInC = "cat-00000";
        String mutation = "mutation($p: ID) { createCategory(input: { name: \"Fresh\", parentId: $p }) "
                + "{ category { id parentId } userErrors { code field message } } }";

        process.serve(viewer("org-c"), TREE);
        Response inC = process.run(editor("org-c"), mutation, Map.of("p", parentInC));
        String onlyInC = inC.text("/data/createCategory/category/id");
        Response intoC = process.run(editor("org-d"), mutation, Map.of("p", onlyInC));

        assertEquals(parentInC, inC.text("/data/createCategory/category/parentId"), inC.json().toString());
        assertEquals("NOT_FOUND", intoC.text("/data/createCategory/userErrors/0/code"), intoC.json().toString());
        assertEquals("parentId", intoC.text("/data/createCategory/userErrors/0/field"));
        assertTrue(base.categories("org-d", new StoreMetrics()).findAll().stream().noneMatch(c -> c.name().equals("Fresh")));
    }

    private com.fasterxml.jackson.databind.JsonNode fresh(String org, String query) {
        return new GraphQLHarness(new CategoryApplication(base, Clock.systemUTC(), new OrganizationCache(0)))
                .serve(viewer(org), query).json();
    }
}
