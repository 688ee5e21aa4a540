package com.awsinsight.categories.services.migration;

import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.ports.IndexBackfill;
import com.awsinsight.categories.domain.coordination.NameClaim;
import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.domain.ports.StoredCategory;
import com.awsinsight.categories.domain.ports.WriteCoordination;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Makes one organization indexed, so the gateway can trust its indexes and claims for it: adds the index
 * attributes to every category that lacks them, gives every active name key a confirmed claim, then marks
 * the organization indexed. It never changes what a category says (name, parent, state, timestamps), so it
 * never switches anything off: of several active categories that share a name key (the Node service allowed
 * them) each stays active and readable, the one holding a valid claim keeps it, else the oldest gets it,
 * and the group is reported. Re-running it changes nothing.
 *
 * <p>It takes no lease: every write is conditional (the backfill on the name and parent it was computed
 * from, a claim on the claim it replaces), so concurrent gateway writes are never overwritten. The mark is
 * only set when every category was found indexed; a category the Node service changed meanwhile leaves the
 * organization unmarked ({@link Result#settled()} false), to be indexed by the next run.
 */
public final class OrganizationIndexer {
    private static final int MAX_PASSES = 3;
    private static final int CLAIM_READ_BATCH = 100;

    private final Store store;
    private final StoreMetrics metrics;
    private final IndexBackfill backfill;
    private final Clock clock;
    private final Runnable beforeEachCall;

    /** Active categories that share one name key; {@code holderId} is the one the name resolves to. */
    public record DuplicateName(String organizationId, String nameKey, String holderId, List<Named> categories) {
        public DuplicateName {
            categories = List.copyOf(categories);
        }
    }

    /** A category as a report names it. */
    public record Named(String id, String name, Instant createdAt) {
        static Named of(Category category) {
            return new Named(category.id(), category.name(), category.createdAt());
        }
    }

    /**
     * What indexing one organization found and did (or, in a dry run, would do).
     *
     * @param settled whether the organization is (or would be) marked indexed
     */
    public record Result(String organizationId, int categories, int backfilled, int changedMeanwhile, int claimsWritten,
                         List<DuplicateName> duplicates, boolean settled) {
        public Result {
            duplicates = List.copyOf(duplicates);
        }
    }

    /**
     * @param beforeEachCall run before every store call (the migration's rate limit); a no-op elsewhere
     */
    public OrganizationIndexer(Store store, StoreMetrics metrics, Clock clock, Runnable beforeEachCall) {
        this.store = store;
        this.metrics = metrics;
        this.backfill = store.backfill(metrics);
        this.clock = clock;
        this.beforeEachCall = beforeEachCall;
    }

    public Result index(String organizationId, boolean dryRun) {
        WriteCoordination coordination = store.coordination(organizationId, metrics);
        int backfilled = 0;
        int changedMeanwhile = 0;
        List<StoredCategory> stored = read(organizationId);
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            List<Category> unindexed = stored.stream().filter(s -> !s.indexed()).map(StoredCategory::category).toList();
            if (unindexed.isEmpty() || dryRun) {
                backfilled += dryRun ? unindexed.size() : 0;
                break;
            }
            for (Category category : unindexed) {
                beforeEachCall.run();
                if (backfill.backfill(category)) {
                    backfilled++;
                } else {
                    changedMeanwhile++;
                }
            }
            stored = read(organizationId);
        }
        boolean allIndexed = dryRun || stored.stream().allMatch(StoredCategory::indexed);
        List<Category> categories = stored.stream().map(StoredCategory::category).toList();
        Claims claims = claimNames(coordination, categories, dryRun);
        boolean settled = allIndexed && claims.settled();
        if (settled && !dryRun && !alreadyMarked(coordination)) {
            beforeEachCall.run();
            coordination.markIndexed(clock.instant());
        }
        return new Result(organizationId, categories.size(), backfilled, changedMeanwhile, claims.written(),
                claims.duplicates(), settled);
    }

    private record Claims(int written, List<DuplicateName> duplicates, boolean settled) {
    }

    private Claims claimNames(WriteCoordination coordination, List<Category> categories, boolean dryRun) {
        String organizationId = categories.isEmpty() ? null : categories.get(0).organizationId();
        Map<String, List<Category>> byKey = new LinkedHashMap<>();
        categories.stream().filter(Category::active).sorted(Category.OLDEST_FIRST)
                .forEach(c -> byKey.computeIfAbsent(c.nameKey(), k -> new ArrayList<>()).add(c));
        Map<String, Category> byId = new LinkedHashMap<>();
        categories.forEach(c -> byId.put(c.id(), c));
        Map<String, NameClaim> stored = storedClaims(coordination, List.copyOf(byKey.keySet()));
        int written = 0;
        boolean settled = true;
        List<DuplicateName> duplicates = new ArrayList<>();
        for (Map.Entry<String, List<Category>> entry : byKey.entrySet()) {
            Optional<NameClaim> claim = Optional.ofNullable(stored.get(entry.getKey()));
            Instant now = clock.instant();
            boolean valid = claim.isPresent() && claim.get().holdsAgainst(byId.get(claim.get().claimantId()), now);
            String holderId = valid ? claim.get().claimantId() : entry.getValue().get(0).id();
            if (!valid && !dryRun) {
                NameClaim backfilled = new NameClaim(entry.getKey(), holderId, UUID.randomUUID().toString(), null);
                beforeEachCall.run();
                if (coordination.putClaim(backfilled, claim.orElse(null))) {
                    written++;
                } else {
                    settled &= heldByAnother(coordination, entry.getKey(), byId);
                }
            } else if (!valid) {
                written++;
            }
            if (entry.getValue().size() > 1) {
                duplicates.add(new DuplicateName(organizationId, entry.getKey(), holderId,
                        entry.getValue().stream().map(Named::of).toList()));
            }
        }
        return new Claims(written, duplicates, settled);
    }

    /** The stored claims of these keys, read 100 at a time. */
    private Map<String, NameClaim> storedClaims(WriteCoordination coordination, List<String> keys) {
        Map<String, NameClaim> stored = new LinkedHashMap<>();
        for (int start = 0; start < keys.size(); start += CLAIM_READ_BATCH) {
            beforeEachCall.run();
            stored.putAll(coordination.findClaims(keys.subList(start, Math.min(keys.size(), start + CLAIM_READ_BATCH))));
        }
        return stored;
    }

    /** After losing a claim race: whether the winner's claim is one that holds (e.g. a concurrent create's). */
    private boolean heldByAnother(WriteCoordination coordination, String nameKey, Map<String, Category> byId) {
        beforeEachCall.run();
        Optional<NameClaim> claim = coordination.findClaim(nameKey);
        return claim.isPresent() && claim.get().holdsAgainst(byId.get(claim.get().claimantId()), clock.instant());
    }

    private boolean alreadyMarked(WriteCoordination coordination) {
        beforeEachCall.run();
        return coordination.indexedSince().isPresent();
    }

    private List<StoredCategory> read(String organizationId) {
        beforeEachCall.run();
        return backfill.organization(organizationId);
    }
}
