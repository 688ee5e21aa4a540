package com.awsinsight.categories.domain.ports;

/**
 * A category store, built once per process. It hands out the repositories of one request: categories and
 * coordination items bound to one organization (so tenancy holds by construction), the shared template
 * catalog, and the migration's table-wide access. They are cheap, report to the request's
 * {@link StoreMetrics}, and must not be shared between requests.
 */
public interface Store {

    CategoryRepository categories(String organizationId, StoreMetrics metrics);

    /** The lease, name-claim, idempotency and index-mark items of one organization. */
    WriteCoordination coordination(String organizationId, StoreMetrics metrics);

    TemplateRepository templates(StoreMetrics metrics);

    /** Reading and backfilling categories of every organization, for the {@code migrate} command. */
    IndexBackfill backfill(StoreMetrics metrics);

    /** Proves the store answers (used by the deep health check); throws when it does not. */
    void ping();

    /** A short name for logs and health output, such as "dynamodb" or "memory". */
    String kind();
}
