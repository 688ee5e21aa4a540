package com.awsinsight.categories.services;

import com.awsinsight.categories.services.write.WriteTimings;
import com.awsinsight.categories.services.read.OrganizationCache;
import com.awsinsight.categories.services.write.LeaseQueues;
import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.domain.ports.StoreMetrics;

import java.time.Clock;
import java.time.Duration;

/**
 * The application: every use case of the category domain, for GraphQL, the legacy REST API, the local
 * server and the command line alike. Built once per process from a store and a clock; each request asks
 * it for a {@link CallerSession}, the caller's view, which holds everything of that one request.
 */
public final class CategoryApplication {
    /**
     * Up to this many parents at once, children are read with one ParentIndex query each, in parallel (as
     * many as the DynamoDB store reads at once); above it, by reading the organization once.
     */
    public static final int DEFAULT_FAN_OUT_LIMIT = 16;

    private final Store store;
    private final Clock clock;
    private final WriteTimings timings;
    private final int fanOutLimit;
    private final OrganizationCache cache;
    private final LeaseQueues leaseQueues = new LeaseQueues();
    private final Duration storeBudget;

    /**
     * How long all store calls of one request may take together, by default: a request then answers (503 with
     * Retry-After when the store is too slow) well inside API Gateway's 29 s integration limit.
     */
    public static final Duration DEFAULT_STORE_BUDGET = Duration.ofSeconds(20);

    /** With a cache of {@link OrganizationCache#DEFAULT_MAX_BYTES}. */
    public CategoryApplication(Store store, Clock clock) {
        this(store, clock, new OrganizationCache(OrganizationCache.DEFAULT_MAX_BYTES));
    }

    public CategoryApplication(Store store, Clock clock, OrganizationCache cache) {
        this(store, clock, WriteTimings.DEFAULT, DEFAULT_FAN_OUT_LIMIT, cache);
    }

    /**
     * @param timings     how long leases and pending claims live (tests shorten them)
     * @param fanOutLimit how many parents' children are read with one query each before the whole
     *                    organization is read instead
     * @param cache       what the process remembers of organizations between requests (one per process)
     */
    public CategoryApplication(Store store, Clock clock, WriteTimings timings, int fanOutLimit, OrganizationCache cache) {
        this(store, clock, timings, fanOutLimit, cache, DEFAULT_STORE_BUDGET);
    }

    /** @param storeBudget how long all store calls of one request may take together */
    public CategoryApplication(Store store, Clock clock, WriteTimings timings, int fanOutLimit, OrganizationCache cache,
                               Duration storeBudget) {
        this.store = store;
        this.clock = clock;
        this.timings = timings;
        this.fanOutLimit = fanOutLimit;
        this.cache = cache;
        this.storeBudget = storeBudget;
    }

    /** The caller's view for one request; never shared between requests or callers. */
    public CallerSession forCaller(Caller caller) {
        return new CallerSession(store, caller, clock, timings, fanOutLimit, cache, leaseQueues, new StoreMetrics(storeBudget));
    }

    public OrganizationCache cache() {
        return cache;
    }

    /** The process's queues of structural lease takers, one per organization while someone is in it. */
    public LeaseQueues leaseQueues() {
        return leaseQueues;
    }

    /** Proves the store answers (the deep health check); throws when it does not. */
    public void pingStore() {
        store.ping();
    }

    public String storeKind() {
        return store.kind();
    }
}
