package com.awsinsight.categories.domain.coordination;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one strongly consistent read of an organization's state item says: its index mark and its write state.
 *
 * <ul>
 *   <li>{@code indexedSince}: the index mark (null while the Node service's data is not migrated);</li>
 *   <li>{@code epoch} and {@code revision}: every category write advances the revision <em>before</em> it
 *       writes (and marking or unmarking the index advances it too), so two reads that see the same epoch and
 *       revision, with no write in flight at the first, saw the same categories. The epoch is a random id
 *       given when the item is created, so an item deleted and made again never repeats an old version;</li>
 *   <li>{@code structure}: advanced by every structural lease (and index mark change), the only writes that
 *       move, deactivate or reactivate existing categories;</li>
 *   <li>{@code writes}: the registered category writes in flight (everything but the structural lease);</li>
 *   <li>the structural lease ({@code leaseOwner} until {@code leaseUntil}) and the announcement of a writer
 *       waiting for it ({@code announcedBy} until {@code announcedUntil}).</li>
 * </ul>
 * Expired entries, leases and announcements count as absent: their writers no longer write.
 */
public record OrganizationState(Instant indexedSince, String epoch, long revision, long structure,
                                List<WriterEntry> writes,
                                String leaseOwner, Instant leaseUntil, String announcedBy, Instant announcedUntil) {

    /** The state of an organization whose item does not exist: unindexed, nothing ever registered. */
    public static final OrganizationState NONE =
            new OrganizationState(null, "", 0, 0, List.of(), null, null, null, null);

    public OrganizationState {
        epoch = epoch == null ? "" : epoch;
        writes = List.copyOf(writes);
    }

    public boolean indexed() {
        return indexedSince != null;
    }

    /** The registered writes still in flight at {@code now}. */
    public List<WriterEntry> live(Instant now) {
        return writes.stream().filter(w -> w.liveAt(now)).toList();
    }

    /** The registered writes whose hold has expired by {@code now} (their writers no longer write). */
    public List<WriterEntry> expired(Instant now) {
        return writes.stream().filter(w -> !w.liveAt(now)).toList();
    }

    /** Whether someone other than {@code owner} (null: anyone) holds the structural lease at {@code now}. */
    public boolean leaseHeldByAnother(String owner, Instant now) {
        return leaseOwner != null && leaseUntil != null && now.isBefore(leaseUntil) && !leaseOwner.equals(owner);
    }

    /** Whether someone other than {@code owner} (null: anyone) has announced they wait for the lease. */
    public boolean announcedByAnother(String owner, Instant now) {
        return announcedBy != null && announcedUntil != null && now.isBefore(announcedUntil) && !announcedBy.equals(owner);
    }

    /** Whether any category write may still land: a live registered write, or a live structural lease. */
    public boolean writesInFlight(Instant now) {
        return !live(now).isEmpty() || leaseHeldByAnother(null, now);
    }

    /** The version of the categories as they are at this revision. */
    public String version() {
        return versionAt(revision);
    }

    public String versionAt(long atRevision) {
        return epoch + "/" + atRevision;
    }

    /**
     * The version under which what is read of the organization after this state may be cached, or empty when
     * it may not: the organization is not indexed (the Node service may still write it, unseen by any
     * revision), or a write is in flight.
     */
    public Optional<String> cacheableVersion(Instant now) {
        return indexed() && !writesInFlight(now) ? Optional.of(version()) : Optional.empty();
    }
}
