package com.awsinsight.categories.edge.rest;

import com.awsinsight.categories.domain.model.Template;
import com.awsinsight.categories.domain.model.Timestamps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The legacy REST API's documents (v1), made field for field from the data of its fixed GraphQL operations
 * (plain maps, lists and scalars), so existing clients of the Node service read the same JSON: a category is
 * its item's document as stored (organizationId, categoryId, categoryName, description, parentCategoryId,
 * metadata, createdAt, updatedAt, createdBy, isActive; attributes the item lacks left out; the version travels in
 * the ETag only); a template is its table item (templateId, version, templateType, name, description, categories,
 * createdAt, expiresAt).
 */
final class V1Documents {
    /**
     * GraphQL's {@code Template.createdAt} for a version whose item records no save time (it is non-null there); the
     * REST document says null, as it always did.
     */
    private static final String UNRECORDED = Timestamps.format(Template.UNRECORDED_CREATED_AT);

    private V1Documents() {
    }

    /**
     * A category's document: the {@code restDocument} its operation selected, which is the item's document exactly
     * as stored ({@code Category#document}); nothing is re-rendered here.
     */
    static Map<String, Object> category(Map<String, Object> node) {
        return map(node.get("restDocument"));
    }

    static Map<String, Object> template(Map<String, Object> node) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("templateId", node.get("templateId"));
        document.put("version", node.get("version"));
        document.put("templateType", node.get("templateType"));
        document.put("name", node.get("name"));
        document.put("description", node.get("description"));
        document.put("categories", templateCategories(list(node.get("categories"))));
        document.put("createdAt", UNRECORDED.equals(node.get("createdAt")) ? null : node.get("createdAt"));
        document.put("expiresAt", node.get("expiresAt"));
        return document;
    }

    /** A page in the v1 list shape: {@code { "items": [...], "nextCursor": "..." | null }}. */
    static Map<String, Object> page(List<Map<String, Object>> items, Map<String, Object> pageInfo) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", items);
        page.put("nextCursor", Boolean.TRUE.equals(pageInfo.get("hasNextPage")) ? pageInfo.get("endCursor") : null);
        return page;
    }

    /** The nodes of a connection's edges. */
    static List<Map<String, Object>> nodes(Map<String, Object> connection) {
        return list(connection.get("edges")).stream().map(edge -> map(edge.get("node"))).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value == null ? null : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    private static List<Map<String, Object>> templateCategories(List<Map<String, Object>> nodes) {
        List<Map<String, Object>> categories = new ArrayList<>();
        for (Map<String, Object> node : nodes) {
            Map<String, Object> category = new LinkedHashMap<>();
            category.put("name", node.get("name"));
            category.put("description", node.get("description"));
            category.put("metadata", node.get("metadata"));
            category.put("children", templateCategories(list(node.get("children"))));
            categories.add(category);
        }
        return categories;
    }
}
