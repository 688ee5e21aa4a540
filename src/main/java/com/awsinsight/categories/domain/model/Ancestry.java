package com.awsinsight.categories.domain.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The tree shape derived from {@code parentId} alone, in one place: who the ancestors of a category are,
 * how children group under their parents, and how a path reads. Walks stop at a parent that is not known
 * and at a repeated node, so even damaged data (orphans, cycles) cannot make them loop.
 */
public final class Ancestry {
    /**
     * The key that stands for "the roots" among parent ids: the empty string, which no category id can be
     * ({@link CategoryRules#validId}), so even a category the Node service stored with the id {@code #ROOT} keeps
     * its own children.
     */
    public static final String ROOTS = "";
    /** Between the names of a path: "Infrastructure Costs › Compute › EC2". */
    public static final String PATH_SEPARATOR = " › ";

    private Ancestry() {
    }

    /** The key a category is grouped under: its parent's id, or {@link #ROOTS}. */
    public static String parentKey(String parentId) {
        return parentId == null ? ROOTS : parentId;
    }

    /** The known ancestors of {@code id}, root first, from {@code lookup} (null where unknown). */
    public static List<Category> chain(Function<String, Category> lookup, String id) {
        List<Category> chain = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        seen.add(id);
        Category current = lookup.apply(id);
        while (current != null && !current.isRoot()) {
            Category parent = lookup.apply(current.parentId());
            if (parent == null || !seen.add(parent.id())) {
                break;
            }
            chain.add(parent);
            current = parent;
        }
        Collections.reverse(chain);
        return chain;
    }

    /** The categories grouped by {@link #parentKey}, each group in name order. */
    public static Map<String, List<Category>> childrenByParent(Collection<Category> categories) {
        Map<String, List<Category>> grouped = new HashMap<>();
        for (Category category : categories) {
            grouped.computeIfAbsent(parentKey(category.parentId()), k -> new ArrayList<>()).add(category);
        }
        Map<String, List<Category>> sorted = new HashMap<>();
        grouped.forEach((parent, children) -> sorted.put(parent, CategoryListing.sorted(children, CategoryOrder.NAME_ASC)));
        return sorted;
    }

    /** The names of the ancestors and the category, joined: what the API calls its {@code path}. */
    public static String path(List<Category> ancestors, Category category) {
        List<String> names = new ArrayList<>(ancestors.stream().map(Category::name).toList());
        names.add(category.name());
        return String.join(PATH_SEPARATOR, names);
    }
}
