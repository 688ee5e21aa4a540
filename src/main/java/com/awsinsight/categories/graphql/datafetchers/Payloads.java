package com.awsinsight.categories.graphql.datafetchers;

import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.error.DomainException;
import com.awsinsight.categories.domain.error.ErrorCode;
import com.awsinsight.categories.domain.model.Template;
import com.awsinsight.categories.graphql.context.FieldNaming;
import com.awsinsight.categories.graphql.dataloaders.CategoryDataLoaders;
import com.awsinsight.categories.services.TreeChange;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The payloads mutations return: a result and what a client cache must update with it, or the expected
 * business failures (bad input, not found, conflicts) as {@code userErrors}; auth failures and faults stay
 * top-level errors. The five category payload types of the schema ({@code CreateCategoryPayload},
 * {@code MoveCategoryPayload}, ...) share one record: each type selects the fields it declares, and
 * {@code parent} / {@code previousParent} are loaded through the request's DataLoader, which already holds
 * what the write read and wrote.
 */
public final class Payloads {
    /** The payload types built from {@link CategoryPayload}. */
    public static final List<String> CATEGORY_PAYLOAD_TYPES = List.of("CreateCategoryPayload", "UpdateCategoryPayload",
            "MoveCategoryPayload", "DeleteCategoryPayload", "RestoreCategoryPayload");
    /** Every payload type; each has a {@code query} field giving the query root. */
    public static final List<String> ALL_PAYLOAD_TYPES = List.of("CreateCategoryPayload", "UpdateCategoryPayload",
            "MoveCategoryPayload", "DeleteCategoryPayload", "RestoreCategoryPayload", "InstantiateTemplatePayload",
            "SaveTemplatePayload");
    /** What a payload's {@code query} field returns: the root fields' fetchers ignore their source. */
    private static final Object QUERY_ROOT = new Object();
    private static final Set<ErrorCode> USER_ERROR_CODES =
            EnumSet.of(ErrorCode.BAD_USER_INPUT, ErrorCode.NOT_FOUND, ErrorCode.CONFLICT);

    private Payloads() {
    }

    /** {@code UserError}: a code of the shared set, the input at fault in the client's vocabulary, a message. */
    record UserError(String code, String field, String message) {
        static UserError of(DomainException e, FieldNaming naming) {
            if (!USER_ERROR_CODES.contains(e.code())) {
                throw e;
            }
            return new UserError(e.code().name(), e.field() == null ? null : naming.name(e.field()), e.getMessage());
        }
    }

    /**
     * A category mutation's result. {@code changed} is every category the write switched off or on (the
     * schema's {@code deletedCategories} / {@code restoredCategories}); {@code previousParentId} is a moved
     * category's parent before the move.
     */
    record CategoryPayload(Category category, String previousParentId, List<Category> changed,
                           List<UserError> userErrors, String clientMutationId) {
    }

    record InstantiateTemplatePayload(List<Category> categories, String parentId, List<UserError> userErrors) {
    }

    record SaveTemplatePayload(Template template, List<UserError> userErrors) {
    }

    static CategoryPayload category(Supplier<Category> mutation, FieldNaming naming, String clientMutationId) {
        return change(() -> {
            Category category = mutation.get();
            return new TreeChange(category, null, List.of());
        }, naming, clientMutationId);
    }

    static CategoryPayload change(Supplier<TreeChange> mutation, FieldNaming naming, String clientMutationId) {
        try {
            TreeChange change = mutation.get();
            return new CategoryPayload(change.category(), change.previousParentId(), change.changed(), List.of(),
                    clientMutationId);
        } catch (DomainException e) {
            return new CategoryPayload(null, null, List.of(), List.of(UserError.of(e, naming)), clientMutationId);
        }
    }

    static SaveTemplatePayload template(Supplier<Template> mutation, FieldNaming naming) {
        try {
            return new SaveTemplatePayload(mutation.get(), List.of());
        } catch (DomainException e) {
            return new SaveTemplatePayload(null, List.of(UserError.of(e, naming)));
        }
    }

    /** {@code parent} of a category payload: the category's parent as the request now knows it. */
    public static DataFetcher<CompletableFuture<Category>> parent() {
        return env -> {
            Category category = ((CategoryPayload) env.getSource()).category();
            return load(env, category == null ? null : category.parentId());
        };
    }

    /** {@code previousParent} of {@code MoveCategoryPayload}. */
    public static DataFetcher<CompletableFuture<Category>> previousParent() {
        return env -> load(env, ((CategoryPayload) env.getSource()).previousParentId());
    }

    /** {@code parent} of {@code InstantiateTemplatePayload}: the category the template was created under. */
    public static DataFetcher<CompletableFuture<Category>> instantiatedUnder() {
        return env -> load(env, ((InstantiateTemplatePayload) env.getSource()).parentId());
    }

    /** {@code deletedCategories} / {@code restoredCategories}. */
    public static DataFetcher<List<Category>> changed() {
        return env -> ((CategoryPayload) env.getSource()).changed();
    }

    /** {@code query}: the query root, so a client can read anything else after the write in the same round trip. */
    public static DataFetcher<Object> queryRoot() {
        return env -> QUERY_ROOT;
    }

    private static CompletableFuture<Category> load(DataFetchingEnvironment env, String id) {
        if (id == null) {
            return CompletableFuture.completedFuture(null);
        }
        return CategoryDataFetchers.<Category>loader(env, CategoryDataLoaders.CATEGORY_BY_ID).load(id);
    }
}
