package com.awsinsight.categories.domain;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Counts what one request costs its store: calls, sequential round trips, items read and consumed
 * capacity (read and write units apart). A round trip starts when a call begins while no other call of the
 * request is in flight, so calls made in parallel count once. Every store reports through
 * {@link #begin()}/{@link #end}, which is what lets the batching budgets be asserted on both stores alike.
 */
public final class StoreMetrics {
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger roundTrips = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong itemsRead = new AtomicLong();
    private final DoubleAdder readUnits = new DoubleAdder();
    private final DoubleAdder writeUnits = new DoubleAdder();

    public void begin() {
        calls.incrementAndGet();
        if (inFlight.getAndIncrement() == 0) {
            roundTrips.incrementAndGet();
        }
    }

    /**
     * Opens a group of calls sent in parallel: they count as one round trip however the threads that send them
     * happen to be scheduled (without it, on a busy machine one call can finish before the next one starts).
     */
    public void beginParallel() {
        if (inFlight.getAndIncrement() == 0) {
            roundTrips.incrementAndGet();
        }
    }

    public void endParallel() {
        inFlight.decrementAndGet();
    }

    /** Ends a call that read {@code items} items and consumed these capacity units. */
    public void end(long items, double consumedReadUnits, double consumedWriteUnits) {
        itemsRead.addAndGet(items);
        readUnits.add(consumedReadUnits);
        writeUnits.add(consumedWriteUnits);
        inFlight.decrementAndGet();
    }

    public int calls() {
        return calls.get();
    }

    public int roundTrips() {
        return roundTrips.get();
    }

    public long itemsRead() {
        return itemsRead.get();
    }

    public double readUnits() {
        return readUnits.sum();
    }

    public double writeUnits() {
        return writeUnits.sum();
    }

    /** Read and write units together. */
    public double consumedCapacity() {
        return readUnits.sum() + writeUnits.sum();
    }
}
