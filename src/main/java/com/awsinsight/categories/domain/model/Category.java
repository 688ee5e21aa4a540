package com.awsinsight.categories.domain.model;

import java.time.Instant;
import java.util.Comparator;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One node of an organization's category tree, exactly the Node service's document plus {@code updatedBy} and
 * a {@code version} for optimistic concurrency. The tree is formed by {@code parentId} alone; depth,
 * path and children are derived, never stored, so a move touches one item.
 */
public record Category(
        String organizationId,
        String id,
        String name,
        String description,
        String parentId,
        Map<String, Object> metadata,
        Instant createdAt,
        Instant updatedAt,
        String createdBy,
        String updatedBy,
        boolean active,
        long version) {

    /**
     * Oldest first (creation time, then id): which of several categories sharing a name key holds it when
     * no claim decides, e.g. among duplicates the Node service allowed.
     */
    public static final Comparator<Category> OLDEST_FIRST =
            Comparator.comparing(Category::createdAt).thenComparing(Category::id);

    public Category {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        metadata = metadata == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    public boolean isRoot() {
        return parentId == null;
    }

    /** The case- and space-insensitive form of the name that uniqueness is decided on. */
    public String nameKey() {
        return CategoryRules.nameKey(name);
    }

    public Category withChanges(String newName, String newDescription, Map<String, Object> newMetadata,
                                String userId, Instant now) {
        return new Category(organizationId, id, newName, newDescription, parentId, newMetadata,
                createdAt, now, createdBy, userId, active, version + 1);
    }

    public Category withParent(String newParentId, String userId, Instant now) {
        return new Category(organizationId, id, name, description, newParentId, metadata,
                createdAt, now, createdBy, userId, active, version + 1);
    }

    public Category withActive(boolean newActive, String userId, Instant now) {
        return new Category(organizationId, id, name, description, parentId, metadata,
                createdAt, now, createdBy, userId, newActive, version + 1);
    }
}
