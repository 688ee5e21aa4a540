package com.awsinsight.categories.contract;

import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.testing.Dynalite;
import com.awsinsight.categories.testing.DataShape;

/** The store contract on DynamoDB (dynalite), on data the Node service's own document client wrote. */
class DynamoNodeShapedContractTest extends CategoryStoreContract {
    @Override
    protected Store newStore() {
        return Dynalite.get().newStore();
    }

    @Override
    protected DataShape shape() {
        return DataShape.NODE_SERVICE;
    }
}
