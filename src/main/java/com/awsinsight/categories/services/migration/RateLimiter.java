package com.awsinsight.categories.services.migration;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * At most {@code perSecond} permits per second, shared by threads: each {@link #acquire} waits for the
 * next free slot (slots are spaced evenly, no bursts). Bounds the request rate of a bulk job such as the
 * migration, so it cannot starve the live service of the table's capacity.
 */
public final class RateLimiter {
    private final long intervalNanos;
    private long nextFree = System.nanoTime();

    public RateLimiter(int perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("rate must be at least 1 per second");
        }
        this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
    }

    public void acquire() {
        long slot;
        synchronized (this) {
            long now = System.nanoTime();
            slot = Math.max(now, nextFree);
            nextFree = slot + intervalNanos;
        }
        long wait = slot - System.nanoTime();
        while (wait > 0) {
            LockSupport.parkNanos(wait);
            wait = slot - System.nanoTime();
        }
    }
}
