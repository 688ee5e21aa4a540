package com.awsinsight.categories.graphql.datafetchers;

import com.awsinsight.categories.domain.model.Ancestry;
import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.graphql.dataloaders.CategoryDataLoaders;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoader;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Fetchers of the {@code Category} type. Every relation goes through a per-request DataLoader, so a
 * level of the tree costs one batch, however many nodes it holds.
 */
public final class CategoryDataFetchers {
    private CategoryDataFetchers() {
    }

    public static DataFetcher<Object> parent() {
        return env -> {
            Category category = env.getSource();
            if (category.isRoot()) {
                return null;
            }
            return loader(env, CategoryDataLoaders.CATEGORY_BY_ID).load(category.parentId());
        };
    }

    public static DataFetcher<CompletableFuture<DataFetcherResult<List<Category>>>> children() {
        return env -> {
            Category category = env.getSource();
            boolean includeInactive = Boolean.TRUE.equals(env.getArgument("includeInactive"));
            TreeScope scope = env.getLocalContext() instanceof TreeScope s ? s : null;
            if (scope != null && scope.remainingLevels() <= 0) {
                return CompletableFuture.completedFuture(result(List.of(), scope));
            }
            DataLoader<String, List<Category>> children = loader(env, CategoryDataLoaders.CHILDREN_BY_PARENT);
            return children.load(category.id()).thenApply(all -> result(all.stream()
                    .filter(c -> includeInactive || c.active())
                    .toList(), scope == null ? null : scope.below()));
        };
    }

    public static DataFetcher<CompletableFuture<Integer>> childCount() {
        return env -> {
            Category category = env.getSource();
            DataLoader<String, List<Category>> children = loader(env, CategoryDataLoaders.CHILDREN_BY_PARENT);
            return children.load(category.id()).thenApply(all -> (int) all.stream().filter(Category::active).count());
        };
    }

    public static DataFetcher<CompletableFuture<List<Category>>> ancestors() {
        return env -> ancestorsOf(env);
    }

    public static DataFetcher<CompletableFuture<Integer>> depth() {
        return env -> ancestorsOf(env).thenApply(List::size);
    }

    public static DataFetcher<CompletableFuture<String>> path() {
        return env -> {
            Category category = env.getSource();
            return ancestorsOf(env).thenApply(ancestors -> Ancestry.path(ancestors, category));
        };
    }

    public static DataFetcher<OffsetDateTime> createdAt() {
        return env -> dateTime(((Category) env.getSource()).createdAt());
    }

    public static DataFetcher<OffsetDateTime> updatedAt() {
        return env -> dateTime(((Category) env.getSource()).updatedAt());
    }

    static OffsetDateTime dateTime(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static CompletableFuture<List<Category>> ancestorsOf(DataFetchingEnvironment env) {
        Category category = env.getSource();
        DataLoader<String, List<Category>> ancestors = loader(env, CategoryDataLoaders.ANCESTORS_BY_ID);
        return ancestors.load(category.id());
    }

    private static DataFetcherResult<List<Category>> result(List<Category> categories, TreeScope scope) {
        return DataFetcherResult.<List<Category>>newResult().data(categories).localContext(scope).build();
    }

    static <V> DataLoader<String, V> loader(DataFetchingEnvironment env, String name) {
        return env.getDataLoader(name);
    }
}
