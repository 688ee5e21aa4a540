package com.awsinsight.categories.testing;

import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.domain.ports.StoreMetrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Generated organizations of a given size and depth, for budgets and benchmarks. */
public final class TreeFixtures {
    private TreeFixtures() {
    }

    /**
     * {@code size} categories over {@code depth} levels: each level about three times wider than the
     * one above, parents assigned round-robin, names unique.
     */
    public static List<Category> tree(String organizationId, int size, int depth) {
        int[] widths = widths(size, depth);
        List<Category> all = new ArrayList<>();
        List<Category> previous = List.of();
        Instant at = Instant.parse("2024-01-01T00:00:00Z");
        int counter = 0;
        for (int level = 0; level < depth; level++) {
            List<Category> current = new ArrayList<>();
            for (int i = 0; i < widths[level]; i++) {
                String parent = previous.isEmpty() ? null : previous.get(i % previous.size()).id();
                Instant created = at.plusSeconds(counter);
                Category category = Categories.category(organizationId, String.format("cat-%05d", counter))
                        .named("Node " + level + "-" + i).described("Generated category " + counter).under(parent)
                        .metadata(Map.of("level", level)).at(created).build();
                current.add(category);
                counter++;
            }
            all.addAll(current);
            previous = current;
        }
        return all;
    }

    /**
     * Writes the categories (in parallel) and marks their organizations indexed, as the gateway's own writes
     * leave them. Claims are not written: fixtures have unique names, and a missing claim is found and
     * backfilled through NameKeyIndex on the first conflict.
     */
    public static void insert(Store store, List<Category> categories) {
        categories.parallelStream().forEach(c -> store.categories(c.organizationId(), new StoreMetrics()).insert(c));
        categories.stream().map(Category::organizationId).distinct()
                .forEach(org -> store.coordination(org, new StoreMetrics()).markIndexed(Instant.parse("2024-01-01T00:00:00Z")));
    }

    private static int[] widths(int size, int depth) {
        int[] widths = new int[depth];
        double unit = size / ((Math.pow(3, depth) - 1) / 2);
        int assigned = 0;
        for (int level = 0; level < depth; level++) {
            widths[level] = Math.max(1, (int) Math.round(unit * Math.pow(3, level)));
            assigned += widths[level];
        }
        widths[depth - 1] += size - assigned;
        return widths;
    }
}
