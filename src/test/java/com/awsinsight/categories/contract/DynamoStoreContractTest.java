package com.awsinsight.categories.contract;

import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.testing.Dynalite;
import com.awsinsight.categories.testing.DataShape;

/** The store contract on DynamoDB, through the real wire protocol (dynalite), on data the gateway wrote. */
class DynamoStoreContractTest extends CategoryStoreContract {
    @Override
    protected Store newStore() {
        return Dynalite.get().newStore();
    }

    @Override
    protected DataShape shape() {
        return DataShape.GATEWAY;
    }
}
