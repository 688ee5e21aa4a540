package com.awsinsight.categories.graphql;

import java.util.Map;

/**
 * The limits every GraphQL request is checked against before any read: nesting depth and field count
 * (graphql-java's validation limits), a tree-aware cost bound, and whether introspection is allowed.
 * Configured per environment (README, "Limits and errors").
 */
public record QueryLimits(int maxDepth, int maxFields, int maxCost, boolean introspection) {
    public static final QueryLimits DEFAULT = new QueryLimits(30, 500, 1_000_000, true);

    public static QueryLimits fromEnvironment(Map<String, String> env) {
        return new QueryLimits(
                Integer.parseInt(env.getOrDefault("MAX_QUERY_DEPTH", Integer.toString(DEFAULT.maxDepth))),
                Integer.parseInt(env.getOrDefault("MAX_QUERY_FIELDS", Integer.toString(DEFAULT.maxFields))),
                Integer.parseInt(env.getOrDefault("MAX_QUERY_COST", Integer.toString(DEFAULT.maxCost))),
                !"false".equalsIgnoreCase(env.getOrDefault("INTROSPECTION_ENABLED", "true")));
    }
}
