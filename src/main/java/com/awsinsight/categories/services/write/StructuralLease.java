package com.awsinsight.categories.services.write;

import com.awsinsight.categories.domain.coordination.OrganizationState;
import com.awsinsight.categories.domain.ports.WriteCoordination;
import com.awsinsight.categories.domain.coordination.WriteKind;
import com.awsinsight.categories.domain.coordination.WriterEntry;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * How one request takes its organization's structural lease ({@link OrganizationWrites#underLease}): lease takers
 * of one process queue locally first (so a process sends one attempt at a time per organization), then try the
 * state item. While adding writes are registered the lease cannot be had: expired registrations (left by crashed
 * writers) are removed, and against live ones the taker announces itself, which refuses new adding writes, and
 * polls with jittered backoff until they have ended. It gives up with CONFLICT after
 * {@link WriteTimings#leaseWait()}, withdrawing its announcement.
 */
final class StructuralLease {
    private static final Map<String, Semaphore> LOCAL_QUEUES = new ConcurrentHashMap<>();

    private final WriteCoordination coordination;
    private final String organizationId;
    private final Clock clock;
    private final WriteTimings timings;
    private long deadline;

    StructuralLease(WriteCoordination coordination, String organizationId, Clock clock, WriteTimings timings) {
        this.coordination = coordination;
        this.organizationId = organizationId;
        this.clock = clock;
        this.timings = timings;
    }

    /** Runs {@code work} (which takes the lease) after this process's earlier lease takers of the organization. */
    <T> T whileQueued(Supplier<T> work) {
        deadline = System.nanoTime() + timings.leaseWait().toNanos();
        Semaphore queue = LOCAL_QUEUES.computeIfAbsent(organizationId, k -> new Semaphore(1, true));
        if (!waitInLine(queue)) {
            throw OrganizationWrites.busy();
        }
        try {
            return work.get();
        } finally {
            queue.release();
        }
    }

    /** Takes the lease for {@code owner} (inside {@link #whileQueued}); the state right after, or CONFLICT. */
    OrganizationState acquire(String owner) {
        boolean announced = false;
        for (int attempt = 0; ; attempt++) {
            Instant now = clock.instant();
            Optional<OrganizationState> acquired = coordination.tryAcquireLease(owner, now, now.plus(timings.lease()));
            if (acquired.isPresent()) {
                return acquired.get();
            }
            OrganizationState state = coordination.state();
            List<WriterEntry> expired = state.expired(WriteKind.ADDING, now);
            if (!expired.isEmpty()) {
                coordination.endWrites(WriteKind.ADDING, expired);
            }
            boolean othersFirst = state.leaseHeldByAnother(owner, now) || state.announcedByAnother(owner, now);
            boolean addingLive = !state.live(WriteKind.ADDING, now).isEmpty();
            if (addingLive && !othersFirst && !owner.equals(state.announcedBy())) {
                long remaining = Math.max(0, deadline - System.nanoTime());
                announced |= coordination.announceLease(owner, now, now.plusNanos(remaining).plus(timings.safetyMargin()));
            }
            if (System.nanoTime() > deadline) {
                if (announced) {
                    coordination.withdrawAnnouncement(owner);
                }
                throw OrganizationWrites.busy();
            }
            if (expired.isEmpty() || addingLive || othersFirst) {
                pause(attempt);
            }
        }
    }

    private boolean waitInLine(Semaphore queue) {
        try {
            return queue.tryAcquire(timings.leaseWait().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Jittered exponential backoff (5 ms up to 250 ms), so waiting writers do not crowd the store. */
    static void pause(int attempt) {
        long ceiling = Math.min(250, 10L << Math.min(attempt, 5));
        long millis = ThreadLocalRandom.current().nextLong(5, ceiling + 1);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw OrganizationWrites.busy();
        }
    }
}
