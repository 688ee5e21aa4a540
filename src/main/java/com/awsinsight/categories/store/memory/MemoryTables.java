package com.awsinsight.categories.store.memory;

import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.coordination.IdempotencyRecord;
import com.awsinsight.categories.domain.coordination.NameClaim;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.domain.model.Template;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The embedded store's data, shared by its repositories: categories by organization and id, which of them
 * lack the index attributes (the Node service's items), templates, and the coordination items. Each map is
 * concurrent and each repository method changes one entry atomically, as DynamoDB changes one item.
 */
final class MemoryTables {
    final Map<String, Map<String, Category>> categoriesByOrg = new ConcurrentHashMap<>();
    final Set<String> unindexed = ConcurrentHashMap.newKeySet();
    final Map<String, Template> templates = new ConcurrentHashMap<>();
    final Map<String, NameClaim> claims = new ConcurrentHashMap<>();
    final Map<String, IdempotencyRecord> idempotencyKeys = new ConcurrentHashMap<>();
    final MemoryStates states = new MemoryStates();

    Map<String, Category> organization(String organizationId) {
        return categoriesByOrg.computeIfAbsent(organizationId, k -> new ConcurrentHashMap<>());
    }

    static String itemKey(Category category) {
        return category.organizationId() + "\n" + category.id();
    }

    boolean indexed(Category category) {
        return !unindexed.contains(itemKey(category));
    }

    /** Stores a category as the gateway writes it: with its index attributes. */
    void putIndexed(Category category) {
        organization(category.organizationId()).put(category.id(), category);
        unindexed.remove(itemKey(category));
    }

    /** Runs one repository call, reported to {@code metrics} as one store call reading {@code items} items. */
    static <T> T counted(StoreMetrics metrics, Supplier<T> call, ToLongFunction<T> items) {
        metrics.begin();
        T result = null;
        try {
            result = call.get();
            return result;
        } finally {
            metrics.end(result == null ? 0 : items.applyAsLong(result), 0, 0);
        }
    }
}
