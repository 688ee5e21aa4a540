package com.awsinsight.categories.contract;

import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.store.memory.InMemoryStore;
import com.awsinsight.categories.testing.DataShape;

/** The store contract on the embedded in-memory store, on data written as the Node service writes it. */
class InMemoryNodeShapedContractTest extends CategoryStoreContract {
    @Override
    protected Store newStore() {
        return new InMemoryStore();
    }

    @Override
    protected DataShape shape() {
        return DataShape.NODE_SERVICE;
    }
}
