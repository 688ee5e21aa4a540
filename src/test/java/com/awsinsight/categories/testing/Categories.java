package com.awsinsight.categories.testing;

import com.awsinsight.categories.domain.model.Category;

import java.time.Instant;
import java.util.Map;

/**
 * Test data: a category with sensible defaults, so a test names only what it is about. By default an active root
 * named after its id, created and updated at {@link #DEFAULT_TIME} by {@code fixture}, version 1, as the gateway
 * writes it; {@link #asNodeServiceWroteIt()} gives the Node service's shape (version 0, no {@code updatedBy}).
 *
 * <pre>{@code category(org, "cat-ec2").named("EC2").under(computeId).build()}</pre>
 */
public final class Categories {
    public static final Instant DEFAULT_TIME = Instant.parse("2024-01-15T10:30:00Z");

    private final String organizationId;
    private final String id;
    private String name;
    private String description;
    private String parentId;
    private Map<String, Object> metadata;
    private Instant createdAt = DEFAULT_TIME;
    private Instant updatedAt = DEFAULT_TIME;
    private String createdBy = "fixture";
    private String updatedBy = "fixture";
    private boolean active = true;
    private long version = 1;

    private Categories(String organizationId, String id) {
        this.organizationId = organizationId;
        this.id = id;
        this.name = id;
    }

    /** A category of {@code organizationId} with this id (and, until {@link #named}, this name). */
    public static Categories category(String organizationId, String id) {
        return new Categories(organizationId, id);
    }

    public Categories named(String name) {
        this.name = name;
        return this;
    }

    public Categories described(String description) {
        this.description = description;
        return this;
    }

    /** Under {@code parentId}; null makes it a root. */
    public Categories under(String parentId) {
        this.parentId = parentId;
        return this;
    }

    public Categories metadata(Map<String, Object> metadata) {
        this.metadata = metadata;
        return this;
    }

    /** Created (and last updated) at {@code at}. */
    public Categories at(Instant at) {
        this.createdAt = at;
        this.updatedAt = at;
        return this;
    }

    public Categories updatedAt(Instant at) {
        this.updatedAt = at;
        return this;
    }

    /** Created and last updated by {@code userId}. */
    public Categories by(String userId) {
        this.createdBy = userId;
        this.updatedBy = userId;
        return this;
    }

    public Categories active(boolean active) {
        this.active = active;
        return this;
    }

    public Categories inactive() {
        return active(false);
    }

    public Categories version(long version) {
        this.version = version;
        return this;
    }

    /** As the Node service writes a category: version 0, no {@code updatedBy} (call it after {@link #by}). */
    public Categories asNodeServiceWroteIt() {
        this.version = 0;
        this.updatedBy = null;
        return this;
    }

    public Category build() {
        return new Category(organizationId, id, name, description, parentId, metadata, createdAt, updatedAt, createdBy,
                updatedBy, active, version);
    }
}
