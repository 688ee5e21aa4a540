package com.awsinsight.categories.edge.rest;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns GraphQL results into the seed's REST documents, field for field, so that existing clients of
 * the Node service read the same JSON: a category is exactly organizationId, categoryId, categoryName,
 * description, parentCategoryId, metadata, createdAt, updatedAt, createdBy, isActive (version travels
 * in the ETag only); a template is its table item (templateId, version, templateType, name, ...).
 */
final class V1Documents {
    /** GraphQL argument paths as the REST routes name them, for the {@code field} of errors. */
    private static final Map<String, String> REST_FIELDS = Map.ofEntries(
            Map.entry("name", "categoryName"),
            Map.entry("input.name", "categoryName"),
            Map.entry("input.description", "description"),
            Map.entry("input.metadata", "metadata"),
            Map.entry("parentId", "parentCategoryId"),
            Map.entry("filter.parentId", "parentCategoryId"),
            Map.entry("filter.nameContains", "filter"),
            Map.entry("first", "limit"),
            Map.entry("after", "cursor"),
            Map.entry("expectedVersion", "If-Match"),
            Map.entry("clientMutationId", "Idempotency-Key"));

    private V1Documents() {
    }

    static Map<String, Object> category(String organizationId, JsonNode node) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("organizationId", organizationId);
        document.put("categoryId", node.path("id").asText());
        document.put("categoryName", node.path("name").asText());
        document.put("description", node.get("description"));
        document.put("parentCategoryId", node.get("parentId"));
        document.put("metadata", node.get("metadata"));
        document.put("createdAt", node.get("createdAt"));
        document.put("updatedAt", node.get("updatedAt"));
        document.put("createdBy", node.get("createdBy"));
        document.put("isActive", node.path("isActive").asBoolean());
        return document;
    }

    static Map<String, Object> template(JsonNode node) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("templateId", node.path("id").asText());
        document.put("version", node.path("version").asInt());
        document.put("templateType", node.path("templateType").asText());
        document.put("name", node.path("name").asText());
        document.put("description", node.get("description"));
        document.put("categories", templateCategories(node.path("categories")));
        document.put("createdAt", node.get("createdAt"));
        document.put("expiresAt", node.get("expiresAt"));
        return document;
    }

    /** A page in the seed's list shape: {@code { "items": [...], "nextCursor": "..." | null }}. */
    static Map<String, Object> page(List<Map<String, Object>> items, JsonNode pageInfo) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", items);
        boolean more = pageInfo.path("hasNextPage").asBoolean(false);
        page.put("nextCursor", more ? pageInfo.path("endCursor").asText(null) : null);
        return page;
    }

    static String restField(String graphQLField) {
        return graphQLField == null ? null : REST_FIELDS.getOrDefault(graphQLField, graphQLField);
    }

    private static List<Map<String, Object>> templateCategories(JsonNode nodes) {
        List<Map<String, Object>> categories = new ArrayList<>();
        for (JsonNode node : nodes) {
            Map<String, Object> category = new LinkedHashMap<>();
            category.put("name", node.path("name").asText());
            category.put("description", node.get("description"));
            category.put("metadata", node.get("metadata"));
            category.put("children", templateCategories(node.path("children")));
            categories.add(category);
        }
        return categories;
    }
}
