package com.awsinsight.categories.domain.model;

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

    /**
     * What the order sorts on: the name key for {@link #NAME_ASC}, otherwise the creation time as stored (the text
     * CreatedAtIndex sorts, also where the Node service spelled it differently from the gateway).
     */
    public String sortValue(Category category) {
        if (this == NAME_ASC) {
            return category.nameKey();
        }
        String stored = category.createdAtText();
        return stored != null ? stored : Timestamps.format(category.createdAt());
    }

    /** Where {@code category} stands in this order: its sort value and id. */
    public Position positionOf(Category category) {
        return new Position(sortValue(category), category.id());
    }

    /** Compares two positions in this order: by sort value (UTF-8 bytes), ties by id. */
    public int compare(Position a, Position b) {
        int bySort = Utf8Order.INSTANCE.compare(a.sortValue(), b.sortValue());
        int cmp = bySort != 0 ? bySort : Utf8Order.INSTANCE.compare(a.id(), b.id());
        return this == CREATED_AT_DESC ? -cmp : cmp;
    }

    public Comparator<Category> comparator() {
        return (a, b) -> compare(positionOf(a), positionOf(b));
    }

    /** Whether {@code category} comes strictly after {@code position} in this order. */
    public boolean isAfter(Category category, Position position) {
        return compare(positionOf(category), position) > 0;
    }
}
