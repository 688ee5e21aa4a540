package com.awsinsight.categories.graphql.datafetchers;

import com.awsinsight.categories.domain.Category;
import com.awsinsight.categories.domain.DomainException;
import com.awsinsight.categories.domain.ErrorCode;
import com.awsinsight.categories.graphql.GraphQLContextKeys;
import com.awsinsight.categories.services.CategoryChanges;
import com.awsinsight.categories.services.NewCategory;
import com.awsinsight.categories.services.TemplateInstantiation;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;

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
            String clientMutationId = (String) input.get("clientMutationId");
            Map<String, Object> payload = payload(() -> GraphQLContextKeys.services(env).categories()
                    .create(category, clientMutationId));
            payload.put("clientMutationId", clientMutationId);
            return payload;
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

    public static DataFetcher<Map<String, Object>> moveCategory() {
        return env -> payload(() -> GraphQLContextKeys.services(env).tree()
                .move(env.getArgument("id"), env.getArgument("newParentId"), expectedVersion(env)));
    }

    public static DataFetcher<Map<String, Object>> deleteCategory() {
        return env -> payload(() -> GraphQLContextKeys.services(env).tree()
                .delete(env.getArgument("id"), cascade(env), expectedVersion(env)));
    }

    public static DataFetcher<Map<String, Object>> restoreCategory() {
        return env -> payload(() -> GraphQLContextKeys.services(env).tree()
                .restore(env.getArgument("id"), cascade(env), expectedVersion(env)));
    }

    public static DataFetcher<Map<String, Object>> instantiateTemplate() {
        return env -> {
            Map<String, Object> payload = new LinkedHashMap<>();
            try {
                TemplateInstantiation result = GraphQLContextKeys.services(env).tree()
                        .instantiate(env.getArgument("templateId"), env.getArgument("version"), env.getArgument("parentId"));
                payload.put("categories", result.categories());
                payload.put("userErrors", result.errors().stream().map(MutationDataFetchers::userError).toList());
            } catch (DomainException e) {
                payload.put("categories", List.of());
                payload.put("userErrors", List.of(userError(e)));
            }
            return payload;
        };
    }

    private static Long expectedVersion(DataFetchingEnvironment env) {
        Integer expectedVersion = env.getArgument("expectedVersion");
        return expectedVersion == null ? null : expectedVersion.longValue();
    }

    private static boolean cascade(DataFetchingEnvironment env) {
        return Boolean.TRUE.equals(env.getArgument("cascade"));
    }

    static Map<String, Object> payload(Supplier<Category> mutation) {
        return payload("category", mutation);
    }

    /** {@code { <key>: result, userErrors: [] }}, or the result null and the expected failure as a userError. */
    static Map<String, Object> payload(String key, Supplier<?> mutation) {
        Map<String, Object> payload = new LinkedHashMap<>();
        try {
            payload.put(key, mutation.get());
            payload.put("userErrors", List.of());
        } catch (DomainException e) {
            payload.put(key, null);
            payload.put("userErrors", List.of(userError(e)));
        }
        return payload;
    }

    /** A userError for an expected business failure; anything else stays a top-level error. */
    private static Map<String, Object> userError(DomainException e) {
        if (!USER_ERROR_CODES.contains(e.code())) {
            throw e;
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", e.code().name());
        error.put("field", e.field());
        error.put("message", e.getMessage());
        return error;
    }
}
