package com.awsinsight.categories.store.dynamodb;

import com.awsinsight.categories.domain.ports.CategoryRepository;
import com.awsinsight.categories.domain.ports.IndexBackfill;
import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.domain.ports.TemplateRepository;
import com.awsinsight.categories.domain.ports.WriteCoordination;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The production store: the Node service's two DynamoDB tables through one SDK client built per process.
 * Repositories are per request and share the client and a small pool for parallel reads.
 */
public final class DynamoStore implements Store {
    private static final int PARALLEL_READS = 16;

    private final DynamoDbClient client;
    private final String categoriesTable;
    private final String templatesTable;
    private final ExecutorService executor;

    public DynamoStore(DynamoDbClient client, String categoriesTable, String templatesTable) {
        this.client = client;
        this.categoriesTable = categoriesTable;
        this.templatesTable = templatesTable;
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(PARALLEL_READS, runnable -> {
            Thread thread = new Thread(runnable, "dynamodb-read-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public CategoryRepository categories(String organizationId, StoreMetrics metrics) {
        return new DynamoCategoryRepository(client, categoriesTable, organizationId, executor, metrics);
    }

    @Override
    public TemplateRepository templates(StoreMetrics metrics) {
        return new DynamoTemplateRepository(client, templatesTable, metrics);
    }

    @Override
    public WriteCoordination coordination(String organizationId, StoreMetrics metrics) {
        return new DynamoWriteCoordination(client, categoriesTable, organizationId, metrics);
    }

    @Override
    public IndexBackfill backfill(StoreMetrics metrics) {
        return new DynamoIndexBackfill(client, categoriesTable, metrics);
    }

    /** A strongly consistent read of a key that never exists: proves the table answers, reads nothing. */
    @Override
    public void ping() {
        DynamoCalls.call(() -> client.getItem(r -> r.tableName(categoriesTable)
                .key(ItemMapper.key("#health", "#health"))));
    }

    @Override
    public String kind() {
        return "dynamodb";
    }

    public String categoriesTable() {
        return categoriesTable;
    }

    public String templatesTable() {
        return templatesTable;
    }

    public DynamoDbClient client() {
        return client;
    }
}
