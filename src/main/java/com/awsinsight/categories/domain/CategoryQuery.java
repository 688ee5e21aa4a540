package com.awsinsight.categories.domain;

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
     * Whether stores answer this query from their index of children by parent (children or roots in name
     * order), which holds indexed categories only.
     */
    public boolean readsByParent() {
        return order == CategoryOrder.NAME_ASC && (parentId != null || rootsOnly);
    }

    /** A stable text of the query, which cursors are bound to. */
    public String fingerprint() {
        return String.join("|", String.valueOf(nameContains), String.valueOf(parentId),
                String.valueOf(rootsOnly), String.valueOf(includeInactive), order.name());
    }
}
