package com.awsinsight.categories.contract;

import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.store.memory.InMemoryStore;
import com.awsinsight.categories.testing.DataShape;

/** The client conventions on the embedded in-memory store, on data the gateway wrote. */
class InMemoryClientConventionsTest extends ClientConventionsContract {
    @Override
    protected Store newStore() {
        return new InMemoryStore();
    }

    @Override
    protected DataShape shape() {
        return DataShape.GATEWAY;
    }
}
