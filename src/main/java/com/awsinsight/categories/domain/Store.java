package com.awsinsight.categories.domain;

/**
 * A category store, built once per process. {@link #open} gives the repositories of one request,
 * bound to that request's metrics; they are cheap and must not be shared between requests.
 */
public interface Store {

    CategoryRepository categories(StoreMetrics metrics);

    TemplateRepository templates(StoreMetrics metrics);

    /** The lease and name-claim items of one request, bound to its metrics. */
    WriteCoordination coordination(StoreMetrics metrics);

    /** Reading and backfilling categories for the {@code migrate} command, bound to {@code metrics}. */
    IndexBackfill backfill(StoreMetrics metrics);

    /** Proves the store answers (used by the deep health check); throws when it does not. */
    void ping();

    /** A short name for logs and health output, such as "dynamodb" or "memory". */
    String kind();
}
