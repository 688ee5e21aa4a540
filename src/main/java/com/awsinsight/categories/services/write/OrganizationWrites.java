package com.awsinsight.categories.services.write;

import com.awsinsight.categories.domain.coordination.OrganizationState;
import com.awsinsight.categories.domain.coordination.WriterEntry;
import com.awsinsight.categories.domain.error.DomainException;
import com.awsinsight.categories.domain.error.ErrorCode;
import com.awsinsight.categories.domain.ports.CategoryRepository;
import com.awsinsight.categories.domain.ports.WriteCoordination;
import com.awsinsight.categories.services.read.CategoryReader;
import com.awsinsight.categories.services.read.StoreReads;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Every category write of one request runs inside a {@link Hold} on its organization's state item, which is what
 * keeps the tree's invariants and what lets readers cache the organization:
 * <ul>
 *   <li>{@link #underLease}: the structural lease, for move, delete, restore and repair. Exclusive: it is taken
 *       only when no write is registered, and a writer waiting for it announces itself, which refuses new
 *       registrations, so a stream of creates cannot starve it ({@link StructuralLease}). Its holder decides on one
 *       consistent read of the organization.</li>
 *   <li>{@link #registered}: every other write (creates, template instantiations, changes of name, description or
 *       metadata). Many run at once; none while the lease is held or announced. So the parent a create checked
 *       stays active and in place until it ends: a cascade delete cannot deactivate it under the create
 *       (invariant 3), a move cannot push the new category past the depth limit.</li>
 * </ul>
 * Each hold advances the organization's revision when it begins and stays registered (with an expiry) until it
 * ends, so readers never cache the organization while a write may still land. A crashed holder's registration
 * expires by itself after {@link WriteTimings#lease()}. Reads never take a hold.
 *
 * <p>The first write the gateway ever registers for an organization (revision 1) that finds the organization
 * empty marks it indexed: everything in it will be the gateway's own writes, with index attributes and claims,
 * so a new tenant gets the index reads and the cache from its first request on. An organization with data the
 * Node service wrote is never marked here; {@code migrate} does that.
 */
public final class OrganizationWrites {
    static final String BUSY_MESSAGE = "Another change to this organization's categories is in progress; retry shortly";

    private final WriteCoordination coordination;
    private final CategoryRepository repository;
    private final StoreReads reads;
    private final CategoryReader reader;
    private final Clock clock;
    private final WriteTimings timings;
    private final Consumer<OrganizationState> onBegin;
    private final StructuralLease lease;
    private Hold hold;

    /**
     * @param repository the organization's categories, written only through the holds this makes
     * @param reads      the request's reads (name claims look up holders through them)
     * @param reader     the request's reader (name claims look for unclaimed holders of a name)
     * @param queues     the process's queues of lease takers
     * @param onBegin    told the state each hold began with (the request's reads stop trusting the cache then)
     */
    public OrganizationWrites(WriteCoordination coordination, CategoryRepository repository, StoreReads reads,
                              CategoryReader reader, Clock clock, WriteTimings timings, LeaseQueues queues,
                              Consumer<OrganizationState> onBegin) {
        this.coordination = coordination;
        this.repository = repository;
        this.reads = reads;
        this.reader = reader;
        this.clock = clock;
        this.timings = timings;
        this.onBegin = onBegin;
        this.lease = new StructuralLease(coordination, repository.organizationId(), clock, timings, queues);
    }

    /** Runs {@code work} holding the structural lease (inside a lease already held: with that one). */
    public <T> T underLease(Function<Hold, T> work) {
        if (hold != null) {
            if (hold.kind() != Hold.Kind.LEASE) {
                throw new IllegalStateException("The structural lease cannot be taken inside a registered write");
            }
            return work.apply(hold);
        }
        return lease.whileQueued(() -> {
            String owner = UUID.randomUUID().toString();
            return runHolding(Hold.lease(owner, lease.acquire(owner), this), work);
        });
    }

    /** Runs {@code work} as a registered write (inside a hold already held: with that one). */
    public <T> T registered(Function<Hold, T> work) {
        if (hold != null) {
            return work.apply(hold);
        }
        long deadline = System.nanoTime() + timings.leaseWait().toNanos();
        String token = UUID.randomUUID().toString();
        for (int attempt = 0; ; attempt++) {
            Instant now = clock.instant();
            WriterEntry entry = new WriterEntry(token, now.plus(timings.lease()));
            Optional<OrganizationState> begun = coordination.beginWrite(entry, now);
            if (begun.isPresent()) {
                return runHolding(Hold.registered(entry, markIfNew(begun.get()), this), work);
            }
            if (System.nanoTime() > deadline) {
                throw busy();
            }
            StructuralLease.pause(attempt);
        }
    }

    /**
     * Marks a new, empty organization indexed at its first registered write; returns the state as it now is.
     * Empty is asked of the base table (strongly consistent, every item): an index of the gateway's attributes
     * would find an organization the Node service wrote empty.
     */
    private OrganizationState markIfNew(OrganizationState begun) {
        if (begun.indexed() || begun.revision() != 1
                || !repository.pageById(null, 1).categories().isEmpty()) {
            return begun;
        }
        Instant now = clock.instant();
        coordination.markIndexed(now);
        return new OrganizationState(now, begun.epoch(), begun.revision() + 1, begun.structure() + 1, begun.writes(),
                begun.leaseOwner(), begun.leaseUntil(), begun.announcedBy(), begun.announcedUntil());
    }

    /** Runs the work with {@code started}, then ends it; a failure of the end after a failed work is added to the work's. */
    private <T> T runHolding(Hold started, Function<Hold, T> work) {
        hold = started;
        onBegin.accept(started.begun());
        T result;
        try {
            result = work.apply(started);
        } catch (RuntimeException e) {
            try {
                end();
            } catch (RuntimeException endFailure) {
                e.addSuppressed(endFailure);
            }
            throw e;
        }
        end();
        return result;
    }

    private void end() {
        Hold ending = hold;
        hold = null;
        ending.end();
    }

    public static DomainException busy() {
        return new DomainException(ErrorCode.CONFLICT, null, BUSY_MESSAGE);
    }

    CategoryRepository repository() {
        return repository;
    }

    WriteCoordination coordination() {
        return coordination;
    }

    StoreReads reads() {
        return reads;
    }

    CategoryReader reader() {
        return reader;
    }

    Clock clock() {
        return clock;
    }

    WriteTimings timings() {
        return timings;
    }
}
