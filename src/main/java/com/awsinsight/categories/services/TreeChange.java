package com.awsinsight.categories.services;

import com.awsinsight.categories.domain.model.Category;

import java.util.List;

/**
 * What a structural write did, for a client cache to follow it: the category as it is now, the parent it had
 * before (moves), and every category whose state the write changed (the target included): the categories a
 * cascade delete switched off, deepest first, or a restore switched on, parents first.
 */
public record TreeChange(Category category, String previousParentId, List<Category> changed) {
    public TreeChange {
        changed = List.copyOf(changed);
    }
}
