package com.awsinsight.categories.domain.model;

import java.util.List;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One category definition inside a template, with its own children. */
public record TemplateNode(String name, String description, Map<String, Object> metadata, List<TemplateNode> children) {
    public TemplateNode {
        children = children == null ? List.of() : List.copyOf(children);
        metadata = metadata == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** This node and its children as JSON values (maps, lists, strings), as a response or an item holds them. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("description", description);
        json.put("metadata", metadata);
        json.put("children", children.stream().map(TemplateNode::toJson).toList());
        return json;
    }

    /** This node and all below it. */
    public int size() {
        return 1 + children.stream().mapToInt(TemplateNode::size).sum();
    }
}
