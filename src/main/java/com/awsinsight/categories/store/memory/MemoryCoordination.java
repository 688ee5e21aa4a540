package com.awsinsight.categories.store.memory;

import com.awsinsight.categories.domain.IdempotencyRecord;
import com.awsinsight.categories.domain.NameClaim;
import com.awsinsight.categories.domain.StoreMetrics;
import com.awsinsight.categories.domain.WriteCoordination;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static com.awsinsight.categories.store.memory.MemoryTables.counted;

/** The embedded store's lease, claims, idempotency records and index mark of one organization. */
final class MemoryCoordination implements WriteCoordination {
    private final MemoryTables tables;
    private final String organizationId;
    private final StoreMetrics metrics;

    MemoryCoordination(MemoryTables tables, String organizationId, StoreMetrics metrics) {
        this.tables = tables;
        this.organizationId = organizationId;
        this.metrics = metrics;
    }

    @Override
    public boolean tryAcquireLease(String owner, Instant now, Instant expiresAt) {
        return counted(metrics, () -> {
            MemoryTables.Lease taken = tables.leases.compute(organizationId, (k, held) ->
                    held == null || !held.expiresAt().isAfter(now) ? new MemoryTables.Lease(owner, expiresAt) : held);
            return taken.owner().equals(owner) && taken.expiresAt().equals(expiresAt);
        }, b -> 0);
    }

    @Override
    public void releaseLease(String owner) {
        counted(metrics, () -> tables.leases.computeIfPresent(organizationId,
                (k, held) -> held.owner().equals(owner) ? null : held), l -> 0);
    }

    @Override
    public Optional<NameClaim> findClaim(String nameKey) {
        return counted(metrics, () -> Optional.ofNullable(tables.claims.get(claimKey(nameKey))), o -> o.isPresent() ? 1 : 0);
    }

    @Override
    public Map<String, NameClaim> findClaims(Collection<String> nameKeys) {
        return counted(metrics, () -> {
            Map<String, NameClaim> found = new LinkedHashMap<>();
            nameKeys.forEach(key -> Optional.ofNullable(tables.claims.get(claimKey(key))).ifPresent(c -> found.put(key, c)));
            return found;
        }, Map::size);
    }

    @Override
    public boolean putClaim(NameClaim claim, NameClaim expected) {
        return counted(metrics, () -> {
            NameClaim stored = tables.claims.compute(claimKey(claim.nameKey()), (k, held) -> {
                boolean matches = expected == null ? held == null : held != null && held.token().equals(expected.token());
                return matches ? claim : held;
            });
            return stored == claim;
        }, b -> 0);
    }

    @Override
    public void confirmClaim(String nameKey, String token) {
        counted(metrics, () -> tables.claims.computeIfPresent(claimKey(nameKey), (k, held) ->
                held.token().equals(token) ? new NameClaim(nameKey, held.claimantId(), token, null) : held), c -> 0);
    }

    @Override
    public void dropClaim(String nameKey, String token) {
        counted(metrics, () -> tables.claims.computeIfPresent(claimKey(nameKey),
                (k, held) -> held.token().equals(token) ? null : held), c -> 0);
    }

    @Override
    public IdempotencyRecord reserveIdempotencyKey(IdempotencyRecord record, Instant now) {
        return counted(metrics, () -> tables.idempotencyKeys.merge(organizationId + "#" + record.key(), record,
                (held, fresh) -> held.expiresAt().isAfter(now) ? held : fresh), r -> 1);
    }

    @Override
    public Optional<Instant> indexedSince() {
        return counted(metrics, () -> Optional.ofNullable(tables.indexedOrganizations.get(organizationId)), o -> o.isPresent() ? 1 : 0);
    }

    @Override
    public void markIndexed(Instant at) {
        counted(metrics, () -> tables.indexedOrganizations.put(organizationId, at), i -> 0);
    }

    @Override
    public void clearIndexed() {
        counted(metrics, () -> Optional.ofNullable(tables.indexedOrganizations.remove(organizationId)), i -> 0);
    }

    private String claimKey(String nameKey) {
        return organizationId + "#" + nameKey;
    }
}
