package com.awsinsight.categories.contract;

import com.awsinsight.categories.domain.Store;
import com.awsinsight.categories.store.memory.InMemoryStore;

/** The store contract on the embedded in-memory store. */
class InMemoryStoreContractTest extends CategoryStoreContract {
    @Override
    protected Store newStore() {
        return new InMemoryStore();
    }
}
