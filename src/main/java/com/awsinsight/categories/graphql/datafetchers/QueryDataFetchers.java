package com.awsinsight.categories.graphql.datafetchers;

import com.awsinsight.categories.domain.model.Ancestry;
import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.model.CategoryOrder;
import com.awsinsight.categories.domain.model.CategoryQuery;
import com.awsinsight.categories.domain.model.CategoryRules;
import com.awsinsight.categories.domain.error.DomainException;
import com.awsinsight.categories.domain.error.Field;
import com.awsinsight.categories.graphql.context.GraphQLContextKeys;
import com.awsinsight.categories.graphql.dataloaders.CategoryDataLoaders;
import com.awsinsight.categories.services.CallerSession;
import com.awsinsight.categories.services.CategorySync;
import com.awsinsight.categories.services.Connection;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import org.dataloader.DataLoader;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Fetchers of the category fields of {@code Query}. */
public final class QueryDataFetchers {

    private QueryDataFetchers() {
    }

    public static DataFetcher<Object> category() {
        return env -> {
            String id = GlobalIds.categoryId(Field.ID, env.getArgument("id"));
            return CategoryDataFetchers.loader(env, CategoryDataLoaders.CATEGORY_BY_ID).load(id);
        };
    }

    public static DataFetcher<Category> categoryByName() {
        return env -> GraphQLContextKeys.session(env).categories().byName(env.getArgument("name"));
    }

    public static DataFetcher<Connection<Category>> categories() {
        return env -> {
            Map<String, Object> filter = Arguments.orDefault(env, "filter", Map.of());
            String order = Arguments.orDefault(env, "orderBy", CategoryOrder.NAME_ASC.name());
            CategoryQuery query = new CategoryQuery(
                    (String) filter.get("nameContains"),
                    GlobalIds.categoryId(Field.FILTER_PARENT_ID, (String) filter.get("parentId")),
                    Boolean.TRUE.equals(filter.get("rootsOnly")),
                    Boolean.TRUE.equals(filter.get("includeInactive")),
                    CategoryOrder.valueOf(order));
            int first = Arguments.orDefault(env, "first", 20);
            return GraphQLContextKeys.session(env).categories().page(first, env.getArgument("after"), query);
        };
    }

    /** Delta sync: the categories changed since a sync token. */
    public static DataFetcher<CategorySync.Batch> categoryChanges() {
        return env -> GraphQLContextKeys.session(env).sync()
                .changes(env.getArgument("since"), Arguments.orDefault(env, "first", CategoryRules.MAX_PAGE_SIZE));
    }

    /**
     * Roots (or the one root asked for) with a {@link TreeScope}. When the query nests {@code children}
     * below the whole forest, the organization is read once up front and every level is served from it.
     */
    public static DataFetcher<CompletableFuture<DataFetcherResult<List<Category>>>> categoryTree() {
        return env -> {
            CallerSession session = GraphQLContextKeys.session(env);
            Integer maxDepthArgument = env.getArgument("maxDepth");
            int maxDepth = maxDepthArgument == null ? CategoryRules.MAX_TREE_LEVELS : maxDepthArgument;
            if (maxDepth < 0 || maxDepth > CategoryRules.MAX_TREE_LEVELS) {
                throw DomainException.badInput(Field.MAX_DEPTH,
                        "maxDepth must be between 0 and " + CategoryRules.MAX_TREE_LEVELS);
            }
            TreeScope scope = new TreeScope(maxDepth);
            String rootId = GlobalIds.categoryId(Field.ROOT_ID, env.getArgument("rootId"));
            if (rootId != null) {
                DataLoader<String, Category> byId = CategoryDataFetchers.loader(env, CategoryDataLoaders.CATEGORY_BY_ID);
                return byId.load(rootId).thenApply(root -> tree(root == null || !root.active() ? List.of() : List.of(root), scope));
            }
            boolean nestsChildren = maxDepth > 0 && env.getSelectionSet().contains("children");
            if (nestsChildren && CategoryDataLoaders.plansWholeTreeReads(env.getDataLoaderRegistry())) {
                session.reader().loadWholeOrganization();
            }
            DataLoader<String, List<Category>> children = CategoryDataFetchers.loader(env, CategoryDataLoaders.CHILDREN_BY_PARENT);
            return children.load(Ancestry.ROOTS)
                    .thenApply(roots -> tree(roots.stream().filter(Category::active).toList(), scope));
        };
    }

    private static DataFetcherResult<List<Category>> tree(List<Category> roots, TreeScope scope) {
        return DataFetcherResult.<List<Category>>newResult().data(roots).localContext(scope).build();
    }
}
