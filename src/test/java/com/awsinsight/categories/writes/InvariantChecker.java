package com.awsinsight.categories.writes;

import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.model.CategoryRules;
import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.domain.ports.StoreMetrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Walks a whole organization through the repository and lists every broken tree invariant: cycles,
 * active categories not reachable from a root, two active categories with one name key, active
 * categories under inactive parents, and active categories deeper than the depth limit.
 */
final class InvariantChecker {
    private InvariantChecker() {
    }

    static List<Category> all(Store store, String organizationId) {
        return store.categories(organizationId, new StoreMetrics()).findAll();
    }

    static List<String> violations(Store store, String organizationId) {
        return violations(all(store, organizationId));
    }

    static List<String> violations(List<Category> all) {
        Map<String, Category> byId = all.stream().collect(Collectors.toMap(Category::id, Function.identity()));
        List<String> problems = new ArrayList<>();
        for (Category category : all) {
            Set<String> seen = new HashSet<>();
            Category current = category;
            int depth = 0;
            while (current != null && !current.isRoot()) {
                if (!seen.add(current.id())) {
                    problems.add("cycle through " + category.id());
                    break;
                }
                Category parent = byId.get(current.parentId());
                if (parent == null && category.active()) {
                    problems.add("active " + category.name() + " not reachable from a root (missing " + current.parentId() + ")");
                }
                current = parent;
                depth++;
            }
            if (category.active() && depth >= CategoryRules.MAX_TREE_LEVELS) {
                problems.add("active " + category.name() + " at depth " + depth);
            }
            Category parent = category.isRoot() ? null : byId.get(category.parentId());
            if (category.active() && parent != null && !parent.active()) {
                problems.add("active " + category.name() + " under inactive " + parent.name());
            }
        }
        Map<String, List<String>> activeByKey = new HashMap<>();
        all.stream().filter(Category::active)
                .forEach(c -> activeByKey.computeIfAbsent(c.nameKey(), k -> new ArrayList<>()).add(c.name()));
        activeByKey.forEach((key, names) -> {
            if (names.size() > 1) {
                problems.add("name used by " + names.size() + " active categories: " + names);
            }
        });
        return problems;
    }
}
