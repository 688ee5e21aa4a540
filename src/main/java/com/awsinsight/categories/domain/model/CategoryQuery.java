package com.awsinsight.categories.domain.model;

/**
 * What a category listing asks for. {@link #matches} is the one definition of the filter, used by
 * every store after it reads a candidate.
 */
public record CategoryQuery(String nameContains, String parentId, boolean rootsOnly, boolean includeInactive,
                            CategoryOrder order) {

    public CategoryQuery {
        nameContains = nameContains == null || nameContains.isBlank() ? null : CategoryRules.nameKey(nameContains);
        order = order == null ? CategoryOrder.NAME_ASC : order;
    }

    public static CategoryQuery all() {
        return new CategoryQuery(null, null, false, false, CategoryOrder.NAME_ASC);
    }

    public boolean matches(Category category) {
        if (!includeInactive && !category.active()) {
            return false;
        }
        if (rootsOnly && !category.isRoot()) {
            return false;
        }
        if (parentId != null && !parentId.equals(category.parentId())) {
            return false;
        }
        return nameContains == null || category.nameKey().contains(nameContains);
    }

    /**
     * Whether stores answer this query from an index of the gateway's own attributes, which holds indexed
     * categories only: every listing in name order (by parent: children or roots; otherwise: all names),
     * because names are ordered by their normalized form, which only the gateway writes.
     */
    public boolean readsGatewayIndex() {
        return order == CategoryOrder.NAME_ASC;
    }

    /** Whether a listing asks for the children of one parent (or the roots). */
    public boolean readsByParent() {
        return parentId != null || rootsOnly;
    }

    /** A stable text of the query, which cursors are bound to. */
    public String fingerprint() {
        return String.join("|", String.valueOf(nameContains), String.valueOf(parentId),
                String.valueOf(rootsOnly), String.valueOf(includeInactive), order.name());
    }
}
