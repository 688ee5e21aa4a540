package com.awsinsight.categories.services.write;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The lease takers of one process, queued per organization, so a process sends one attempt at a time per
 * organization to the state item instead of letting its own requests race each other. One per application
 * (process state belongs to the application, not to a static field); a queue exists only while someone is in it,
 * so the map holds no organization that nobody is waiting for.
 */
public final class LeaseQueues {
    private final Map<String, Queue> queues = new HashMap<>();

    /** A fair one-at-a-time line and how many requests are in it (waiting or holding). */
    private static final class Queue {
        final Semaphore turn = new Semaphore(1, true);
        int members;
    }

    /**
     * Runs {@code work} once the earlier takers of {@code organizationId} in this process are done; CONFLICT
     * ("retry shortly") when that takes longer than {@code wait}.
     */
    public <T> T inLine(String organizationId, Duration wait, Supplier<T> work) {
        Queue queue = join(organizationId);
        try {
            if (!queue.turn.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw OrganizationWrites.busy();
            }
            try {
                return work.get();
            } finally {
                queue.turn.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw OrganizationWrites.busy();
        } finally {
            leave(organizationId, queue);
        }
    }

    /** How many organizations have a queue now (someone waiting or holding): for tests. */
    public synchronized int size() {
        return queues.size();
    }

    private synchronized Queue join(String organizationId) {
        Queue queue = queues.computeIfAbsent(organizationId, k -> new Queue());
        queue.members++;
        return queue;
    }

    private synchronized void leave(String organizationId, Queue queue) {
        if (--queue.members == 0) {
            queues.remove(organizationId);
        }
    }
}
