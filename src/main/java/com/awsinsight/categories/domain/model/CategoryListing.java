package com.awsinsight.categories.domain.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * A page of a listing computed from categories in memory, in exactly the order and with exactly the
 * cursor positions a store's index gives: the embedded store lists this way, and so does the gateway for
 * an organization whose index is not complete yet.
 */
public final class CategoryListing {

    private CategoryListing() {
    }

    /**
     * Up to {@code limit} categories of {@code all} that match {@code query}, in its order, strictly after
     * {@code after}.
     */
    public static Slice<Category> page(Collection<Category> all, CategoryQuery query, Position after, int limit) {
        List<Category> matching = firstInOrder(all, query::matches, query.order(), after, limit + 1);
        boolean hasMore = matching.size() > limit;
        return new Slice<>(hasMore ? matching.subList(0, limit) : matching, hasMore);
    }

    /**
     * The first {@code count} categories of {@code all} accepted by {@code filter}, in {@code order}, strictly
     * after {@code after} (null: from the start). Keeps only the best {@code count} while it scans, so a page of 20
     * of 10,000 categories never sorts the 10,000, and computes each category's sort value once.
     */
    public static List<Category> firstInOrder(Collection<Category> all, Predicate<Category> filter, CategoryOrder order,
                                              Position after, int count) {
        Comparator<Ranked> inOrder = (a, b) -> order.compare(a.position(), b.position());
        PriorityQueue<Ranked> best = new PriorityQueue<>(count + 1, inOrder.reversed());
        for (Category category : all) {
            if (!filter.test(category)) {
                continue;
            }
            Position position = order.positionOf(category);
            if (after != null && order.compare(position, after) <= 0) {
                continue;
            }
            best.add(new Ranked(position, category));
            if (best.size() > count) {
                best.poll();
            }
        }
        List<Ranked> ranked = new ArrayList<>(best);
        ranked.sort(inOrder);
        return ranked.stream().map(Ranked::category).toList();
    }

    /** {@code categories} in {@code order}, with each category's sort value computed once (not per comparison). */
    public static List<Category> sorted(Collection<Category> categories, CategoryOrder order) {
        List<Ranked> ranked = new ArrayList<>(categories.size());
        categories.forEach(c -> ranked.add(new Ranked(order.positionOf(c), c)));
        ranked.sort((a, b) -> order.compare(a.position(), b.position()));
        return ranked.stream().map(Ranked::category).toList();
    }

    private record Ranked(Position position, Category category) {
    }
}
