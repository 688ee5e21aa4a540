package com.awsinsight.categories.domain.model;

import java.util.List;

/**
 * A page of categories read in a change-feed order (by id for a full read, by last change for the changes since
 * a point), each as it is now, and the position in that order where the page ended. The position is the order's
 * own (the index entry's), which can lie before the current state of the last category (it changed again since
 * the index was read): resuming from it never skips an entry.
 */
public record ChangePage(List<Category> categories, Position end, boolean hasMore) {
    public ChangePage {
        categories = List.copyOf(categories);
    }
}
