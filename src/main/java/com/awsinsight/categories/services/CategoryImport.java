package com.awsinsight.categories.services;

import com.awsinsight.categories.domain.Category;
import com.awsinsight.categories.domain.Store;
import com.awsinsight.categories.domain.StoreMetrics;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes whole organizations the way a running gateway leaves them: the categories (in batches, parents
 * first), a claim for every active name and the index mark. For demo data and fixtures, which must look
 * like production data, not like items dropped into a table. The ids must be new.
 */
public final class CategoryImport {

    private CategoryImport() {
    }

    public static void write(Store store, List<Category> categories, Clock clock) {
        StoreMetrics metrics = new StoreMetrics();
        store.categories(metrics).insertAll(categories);
        OrganizationIndexer indexer = new OrganizationIndexer(store.backfill(metrics), store.coordination(metrics), clock, () -> { });
        Set<String> organizations = new LinkedHashSet<>();
        categories.forEach(c -> organizations.add(c.organizationId()));
        organizations.forEach(org -> indexer.index(org, false));
    }
}
