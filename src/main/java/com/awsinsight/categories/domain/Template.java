package com.awsinsight.categories.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * A versioned blueprint of a category tree, as the Node service's templates table keeps it (templateId,
 * version, templateType, expiresAt). A template without {@code organizationId} is shared by every
 * organization; one with it is visible to that organization only.
 */
public record Template(
        String id,
        int version,
        String name,
        String description,
        String templateType,
        String organizationId,
        List<TemplateNode> categories,
        Instant createdAt,
        Instant expiresAt) {

    public Template {
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    /** What the tree of categories takes as JSON (UTF-8 bytes): about what it weighs in a response and in its item. */
    public long contentBytes() {
        return JsonText.write(categories.stream().map(TemplateNode::toJson).toList()).getBytes(StandardCharsets.UTF_8).length;
    }

    public int nodeCount() {
        return categories.stream().mapToInt(TemplateNode::size).sum();
    }

    /**
     * DynamoDB's TTL deletes expired items only eventually (and the test server never does), so
     * expiry is decided here, on read.
     */
    public boolean isVisibleTo(String callerOrganizationId, Instant now) {
        boolean expired = expiresAt != null && !expiresAt.isAfter(now);
        boolean shared = organizationId == null || organizationId.equals(callerOrganizationId);
        return shared && !expired;
    }
}
