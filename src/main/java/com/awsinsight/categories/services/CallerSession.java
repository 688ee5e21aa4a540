package com.awsinsight.categories.services;

import com.awsinsight.categories.domain.Caller;
import com.awsinsight.categories.domain.CategoryRepository;
import com.awsinsight.categories.domain.Store;
import com.awsinsight.categories.domain.StoreMetrics;
import com.awsinsight.categories.domain.WriteCoordination;

import java.time.Clock;

/**
 * One request's view of the application for one caller: its store metrics, its reader (with the request's
 * cache) and its use cases. The repositories are bound to the caller's organization, so nothing reached from
 * here can read or write another tenant's data. Use cases are built when first asked for, so a read builds
 * only what it reads with.
 */
public final class CallerSession {
    private final Store store;
    private final Caller caller;
    private final Clock clock;
    private final WriteTimings timings;
    private final StoreMetrics metrics;
    private final CategoryRepository repository;
    private final WriteCoordination coordination;
    private final CategoryReader reader;
    private WriteContext writes;
    private CategoryService categories;
    private TreeWriter tree;
    private TemplateService templates;

    CallerSession(Store store, Caller caller, Clock clock, WriteTimings timings, int fanOutLimit, StoreMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
        this.caller = caller;
        this.clock = clock;
        this.timings = timings;
        this.repository = store.categories(caller.organizationId(), metrics);
        this.coordination = store.coordination(caller.organizationId(), metrics);
        this.reader = new CategoryReader(repository, fanOutLimit, () -> coordination.indexedSince().isPresent());
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
        return new CategorySync(caller.organizationId(), repository, reader, clock, timings.settleWindow());
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
        return new TreeRepair(context, coordination,
                new OrganizationIndexer(store, metrics, clock, () -> { }));
    }

    private synchronized WriteContext writes() {
        if (writes == null) {
            OrganizationLease lease = new OrganizationLease(coordination, caller.organizationId(), clock, timings);
            NameClaims claims = new NameClaims(coordination, repository, reader, clock, timings);
            writes = new WriteContext(caller, repository, reader, clock, lease, claims);
        }
        return writes;
    }
}
