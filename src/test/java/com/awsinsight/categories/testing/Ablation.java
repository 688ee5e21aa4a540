package com.awsinsight.categories.testing;

import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.graphql.GraphQLEngine;
import com.awsinsight.categories.graphql.QueryLimits;
import com.awsinsight.categories.graphql.dataloaders.CategoryDataLoaders;
import com.awsinsight.categories.services.CategoryApplication;
import com.awsinsight.categories.services.read.OrganizationCache;
import com.awsinsight.categories.services.write.WriteTimings;
import graphql.schema.GraphQLSchema;
import org.dataloader.DataLoaderOptions;

import java.time.Clock;
import java.time.Duration;

/**
 * The benchmark's and the budget test's ablation: the same schema, fetchers and reader, but DataLoaders that
 * dispatch key by key, no whole-tree read planning, and children read parent by parent however many there
 * are. What batching buys is the difference to the production engine.
 */
public final class Ablation {
    private Ablation() {
    }

    public static GraphQLEngine keyByKeyEngine(GraphQLSchema schema, Store store, QueryLimits limits) {
        // No request time budget: key by key, a 10,000-node tree on dynalite takes longer than the production 20 s.
        CategoryApplication application = new CategoryApplication(store, Clock.systemUTC(), WriteTimings.DEFAULT, Integer.MAX_VALUE,
                new OrganizationCache(0), Duration.ofHours(1));
        DataLoaderOptions keyByKey = DataLoaderOptions.newOptions().setBatchingEnabled(false).build();
        return new GraphQLEngine(schema, application, limits, (id, what, e) -> { },
                reader -> CategoryDataLoaders.relations(reader, keyByKey));
    }
}
