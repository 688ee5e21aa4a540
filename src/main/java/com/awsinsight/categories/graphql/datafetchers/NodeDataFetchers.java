package com.awsinsight.categories.graphql.datafetchers;

import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.model.CategoryRules;
import com.awsinsight.categories.domain.error.DomainException;
import com.awsinsight.categories.domain.error.Field;
import com.awsinsight.categories.domain.model.Template;
import com.awsinsight.categories.graphql.context.GraphQLContextKeys;
import com.awsinsight.categories.graphql.dataloaders.CategoryDataLoaders;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.TypeResolver;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Global object identification: {@code node(id:)}, {@code nodes(ids:)} and the {@code Node} interface. Ids are
 * unique across types by their form: a category's id is its stored id (the REST API's categoryId) when that has the
 * conventional shape (letters, digits, {@code _ . : -}), else its {@link GlobalIds encoded form} ({@code ~...}, never
 * with an {@code @}); a template version's id is {@code <templateId>@<version>}. So the form of an id says where to
 * look, without a prefix that would change the ids REST clients already hold.
 */
public final class NodeDataFetchers {
    /** {@code nodes(ids:)} takes at most this many ids. */
    public static final int MAX_IDS = CategoryRules.MAX_PAGE_SIZE;

    private NodeDataFetchers() {
    }

    /** The object type of a Node: categories and template versions are the only ones. */
    public static TypeResolver typeResolver() {
        return env -> {
            Object object = env.getObject();
            String type = object instanceof Category ? "Category" : object instanceof Template ? "Template" : null;
            if (type == null) {
                throw new IllegalStateException("Not a Node: " + object.getClass().getName());
            }
            return env.getSchema().getObjectType(type);
        };
    }

    public static DataFetcher<CompletableFuture<Object>> node() {
        return env -> fetch(env, Field.ID, env.getArgument("id"));
    }

    public static DataFetcher<CompletableFuture<List<Object>>> nodes() {
        return env -> {
            List<String> ids = env.getArgument("ids");
            if (ids.size() > MAX_IDS) {
                throw DomainException.badInput(Field.IDS, "ids must hold at most " + MAX_IDS + " ids");
            }
            List<CompletableFuture<Object>> found = ids.stream().map(id -> fetch(env, Field.IDS, id)).toList();
            return CompletableFuture.allOf(found.toArray(CompletableFuture[]::new))
                    .thenApply(done -> found.stream().map(CompletableFuture::join).toList());
        };
    }

    private static CompletableFuture<Object> fetch(DataFetchingEnvironment env, Field field, String id) {
        if (Template.isVersionId(id)) {
            return CompletableFuture.completedFuture(GraphQLContextKeys.session(env).templates().byId(field, id, null));
        }
        String categoryId = GlobalIds.categoryId(field, id);
        return CategoryDataFetchers.<Category>loader(env, CategoryDataLoaders.CATEGORY_BY_ID).load(categoryId)
                .thenApply(category -> category);
    }
}
