package com.awsinsight.categories.graphql.datafetchers;

import com.awsinsight.categories.domain.error.DomainException;
import com.awsinsight.categories.domain.error.Field;
import com.awsinsight.categories.graphql.context.FieldNaming;
import com.awsinsight.categories.graphql.context.GraphQLContextKeys;
import com.awsinsight.categories.graphql.datafetchers.Payloads.CategoryPayload;
import com.awsinsight.categories.graphql.datafetchers.Payloads.InstantiateTemplatePayload;
import com.awsinsight.categories.graphql.datafetchers.Payloads.UserError;
import com.awsinsight.categories.services.CallerSession;
import com.awsinsight.categories.services.CategoryChanges;
import com.awsinsight.categories.services.NewCategory;
import com.awsinsight.categories.services.TemplateInstantiation;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;

import java.util.List;
import java.util.Map;

/** Fetchers of the category mutations: arguments to typed commands, results and failures to payloads. */
public final class MutationDataFetchers {

    private MutationDataFetchers() {
    }

    public static DataFetcher<CategoryPayload> createCategory() {
        return env -> {
            Map<String, Object> input = env.getArgument("input");
            String clientMutationId = (String) input.get("clientMutationId");
            return Payloads.category(() -> session(env).categories().create(new NewCategory((String) input.get("name"),
                            (String) input.get("description"), GlobalIds.categoryId(Field.PARENT_ID, (String) input.get("parentId")),
                            input.get("metadata")), clientMutationId),
                    naming(env), clientMutationId);
        };
    }

    public static DataFetcher<CategoryPayload> updateCategory() {
        return env -> {
            CategoryChanges changes = CategoryChanges.of(env.<Map<String, Object>>getArgument("input"));
            return Payloads.category(() -> session(env).categories()
                    .update(id(env), changes, expectedVersion(env)), naming(env), null);
        };
    }

    public static DataFetcher<CategoryPayload> moveCategory() {
        return env -> {
            Map<String, Object> input = env.getArgument("changes");
            CategoryChanges changes = input == null ? CategoryChanges.NONE : CategoryChanges.of(input);
            return Payloads.change(() -> session(env).tree().move(id(env),
                    GlobalIds.categoryId(Field.NEW_PARENT_ID, env.getArgument("newParentId")), changes, expectedVersion(env)),
                    naming(env), null);
        };
    }

    public static DataFetcher<CategoryPayload> deleteCategory() {
        return env -> Payloads.change(() -> session(env).tree()
                .delete(id(env), cascade(env), expectedVersion(env)), naming(env), null);
    }

    public static DataFetcher<CategoryPayload> restoreCategory() {
        return env -> Payloads.change(() -> session(env).tree()
                .restore(id(env), cascade(env), expectedVersion(env)), naming(env), null);
    }

    public static DataFetcher<InstantiateTemplatePayload> instantiateTemplate() {
        return env -> {
            FieldNaming naming = naming(env);
            try {
                String parentId = GlobalIds.categoryId(Field.PARENT_ID, env.getArgument("parentId"));
                TemplateInstantiation result = session(env).tree()
                        .instantiate(env.getArgument("templateId"), env.getArgument("version"), parentId);
                boolean created = result.errors().isEmpty();
                return new InstantiateTemplatePayload(result.categories(), created ? parentId : null,
                        result.errors().stream().map(e -> UserError.of(e, naming)).toList());
            } catch (DomainException e) {
                return new InstantiateTemplatePayload(List.of(), null, List.of(UserError.of(e, naming)));
            }
        };
    }

    private static CallerSession session(DataFetchingEnvironment env) {
        return GraphQLContextKeys.session(env);
    }

    static FieldNaming naming(DataFetchingEnvironment env) {
        return GraphQLContextKeys.naming(env);
    }

    /** The stored id of the mutation's {@code id} argument (a global id). */
    private static String id(DataFetchingEnvironment env) {
        return GlobalIds.categoryId(Field.ID, env.getArgument("id"));
    }

    private static Long expectedVersion(DataFetchingEnvironment env) {
        Integer expectedVersion = env.getArgument("expectedVersion");
        return expectedVersion == null ? null : expectedVersion.longValue();
    }

    private static boolean cascade(DataFetchingEnvironment env) {
        return Boolean.TRUE.equals(env.getArgument("cascade"));
    }
}
