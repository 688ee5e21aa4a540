package com.awsinsight.categories.services.write;

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
import java.util.stream.Collectors;

/**
 * One strongly consistent read of a whole organization, taken under its lease, that structural writes
 * decide on: ancestors, depth, subtree height, descendants and paths, all from memory ({@link Ancestry}).
 */
public final class TreeSnapshot {
    private final Map<String, Category> byId;
    private final Map<String, List<Category>> childrenByParent;

    public TreeSnapshot(List<Category> all) {
        this.byId = all.stream().collect(Collectors.toUnmodifiableMap(Category::id, c -> c));
        this.childrenByParent = Ancestry.childrenByParent(all);
    }

    public Category get(String id) {
        return byId.get(id);
    }

    public List<Category> all() {
        return List.copyOf(byId.values());
    }

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
        return byId.values().stream()
                .filter(c -> c.active() && c.nameKey().equals(key) && !except.contains(c.id()))
                .findFirst()
                .orElse(null);
    }
}
