package com.awsinsight.categories.graphql.datafetchers;

import com.awsinsight.categories.domain.Template;
import com.awsinsight.categories.graphql.GraphQLContextKeys;
import com.awsinsight.categories.services.Connection;
import graphql.schema.DataFetcher;

import java.time.OffsetDateTime;

/** Fetchers of {@code template}, {@code templates} and the {@code Template} type. */
public final class TemplateDataFetchers {

    private TemplateDataFetchers() {
    }

    public static DataFetcher<Template> template() {
        return env -> GraphQLContextKeys.services(env).templates().byId(env.getArgument("id"), env.getArgument("version"));
    }

    public static DataFetcher<Connection<Template>> templates() {
        return env -> GraphQLContextKeys.services(env).templates()
                .page(env.getArgument("type"), env.getArgumentOrDefault("first", 20), env.getArgument("after"));
    }

    public static DataFetcher<OffsetDateTime> createdAt() {
        return env -> CategoryDataFetchers.dateTime(((Template) env.getSource()).createdAt());
    }

    public static DataFetcher<OffsetDateTime> expiresAt() {
        return env -> CategoryDataFetchers.dateTime(((Template) env.getSource()).expiresAt());
    }
}
