package com.awsinsight.categories.graphql.datafetchers;

import com.awsinsight.categories.domain.model.CategoryRules;
import com.awsinsight.categories.domain.error.Field;
import com.awsinsight.categories.domain.model.Template;
import com.awsinsight.categories.domain.model.TemplateNode;
import com.awsinsight.categories.graphql.context.GraphQLContextKeys;
import com.awsinsight.categories.services.Connection;
import com.awsinsight.categories.services.TemplateDraft;
import graphql.schema.DataFetcher;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Fetchers of {@code template}, {@code templates} and the {@code Template} type. */
public final class TemplateDataFetchers {

    private TemplateDataFetchers() {
    }

    public static DataFetcher<Template> template() {
        return env -> GraphQLContextKeys.session(env).templates().byId(env.getArgument("id"), env.getArgument("version"));
    }

    public static DataFetcher<Connection<Template>> templates() {
        return env -> GraphQLContextKeys.session(env).templates()
                .page(env.getArgument("type"), Arguments.orDefault(env, "first", 20), env.getArgument("after"));
    }

    public static DataFetcher<Payloads.SaveTemplatePayload> saveTemplate() {
        return env -> {
            Map<String, Object> input = env.getArgument("input");
            return Payloads.template(() -> GraphQLContextKeys.session(env).templates().save(draft(input)),
                    MutationDataFetchers.naming(env));
        };
    }

    /** The input as a draft; inside the payload, so that metadata that is not an object is a userError too. */
    private static TemplateDraft draft(Map<String, Object> input) {
        OffsetDateTime expiresAt = (OffsetDateTime) input.get("expiresAt");
        return new TemplateDraft((String) input.get("id"), (String) input.get("name"), (String) input.get("description"),
                (String) input.get("templateType"), nodes(input.get("categories")), expiresAt == null ? null : expiresAt.toInstant());
    }

    @SuppressWarnings("unchecked")
    private static List<TemplateNode> nodes(Object inputs) {
        if (inputs == null) {
            return List.of();
        }
        return ((List<Map<String, Object>>) inputs).stream()
                .map(input -> new TemplateNode((String) input.get("name"), (String) input.get("description"),
                        CategoryRules.validMetadata(Field.TEMPLATE_DRAFT_CATEGORIES, input.get("metadata")),
                        nodes(input.get("children"))))
                .toList();
    }

    /** {@code Template.id}: the id of this version, unique across types. */
    public static DataFetcher<String> versionId() {
        return env -> ((Template) env.getSource()).versionId();
    }

    /** {@code Template.templateId}: the id all versions share. */
    public static DataFetcher<String> templateId() {
        return env -> ((Template) env.getSource()).id();
    }

    /** {@code Template.createdAt}: non-null, the Unix epoch when the item does not record it. */
    public static DataFetcher<OffsetDateTime> createdAt() {
        return env -> CategoryDataFetchers.dateTime(((Template) env.getSource()).createdAtOrUnrecorded());
    }

    public static DataFetcher<OffsetDateTime> expiresAt() {
        return env -> CategoryDataFetchers.dateTime(((Template) env.getSource()).expiresAt());
    }
}
