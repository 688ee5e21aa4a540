package com.awsinsight.categories.contract;

import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.store.memory.InMemoryStore;
import com.awsinsight.categories.testing.DataShape;

/** Reads and writes on existing data in the embedded store, written by the Node service. */
class InMemoryNodeShapedExistingDataTest extends ExistingDataContract {
    @Override
    protected Store newStore() {
        return new InMemoryStore();
    }

    @Override
    protected DataShape shape() {
        return DataShape.NODE_SERVICE;
    }
}
