package com.awsinsight.categories.domain.error;

/**
 * The input a failure is about, in the domain's own terms. Each edge names it in its vocabulary: GraphQL by
 * argument or input field ({@code name}, {@code filter.parentId}), the legacy REST API by body field, query
 * parameter or header ({@code categoryName}, {@code parentCategoryId}, {@code If-Match}).
 */
public enum Field {
    /** The category (or template) an operation addresses. */
    ID,
    /** The objects a batched lookup addresses ({@code nodes(ids:)}). */
    IDS,
    NAME,
    DESCRIPTION,
    METADATA,
    /** The parent of a category being created or listed under. */
    PARENT_ID,
    /** The parent a category is moved under. */
    NEW_PARENT_ID,
    EXPECTED_VERSION,
    CASCADE,
    /** The idempotency key of a create. */
    CLIENT_MUTATION_ID,
    /** A page size. */
    FIRST,
    /** A page cursor. */
    AFTER,
    /** A sync token of delta sync ({@code categoryChanges(since:)}). */
    SINCE,
    /** The parent a listing is filtered by. */
    FILTER_PARENT_ID,
    ROOT_ID,
    MAX_DEPTH,
    /** The template an instantiation or lookup names. */
    TEMPLATE_ID,
    TEMPLATE_VERSION,
    /** A category name inside a template being instantiated (the template's content is at fault). */
    TEMPLATE_CATEGORY,
    /** Fields of a template being saved. */
    TEMPLATE_DRAFT_ID,
    TEMPLATE_DRAFT_NAME,
    TEMPLATE_DRAFT_DESCRIPTION,
    TEMPLATE_DRAFT_TYPE,
    TEMPLATE_DRAFT_CATEGORIES,
    TEMPLATE_DRAFT_EXPIRES_AT
}
