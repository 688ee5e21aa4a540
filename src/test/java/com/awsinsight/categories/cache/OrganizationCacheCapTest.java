package com.awsinsight.categories.cache;

import com.awsinsight.categories.services.CategoryApplication;
import com.awsinsight.categories.services.read.OrganizationCache;
import com.awsinsight.categories.store.memory.InMemoryStore;
import com.awsinsight.categories.testing.GraphQLHarness;
import com.awsinsight.categories.testing.GraphQLHarness.Response;
import com.awsinsight.categories.testing.TreeFixtures;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static com.awsinsight.categories.testing.GraphQLHarness.viewer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cache's memory cap with 100 organizations of 1,000 categories each read in turn: what it holds never
 * exceeds the cap, the least recently used organizations are the ones let go (the next read of the first one
 * reads its partition again, of the last one its state item only), and a cap of 0 turns the cache off.
 */
class OrganizationCacheCapTest {
    private static final String TREE = "{ categoryTree { id name children { id name children { id } } } }";
    private static final long CAP = 16L << 20;

    private final InMemoryStore store = new InMemoryStore();
    private final List<String> organizations = new ArrayList<>();

    OrganizationCacheCapTest() {
        for (int i = 0; i < 100; i++) {
            String org = "org-cap-" + i;
            organizations.add(org);
            TreeFixtures.insert(store, TreeFixtures.tree(org, 1000, 3));
        }
    }

    @Test
    void aHundredOrganizationsOfAThousandStayWithinTheCapLeastRecentlyUsedFirstOut() {
        OrganizationCache cache = new OrganizationCache(CAP);
        GraphQLHarness process = new GraphQLHarness(new CategoryApplication(store, Clock.systemUTC(), cache));
        long largest = 0;

        for (String org : organizations) {
            assertEquals(1000, count(process.serve(viewer(org), TREE)));
            largest = Math.max(largest, cache.estimatedBytes());
            assertTrue(cache.estimatedBytes() <= CAP, "held " + cache.estimatedBytes() + " bytes after " + org);
        }
        Response last = process.serve(viewer(organizations.get(99)), TREE);
        Response first = process.serve(viewer(organizations.get(0)), TREE);

        assertTrue(largest > CAP / 2, "the cap was reached: " + largest);
        assertTrue(cache.organizations() > 1 && cache.organizations() < 100, cache.organizations() + " organizations held");
        assertTrue(last.resultFromCache(), "the most recently used organization is still held");
        assertEquals(1, last.metrics().calls());
        assertFalse(first.resultFromCache(), "the least recently used one was let go");
        assertEquals(2, first.metrics().calls(), "state item and partition");
        assertEquals(1000, count(first));
    }

    @Test
    void aCapOfZeroTurnsTheCacheOff() {
        OrganizationCache cache = new OrganizationCache(0);
        GraphQLHarness process = new GraphQLHarness(new CategoryApplication(store, Clock.systemUTC(), cache));

        process.serve(viewer(organizations.get(0)), TREE);
        Response again = process.serve(viewer(organizations.get(0)), TREE);

        assertFalse(again.resultFromCache());
        assertEquals(2, again.metrics().calls());
        assertEquals(0, cache.estimatedBytes());
        assertEquals(0, cache.organizations());
    }

    private static int count(Response response) {
        return response.json().findValues("id").size();
    }
}
