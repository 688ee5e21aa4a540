package com.awsinsight.categories.services.read;

import com.awsinsight.categories.domain.model.CategoryOrder;
import com.awsinsight.categories.domain.model.CategoryQuery;
import com.awsinsight.categories.domain.model.Position;
import com.awsinsight.categories.domain.ports.CategoryRepository;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.domain.ports.WriteCoordination;
import com.awsinsight.categories.store.memory.InMemoryStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import static com.awsinsight.categories.testing.Categories.category;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A request's result may be kept next to a snapshot only when everything it read came from that snapshot: every
 * read through {@link StoreReads}, whatever it is, keeps the result out, and a request that read only the snapshot
 * keeps it.
 */
class StoreReadsTest {
    private final InMemoryStore store = new InMemoryStore();
    private final String org = "org-" + UUID.randomUUID();
    private final OrganizationCache cache = new OrganizationCache(OrganizationCache.DEFAULT_MAX_BYTES);

    StoreReadsTest() {
        store.categories(org, new StoreMetrics()).insert(category(org, "cat-a").named("Alpha").build());
        store.coordination(org, new StoreMetrics()).markIndexed(Instant.now());
    }

    /** A request that reads the whole organization (the snapshot), then does {@code read}; whether it may keep its result. */
    private boolean keepsAfter(Consumer<StoreReads> read) {
        StoreMetrics metrics = new StoreMetrics();
        CategoryRepository repository = store.categories(org, metrics);
        WriteCoordination coordination = store.coordination(org, metrics);
        OrganizationVersion version = new OrganizationVersion(repository, coordination::state, cache.slot(org), Clock.systemUTC());
        StoreReads reads = new StoreReads(repository, version);
        version.wholeOrganization();
        read.accept(reads);
        return version.keep("key", "result");
    }

    @Test
    void onlyARequestThatReadNothingPastTheSnapshotKeepsItsResult() {
        CategoryQuery byName = new CategoryQuery(null, null, false, false, CategoryOrder.NAME_ASC);

        assertTrue(keepsAfter(reads -> { }), "the snapshot alone");
        assertFalse(keepsAfter(reads -> reads.findById("cat-a")));
        assertFalse(keepsAfter(reads -> reads.findChildren(List.of("cat-a"))));
        assertFalse(keepsAfter(reads -> reads.findByNameKey("alpha")));
        assertFalse(keepsAfter(reads -> reads.list(byName, null, 5, 10)));
        assertFalse(keepsAfter(reads -> reads.pageById(null, 5)));
        assertFalse(keepsAfter(reads -> reads.changedAfter(new Position("2024-01-01T00:00:00.000Z", ""), 5)));
        assertFalse(keepsAfter(StoreReads::readOrganization));
    }
}
