package com.awsinsight.categories.domain.model;

import com.awsinsight.categories.domain.model.StoredForm.Attribute;

import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One node of an organization's category tree, exactly the Node service's document plus {@code updatedBy} and
 * a {@code version} for optimistic concurrency. The tree is formed by {@code parentId} alone; depth,
 * path and children are derived, never stored, so a move touches one item.
 *
 * <p>{@code stored} says how the item holds the document's optional attributes where the Node service wrote them
 * differently from the gateway (absent attributes, timestamps in another spelling); the constructor refuses a
 * form that contradicts the values, and every {@code with...} method keeps the form of what it does not change.
 * So {@link #document()} is the item's document exactly as stored, and a write changes only what it changed.
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
        long version,
        StoredForm stored) {

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
        Objects.requireNonNull(stored, "stored");
        metadata = metadata == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        requireConsistent(stored, description, parentId, metadata, createdAt, updatedAt, createdBy, active);
    }

    /** A category as the gateway writes it: every attribute present, in the gateway's own spelling. */
    public Category(String organizationId, String id, String name, String description, String parentId,
                    Map<String, Object> metadata, Instant createdAt, Instant updatedAt, String createdBy,
                    String updatedBy, boolean active, long version) {
        this(organizationId, id, name, description, parentId, metadata, createdAt, updatedAt, createdBy, updatedBy,
                active, version, StoredForm.GATEWAY);
    }

    public boolean isRoot() {
        return parentId == null;
    }

    /** The case- and space-insensitive form of the name that uniqueness is decided on. */
    public String nameKey() {
        return CategoryRules.nameKey(name);
    }

    /** {@code createdAt} as stored (the gateway's spelling for what it wrote); null when the item lacks it. */
    public String createdAtText() {
        return timestampText(Attribute.CREATED_AT, createdAt);
    }

    /** {@code updatedAt} as stored (the gateway's spelling for what it wrote); null when the item lacks it. */
    public String updatedAtText() {
        return timestampText(Attribute.UPDATED_AT, updatedAt);
    }

    /**
     * The Node service's document of this category, as its item holds it: {@code organizationId, categoryId,
     * categoryName, description, parentCategoryId, metadata, createdAt, updatedAt, createdBy, isActive} in that
     * order, without the attributes the item lacks, each value as stored (null where the item holds null). What
     * the REST API returns, and what a store writes of the category besides its own attributes.
     */
    public Map<String, Object> document() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("organizationId", organizationId);
        document.put("categoryId", id);
        document.put("categoryName", name);
        put(document, Attribute.DESCRIPTION, description);
        String parentText = stored.text(Attribute.PARENT_CATEGORY_ID);
        put(document, Attribute.PARENT_CATEGORY_ID, parentText != null ? parentText : parentId);
        put(document, Attribute.METADATA, metadata);
        put(document, Attribute.CREATED_AT, createdAtText());
        put(document, Attribute.UPDATED_AT, updatedAtText());
        put(document, Attribute.CREATED_BY, createdBy);
        put(document, Attribute.IS_ACTIVE, active);
        return document;
    }

    public Category withChanges(String newName, String newDescription, Map<String, Object> newMetadata,
                                String userId, Instant now) {
        return changed(newName, newDescription, newMetadata, parentId, active, userId, now);
    }

    public Category withParent(String newParentId, String userId, Instant now) {
        return changed(name, description, metadata, newParentId, active, userId, now);
    }

    public Category withActive(boolean newActive, String userId, Instant now) {
        return changed(name, description, metadata, parentId, newActive, userId, now);
    }

    /**
     * The category after one write by {@code userId} at {@code now} that sets these values: one version more, and
     * the attributes whose value changes (and {@code updatedAt}) in the gateway's form; the others keep theirs.
     */
    public Category changed(String newName, String newDescription, Map<String, Object> newMetadata, String newParentId,
                            boolean newActive, String userId, Instant now) {
        Set<Attribute> written = EnumSet.of(Attribute.UPDATED_AT);
        if (!Objects.equals(description, newDescription)) {
            written.add(Attribute.DESCRIPTION);
        }
        if (!Objects.equals(metadata, newMetadata)) {
            written.add(Attribute.METADATA);
        }
        if (!Objects.equals(parentId, newParentId)) {
            written.add(Attribute.PARENT_CATEGORY_ID);
        }
        if (active != newActive) {
            written.add(Attribute.IS_ACTIVE);
        }
        return new Category(organizationId, id, newName, newDescription, newParentId, newMetadata,
                createdAt, now, createdBy, userId, newActive, version + 1, stored.written(written));
    }

    private String timestampText(Attribute attribute, Instant instant) {
        if (!stored.has(attribute)) {
            return null;
        }
        String text = stored.text(attribute);
        return text != null ? text : Timestamps.format(instant);
    }

    private void put(Map<String, Object> document, Attribute attribute, Object value) {
        if (stored.has(attribute)) {
            document.put(attribute.itemName(), value);
        }
    }

    /**
     * Refuses a form that contradicts the values: an absent attribute has the value an item without it reads as
     * (null; active; {@code createdAt} the epoch; {@code updatedAt} the creation time), and a stored text stands for
     * the value (a timestamp for the same instant, a blank parent id for a root).
     */
    private static void requireConsistent(StoredForm stored, String description, String parentId, Map<String, Object> metadata,
                                          Instant createdAt, Instant updatedAt, String createdBy, boolean active) {
        boolean consistent = (stored.has(Attribute.DESCRIPTION) || description == null)
                && (stored.has(Attribute.PARENT_CATEGORY_ID) || parentId == null)
                && (stored.has(Attribute.METADATA) || metadata == null)
                && (stored.has(Attribute.CREATED_AT) || createdAt.equals(Instant.EPOCH))
                && (stored.has(Attribute.UPDATED_AT) || updatedAt.equals(createdAt))
                && (stored.has(Attribute.CREATED_BY) || createdBy == null)
                && (stored.has(Attribute.IS_ACTIVE) || active)
                && standsFor(stored.text(Attribute.CREATED_AT), createdAt)
                && standsFor(stored.text(Attribute.UPDATED_AT), updatedAt)
                && (stored.text(Attribute.PARENT_CATEGORY_ID) == null
                        || parentId == null && stored.text(Attribute.PARENT_CATEGORY_ID).isBlank());
        if (!consistent) {
            throw new IllegalArgumentException("The stored form " + stored + " contradicts the category's values");
        }
    }

    private static boolean standsFor(String text, Instant instant) {
        return text == null || Timestamps.parse(text).equals(instant);
    }
}
