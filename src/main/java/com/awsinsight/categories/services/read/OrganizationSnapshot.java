package com.awsinsight.categories.services.read;

import com.awsinsight.categories.domain.model.Ancestry;
import com.awsinsight.categories.domain.model.Category;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every category of one organization as one read found them, with the indexes a request answers from (by id,
 * children by parent in name order), built once and never changed, so one snapshot can serve many requests
 * at once. {@link #estimatedBytes()} is what it is charged against the process's cache cap.
 */
final class OrganizationSnapshot {
    /** Heap per category beyond its strings and metadata: the record, two Instants, map and list entries. */
    private static final long PER_CATEGORY = 360;

    private final List<Category> categories;
    private final Map<String, Category> byId;
    private final Map<String, List<Category>> childrenByParent;
    private final long estimatedBytes;

    OrganizationSnapshot(List<Category> categories) {
        this.categories = List.copyOf(categories);
        this.byId = this.categories.stream().collect(Collectors.toUnmodifiableMap(Category::id, Function.identity(), (a, b) -> a));
        this.childrenByParent = Map.copyOf(Ancestry.childrenByParent(this.categories));
        this.estimatedBytes = this.categories.stream().mapToLong(OrganizationSnapshot::estimate).sum();
    }

    List<Category> categories() {
        return categories;
    }

    Category get(String id) {
        return byId.get(id);
    }

    Map<String, Category> byId() {
        return byId;
    }

    Map<String, List<Category>> childrenByParent() {
        return childrenByParent;
    }

    long estimatedBytes() {
        return estimatedBytes;
    }

    /** A category's heap, estimated: fixed overhead plus two bytes a character of its strings and metadata. */
    static long estimate(Category category) {
        long chars = length(category.organizationId()) + length(category.id()) + length(category.name())
                + length(category.description()) + length(category.parentId()) + length(category.createdBy())
                + length(category.updatedBy());
        long metadata = 0;
        if (category.metadata() != null) {
            for (Map.Entry<String, Object> entry : category.metadata().entrySet()) {
                metadata += 64 + 2L * (entry.getKey().length() + String.valueOf(entry.getValue()).length());
            }
        }
        return PER_CATEGORY + 2 * chars + metadata;
    }

    private static int length(String value) {
        return value == null ? 0 : value.length() + 24;
    }
}
