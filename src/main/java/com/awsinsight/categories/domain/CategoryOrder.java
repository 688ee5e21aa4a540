package com.awsinsight.categories.domain;

import java.util.Comparator;

/**
 * The orders a category listing can take. Each is a total order (ties broken by id) so keyset
 * pagination with a {@link Position} is exact. Names are ordered as people read them, ignoring case: by
 * the normalized name ({@link CategoryRules#nameKey}: trimmed, NFC, lower-cased), so "Artifact Registry"
 * comes before "AWS Backup". Sort values compare by their UTF-8 bytes, as DynamoDB sorts the string keys
 * of the indexes that page them (NameKeyIndex, ParentIndex, CreatedAtIndex).
 */
public enum CategoryOrder {
    NAME_ASC,
    CREATED_AT_ASC,
    CREATED_AT_DESC;

    /** What the order sorts on: the name key for {@link #NAME_ASC}, the stored creation time otherwise. */
    public String sortValue(Category category) {
        return this == NAME_ASC ? category.nameKey() : Timestamps.format(category.createdAt());
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
