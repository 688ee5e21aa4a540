package com.awsinsight.categories.services.migration;

import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.domain.ports.StoreMetrics;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        Map<String, List<Category>> byOrganization = new LinkedHashMap<>();
        categories.forEach(c -> byOrganization.computeIfAbsent(c.organizationId(), k -> new ArrayList<>()).add(c));
        OrganizationIndexer indexer = new OrganizationIndexer(store, metrics, clock, () -> { });
        byOrganization.forEach((org, written) -> {
            store.categories(org, metrics).insertAll(written);
            indexer.index(org, false);
        });
    }
}
