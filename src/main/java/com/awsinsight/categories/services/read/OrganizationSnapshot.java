package com.awsinsight.categories.services.read;

import com.awsinsight.categories.domain.model.Ancestry;
import com.awsinsight.categories.domain.model.Category;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every category of one organization as one strongly consistent read found them, with what is derived from them
 * (by id, children by parent in name order, ancestors, depth, paths, descendants), built once and never changed.
 * The process's {@link OrganizationCache} keeps one per organization at a version, which many requests read at
 * once; a structural write decides on one, taken under its lease. {@link #estimatedBytes()} is what it is charged
 * against the cache's cap.
 */
public final class OrganizationSnapshot {
    /** Heap per category beyond its strings and metadata: the record, two Instants, map and list entries. */
    private static final long PER_CATEGORY = 360;

    private final List<Category> categories;
    private final Map<String, Category> byId;
    private final Map<String, List<Category>> childrenByParent;
    private final long estimatedBytes;

    public OrganizationSnapshot(List<Category> categories) {
        this.categories = List.copyOf(categories);
        this.byId = this.categories.stream().collect(Collectors.toUnmodifiableMap(Category::id, Function.identity(), (a, b) -> a));
        this.childrenByParent = Map.copyOf(Ancestry.childrenByParent(this.categories));
        this.estimatedBytes = this.categories.stream().mapToLong(OrganizationSnapshot::estimate).sum();
    }

    /** Every category, active or not. */
    public List<Category> categories() {
        return categories;
    }

    /** The category with this id, or null. */
    public Category get(String id) {
        return byId.get(id);
    }

    Map<String, Category> byId() {
        return byId;
    }

    /** Children (active or not) by parent key ({@link Ancestry#parentKey}), in name order. */
    Map<String, List<Category>> childrenByParent() {
        return childrenByParent;
    }

    /** The children (active or not) of {@code id} in name order; of the roots for null. */
    public List<Category> childrenOf(String id) {
        return childrenByParent.getOrDefault(Ancestry.parentKey(id), List.of());
    }

    /** Ancestors from the root down to the parent. */
    public List<Category> ancestorsOf(String id) {
        return Ancestry.chain(byId::get, id);
    }

    public int depthOf(String id) {
        return ancestorsOf(id).size();
    }

    /** Names from the root to {@code id}, joined as the API's {@code path}. */
    public String pathOf(String id) {
        return Ancestry.path(ancestorsOf(id), byId.get(id));
    }

    /** Every category below {@code id}, parents before their children (breadth first). */
    public List<Category> descendantsOf(String id) {
        List<Category> found = new ArrayList<>();
        Set<String> seen = new HashSet<>(Set.of(id));
        Deque<String> queue = new ArrayDeque<>(List.of(id));
        while (!queue.isEmpty()) {
            for (Category child : childrenOf(queue.removeFirst())) {
                if (seen.add(child.id())) {
                    found.add(child);
                    queue.addLast(child.id());
                }
            }
        }
        return found;
    }

    /** Levels below {@code id}: 0 for a leaf. */
    public int heightOf(String id) {
        int height = 0;
        Map<String, Integer> depthBelow = new HashMap<>(Map.of(id, 0));
        for (Category descendant : descendantsOf(id)) {
            int level = depthBelow.get(descendant.parentId()) + 1;
            depthBelow.put(descendant.id(), level);
            height = Math.max(height, level);
        }
        return height;
    }

    /** The active category other than those in {@code except} whose name key is {@code key}, if any. */
    public Category activeNamed(String key, Set<String> except) {
        return categories.stream()
                .filter(c -> c.active() && c.nameKey().equals(key) && !except.contains(c.id()))
                .findFirst()
                .orElse(null);
    }

    long estimatedBytes() {
        return estimatedBytes;
    }

    /** A category's heap, estimated: fixed overhead plus two bytes a character of its strings and metadata. */
    static long estimate(Category category) {
        long chars = length(category.organizationId()) + length(category.id()) + length(category.name())
                + length(category.description()) + length(category.parentId()) + length(category.createdBy())
                + length(category.updatedBy());
        long metadata = 0;
        if (category.metadata() != null) {
            for (Map.Entry<String, Object> entry : category.metadata().entrySet()) {
                metadata += 64 + 2L * (entry.getKey().length() + String.valueOf(entry.getValue()).length());
            }
        }
        return PER_CATEGORY + 2 * chars + metadata;
    }

    private static int length(String value) {
        return value == null ? 0 : value.length() + 24;
    }
}
