package com.awsinsight.categories.contract;

import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.testing.Dynalite;
import com.awsinsight.categories.testing.DataShape;

/** Reads and writes on existing data in the DynamoDB (dynalite), written by the gateway. */
class DynamoExistingDataTest extends ExistingDataContract {
    @Override
    protected Store newStore() {
        return Dynalite.get().newStore();
    }

    @Override
    protected DataShape shape() {
        return DataShape.GATEWAY;
    }
}
