package com.awsinsight.categories.domain.ports;

import com.awsinsight.categories.domain.model.ChangePage;
import com.awsinsight.categories.domain.model.Slice;
import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.model.Position;
import com.awsinsight.categories.domain.model.CategoryQuery;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The categories of one organization, as the domain needs them. A repository is bound to one organization
 * and one request (it reports to that request's {@link StoreMetrics}) when {@link Store#categories} makes it:
 * no method takes an organization, so a request can only ever read and write its caller's own partition.
 *
 * <p>Three reads answer from the store's indexes of the gateway's attributes ({@code nameKey},
 * {@code parentKey}): {@link #findChildren}, {@link #findByNameKey} and {@link #list} of a query that
 * {@link CategoryQuery#readsGatewayIndex() reads such an index} (every listing in name order). Categories
 * written by the Node service lack those attributes until {@code migrate} adds them, and these reads do not
 * see them; callers trust them only
 * for an organization that {@link WriteCoordination#indexedSince is indexed}. Every other read sees every
 * category.
 */
public interface CategoryRepository {

    String organizationId();

    /** The categories with these ids, in one batched read; missing ids are absent from the map. */
    Map<String, Category> findByIds(Collection<String> ids);

    /**
     * All indexed children (active or not) of each parent, sorted by name; {@code null} stands for the roots.
     * Parents are read in parallel, one call each: callers batch small sets only.
     */
    Map<String, List<Category>> findChildren(Collection<String> parentIds);

    /** Every category of the organization, active or not, read page by page. */
    List<Category> findAll();

    /** Indexed categories (active or not) whose {@link CategoryRules#nameKey name key} is {@code nameKey}. */
    List<Category> findByNameKey(String nameKey);

    /**
     * Up to {@code limit} categories matching {@code query}, in its order, strictly after {@code after}, reading
     * at most about {@code maxRead} candidates from the index: empty when the page is still not complete after
     * them (its filter discarded too many), so a caller can answer it from the whole organization instead of
     * reading on.
     */
    Optional<Slice<Category>> list(CategoryQuery query, Position after, int limit, int maxRead);

    /**
     * Up to {@code limit} categories (active or not) in id order, strictly after {@code afterId} (null: from the
     * first), read strongly consistently: every category, including those the Node service wrote.
     */
    ChangePage pageById(String afterId, int limit);

    /**
     * Up to {@code limit} categories (active or not) whose last change, the position ({@code updatedAt} as
     * stored, id), comes strictly after {@code after}, oldest change first; each is returned as it is now
     * (strongly consistent). A position with an empty id stands for a point in time: every change at or after
     * its {@code updatedAt} follows it.
     */
    ChangePage changedAfter(Position after, int limit);

    /** Writes a new category; a CONFLICT if the id exists. */
    void insert(Category category);

    /**
     * Writes {@code updated} over {@code current} (the same category as read) if its stored version is still
     * {@code current.version()}; a CONFLICT (the stale version) otherwise, NOT_FOUND when it is gone. Only the
     * attributes of the {@link Category#document() document} whose value differs between the two are written, with
     * the store's own attributes ({@code version}, {@code updatedBy}, index attributes): every other attribute of the
     * item, including ones the gateway does not know, stays byte for byte as it was.
     */
    void update(Category current, Category updated);

    /**
     * Writes new categories (fresh ids) in batches of at most 25, in list order, retrying unprocessed items;
     * when it returns, every item is stored. Unconditional: callers guarantee the ids are new.
     */
    void insertAll(List<Category> categories);
}
