package com.awsinsight.categories.services;

import com.awsinsight.categories.domain.Caller;
import com.awsinsight.categories.domain.CategoryRepository;
import com.awsinsight.categories.domain.Store;
import com.awsinsight.categories.domain.StoreMetrics;
import com.awsinsight.categories.domain.WriteCoordination;

import java.time.Clock;

/**
 * Everything one request works with: its caller, its store metrics and the services bound to them.
 * Built per request by {@link #open}; never shared between requests or callers.
 */
public final class RequestServices {
    /**
     * Up to this many parents at once, children are read with one ParentIndex query each, in parallel (as
     * many as the store reads at once); above it, by reading the organization once.
     */
    public static final int DEFAULT_FAN_OUT_LIMIT = 16;

    private final Caller caller;
    private final StoreMetrics metrics;
    private final CategoryReader reader;
    private final CategoryService categories;
    private final TreeWriter tree;
    private final TreeRepair repair;
    private final TemplateService templates;
    private final boolean batching;

    private RequestServices(Caller caller, StoreMetrics metrics, CategoryReader reader,
                            CategoryService categories, TreeWriter tree, TreeRepair repair, TemplateService templates,
                            boolean batching) {
        this.tree = tree;
        this.repair = repair;
        this.batching = batching;
        this.caller = caller;
        this.metrics = metrics;
        this.reader = reader;
        this.categories = categories;
        this.templates = templates;
    }

    /**
     * @param batching false only for the benchmark's ablation: DataLoaders then dispatch key by key and
     *                 no organization-wide read is planned, with the same resolvers otherwise
     */
    public static RequestServices open(Store store, Caller caller, Clock clock, boolean batching) {
        return open(store, caller, clock, batching, WriteTimings.DEFAULT);
    }

    /** The same with other lease and claim timings (tests use short ones with a controlled clock). */
    public static RequestServices open(Store store, Caller caller, Clock clock, boolean batching, WriteTimings timings) {
        StoreMetrics metrics = new StoreMetrics();
        CategoryRepository repository = store.categories(metrics);
        WriteCoordination coordination = store.coordination(metrics);
        CategoryReader reader = new CategoryReader(caller, repository,
                batching ? DEFAULT_FAN_OUT_LIMIT : Integer.MAX_VALUE,
                () -> coordination.indexedSince(caller.organizationId()).isPresent());
        OrganizationLease lease = new OrganizationLease(coordination, caller.organizationId(), clock, timings);
        NameClaims claims = new NameClaims(coordination, repository, reader, caller.organizationId(), clock, timings);
        TemplateService templates = new TemplateService(caller, store.templates(metrics), clock);
        return new RequestServices(caller, metrics, reader,
                new CategoryService(caller, repository, reader, clock, lease, claims,
                        new IdempotencyKeys(coordination, caller.organizationId(), clock)),
                new TreeWriter(caller, repository, reader, templates, lease, claims, clock),
                new TreeRepair(caller, repository, coordination, lease,
                        new OrganizationIndexer(store.backfill(metrics), coordination, clock, () -> { }), clock),
                templates, batching);
    }

    public Caller caller() {
        return caller;
    }

    public StoreMetrics metrics() {
        return metrics;
    }

    public CategoryReader reader() {
        return reader;
    }

    public CategoryService categories() {
        return categories;
    }

    /** Move, delete, restore and template instantiation. */
    public TreeWriter tree() {
        return tree;
    }

    /** The repair of data written outside this gateway (admin only; the {@code repair} command). */
    public TreeRepair repair() {
        return repair;
    }

    public boolean batching() {
        return batching;
    }

    public TemplateService templates() {
        return templates;
    }
}
