package com.awsinsight.categories.graphql.instrumentation;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.FieldComplexityEnvironment;

import java.util.Map;

/**
 * Estimates what a field can cost, understanding trees: a list field multiplies the cost of what is
 * selected below it by how many items it can return. Pages multiply by {@code first}; {@code children}
 * by an assumed fan-out, and only for as many levels as the enclosing {@code categoryTree}'s
 * {@code maxDepth} allows (deeper levels are never fetched, so they cost nothing); {@code ancestors} by
 * the deepest possible breadcrumb; a connection's {@code totalCount} by the items it counts; {@code nodes} by the
 * ids asked for. The figure is a bound used to refuse a query before any read, not a prediction of its real
 * cost.
 */
public final class TreeCostCalculator implements FieldComplexityCalculator {
    /** Assumed children of a node: cost-category trees seen here branch three to four ways. */
    public static final int FAN_OUT = 4;
    /** Assumed roots of a forest. */
    public static final int ROOTS = 10;
    public static final int MAX_LEVELS = 20;
    private static final int DEFAULT_PAGE = 20;
    private static final int CHANGES_PAGE = 100;
    /**
     * A connection's {@code totalCount} reads every item of the listing (a whole organization or the template
     * catalog): it costs as much as that many items, assumed as many as a four-level tree of the assumed shape
     * holds (10 + 40 + 160 + 640 = 850, rounded up).
     */
    public static final int TOTAL_COUNT = 1000;

    @Override
    public int calculate(FieldComplexityEnvironment env, int childComplexity) {
        String field = env.getField().getName();
        Map<String, Object> arguments = env.getArguments();
        long multiplier = switch (field) {
            case "categories" -> isBelow(env, "categoryChanges")
                    ? intArgument(env.getParentEnvironment().getArguments(), "first", CHANGES_PAGE)
                    : intArgument(arguments, "first", DEFAULT_PAGE);
            case "templates" -> intArgument(arguments, "first", DEFAULT_PAGE);
            case "nodes" -> arguments.get("ids") instanceof java.util.List<?> ids ? ids.size() : 1;
            case "deletedCategories", "restoredCategories" -> DEFAULT_PAGE;
            case "totalCount" -> TOTAL_COUNT;
            case "categoryTree" -> arguments.get("rootId") != null ? 1 : ROOTS;
            case "children" -> withinMaxDepth(env) ? FAN_OUT : 0;
            case "ancestors" -> MAX_LEVELS;
            default -> 1;
        };
        long cost = multiplier * (1L + childComplexity);
        return (int) Math.min(Integer.MAX_VALUE, cost);
    }

    /** Whether this {@code children} level is at most {@code maxDepth} levels below its categoryTree. */
    private static boolean withinMaxDepth(FieldComplexityEnvironment env) {
        int level = 0;
        for (FieldComplexityEnvironment current = env; current != null; current = current.getParentEnvironment()) {
            String name = current.getField().getName();
            if ("children".equals(name)) {
                level++;
            } else if ("categoryTree".equals(name)) {
                return level <= intArgument(current.getArguments(), "maxDepth", MAX_LEVELS);
            } else {
                return true;
            }
        }
        return true;
    }

    /** Whether the field is selected directly below a field named {@code parent} (e.g. categoryChanges' categories). */
    private static boolean isBelow(FieldComplexityEnvironment env, String parent) {
        FieldComplexityEnvironment above = env.getParentEnvironment();
        return above != null && parent.equals(above.getField().getName());
    }

    private static int intArgument(Map<String, Object> arguments, String name, int fallback) {
        Object value = arguments.get(name);
        return value instanceof Number number ? Math.max(0, number.intValue()) : fallback;
    }
}
