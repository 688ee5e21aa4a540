package com.awsinsight.categories.domain;

import java.util.Collection;
import java.util.List;

/**
 * A page of a listing computed from categories in memory, in exactly the order and with exactly the
 * cursor positions a store's index gives: the embedded store lists this way, and so does the gateway for
 * an organization whose index is not complete yet.
 */
public final class CategoryListing {

    private CategoryListing() {
    }

    /** Up to {@code limit} categories of {@code all} that match {@code query}, in its order, strictly after {@code after}. */
    public static Slice<Category> page(Collection<Category> all, CategoryQuery query, Position after, int limit) {
        List<Category> matching = all.stream()
                .filter(query::matches)
                .filter(c -> after == null || query.order().isAfter(c, after))
                .sorted(query.order().comparator())
                .limit(limit + 1L)
                .toList();
        boolean hasMore = matching.size() > limit;
        return new Slice<>(hasMore ? matching.subList(0, limit) : matching, hasMore);
    }
}
