package com.awsinsight.categories.domain;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Storage of one organization's categories, as the domain needs it. Instances are per request (they
 * report to that request's {@link StoreMetrics}); every method is scoped by the caller's organization.
 *
 * <p>Three reads answer from the store's own indexes of the gateway's attributes ({@code nameKey},
 * {@code parentKey}): {@link #findChildren}, {@link #findByNameKey} and {@link #list} of a query that
 * {@link CategoryQuery#readsByParent() reads by parent}. Categories written by the Node service lack those
 * attributes until {@code migrate} adds them, and these reads do not see them; callers trust them only
 * for an organization that {@link WriteCoordination#indexedSince is indexed}. Every other read sees every
 * category.
 */
public interface CategoryRepository {

    /** The categories with these ids, in one batched read; missing ids are absent from the map. */
    Map<String, Category> findByIds(String organizationId, Collection<String> ids);

    /**
     * All children (active or not) of each parent, sorted by name; {@code null} stands for the roots.
     * Parents are read in parallel, one call each: callers batch small sets only.
     */
    Map<String, List<Category>> findChildren(String organizationId, Collection<String> parentIds);

    /** Every category of the organization, active or not, read page by page. */
    List<Category> findAll(String organizationId);

    /** Indexed categories (active or not) whose {@link CategoryRules#nameKey name key} is {@code nameKey}. */
    List<Category> findByNameKey(String organizationId, String nameKey);

    /** Up to {@code limit} categories matching {@code query}, in its order, strictly after {@code after}. */
    Slice<Category> list(String organizationId, CategoryQuery query, Position after, int limit);

    /** Writes a new category; a CONFLICT if the id exists. */
    void insert(Category category);

    /** Replaces a category if its stored version is still {@code expectedVersion}; a CONFLICT otherwise. */
    void replace(Category category, long expectedVersion);

    /**
     * Writes new categories (fresh ids) in batches of at most 25, in list order, retrying unprocessed items;
     * when it returns, every item is stored. Unconditional: callers guarantee the ids are new.
     */
    void insertAll(List<Category> categories);
}
