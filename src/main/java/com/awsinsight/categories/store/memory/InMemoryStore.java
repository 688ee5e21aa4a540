package com.awsinsight.categories.store.memory;

import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.ports.CategoryRepository;
import com.awsinsight.categories.domain.ports.IndexBackfill;
import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.domain.ports.TemplateRepository;
import com.awsinsight.categories.domain.ports.WriteCoordination;

/**
 * The embedded store: the same contract as DynamoDB, held in memory. Used when no DynamoDB endpoint or table
 * is configured, and by tests. Every repository call counts as one store call in {@link StoreMetrics}, like
 * one DynamoDB request, so the batching budgets can be asserted on both stores alike.
 *
 * <p>Like DynamoDB's sparse indexes, it remembers which categories lack the gateway's index attributes
 * ({@link #insertUnindexed}: the Node service's items) and leaves them out of the reads that DynamoDB answers
 * from ParentIndex and NameKeyIndex, so the gateway's handling of such data is exercised on both stores.
 */
public final class InMemoryStore implements Store {
    private final MemoryTables tables = new MemoryTables();

    @Override
    public CategoryRepository categories(String organizationId, StoreMetrics metrics) {
        return new MemoryCategories(tables, organizationId, metrics);
    }

    @Override
    public WriteCoordination coordination(String organizationId, StoreMetrics metrics) {
        return new MemoryCoordination(tables, organizationId, metrics);
    }

    @Override
    public TemplateRepository templates(StoreMetrics metrics) {
        return new MemoryTemplates(tables, metrics);
    }

    @Override
    public IndexBackfill backfill(StoreMetrics metrics) {
        return new MemoryBackfill(tables, metrics);
    }

    /**
     * Stores a category as the Node service writes it: without the index attributes, so it is missing from
     * children-by-parent and name-key reads until backfilled.
     */
    public void insertUnindexed(Category category) {
        tables.organization(category.organizationId()).put(category.id(), category);
        tables.unindexed.add(MemoryTables.itemKey(category));
    }

    @Override
    public void ping() {
    }

    @Override
    public String kind() {
        return "memory";
    }
}
