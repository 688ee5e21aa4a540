package com.awsinsight.categories.contract;

import com.awsinsight.categories.domain.Store;
import com.awsinsight.categories.testing.Dynalite;

/** The store contract on DynamoDB, through the real wire protocol (dynalite). */
class DynamoStoreContractTest extends CategoryStoreContract {
    @Override
    protected Store newStore() {
        return Dynalite.get().newStore();
    }
}
