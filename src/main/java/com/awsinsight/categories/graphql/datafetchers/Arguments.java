package com.awsinsight.categories.graphql.datafetchers;

import graphql.schema.DataFetchingEnvironment;

/**
 * Argument access for fetchers. An argument given as explicit {@code null} (a literal or a variable) where
 * the schema has a default means the default, as if it had been left out; graphql-java passes such a null
 * through, which would otherwise reach the services as a missing value.
 */
final class Arguments {
    private Arguments() {
    }

    static <T> T orDefault(DataFetchingEnvironment env, String name, T fallback) {
        T value = env.getArgument(name);
        return value == null ? fallback : value;
    }
}
