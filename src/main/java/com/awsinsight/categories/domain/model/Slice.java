package com.awsinsight.categories.domain.model;

import java.util.List;

/** Up to the requested number of items in order, and whether more follow. */
public record Slice<T>(List<T> items, boolean hasMore) {
    public Slice {
        items = List.copyOf(items);
    }
}
