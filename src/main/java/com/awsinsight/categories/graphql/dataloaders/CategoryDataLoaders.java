package com.awsinsight.categories.graphql.dataloaders;

import com.awsinsight.categories.services.read.CategoryReader;
import org.dataloader.BatchLoader;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderOptions;
import org.dataloader.DataLoaderRegistry;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The per-request DataLoaders of the category relations. Each batch function hands its whole batch to
 * the request's {@link CategoryReader} and returns results in key order. A new registry is built for
 * every request, so no cache is ever shared between users or organizations.
 *
 * <p>A registry built by {@link #registry} also plans whole-tree reads: a {@code categoryTree} that nests
 * {@code children} reads the organization once up front ({@link #plansWholeTreeReads}).
 */
public final class CategoryDataLoaders {
    public static final String CATEGORY_BY_ID = "categoryById";
    public static final String CHILDREN_BY_PARENT = "childrenByParent";
    public static final String ANCESTORS_BY_ID = "ancestorsById";
    private static final String WHOLE_TREE_PLAN = "wholeTreePlan";

    private static final int MAX_BATCH = 1000;

    private CategoryDataLoaders() {
    }

    /** The production loaders: batched, and planning whole-tree reads. */
    public static DataLoaderRegistry registry(CategoryReader reader) {
        DataLoaderOptions options = DataLoaderOptions.newOptions().setMaxBatchSize(MAX_BATCH).build();
        return DataLoaderRegistry.newRegistry()
                .registerAll(relations(reader, options))
                .register(WHOLE_TREE_PLAN, loader(WHOLE_TREE_PLAN, keys -> keys, options))
                .build();
    }

    /** The three relation loaders with {@code options} (and no whole-tree planning). */
    public static DataLoaderRegistry relations(CategoryReader reader, DataLoaderOptions options) {
        return DataLoaderRegistry.newRegistry()
                .register(CATEGORY_BY_ID, loader(CATEGORY_BY_ID, reader::byIds, options))
                .register(CHILDREN_BY_PARENT, loader(CHILDREN_BY_PARENT, reader::childrenOf, options))
                .register(ANCESTORS_BY_ID, loader(ANCESTORS_BY_ID, reader::ancestorsOf, options))
                .build();
    }

    /** Whether this request's loaders read a whole tree in one go instead of level by level. */
    public static boolean plansWholeTreeReads(DataLoaderRegistry registry) {
        return registry.getKeys().contains(WHOLE_TREE_PLAN);
    }

    private static <V> DataLoader<String, V> loader(String name, Function<List<String>, List<V>> batch,
                                                    DataLoaderOptions options) {
        BatchLoader<String, V> batchLoader = keys -> CompletableFuture.completedFuture(batch.apply(keys));
        return DataLoaderFactory.newDataLoader(name, batchLoader, options);
    }
}
