package com.awsinsight.categories.graphql.instrumentation;

import com.awsinsight.categories.services.TemplateService;
import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.FieldComplexityEnvironment;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;

import java.util.Map;

/**
 * Estimates what a field can cost, understanding trees: a list field multiplies the cost of what is
 * selected below it by how many items it can return. Pages multiply by {@code first}; {@code children}
 * by an assumed fan-out, and only for as many levels as the enclosing {@code categoryTree}'s
 * {@code maxDepth} allows (deeper levels are never fetched, so they cost nothing); {@code ancestors} by
 * the deepest possible breadcrumb; a connection's {@code totalCount} by the items it counts; {@code nodes} by the
 * ids asked for. The figure is a bound used to refuse a query before any read, not a prediction of its real
 * cost.
 *
 * <p>What a field returns counts too: {@code path} joins up to 20 names, so it costs as much as 20 names. A
 * template's tree holds at most {@value TemplateService#MAX_TEMPLATE_NODES} categories over all its levels, so
 * {@code Template.categories} costs that many times what the widest level selects (per alias of
 * {@code children}), not a fan-out per level. Every field's cost is capped just above the limit, so sums of
 * many huge fields cannot wrap around the integer range and pass.
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

    private final int ceiling;
    private final Map<String, FragmentDefinition> fragments;

    /**
     * @param maxCost   the limit the cost is checked against: a field never reports more than one above it
     * @param fragments the fragments of the document being costed, to read a template tree's selection
     */
    public TreeCostCalculator(int maxCost, Map<String, FragmentDefinition> fragments) {
        this.ceiling = maxCost + 1;
        this.fragments = Map.copyOf(fragments);
    }

    @Override
    public int calculate(FieldComplexityEnvironment env, int childComplexity) {
        String field = env.getField().getName();
        String type = env.getParentType().getName();
        if ("TemplateCategory".equals(type)) {
            return 0;
        }
        if ("Template".equals(type) && "categories".equals(field)) {
            long perNode = Math.max(1, widestLevel(env.getField().getSelectionSet()));
            return (int) Math.min(ceiling, TemplateService.MAX_TEMPLATE_NODES * perNode);
        }
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
            case "ancestors", "path" -> MAX_LEVELS;
            default -> 1;
        };
        long cost = multiplier * (1L + childComplexity);
        return (int) Math.min(ceiling, cost);
    }

    /**
     * The most values one node of a template tree can produce under this selection: the fields of its own level,
     * or what the levels below produce through every alias of {@code children}, whichever is more.
     */
    private long widestLevel(SelectionSet selection) {
        long[] fieldsAndBelow = new long[2];
        collect(selection, fieldsAndBelow, 0);
        return Math.max(fieldsAndBelow[0], fieldsAndBelow[1]);
    }

    private void collect(SelectionSet selection, long[] fieldsAndBelow, int depth) {
        if (selection == null || depth > MAX_LEVELS * 4) {
            return;
        }
        for (Selection<?> item : selection.getSelections()) {
            if (item instanceof Field field) {
                if ("children".equals(field.getName())) {
                    fieldsAndBelow[1] = Math.min(ceiling, fieldsAndBelow[1] + widestLevel(field.getSelectionSet()));
                } else if (!"__typename".equals(field.getName())) {
                    fieldsAndBelow[0]++;
                }
            } else if (item instanceof FragmentSpread spread && fragments.containsKey(spread.getName())) {
                collect(fragments.get(spread.getName()).getSelectionSet(), fieldsAndBelow, depth + 1);
            } else if (item instanceof InlineFragment inline) {
                collect(inline.getSelectionSet(), fieldsAndBelow, depth + 1);
            }
        }
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
