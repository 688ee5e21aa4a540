package com.awsinsight.categories.domain.ports;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * What one request may spend in its store, and what it has spent: an optional deadline for all of its store
 * calls together (so a request answers within its budget however slow the store is), and the counts of calls
 * (also by operation), sequential round trips, items read and consumed
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
    private final Map<String, Integer> operations = new ConcurrentHashMap<>();
    private final long deadlineNanos;

    /** No deadline (commands, fixtures, tests). */
    public StoreMetrics() {
        this.deadlineNanos = Long.MAX_VALUE;
    }

    /** Store calls of this request must all be done within {@code budget} from now. */
    public StoreMetrics(Duration budget) {
        this.deadlineNanos = System.nanoTime() + budget.toNanos();
    }

    /** Time left before the deadline (negative once past it), or null without a deadline. */
    public Duration remaining() {
        return deadlineNanos == Long.MAX_VALUE ? null : Duration.ofNanos(deadlineNanos - System.nanoTime());
    }

    /** Counts one call by the store's name for its operation (such as DynamoDB's "Query"). */
    public void operation(String name) {
        operations.merge(name, 1, Integer::sum);
    }

    /** Calls by operation so far. */
    public Map<String, Integer> operations() {
        return new TreeMap<>(operations);
    }

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
