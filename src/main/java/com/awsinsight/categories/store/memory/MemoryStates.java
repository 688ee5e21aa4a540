package com.awsinsight.categories.store.memory;

import com.awsinsight.categories.domain.coordination.OrganizationState;
import com.awsinsight.categories.domain.coordination.WriterEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The embedded store's organization state items, with exactly the conditions of the DynamoDB store's
 * UpdateItem calls ({@code OrganizationStateItem}): each change is one atomic {@code compute} on one entry,
 * which is either applied and returns the new state, or refused (empty) and leaves it as it was.
 */
final class MemoryStates {
    private final Map<String, OrganizationState> states = new ConcurrentHashMap<>();

    OrganizationState read(String organizationId) {
        return states.getOrDefault(organizationId, OrganizationState.NONE);
    }

    Optional<OrganizationState> beginWrite(String organizationId, WriterEntry entry, Instant now) {
        return change(organizationId, s -> leaseLive(s, now, null) || announcedLive(s, now, null) ? null
                : with(advance(s, false), plus(s.writes(), List.of(entry))));
    }

    boolean extendWrite(String organizationId, WriterEntry current, WriterEntry later) {
        boolean added = change(organizationId, s -> s.writes().contains(current)
                ? with(s, plus(s.writes(), List.of(later))) : null).isPresent();
        if (added) {
            endWrites(organizationId, List.of(current));
        }
        return added;
    }

    void endWrites(String organizationId, Collection<WriterEntry> entries) {
        change(organizationId, s -> with(s, s.writes().stream().filter(w -> !entries.contains(w)).toList()));
    }

    Optional<OrganizationState> tryAcquireLease(String organizationId, String owner, Instant now, Instant until) {
        return change(organizationId, s -> leaseLive(s, now, owner) || announcedLive(s, now, owner) || !s.writes().isEmpty() ? null
                : lease(advance(s, true), owner, until, null, null));
    }

    boolean announceLease(String organizationId, String owner, Instant now, Instant until) {
        return change(organizationId, s -> leaseLive(s, now, owner) || announcedLive(s, now, owner) ? null
                : lease(s, s.leaseOwner(), s.leaseUntil(), owner, until)).isPresent();
    }

    boolean extendLease(String organizationId, String owner, Instant now, Instant until) {
        return change(organizationId, s -> owner.equals(s.leaseOwner()) && s.leaseUntil().isAfter(now)
                ? lease(s, owner, until, s.announcedBy(), s.announcedUntil()) : null).isPresent();
    }

    void releaseLease(String organizationId, String owner) {
        change(organizationId, s -> owner.equals(s.leaseOwner()) ? lease(s, null, null, s.announcedBy(), s.announcedUntil()) : null);
    }

    void withdrawAnnouncement(String organizationId, String owner) {
        change(organizationId, s -> owner.equals(s.announcedBy()) ? lease(s, s.leaseOwner(), s.leaseUntil(), null, null) : null);
    }

    void setIndexed(String organizationId, Instant indexedSince) {
        change(organizationId, s -> {
            OrganizationState advanced = advance(s, true);
            return new OrganizationState(indexedSince, advanced.epoch(), advanced.revision(), advanced.structure(),
                    advanced.writes(), advanced.leaseOwner(), advanced.leaseUntil(),
                    advanced.announcedBy(), advanced.announcedUntil());
        });
    }

    private Optional<OrganizationState> change(String organizationId, UnaryOperator<OrganizationState> update) {
        OrganizationState[] applied = new OrganizationState[1];
        states.compute(organizationId, (k, stored) -> {
            OrganizationState current = stored == null ? OrganizationState.NONE : stored;
            applied[0] = update.apply(current);
            return applied[0] == null ? stored : applied[0];
        });
        return Optional.ofNullable(applied[0]);
    }

    private static boolean leaseLive(OrganizationState s, Instant now, String owner) {
        return s.leaseHeldByAnother(owner, now);
    }

    private static boolean announcedLive(OrganizationState s, Instant now, String owner) {
        return s.announcedByAnother(owner, now);
    }

    private static OrganizationState advance(OrganizationState s, boolean structure) {
        String epoch = s.epoch().isEmpty() ? UUID.randomUUID().toString() : s.epoch();
        return new OrganizationState(s.indexedSince(), epoch, s.revision() + 1, s.structure() + (structure ? 1 : 0),
                s.writes(), s.leaseOwner(), s.leaseUntil(), s.announcedBy(), s.announcedUntil());
    }

    private static OrganizationState with(OrganizationState s, List<WriterEntry> writes) {
        return new OrganizationState(s.indexedSince(), s.epoch(), s.revision(), s.structure(), writes,
                s.leaseOwner(), s.leaseUntil(), s.announcedBy(), s.announcedUntil());
    }

    private static OrganizationState lease(OrganizationState s, String owner, Instant until, String announcedBy, Instant announcedUntil) {
        return new OrganizationState(s.indexedSince(), s.epoch(), s.revision(), s.structure(), s.writes(),
                owner, until, announcedBy, announcedUntil);
    }

    private static List<WriterEntry> plus(List<WriterEntry> writers, List<WriterEntry> more) {
        List<WriterEntry> all = new ArrayList<>(writers);
        more.stream().filter(w -> !all.contains(w)).forEach(all::add);
        return all;
    }
}
