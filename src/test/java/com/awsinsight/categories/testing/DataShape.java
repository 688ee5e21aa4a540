package com.awsinsight.categories.testing;

import com.awsinsight.categories.domain.Category;
import com.awsinsight.categories.domain.Store;
import com.awsinsight.categories.services.CategoryImport;
import com.awsinsight.categories.store.dynamodb.DynamoStore;
import com.awsinsight.categories.store.memory.InMemoryStore;

import java.time.Clock;
import java.util.List;

/**
 * Who wrote an organization's data: the gateway (its attributes, name claims, the index mark) or the Node
 * service (its ten attributes only, written by its own document client on DynamoDB; unindexed items in the
 * embedded store). Tests run the same cases on both, because the gateway must answer alike.
 */
public enum DataShape {
    GATEWAY,
    NODE_SERVICE;

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
