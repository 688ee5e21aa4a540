package com.awsinsight.categories.services.write;

import com.awsinsight.categories.domain.error.DomainException;
import com.awsinsight.categories.domain.error.ErrorCode;
import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.domain.model.Role;
import com.awsinsight.categories.domain.ports.CategoryRepository;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.domain.ports.WriteCoordination;
import com.awsinsight.categories.services.CategoryApplication;
import com.awsinsight.categories.services.NewCategory;
import com.awsinsight.categories.services.read.CategoryReader;
import com.awsinsight.categories.services.read.OrganizationCache;
import com.awsinsight.categories.services.read.OrganizationVersion;
import com.awsinsight.categories.services.read.StoreReads;
import com.awsinsight.categories.store.memory.InMemoryStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static com.awsinsight.categories.testing.Categories.category;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A write holds its organization only while its work runs: a hold that escapes its work refuses to write, and a
 * hold ends in the store (its registration or lease gone) whether the work succeeded or failed. The process's lease
 * queues belong to its application and keep no organization nobody waits for.
 */
class HoldTest {
    private final InMemoryStore store = new InMemoryStore();
    private final String org = "org-" + UUID.randomUUID();
    private final Clock clock = Clock.systemUTC();

    private OrganizationWrites writes() {
        StoreMetrics metrics = new StoreMetrics();
        CategoryRepository repository = store.categories(org, metrics);
        WriteCoordination coordination = store.coordination(org, metrics);
        OrganizationVersion version = new OrganizationVersion(repository, coordination::state,
                new OrganizationCache(0).slot(org), clock);
        StoreReads reads = new StoreReads(repository, version);
        CategoryReader reader = new CategoryReader(reads, version, coordination::findClaim, 16);
        return new OrganizationWrites(coordination, repository, reads, reader, clock, WriteTimings.DEFAULT,
                new LeaseQueues(), version::writing);
    }

    @Test
    void aHoldThatEscapesItsWorkRefusesToWrite() {
        Hold escaped = writes().registered(hold -> hold);

        DomainException refused = assertThrows(DomainException.class,
                () -> escaped.insert(category(org, "cat-late").named("Late").build()));

        assertEquals(ErrorCode.CONFLICT, refused.code());
        assertEquals(OrganizationWrites.BUSY_MESSAGE, refused.getMessage());
        assertTrue(store.categories(org, new StoreMetrics()).findAll().isEmpty(), "nothing was written");
    }

    @Test
    void aHoldEndsInTheStoreWhetherItsWorkSucceedsOrFails() {
        OrganizationWrites writes = writes();
        writes.registered(hold -> {
            hold.insert(category(org, "cat-a").named("A").build());
            assertEquals(1, store.coordination(org, new StoreMetrics()).state().live(clock.instant()).size(),
                    "registered while it works");
            return null;
        });
        assertThrows(IllegalStateException.class, () -> writes.underLease(hold -> {
            throw new IllegalStateException("the work failed");
        }));

        var state = store.coordination(org, new StoreMetrics()).state();
        assertTrue(state.live(clock.instant()).isEmpty(), "the registration ended");
        assertTrue(state.leaseOwner() == null, "the lease was released");
        assertEquals(1, store.categories(org, new StoreMetrics()).findAll().size());
    }

    @Test
    void theLeaseCannotBeTakenInsideARegisteredWrite() {
        OrganizationWrites writes = writes();

        IllegalStateException nested = assertThrows(IllegalStateException.class,
                () -> writes.registered(hold -> writes.underLease(inner -> inner)));

        assertEquals("The structural lease cannot be taken inside a registered write", nested.getMessage());
    }

    @Test
    void leaseQueuesBelongToTheApplicationAndForgetOrganizationsNobodyWaitsFor() {
        CategoryApplication application = new CategoryApplication(store, clock);
        CategoryApplication another = new CategoryApplication(store, clock);
        List<String> organizations = IntStream.range(0, 50).mapToObj(i -> "org-" + UUID.randomUUID()).toList();

        for (String organization : organizations) {
            var session = application.forCaller(new Caller(organization, "editor", Role.EDITOR));
            var created = session.categories().create(new NewCategory("Moved", null, null, null));
            session.tree().delete(created.id(), false, null);
        }

        assertEquals(0, application.leaseQueues().size(), "every queue was dropped once its taker left");
        assertTrue(application.leaseQueues() != another.leaseQueues(), "each application has its own");
    }
}
