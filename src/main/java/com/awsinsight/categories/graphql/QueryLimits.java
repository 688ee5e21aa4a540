package com.awsinsight.categories.graphql;

import java.util.Map;

/**
 * The limits every GraphQL request is checked against: before any read, nesting depth and field count
 * (graphql-java's validation limits), a tree-aware cost bound, the number of root mutation fields, and whether
 * introspection is allowed; while it runs, the size of its response. Configured per environment (docs/api.md,
 * "Limits and errors").
 *
 * <p>Each field's cost is capped just above {@code maxCost} and a query has at most {@code maxFields} fields, so
 * {@code maxFields × (maxCost + 1)} must stay within the integer range the cost is summed in (refused otherwise).
 */
public record QueryLimits(int maxDepth, int maxFields, int maxCost, boolean introspection, int maxResponseBytes,
                          int maxMutations) {
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
    public static final int DEFAULT_MAX_MUTATIONS = 10;
    public static final QueryLimits DEFAULT = new QueryLimits(30, 500, 1_000_000, true);

    public QueryLimits {
        if ((long) maxFields * (maxCost + 1L) >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("MAX_QUERY_FIELDS × (MAX_QUERY_COST + 1) must stay below 2^31");
        }
        if (maxResponseBytes < 1 || maxMutations < 1) {
            throw new IllegalArgumentException("MAX_RESPONSE_BYTES and MAX_MUTATIONS must be positive");
        }
    }

    /** These limits with the default response cap and mutation budget. */
    public QueryLimits(int maxDepth, int maxFields, int maxCost, boolean introspection) {
        this(maxDepth, maxFields, maxCost, introspection, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_MAX_MUTATIONS);
    }

    public static QueryLimits fromEnvironment(Map<String, String> env) {
        return new QueryLimits(
                Integer.parseInt(env.getOrDefault("MAX_QUERY_DEPTH", Integer.toString(DEFAULT.maxDepth))),
                Integer.parseInt(env.getOrDefault("MAX_QUERY_FIELDS", Integer.toString(DEFAULT.maxFields))),
                Integer.parseInt(env.getOrDefault("MAX_QUERY_COST", Integer.toString(DEFAULT.maxCost))),
                !"false".equalsIgnoreCase(env.getOrDefault("INTROSPECTION_ENABLED", "true")),
                Integer.parseInt(env.getOrDefault("MAX_RESPONSE_BYTES", Integer.toString(DEFAULT_MAX_RESPONSE_BYTES))),
                Integer.parseInt(env.getOrDefault("MAX_MUTATIONS", Integer.toString(DEFAULT_MAX_MUTATIONS))));
    }
}
