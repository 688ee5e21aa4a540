package com.awsinsight.categories.contract;

import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.testing.Dynalite;
import com.awsinsight.categories.testing.DataShape;

/** The client conventions on DynamoDB (dynalite), on data the Node service wrote. */
class DynamoNodeShapedClientConventionsTest extends ClientConventionsContract {
    @Override
    protected Store newStore() {
        return Dynalite.get().newStore();
    }

    @Override
    protected DataShape shape() {
        return DataShape.NODE_SERVICE;
    }
}
