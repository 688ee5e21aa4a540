package com.awsinsight.categories.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test data: a category document as the Node service stored it, attribute by attribute, so a test names exactly
 * what the item holds (an attribute set to null is stored as NULL; one never set is absent). Starts with the four
 * attributes every item has: {@code organizationId}, {@code categoryId}, {@code categoryName} and
 * {@code isActive: true}. Write it with {@link NodeService#putDocuments}.
 *
 * <pre>{@code nodeDocument(org, "legacy-compute", "Compute").with("parentCategoryId", null)
 *     .with("createdAt", "2023-03-01T08:00:00Z").build()}</pre>
 */
public final class NodeDocuments {
    private final Map<String, Object> document = new LinkedHashMap<>();

    private NodeDocuments(String organizationId, String categoryId, String name) {
        document.put("organizationId", organizationId);
        document.put("categoryId", categoryId);
        document.put("categoryName", name);
        document.put("isActive", true);
    }

    public static NodeDocuments nodeDocument(String organizationId, String categoryId, String name) {
        return new NodeDocuments(organizationId, categoryId, name);
    }

    /** Sets {@code attribute} (null stores NULL). */
    public NodeDocuments with(String attribute, Object value) {
        document.put(attribute, value);
        return this;
    }

    /** Stamps {@code createdAt} and {@code updatedAt} with the same text. */
    public NodeDocuments at(String timestamp) {
        return with("createdAt", timestamp).with("updatedAt", timestamp);
    }

    /** The document, attributes in the order they were set and {@code isActive} last, as the Node service writes it. */
    public Map<String, Object> build() {
        Map<String, Object> built = new LinkedHashMap<>(document);
        built.remove("isActive");
        built.put("isActive", document.get("isActive"));
        return built;
    }
}
