package com.awsinsight.categories.domain.ports;

import com.awsinsight.categories.domain.coordination.IdempotencyRecord;
import com.awsinsight.categories.domain.coordination.WriterEntry;
import com.awsinsight.categories.domain.coordination.OrganizationState;
import com.awsinsight.categories.domain.coordination.NameClaim;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The auxiliary items of one organization that keep the tree's invariants without transactions: its state
 * item ({@link OrganizationState}: index mark, revision, writes in flight and the structural lease); one
 * {@link NameClaim} per normalised name; one {@link IdempotencyRecord} per idempotency key of a create. Bound
 * to one organization and one request by {@link Store#coordination}. Every method is one conditional
 * single-item operation (or one batched read), so each is atomic on its own; the services order them so that
 * a crash between any two leaves the invariants intact. Stores keep these items apart from categories
 * (DynamoDB: partitions {@code <org>#META}, {@code <org>#NAME} and {@code <org>#IDEMPOTENCY}), so category
 * reads never see them.
 */
public interface WriteCoordination {

    /** The organization's state item, read strongly consistently ({@link OrganizationState#NONE} when absent). */
    OrganizationState state();

    /** When the organization became indexed; see {@link OrganizationState#indexedSince()}. */
    default Optional<Instant> indexedSince() {
        return Optional.ofNullable(state().indexedSince());
    }

    /**
     * Registers {@code entry} as a category write in flight and advances the revision; returns the state
     * afterwards, or empty (nothing changed) while someone holds or has announced the structural lease at
     * {@code now}.
     */
    Optional<OrganizationState> beginWrite(WriterEntry entry, Instant now);

    /** Registers {@code later} if {@code current} is still registered (a long write's renewal); false otherwise. */
    boolean extendWrite(WriterEntry current, WriterEntry later);

    /** Removes these entries (one's own when a write ends, expired ones found in the state); absent ones are ignored. */
    void endWrites(Collection<WriterEntry> entries);

    /**
     * Takes the structural lease for {@code owner} until {@code until} if, at {@code now}, nobody else holds it,
     * nobody else has announced it and no write is registered (live or expired); advances
     * the revision and the structure and drops the owner's announcement. Returns the state afterwards, or empty.
     */
    Optional<OrganizationState> tryAcquireLease(String owner, Instant now, Instant until);

    /**
     * Announces that {@code owner} waits for the lease until {@code until}, which refuses new registered writes
     * meanwhile; false when someone else holds or has announced it at {@code now}.
     */
    boolean announceLease(String owner, Instant now, Instant until);

    /** Moves the expiry of {@code owner}'s lease to {@code until}; false when {@code owner} no longer holds it at {@code now}. */
    boolean extendLease(String owner, Instant now, Instant until);

    /** Gives the lease back if {@code owner} still holds it; does nothing otherwise. */
    void releaseLease(String owner);

    /** Withdraws {@code owner}'s announcement if it is still theirs; does nothing otherwise. */
    void withdrawAnnouncement(String owner);

    Optional<NameClaim> findClaim(String nameKey);

    /** The claims of many name keys at once (batched reads); keys without a claim are absent. */
    Map<String, NameClaim> findClaims(Collection<String> nameKeys);

    /**
     * Writes {@code claim} if the stored claim is still {@code expected} (compared by token), or if none is
     * stored when {@code expected} is null; false when another writer got there first.
     */
    boolean putClaim(NameClaim claim, NameClaim expected);

    /** Ends the pending state of a claim if its token is still {@code token}. */
    void confirmClaim(String nameKey, String token);

    /** Deletes a claim if its token is still {@code token}. */
    void dropClaim(String nameKey, String token);

    /**
     * Stores {@code record} unless a record of the same key exists that has not expired by {@code now};
     * returns the record that holds afterwards (the stored one, or {@code record}).
     */
    IdempotencyRecord reserveIdempotencyKey(IdempotencyRecord record, Instant now);

    /**
     * Records that the organization is indexed (only {@code migrate}, {@code repair} and data loaders call it).
     * Advances the revision and the structure, so nothing cached before it is used after it.
     */
    void markIndexed(Instant at);

    /**
     * Forgets that the organization is indexed (before the Node service writes to it again); advances the
     * revision and the structure like {@link #markIndexed}, keeping the rest of the state.
     */
    void clearIndexed();
}
