package com.awsinsight.categories.graphql.datafetchers;

import com.awsinsight.categories.domain.Category;
import com.awsinsight.categories.domain.DomainException;
import com.awsinsight.categories.domain.ErrorCode;
import com.awsinsight.categories.graphql.GraphQLContextKeys;
import com.awsinsight.categories.services.CategoryChanges;
import com.awsinsight.categories.services.NewCategory;
import graphql.schema.DataFetcher;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Fetchers of {@code Mutation}. Expected business failures (bad input, not found, conflicts) become
 * {@code userErrors} in the payload; auth failures and faults stay top-level errors.
 */
public final class MutationDataFetchers {
    private static final Set<ErrorCode> USER_ERROR_CODES =
            EnumSet.of(ErrorCode.BAD_USER_INPUT, ErrorCode.NOT_FOUND, ErrorCode.CONFLICT);

    private MutationDataFetchers() {
    }

    public static DataFetcher<Map<String, Object>> createCategory() {
        return env -> {
            Map<String, Object> input = env.getArgument("input");
            NewCategory category = new NewCategory((String) input.get("name"), (String) input.get("description"),
                    (String) input.get("parentId"), input.get("metadata"));
            return payload(() -> GraphQLContextKeys.services(env).categories().create(category));
        };
    }

    public static DataFetcher<Map<String, Object>> updateCategory() {
        return env -> {
            Map<String, Object> input = env.getArgument("input");
            Integer expectedVersion = env.getArgument("expectedVersion");
            CategoryChanges changes = new CategoryChanges(new LinkedHashMap<>(input));
            return payload(() -> GraphQLContextKeys.services(env).categories()
                    .update(env.getArgument("id"), changes, expectedVersion == null ? null : expectedVersion.longValue()));
        };
    }

    /** A minimal soft delete so the REST DELETE route is testable; see {@code CategoryService#delete}. */
    public static DataFetcher<Map<String, Object>> deleteCategory() {
        return env -> {
            Integer expectedVersion = env.getArgument("expectedVersion");
            boolean cascade = Boolean.TRUE.equals(env.getArgument("cascade"));
            return payload(() -> GraphQLContextKeys.services(env).categories()
                    .delete(env.getArgument("id"), cascade, expectedVersion == null ? null : expectedVersion.longValue()));
        };
    }

    static Map<String, Object> payload(Supplier<Category> mutation) {
        try {
            Category category = mutation.get();
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("category", category);
            payload.put("userErrors", List.of());
            return payload;
        } catch (DomainException e) {
            if (!USER_ERROR_CODES.contains(e.code())) {
                throw e;
            }
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", e.code().name());
            error.put("field", e.field());
            error.put("message", e.getMessage());
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("category", null);
            payload.put("userErrors", List.of(error));
            return payload;
        }
    }
}
