package com.awsinsight.categories.domain.model;

import com.awsinsight.categories.domain.json.JsonText;
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

    /**
     * What {@link #createdAtOrUnrecorded()} gives for a version whose item does not record when it was saved: the
     * Unix epoch. The API's {@code Template.createdAt} is non-null, as {@code Category.createdAt} is, because
     * GraphQL refuses one selection set that selects a field name with two nullabilities (e.g. {@code createdAt}
     * on both under {@code node}).
     */
    public static final Instant UNRECORDED_CREATED_AT = Instant.EPOCH;

    /** Between a template's id and its version in a {@link #versionId() version id}. */
    public static final char VERSION_SEPARATOR = '@';

    public Template {
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    /**
     * The id of this version as an object of the API ({@code tpl-cloud-baseline@2}): every version is its own
     * object, and no category's API id takes this form (a stored category id with an {@code @} is given in its
     * encoded form, see {@code GlobalIds}; template ids follow {@link CategoryRules#validTemplateId}).
     */
    public String versionId() {
        return versionId(id, version);
    }

    /** When this version was saved, or {@link #UNRECORDED_CREATED_AT} when its item does not say. */
    public Instant createdAtOrUnrecorded() {
        return createdAt == null ? UNRECORDED_CREATED_AT : createdAt;
    }

    public static String versionId(String templateId, int version) {
        return templateId + VERSION_SEPARATOR + version;
    }

    /** Whether {@code id} names one version of a template rather than a category or a whole template. */
    public static boolean isVersionId(String id) {
        return id != null && id.indexOf(VERSION_SEPARATOR) >= 0;
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
