package com.awsinsight.categories.services;

import com.awsinsight.categories.domain.DomainException;
import com.awsinsight.categories.domain.ErrorCode;
import com.awsinsight.categories.domain.WriteCoordination;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs a structural write (create under a parent, move, delete, restore, template instantiation) while
 * holding its organization's lease, so structural writes of one organization never interleave: their
 * checks (cycles, depth, active parents, active children) and their writes see the same tree. The lease
 * expires on its own, so a crashed holder blocks the organization for at most {@link WriteTimings#lease()};
 * a holder checks {@link #ensureHeld()} before each write and gives up rather than write on an expired lease.
 * Reads never take the lease.
 */
final class OrganizationLease {
    static final String BUSY_MESSAGE = "Another change to this organization's categories is in progress; retry shortly";

    /**
     * Writers of one process queue here (fairly) before competing for the lease in the store, so a process
     * sends one lease attempt at a time per organization instead of one per waiting request.
     */
    private static final Map<String, Semaphore> LOCAL_QUEUES = new ConcurrentHashMap<>();

    private final WriteCoordination coordination;
    private final String organizationId;
    private final Clock clock;
    private final WriteTimings timings;
    private Instant heldUntil;

    OrganizationLease(WriteCoordination coordination, String organizationId, Clock clock, WriteTimings timings) {
        this.coordination = coordination;
        this.organizationId = organizationId;
        this.clock = clock;
        this.timings = timings;
    }

    <T> T hold(Supplier<T> work) {
        long deadline = System.nanoTime() + timings.leaseWait().toNanos();
        Semaphore queue = LOCAL_QUEUES.computeIfAbsent(organizationId, k -> new Semaphore(1, true));
        if (!waitInLine(queue)) {
            throw new DomainException(ErrorCode.CONFLICT, null, BUSY_MESSAGE);
        }
        try {
            String owner = UUID.randomUUID().toString();
            acquire(owner, deadline);
            try {
                return work.get();
            } finally {
                heldUntil = null;
                coordination.releaseLease(owner);
            }
        } finally {
            queue.release();
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

    /** Fails the write when the lease is not held or is about to expire. */
    void ensureHeld() {
        if (heldUntil == null || !clock.instant().plus(timings.safetyMargin()).isBefore(heldUntil)) {
            throw new DomainException(ErrorCode.CONFLICT, null, BUSY_MESSAGE);
        }
    }

    private void acquire(String owner, long deadline) {
        for (int attempt = 0; ; attempt++) {
            Instant now = clock.instant();
            Instant until = now.plus(timings.lease());
            if (coordination.tryAcquireLease(owner, now, until)) {
                heldUntil = until;
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new DomainException(ErrorCode.CONFLICT, null, BUSY_MESSAGE);
            }
            pause(attempt);
        }
    }

    /** Jittered exponential backoff (5 ms up to 250 ms), so waiting writers do not crowd the store. */
    private static void pause(int attempt) {
        long ceiling = Math.min(250, 10L << Math.min(attempt, 5));
        long millis = ThreadLocalRandom.current().nextLong(5, ceiling + 1);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DomainException(ErrorCode.CONFLICT, null, BUSY_MESSAGE);
        }
    }
}
