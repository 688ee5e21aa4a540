package com.awsinsight.categories.services.migration;

import com.awsinsight.categories.domain.error.DomainException;
import com.awsinsight.categories.domain.error.ErrorCode;
import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.ports.CategoryRepository;
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

    /**
     * As {@link #write}, but each category with a conditional put that never overwrites an item (one call per
     * category): an organization one of whose ids exists already keeps what it had, gets nothing more from that
     * category on, and is neither indexed nor marked. For demo data in tables that may not be empty.
     *
     * @return the organizations written whole (and indexed)
     */
    public static List<String> insertNew(Store store, List<Category> categories, Clock clock) {
        StoreMetrics metrics = new StoreMetrics();
        OrganizationIndexer indexer = new OrganizationIndexer(store, metrics, clock, () -> { });
        List<String> written = new ArrayList<>();
        byOrganization(categories).forEach((org, list) -> {
            CategoryRepository repository = store.categories(org, metrics);
            for (Category category : list) {
                if (!insertedNew(repository, category)) {
                    return;
                }
            }
            indexer.index(org, false);
            written.add(org);
        });
        return written;
    }

    /** Puts {@code category} unless its id exists; false when it did (the stored item is left as it is). */
    private static boolean insertedNew(CategoryRepository repository, Category category) {
        try {
            repository.insert(category);
            return true;
        } catch (DomainException e) {
            if (e.code() == ErrorCode.CONFLICT) {
                return false;
            }
            throw e;
        }
    }

    private static Map<String, List<Category>> byOrganization(List<Category> categories) {
        Map<String, List<Category>> byOrganization = new LinkedHashMap<>();
        categories.forEach(c -> byOrganization.computeIfAbsent(c.organizationId(), k -> new ArrayList<>()).add(c));
        return byOrganization;
    }

    public static void write(Store store, List<Category> categories, Clock clock) {
        StoreMetrics metrics = new StoreMetrics();
        OrganizationIndexer indexer = new OrganizationIndexer(store, metrics, clock, () -> { });
        byOrganization(categories).forEach((org, written) -> {
            store.categories(org, metrics).insertAll(written);
            indexer.index(org, false);
        });
    }
}
