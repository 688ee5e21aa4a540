package com.awsinsight.categories.testing;

import com.awsinsight.categories.demo.DemoData;
import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.domain.ports.TemplateRepository;
import com.awsinsight.categories.services.migration.CategoryImport;
import com.awsinsight.categories.store.dynamodb.DynamoStore;
import com.awsinsight.categories.store.memory.InMemoryStore;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Who wrote an organization's data: the gateway (its attributes, name claims, the index mark) or the Node
 * service (its ten attributes only, written by its own document client on DynamoDB; unindexed items in the
 * embedded store). Tests run the same cases on both, because the gateway must answer alike.
 */
public enum DataShape {
    GATEWAY,
    NODE_SERVICE;

    /** A fresh organization holding the demo categories, as {@link #writeDemo} wrote them. */
    public record DemoOrganization(String id, List<Category> categories) {
    }

    /**
     * Writes the demo categories of a fresh organization in this shape, and the demo templates, into {@code store}:
     * what the contract suites start from.
     */
    public DemoOrganization writeDemo(Store store) {
        String organizationId = "org-" + UUID.randomUUID();
        List<Category> categories = DemoData.categories(organizationId);
        write(store, categories);
        TemplateRepository templates = store.templates(new StoreMetrics());
        DemoData.templates().forEach(templates::put);
        return new DemoOrganization(organizationId, categories);
    }

    /** Writes {@code categories} (fresh ids, parents first) into {@code store} in this shape. */
    public void write(Store store, List<Category> categories) {
        if (this == GATEWAY) {
            CategoryImport.write(store, categories, Clock.systemUTC());
            return;
        }
        if (store instanceof InMemoryStore memory) {
            categories.forEach(memory::insertUnindexed);
        } else if (store instanceof DynamoStore dynamo) {
            NodeService.put(dynamo.categoriesTable(), categories);
        } else {
            throw new IllegalArgumentException("No Node-service shape for " + store.kind());
        }
    }
}
