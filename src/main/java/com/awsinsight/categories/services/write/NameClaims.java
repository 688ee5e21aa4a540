package com.awsinsight.categories.services.write;

import com.awsinsight.categories.services.read.CategoryReader;
import com.awsinsight.categories.services.read.StoreReads;
import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.model.CategoryRules;
import com.awsinsight.categories.domain.error.DomainException;
import com.awsinsight.categories.domain.error.Field;
import com.awsinsight.categories.domain.coordination.NameClaim;
import com.awsinsight.categories.domain.ports.WriteCoordination;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Case-insensitive name uniqueness among an organization's active categories, kept with one claim item
 * per {@link CategoryRules#nameKey}. Claims are writes: a write reaches them only through its {@link Hold}
 * ({@link Hold#claims()}), and every claim first checks the hold. A write that gives a category a name first claims it (pending), then
 * writes the category, then confirms the claim. Two writers can never both hold a claim (conditional
 * puts on the claim's token); a claim left by a crashed or refused write, or by a category since renamed
 * or deleted, is stale and taken over by the next claimant, so claims heal without a repair.
 *
 * <p>A claim for a category about to be created ({@link #claimForNew}) needs no confirmation: it stops being
 * pending the moment its category exists ({@link NameClaim#forNewCategory()}), which saves a call per create
 * and per node of a template.
 *
 * <p>Categories written by the Node service have no claim until {@code migrate} gives them one, and it
 * allowed several active categories with one name key: after claiming, the other active categories with
 * that key are looked up ({@link CategoryReader#activeWithNameKey}); the oldest of them gets the claim
 * instead, which backfills it, and the write is a CONFLICT. (Even in an indexed organization: of duplicates
 * the Node service left, only one holds the claim, and once it is renamed the others hold none.)
 */
public final class NameClaims {
    private static final int MAX_ATTEMPTS = 5;

    private final Hold hold;
    private final WriteCoordination coordination;
    private final StoreReads reads;
    private final CategoryReader reader;
    private final Clock clock;
    private final WriteTimings timings;

    NameClaims(Hold hold, WriteCoordination coordination, StoreReads reads, CategoryReader reader, Clock clock,
               WriteTimings timings) {
        this.hold = hold;
        this.coordination = coordination;
        this.reads = reads;
        this.reader = reader;
        this.clock = clock;
        this.timings = timings;
    }

    public static DomainException taken(Field field, String name) {
        return DomainException.conflict(field, "A category named \"" + name + "\" already exists");
    }

    /**
     * Claims {@code name} for the existing category {@code claimantId} (pending until {@link #confirm}ed) or fails
     * with CONFLICT on {@code field}. {@code checkIndex} also looks for other active categories with the name key
     * that hold no claim (callers that already compared names against a fresh read of the organization skip it).
     */
    public NameClaim claim(Field field, String name, String claimantId, boolean checkIndex) {
        return claim(field, name, claimantId, checkIndex, false);
    }

    /** As {@link #claim}, for a category about to be created with the fresh id {@code categoryId}: never confirmed. */
    public NameClaim claimForNew(Field field, String name, String categoryId, boolean checkIndex) {
        return claim(field, name, categoryId, checkIndex, true);
    }

    private NameClaim claim(Field field, String name, String claimantId, boolean checkIndex, boolean forNew) {
        hold.ensureHeld();
        String key = CategoryRules.nameKey(name);
        NameClaim expected = null;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            NameClaim wanted = new NameClaim(key, claimantId, UUID.randomUUID().toString(),
                    now.plus(timings.claimPending()), forNew);
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
                Category holder = reads.findById(held.claimantId());
                if (held.holdsAgainst(holder, clock.instant())) {
                    throw taken(field, name);
                }
            }
            expected = held;
        }
        throw taken(field, name);
    }

    /** Ends the pending state once the category carrying the name is written. */
    public void confirm(NameClaim claim) {
        coordination.confirmClaim(claim.nameKey(), claim.token());
    }

    /** Gives up a claim whose write was refused, so the name is free at once. */
    public void drop(NameClaim claim) {
        coordination.dropClaim(claim.nameKey(), claim.token());
    }

    /**
     * Gives up a claim after the write it was for failed, so the name is free at once. Best effort: when the
     * store fails this too (it may be unreachable), the claim stays pending and heals after its minute.
     */
    public void dropAfterFailure(NameClaim claim, RuntimeException failure) {
        try {
            drop(claim);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** Fails rather than write a category whose claim may have expired. */
    public void ensurePending(NameClaim claim) {
        if (!clock.instant().plus(timings.safetyMargin()).isBefore(claim.pendingUntil())) {
            throw OrganizationWrites.busy();
        }
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
