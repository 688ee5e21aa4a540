package com.awsinsight.categories.domain;

import java.util.Comparator;

/**
 * The orders a category listing can take. Each is a total order (ties broken by id) so keyset
 * pagination with a {@link Position} is exact; names compare by their UTF-8 bytes, as DynamoDB
 * sorts string keys.
 */
public enum CategoryOrder {
    NAME_ASC,
    CREATED_AT_ASC,
    CREATED_AT_DESC;

    public String sortValue(Category category) {
        return this == NAME_ASC ? category.name() : Timestamps.format(category.createdAt());
    }

    public Comparator<Category> comparator() {
        Comparator<Category> ascending = Comparator
                .comparing((Category c) -> sortValue(c), Utf8Order.INSTANCE)
                .thenComparing(Category::id, Utf8Order.INSTANCE);
        return this == CREATED_AT_DESC ? ascending.reversed() : ascending;
    }

    /** Whether {@code category} comes strictly after {@code position} in this order. */
    public boolean isAfter(Category category, Position position) {
        int bySort = Utf8Order.INSTANCE.compare(sortValue(category), position.sortValue());
        int cmp = bySort != 0 ? bySort : Utf8Order.INSTANCE.compare(category.id(), position.id());
        return this == CREATED_AT_DESC ? cmp < 0 : cmp > 0;
    }
}
