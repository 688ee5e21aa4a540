package com.awsinsight.categories.services;

import com.awsinsight.categories.domain.Category;
import com.awsinsight.categories.domain.CategoryRepository;
import com.awsinsight.categories.domain.CategoryRules;
import com.awsinsight.categories.domain.DomainException;
import com.awsinsight.categories.domain.Field;
import com.awsinsight.categories.domain.NameClaim;
import com.awsinsight.categories.domain.WriteCoordination;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Case-insensitive name uniqueness among an organization's active categories, kept with one claim item
 * per {@link CategoryRules#nameKey}. A write that gives a category a name first claims it (pending), then
 * writes the category, then confirms the claim. Two writers can never both hold a claim (conditional
 * puts on the claim's token); a claim left by a crashed or refused write, or by a category since renamed
 * or deleted, is stale and taken over by the next claimant, so claims heal without a repair.
 *
 * <p>Categories written by the Node service have no claim until {@code migrate} gives them one, and it
 * allowed several active categories with one name key: after claiming, the other active categories with
 * that key are looked up ({@link CategoryReader#activeWithNameKey}); the oldest of them gets the claim
 * instead, which backfills it, and the write is a CONFLICT.
 */
final class NameClaims {
    private static final int MAX_ATTEMPTS = 5;

    private final WriteCoordination coordination;
    private final CategoryRepository repository;
    private final CategoryReader reader;
    private final Clock clock;
    private final WriteTimings timings;

    NameClaims(WriteCoordination coordination, CategoryRepository repository, CategoryReader reader, Clock clock,
               WriteTimings timings) {
        this.coordination = coordination;
        this.repository = repository;
        this.reader = reader;
        this.clock = clock;
        this.timings = timings;
    }

    static DomainException taken(Field field, String name) {
        return DomainException.conflict(field, "A category named \"" + name + "\" already exists");
    }

    /**
     * Claims {@code name} for {@code claimantId} (pending) or fails with CONFLICT on {@code field}.
     * {@code checkIndex} also looks for other active categories with the name key that hold no claim (callers
     * that already compared names against a fresh read of the organization skip it).
     */
    NameClaim claim(Field field, String name, String claimantId, boolean checkIndex) {
        String key = CategoryRules.nameKey(name);
        NameClaim expected = null;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            NameClaim wanted = new NameClaim(key, claimantId, UUID.randomUUID().toString(),
                    now.plus(timings.claimPending()));
            if (coordination.putClaim(wanted, expected)) {
                if (checkIndex) {
                    handOverToUnclaimedHolder(field, name, wanted);
                }
                return wanted;
            }
            Optional<NameClaim> stored = coordination.findClaim(key);
            if (stored.isEmpty()) {
                expected = null;
                continue;
            }
            NameClaim held = stored.get();
            if (!held.claimantId().equals(claimantId)) {
                Category holder = repository.findByIds(List.of(held.claimantId())).get(held.claimantId());
                if (held.holdsAgainst(holder, clock.instant())) {
                    throw taken(field, name);
                }
            }
            expected = held;
        }
        throw taken(field, name);
    }

    /** Ends the pending state once the category carrying the name is written. */
    void confirm(NameClaim claim) {
        coordination.confirmClaim(claim.nameKey(), claim.token());
    }

    /** Gives up a claim whose write was refused, so the name is free at once. */
    void drop(NameClaim claim) {
        coordination.dropClaim(claim.nameKey(), claim.token());
    }

    /**
     * Gives up a claim after the write it was for failed, so the name is free at once. Best effort: when the
     * store fails this too (it may be unreachable), the claim stays pending and heals after its minute.
     */
    void dropAfterFailure(NameClaim claim, RuntimeException failure) {
        try {
            drop(claim);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** Fails rather than write a category whose claim may have expired. */
    void ensurePending(NameClaim claim) {
        if (!clock.instant().plus(timings.safetyMargin()).isBefore(claim.pendingUntil())) {
            throw DomainException.conflict(null, OrganizationLease.BUSY_MESSAGE);
        }
    }

    /** The active category holding {@code name} according to its claim, or empty when the claim is absent or stale. */
    Optional<Category> holderOf(String name) {
        String key = CategoryRules.nameKey(name);
        Optional<NameClaim> claim = coordination.findClaim(key);
        if (claim.isEmpty()) {
            return Optional.empty();
        }
        String id = claim.get().claimantId();
        Category holder = repository.findByIds(List.of(id)).get(id);
        boolean holds = holder != null && holder.active() && holder.nameKey().equals(key);
        return holds ? Optional.of(holder) : Optional.empty();
    }

    private void handOverToUnclaimedHolder(Field field, String name, NameClaim claim) {
        Optional<Category> unclaimed = reader.activeWithNameKey(claim.nameKey()).stream()
                .filter(c -> !Objects.equals(c.id(), claim.claimantId()))
                .findFirst();
        if (unclaimed.isEmpty()) {
            return;
        }
        NameClaim backfill = new NameClaim(claim.nameKey(), unclaimed.get().id(),
                UUID.randomUUID().toString(), null);
        coordination.putClaim(backfill, claim);
        throw taken(field, name);
    }
}
