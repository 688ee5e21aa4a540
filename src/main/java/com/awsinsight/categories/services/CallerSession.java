package com.awsinsight.categories.services;

import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.domain.ports.CategoryRepository;
import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.domain.ports.WriteCoordination;
import com.awsinsight.categories.services.migration.OrganizationIndexer;
import com.awsinsight.categories.services.read.CategoryReader;
import com.awsinsight.categories.services.read.OrganizationCache;
import com.awsinsight.categories.services.read.OrganizationVersion;
import com.awsinsight.categories.services.read.StoreReads;
import com.awsinsight.categories.services.write.LeaseQueues;
import com.awsinsight.categories.services.write.OrganizationWrites;
import com.awsinsight.categories.services.write.ParentCheck;
import com.awsinsight.categories.services.write.WriteContext;
import com.awsinsight.categories.services.write.WriteTimings;

import java.time.Clock;
import java.util.Optional;

/**
 * One request of one caller: its store metrics, its reads and reader (with the request's cache) and its use cases.
 * The repositories, and the process cache's slot, are bound to the caller's organization, so nothing reached from
 * here can read or write another tenant's data. Only the session sees the organization's repository whole: it gives
 * the whole-organization read to the request's {@link OrganizationVersion}, the writes to
 * {@link OrganizationWrites} (which writes only inside a hold), and everything else reads through
 * {@link StoreReads}. Use cases are built when first asked for, so a read builds only what it reads with.
 */
public final class CallerSession {
    private final Store store;
    private final Caller caller;
    private final Clock clock;
    private final WriteTimings timings;
    private final StoreMetrics metrics;
    private final CategoryRepository repository;
    private final WriteCoordination coordination;
    private final LeaseQueues leaseQueues;
    private final OrganizationVersion version;
    private final StoreReads reads;
    private final CategoryReader reader;
    private WriteContext writes;
    private CategoryService categories;
    private TreeWriter tree;
    private TemplateService templates;

    CallerSession(Store store, Caller caller, Clock clock, WriteTimings timings, int fanOutLimit, OrganizationCache cache,
                  LeaseQueues leaseQueues, StoreMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
        this.caller = caller;
        this.clock = clock;
        this.timings = timings;
        this.leaseQueues = leaseQueues;
        this.repository = store.categories(caller.organizationId(), metrics);
        this.coordination = store.coordination(caller.organizationId(), metrics);
        this.version = new OrganizationVersion(repository, coordination::state, cache.slot(caller.organizationId()), clock);
        this.reads = new StoreReads(repository, version);
        this.reader = new CategoryReader(reads, version, coordination::findClaim, fanOutLimit);
    }

    public Caller caller() {
        return caller;
    }

    /** What this request has cost the store so far. */
    public StoreMetrics metrics() {
        return metrics;
    }

    /** Batched reads of ids, children and breadcrumbs, with the request's cache (for DataLoaders). */
    public CategoryReader reader() {
        return reader;
    }

    /**
     * A result kept under {@code key} with the organization's snapshot at the version this request may use, if
     * any. Finding that version reads the organization's state item (strongly consistent, once per request), but
     * only when the process's cache holds a snapshot of the organization that is likely current; it is empty when
     * the organization is not indexed, a write is in flight, or this request is writing.
     */
    public Optional<String> keptResult(String key) {
        return version.keptResult(key);
    }

    /**
     * Keeps {@code result} under {@code key} with the snapshot it was computed from, if everything this request
     * read was answered by one snapshot of a known version (so the result is exactly what any request at that
     * version would get); returns whether it was kept.
     */
    public boolean keepResult(String key, String result) {
        return version.keep(key, result);
    }

    /** What the process's cache did for this request's whole-organization read, for the log; null when none was made. */
    public String cacheUse() {
        return version.cacheUse();
    }

    /** Lookups, listings, create and update. */
    public synchronized CategoryService categories() {
        if (categories == null) {
            categories = new CategoryService(writes(), new IdempotencyKeys(coordination, clock));
        }
        return categories;
    }

    /** Move, delete, restore and template instantiation. */
    public synchronized TreeWriter tree() {
        if (tree == null) {
            tree = new TreeWriter(writes(), new TemplateInstantiator(writes(), templates()));
        }
        return tree;
    }

    /** Delta sync: the categories changed since a client's sync token. */
    public CategorySync sync() {
        return new CategorySync(caller.organizationId(), reads, reader, clock, timings.settleWindow());
    }

    public synchronized TemplateService templates() {
        if (templates == null) {
            templates = new TemplateService(caller, store.templates(metrics), clock);
        }
        return templates;
    }

    /** The repair of data written outside this gateway (admin only; the {@code repair} command). */
    public TreeRepair repair() {
        WriteContext context = writes();
        return new TreeRepair(context, coordination::findClaim,
                new OrganizationIndexer(store, metrics, clock, () -> { }));
    }

    private synchronized WriteContext writes() {
        if (writes == null) {
            OrganizationWrites holds = new OrganizationWrites(coordination, repository, reads, reader, clock, timings,
                    leaseQueues, version::writing);
            writes = new WriteContext(caller, reads, reader, version, clock, holds, new ParentCheck(reads, version));
        }
        return writes;
    }
}
