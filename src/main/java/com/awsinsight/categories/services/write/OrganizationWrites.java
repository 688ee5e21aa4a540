package com.awsinsight.categories.services.write;

import com.awsinsight.categories.domain.ports.CategoryRepository;
import com.awsinsight.categories.domain.error.DomainException;
import com.awsinsight.categories.domain.error.ErrorCode;
import com.awsinsight.categories.domain.coordination.OrganizationState;
import com.awsinsight.categories.domain.ports.WriteCoordination;
import com.awsinsight.categories.domain.coordination.WriteKind;
import com.awsinsight.categories.domain.coordination.WriterEntry;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Every category write of one request runs inside one of three holds on its organization's state item, which
 * is what keeps the tree's invariants and what lets readers cache the organization:
 * <ul>
 *   <li>{@link #underLease}: the structural lease, for move, delete, restore and repair. Exclusive: it is taken
 *       only when no {@link WriteKind#ADDING} write is registered, and a writer waiting for it announces itself,
 *       which refuses new adding writes, so a stream of creates cannot starve it ({@link StructuralLease}). Its
 *       holder decides on one consistent read of the organization.</li>
 *   <li>{@link #adding}: a create under a parent or a template instantiation. Many run at once; none while the
 *       lease is held or announced. So the parent they checked stays active and in place until they end: a
 *       cascade delete cannot deactivate it under them (invariant 3), a move cannot push their new categories
 *       past the depth limit.</li>
 *   <li>{@link #editing}: a create at the root, a change of name, description or metadata. Never waits.</li>
 * </ul>
 * Each hold advances the organization's revision when it begins and stays registered (with an expiry) until it
 * ends, so readers never cache the organization while a write may still land. A crashed holder's registration
 * expires by itself after {@link WriteTimings#lease()}; a holder checks {@link #ensureHeld()} before each write
 * and gives up rather than write on an expired hold (this assumes the clocks of gateway processes agree within
 * {@link WriteTimings#safetyMargin()}), and renews a hold that is past half its life, so long writes (a large
 * template) keep theirs. Reads never take a hold.
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
    private final Clock clock;
    private final WriteTimings timings;
    private final Consumer<OrganizationState> onBegin;
    private final StructuralLease lease;
    private Hold hold;

    /** The request's current hold: the lease ({@code kind} null, {@code owner}) or a registered write ({@code entry}). */
    private static final class Hold {
        final WriteKind kind;
        final String owner;
        final OrganizationState begun;
        WriterEntry entry;
        Instant until;

        Hold(WriteKind kind, String owner, WriterEntry entry, Instant until, OrganizationState begun) {
            this.kind = kind;
            this.owner = owner;
            this.entry = entry;
            this.until = until;
            this.begun = begun;
        }
    }

    /** @param onBegin told the state each hold began with (the request's reader stops trusting its cache then) */
    public OrganizationWrites(WriteCoordination coordination, CategoryRepository repository, Clock clock, WriteTimings timings,
                       Consumer<OrganizationState> onBegin) {
        this.coordination = coordination;
        this.repository = repository;
        this.clock = clock;
        this.timings = timings;
        this.onBegin = onBegin;
        this.lease = new StructuralLease(coordination, repository.organizationId(), clock, timings);
    }

    /** Runs {@code work} holding the structural lease. */
    public <T> T underLease(Supplier<T> work) {
        if (hold != null) {
            if (hold.kind != null) {
                throw new IllegalStateException("The structural lease cannot be taken inside a " + hold.kind + " write");
            }
            return work.get();
        }
        return lease.whileQueued(() -> {
            String owner = UUID.randomUUID().toString();
            OrganizationState acquired = lease.acquire(owner);
            begin(new Hold(null, owner, null, acquired.leaseUntil(), acquired));
            return endAfter(work);
        });
    }

    /** Runs {@code work} as a write that adds categories under existing ones. */
    public <T> T adding(Supplier<T> work) {
        return registered(WriteKind.ADDING, work);
    }

    /** Runs {@code work} as a write that neither waits for the lease nor holds it up. */
    public <T> T editing(Supplier<T> work) {
        return registered(WriteKind.EDITING, work);
    }

    /** The state the current hold began with (its revision, structure count and index mark). */
    public OrganizationState begun() {
        if (hold == null) {
            throw new IllegalStateException("No write in progress");
        }
        return hold.begun;
    }

    /** Fails the write when its hold is gone or about to expire; renews a hold past half its life. */
    public void ensureHeld() {
        Instant now = clock.instant();
        if (hold == null || !now.plus(timings.safetyMargin()).isBefore(hold.until)) {
            throw busy();
        }
        if (now.plus(timings.lease().dividedBy(2)).isBefore(hold.until)) {
            return;
        }
        Instant later = now.plus(timings.lease());
        if (hold.kind == null) {
            if (!coordination.extendLease(hold.owner, now, later)) {
                throw busy();
            }
        } else {
            WriterEntry renewed = new WriterEntry(hold.entry.token(), later);
            if (!coordination.extendWrite(hold.kind, hold.entry, renewed)) {
                throw busy();
            }
            hold.entry = renewed;
        }
        hold.until = later;
    }

    private <T> T registered(WriteKind kind, Supplier<T> work) {
        if (hold != null) {
            if (hold.kind == WriteKind.EDITING && kind == WriteKind.ADDING) {
                throw new IllegalStateException("An adding write cannot run inside an editing one");
            }
            return work.get();
        }
        long deadline = System.nanoTime() + timings.leaseWait().toNanos();
        String token = UUID.randomUUID().toString();
        for (int attempt = 0; ; attempt++) {
            Instant now = clock.instant();
            WriterEntry entry = new WriterEntry(token, now.plus(timings.lease()));
            Optional<OrganizationState> begun = coordination.beginWrite(kind, entry, now);
            if (begun.isPresent()) {
                begin(new Hold(kind, null, entry, entry.until(), markIfNew(begun.get())));
                return endAfter(work);
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
        return new OrganizationState(now, begun.epoch(), begun.revision() + 1, begun.structure() + 1, begun.adding(),
                begun.editing(), begun.leaseOwner(), begun.leaseUntil(), begun.announcedBy(), begun.announcedUntil());
    }

    private void begin(Hold started) {
        hold = started;
        onBegin.accept(started.begun);
    }

    /** Runs the work, then ends the hold; a failure of the end after a failed work is added to the work's. */
    private <T> T endAfter(Supplier<T> work) {
        T result;
        try {
            result = work.get();
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

    /** Unregisters the hold, and with it the expired entries of its kind it found when it began. */
    private void end() {
        Hold ending = hold;
        hold = null;
        if (ending.kind == null) {
            coordination.releaseLease(ending.owner);
            return;
        }
        List<WriterEntry> done = new ArrayList<>(ending.begun.expired(ending.kind, clock.instant()));
        done.add(ending.entry);
        coordination.endWrites(ending.kind, done);
    }

    public static DomainException busy() {
        return new DomainException(ErrorCode.CONFLICT, null, BUSY_MESSAGE);
    }
}
