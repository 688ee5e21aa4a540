package com.awsinsight.categories.benchmark;

import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.ports.CategoryRepository;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.store.memory.InMemoryStore;
import com.awsinsight.categories.testing.DelegatingStore;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;

/**
 * The embedded store, except that a whole-organization read returns fresh copies of its categories (new strings,
 * maps and instants), as every DynamoDB response does: so what a cache keeps of it is the cache's own heap, and
 * measuring that heap measures the cache.
 */
final class CopyingStore extends DelegatingStore {
    CopyingStore() {
        super(new InMemoryStore());
    }

    @Override
    public CategoryRepository categories(String organizationId, StoreMetrics metrics) {
        CategoryRepository target = super.categories(organizationId, metrics);
        return (CategoryRepository) Proxy.newProxyInstance(CategoryRepository.class.getClassLoader(),
                new Class<?>[]{CategoryRepository.class}, (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(target, args);
                        if (method.getName().equals("findAll")) {
                            return ((List<?>) result).stream().map(c -> copy((Category) c)).toList();
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static Category copy(Category c) {
        return new Category(fresh(c.organizationId()), fresh(c.id()), fresh(c.name()), fresh(c.description()), fresh(c.parentId()),
                c.metadata() == null ? null : new HashMap<>(c.metadata()), Instant.ofEpochMilli(c.createdAt().toEpochMilli()),
                Instant.ofEpochMilli(c.updatedAt().toEpochMilli()), fresh(c.createdBy()), fresh(c.updatedBy()), c.active(), c.version());
    }

    private static String fresh(String value) {
        return value == null ? null : new String(value.toCharArray());
    }
}
