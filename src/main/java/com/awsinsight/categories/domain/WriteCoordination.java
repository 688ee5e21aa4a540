package com.awsinsight.categories.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The auxiliary items of one organization that keep the tree's invariants without transactions: its
 * lease, serialising structural changes; one {@link NameClaim} per normalised name; one
 * {@link IdempotencyRecord} per idempotency key of a create; and its index mark. Bound to one organization
 * and one request by {@link Store#coordination}. Every method is one conditional single-item operation (or
 * one batched read), so each is atomic on its own; the services order them so that a crash between any two
 * leaves the invariants intact. Stores keep these items apart from categories (DynamoDB: partitions
 * {@code <org>#LOCK}, {@code <org>#NAME}, {@code <org>#IDEMPOTENCY} and {@code <org>#META}), so category
 * reads never see them.
 */
public interface WriteCoordination {

    /**
     * Takes the organization's lease for {@code owner} until {@code expiresAt} if it is free or its holder's
     * expiry is not after {@code now}; false when someone else holds it.
     */
    boolean tryAcquireLease(String owner, Instant now, Instant expiresAt);

    /** Gives the lease back if {@code owner} still holds it; does nothing otherwise. */
    void releaseLease(String owner);

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
     * When the organization became indexed: every one of its categories carries the store's index
     * attributes and every active name has a claim, so index reads and claims can be trusted. Empty for an
     * organization whose data the Node service wrote and {@code migrate} has not yet completed.
     */
    Optional<Instant> indexedSince();

    /** Records that the organization is indexed (only {@code migrate} and data loaders call it). */
    void markIndexed(Instant at);

    /** Forgets that the organization is indexed (before the Node service writes to it again). */
    void clearIndexed();
}
