package com.awsinsight.categories.services.write;

import com.awsinsight.categories.domain.coordination.OrganizationState;
import com.awsinsight.categories.domain.ports.WriteCoordination;
import com.awsinsight.categories.domain.coordination.WriterEntry;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * How one request takes its organization's structural lease ({@link OrganizationWrites#underLease}): lease takers
 * of one process queue locally first ({@link LeaseQueues}, so a process sends one attempt at a time per
 * organization), then try the state item. While writes are registered the lease cannot be had: expired
 * registrations (left by crashed writers) are removed, and against live ones the taker announces itself, which
 * refuses new registrations, and polls with jittered backoff until they have ended. It gives up with CONFLICT
 * after {@link WriteTimings#leaseWait()}, withdrawing its announcement.
 */
final class StructuralLease {
    private final WriteCoordination coordination;
    private final String organizationId;
    private final Clock clock;
    private final WriteTimings timings;
    private final LeaseQueues queues;
    private long deadline;

    StructuralLease(WriteCoordination coordination, String organizationId, Clock clock, WriteTimings timings,
                    LeaseQueues queues) {
        this.coordination = coordination;
        this.organizationId = organizationId;
        this.clock = clock;
        this.timings = timings;
        this.queues = queues;
    }

    /** Runs {@code work} (which takes the lease) after this process's earlier lease takers of the organization. */
    <T> T whileQueued(Supplier<T> work) {
        deadline = System.nanoTime() + timings.leaseWait().toNanos();
        return queues.inLine(organizationId, timings.leaseWait(), work);
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
            List<WriterEntry> expired = state.expired(now);
            if (!expired.isEmpty()) {
                coordination.endWrites(expired);
            }
            boolean othersFirst = state.leaseHeldByAnother(owner, now) || state.announcedByAnother(owner, now);
            boolean writesLive = !state.live(now).isEmpty();
            if (writesLive && !othersFirst && !owner.equals(state.announcedBy())) {
                long remaining = Math.max(0, deadline - System.nanoTime());
                announced |= coordination.announceLease(owner, now, now.plusNanos(remaining).plus(timings.safetyMargin()));
            }
            if (System.nanoTime() > deadline) {
                if (announced) {
                    coordination.withdrawAnnouncement(owner);
                }
                throw OrganizationWrites.busy();
            }
            if (expired.isEmpty() || writesLive || othersFirst) {
                pause(attempt);
            }
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
