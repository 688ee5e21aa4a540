package com.awsinsight.categories.domain.ports;

import com.awsinsight.categories.domain.model.Category;
import java.util.Objects;

/**
 * A category as a store holds it, with whether its item carries the store's index attributes
 * ({@code nameKey}, {@code parentKey}) that match its name and parent. The gateway's writes always do;
 * items written by the Node service do not until {@code migrate} backfills them.
 */
public record StoredCategory(Category category, boolean indexed) {
    public StoredCategory {
        Objects.requireNonNull(category, "category");
    }
}
