package com.awsinsight.categories.store.memory;

import com.awsinsight.categories.domain.coordination.IdempotencyRecord;
import com.awsinsight.categories.domain.coordination.NameClaim;
import com.awsinsight.categories.domain.coordination.OrganizationState;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.domain.ports.WriteCoordination;
import com.awsinsight.categories.domain.coordination.WriterEntry;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static com.awsinsight.categories.store.memory.MemoryTables.counted;

/** The embedded store's state item, claims and idempotency records of one organization. */
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
    public OrganizationState state() {
        return counted(metrics, () -> tables.states.read(organizationId), s -> s == OrganizationState.NONE ? 0 : 1);
    }

    @Override
    public Optional<OrganizationState> beginWrite(WriterEntry entry, Instant now) {
        return counted(metrics, () -> tables.states.beginWrite(organizationId, entry, now), s -> 0);
    }

    @Override
    public boolean extendWrite(WriterEntry current, WriterEntry later) {
        return counted(metrics, () -> tables.states.extendWrite(organizationId, current, later), b -> 0);
    }

    @Override
    public void endWrites(Collection<WriterEntry> entries) {
        counted(metrics, () -> {
            tables.states.endWrites(organizationId, entries);
            return entries;
        }, e -> 0);
    }

    @Override
    public Optional<OrganizationState> tryAcquireLease(String owner, Instant now, Instant until) {
        return counted(metrics, () -> tables.states.tryAcquireLease(organizationId, owner, now, until), s -> 0);
    }

    @Override
    public boolean announceLease(String owner, Instant now, Instant until) {
        return counted(metrics, () -> tables.states.announceLease(organizationId, owner, now, until), b -> 0);
    }

    @Override
    public boolean extendLease(String owner, Instant now, Instant until) {
        return counted(metrics, () -> tables.states.extendLease(organizationId, owner, now, until), b -> 0);
    }

    @Override
    public void releaseLease(String owner) {
        counted(metrics, () -> {
            tables.states.releaseLease(organizationId, owner);
            return owner;
        }, o -> 0);
    }

    @Override
    public void withdrawAnnouncement(String owner) {
        counted(metrics, () -> {
            tables.states.withdrawAnnouncement(organizationId, owner);
            return owner;
        }, o -> 0);
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
                held.token().equals(token) ? new NameClaim(nameKey, held.claimantId(), token, null, held.forNewCategory()) : held), c -> 0);
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
    public void markIndexed(Instant at) {
        counted(metrics, () -> {
            tables.states.setIndexed(organizationId, at);
            return at;
        }, i -> 0);
    }

    @Override
    public void clearIndexed() {
        counted(metrics, () -> {
            tables.states.setIndexed(organizationId, null);
            return organizationId;
        }, i -> 0);
    }

    private String claimKey(String nameKey) {
        return organizationId + "#" + nameKey;
    }
}
