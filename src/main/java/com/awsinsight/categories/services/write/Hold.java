package com.awsinsight.categories.services.write;

import com.awsinsight.categories.domain.coordination.OrganizationState;
import com.awsinsight.categories.domain.coordination.WriterEntry;
import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.ports.CategoryRepository;
import com.awsinsight.categories.domain.ports.WriteCoordination;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * A request's hold on its organization while it writes: the structural lease, or a registered write
 * ({@link OrganizationWrites}). Category writes and name claims exist only here, and only
 * {@link OrganizationWrites} makes a hold, for exactly as long as the work it runs: code that writes without a hold
 * does not compile, and a hold kept past its work refuses to write.
 *
 * <p>Every write first checks that more than the safety margin of the hold remains, renewing a hold past half its
 * life ({@link #ensureHeld}), so a holder gives up rather than write on an expired hold (this assumes the clocks of
 * gateway processes agree within {@link WriteTimings#safetyMargin()}), and a long write (a 1,000-node template)
 * keeps its hold.
 */
public final class Hold {
    /** What a hold excludes. */
    public enum Kind {
        /**
         * The structural lease (move, delete, restore, repair): exclusive. Taken only when no write is registered; a
         * taker waiting for registered writes announces itself, which refuses new ones ({@link StructuralLease}).
         */
        LEASE,
        /**
         * A registered write (creates, template instantiations, changes of name, description or metadata): many run
         * side by side, none while the lease is held or announced, so a parent a create checked stays active and in
         * place until the create ends.
         */
        REGISTERED
    }

    private final Kind kind;
    private final String leaseOwner;
    private final OrganizationState begun;
    private final CategoryRepository repository;
    private final WriteCoordination coordination;
    private final Clock clock;
    private final WriteTimings timings;
    private final NameClaims claims;
    private WriterEntry entry;
    private Instant until;
    private boolean ended;

    private Hold(Kind kind, String leaseOwner, WriterEntry entry, Instant until, OrganizationState begun,
                 OrganizationWrites writes) {
        this.kind = kind;
        this.leaseOwner = leaseOwner;
        this.entry = entry;
        this.until = until;
        this.begun = begun;
        this.repository = writes.repository();
        this.coordination = writes.coordination();
        this.clock = writes.clock();
        this.timings = writes.timings();
        this.claims = new NameClaims(this, coordination, writes.reads(), writes.reader(), clock, timings);
    }

    static Hold lease(String owner, OrganizationState acquired, OrganizationWrites writes) {
        return new Hold(Kind.LEASE, owner, null, acquired.leaseUntil(), acquired, writes);
    }

    static Hold registered(WriterEntry entry, OrganizationState begun, OrganizationWrites writes) {
        return new Hold(Kind.REGISTERED, null, entry, entry.until(), begun, writes);
    }

    public Kind kind() {
        return kind;
    }

    /** The organization's state as the hold began: its revision, structure count and index mark. */
    public OrganizationState begun() {
        return begun;
    }

    /** The name claims of this hold: claiming, confirming and giving back names. */
    public NameClaims claims() {
        return claims;
    }

    /** Writes a new category; a CONFLICT if the id exists. */
    public void insert(Category category) {
        ensureHeld();
        repository.insert(category);
    }

    /**
     * Writes what {@code updated} changes of {@code current} (and nothing else) if the stored version is still
     * {@code current}'s; a CONFLICT otherwise.
     */
    public void update(Category current, Category updated) {
        ensureHeld();
        repository.update(current, updated);
    }

    /** Writes new categories (fresh ids) in batches, in list order; when it returns, every one is stored. */
    public void insertAll(List<Category> categories) {
        ensureHeld();
        repository.insertAll(categories);
    }

    /**
     * Fails the write (CONFLICT, "retry shortly") when the hold has ended or has no more than the safety margin
     * left; renews a hold past half its life. Writes call it themselves; long work calls it between rounds.
     */
    public synchronized void ensureHeld() {
        Instant now = clock.instant();
        if (ended || !now.plus(timings.safetyMargin()).isBefore(until)) {
            throw OrganizationWrites.busy();
        }
        if (now.plus(timings.lease().dividedBy(2)).isBefore(until)) {
            return;
        }
        Instant later = now.plus(timings.lease());
        if (kind == Kind.LEASE) {
            if (!coordination.extendLease(leaseOwner, now, later)) {
                throw OrganizationWrites.busy();
            }
        } else {
            WriterEntry renewed = new WriterEntry(entry.token(), later);
            if (!coordination.extendWrite(entry, renewed)) {
                throw OrganizationWrites.busy();
            }
            entry = renewed;
        }
        until = later;
    }

    /** Ends the hold in the store (and, for a registration, removes the expired ones it found as it began). */
    synchronized void end() {
        ended = true;
        if (kind == Kind.LEASE) {
            coordination.releaseLease(leaseOwner);
            return;
        }
        List<WriterEntry> done = new java.util.ArrayList<>(begun.expired(clock.instant()));
        done.add(entry);
        coordination.endWrites(done);
    }
}
