package com.awsinsight.categories.services.read;

import com.awsinsight.categories.domain.model.Ancestry;
import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.model.CategoryListing;
import com.awsinsight.categories.domain.model.CategoryOrder;
import com.awsinsight.categories.domain.model.CategoryQuery;
import com.awsinsight.categories.domain.ports.CategoryRepository;
import com.awsinsight.categories.domain.model.CategoryRules;
import com.awsinsight.categories.domain.model.Position;
import com.awsinsight.categories.domain.model.Slice;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The read side of one request: answers batches of ids, children and ancestors for the DataLoaders,
 * from a request-local cache first and the repository second.
 *
 * <p>How reads are planned: point reads are batched by id. Children of a small set of parents are read
 * per parent in parallel (one round trip); children of more parents than the fan-out limit at once, or a
 * whole tree, are answered by reading the organization once, page by page, after which every relation of
 * the request is served from memory. So round trips grow with the organization's pages and the depth
 * asked, never with the number of nodes.
 *
 * <p>The store's children-by-parent and name-key reads see only indexed categories. For an organization
 * that is not {@link #indexComplete() indexed} yet (data the Node service wrote, before {@code migrate}),
 * children, name lookups and listings by parent are therefore answered from one read of the whole
 * organization instead, which sees every category: the same answers, at the price of that read.
 *
 * <p>Whole-organization reads go through the request's {@link OrganizationView}: when the process holds the
 * organization at the version its state item says, and nothing is being written, that snapshot answers
 * instead of the partition (and then children are answered from it too).
 *
 * <p>Instances belong to one request and one caller; they are never shared.
 */
public final class CategoryReader {
    private final CategoryRepository repository;
    private final int fanOutLimit;
    private final OrganizationView organization;
    private final Map<String, Category> byId = new HashMap<>();
    private final Set<String> missing = new HashSet<>();
    private final Map<String, List<Category>> childrenByParent = new HashMap<>();
    /** Ids of the categories this request has read or written through {@link #remember}; {@link #byId} holds them as they are now. */
    private final Set<String> remembered = new LinkedHashSet<>();
    private boolean wholeOrganizationLoaded;

    /**
     * @param organization the request's view of the organization's state item (read once, when first needed:
     *                     whether it is indexed, and at which version) and of the process's cache of it
     */
    public CategoryReader(CategoryRepository repository, int fanOutLimit, OrganizationView organization) {
        this.repository = repository;
        this.fanOutLimit = fanOutLimit;
        this.organization = organization;
    }

    /** Whether the store's index reads see every category of the organization. */
    public synchronized boolean indexComplete() {
        return organization.indexed();
    }

    /** Whether this request has read its whole organization (so every listing can be answered from memory). */
    public synchronized boolean wholeOrganizationLoaded() {
        return wholeOrganizationLoaded;
    }

    /**
     * Notes that this request reads a listing from an index (eventually consistent on DynamoDB): its result may
     * not be kept with a snapshot, even when the page is empty and the request reads the organization later.
     */
    public synchronized void readFromIndex() {
        organization.readOutsideSnapshot();
    }

    /** Whether the store reads a whole organization about as cheaply as one index page (in memory). */
    public boolean wholeOrganizationIsCheap() {
        return repository.wholeOrganizationIsCheap();
    }

    /**
     * Whether the process's cache holds the whole organization at the version this request may use (reads the
     * organization's state item, once per request, if not read yet).
     */
    public synchronized boolean organizationCached() {
        return organization.snapshotCached();
    }

    /**
     * {@link #organizationCached}, asked only when this request has read the state item already (a kept-result
     * check, a name-order listing): then answering from the snapshot costs no read at all.
     */
    public synchronized boolean organizationCachedWithoutARead() {
        return organization.stateRead() && organization.snapshotCached();
    }

    /** The categories for {@code ids} in key order, null where none exists. */
    public synchronized List<Category> byIds(List<String> ids) {
        if (!wholeOrganizationLoaded && organizationCachedWithoutARead()) {
            loadWholeOrganization();
        }
        Set<String> toRead = new LinkedHashSet<>();
        for (String id : ids) {
            if (!byId.containsKey(id) && !missing.contains(id) && !wholeOrganizationLoaded) {
                toRead.add(id);
            }
        }
        if (!toRead.isEmpty()) {
            organization.readOutsideSnapshot();
            Map<String, Category> found = repository.findByIds(toRead);
            byId.putAll(found);
            toRead.stream().filter(id -> !found.containsKey(id)).forEach(missing::add);
        }
        return ids.stream().map(byId::get).toList();
    }

    /** All children (active or not) of each parent ({@link Ancestry#ROOTS} for the roots), by name, in key order. */
    public synchronized List<List<Category>> childrenOf(List<String> parentKeys) {
        List<String> unknown = parentKeys.stream().filter(p -> !childrenByParent.containsKey(p)).distinct().toList();
        if (!unknown.isEmpty() && !wholeOrganizationLoaded) {
            if (unknown.size() > fanOutLimit || !indexComplete() || organization.snapshotCached()) {
                loadWholeOrganization();
            } else {
                readChildren(unknown);
            }
        }
        return parentKeys.stream().map(p -> childrenByParent.getOrDefault(p, List.of())).toList();
    }

    /** The breadcrumb of each category, from its root down to its parent, in key order. */
    public synchronized List<List<Category>> ancestorsOf(List<String> ids) {
        byIds(ids);
        for (int level = 0; level <= 2 * CategoryRules.MAX_TREE_LEVELS; level++) {
            Set<String> unread = new LinkedHashSet<>();
            for (String id : ids) {
                List<Category> known = Ancestry.chain(byId::get, id);
                Category top = known.isEmpty() ? byId.get(id) : known.get(0);
                if (top != null && !top.isRoot() && !missing.contains(top.parentId())) {
                    unread.add(top.parentId());
                }
            }
            if (unread.isEmpty()) {
                break;
            }
            byIds(List.copyOf(unread));
        }
        return ids.stream().map(id -> Ancestry.chain(byId::get, id)).toList();
    }

    /**
     * The active categories whose name key is {@code nameKey}, oldest first: from NameKeyIndex when the
     * organization is indexed, from the whole organization otherwise.
     */
    public synchronized List<Category> activeWithNameKey(String nameKey) {
        List<Category> found;
        if (wholeOrganizationLoaded || !indexComplete()) {
            loadWholeOrganization();
            found = byId.values().stream().filter(c -> c.nameKey().equals(nameKey)).toList();
        } else {
            organization.readOutsideSnapshot();
            found = repository.findByNameKey(nameKey);
            found.forEach(c -> byId.put(c.id(), c));
        }
        return found.stream().filter(Category::active).sorted(Category.OLDEST_FIRST).toList();
    }

    /** A page of a listing computed from the whole organization, for queries the index cannot answer yet. */
    public synchronized Slice<Category> listFromOrganization(CategoryQuery query, Position after, int limit) {
        loadWholeOrganization();
        return CategoryListing.page(byId.values(), query, after, limit);
    }

    /**
     * Reads the whole organization once (or takes it from the process's cache, see {@link OrganizationView});
     * afterwards every relation is answered from memory.
     */
    public synchronized void loadWholeOrganization() {
        if (wholeOrganizationLoaded) {
            return;
        }
        OrganizationSnapshot snapshot = organization.wholeOrganization(repository::findAll);
        if (!remembered.isEmpty()) {
            useWholeOrganization(snapshot.categories());
            return;
        }
        byId.putAll(snapshot.byId());
        childrenByParent.clear();
        snapshot.categories().forEach(c -> childrenByParent.put(c.id(), List.of()));
        childrenByParent.put(Ancestry.ROOTS, List.of());
        childrenByParent.putAll(snapshot.childrenByParent());
        wholeOrganizationLoaded = true;
    }

    /**
     * How many categories of the organization match {@code query} (its order and position do not matter):
     * from one read of the whole organization, which the request's other reads then use too.
     */
    public synchronized int count(CategoryQuery query) {
        loadWholeOrganization();
        return (int) byId.values().stream().filter(query::matches).count();
    }

    /**
     * Takes {@code all}, a strongly consistent read of the whole organization made by this request (a
     * structural write's snapshot), as what every later relation of the request is answered from; categories
     * the request has remembered since keep their newer state.
     */
    public synchronized void useWholeOrganization(List<Category> organization) {
        Map<String, Category> read = new HashMap<>();
        organization.forEach(c -> read.put(c.id(), c));
        remembered.forEach(id -> read.put(id, byId.get(id)));
        List<Category> all = List.copyOf(read.values());
        byId.putAll(read);
        childrenByParent.clear();
        all.forEach(c -> childrenByParent.put(c.id(), List.of()));
        childrenByParent.put(Ancestry.ROOTS, List.of());
        childrenByParent.putAll(Ancestry.childrenByParent(all));
        wholeOrganizationLoaded = true;
    }

    /**
     * Remembers a category this request has read or just written, so every later read of the request sees
     * it as it is now: in its parent's children (where cached) and not under a previous parent. Children read
     * later are overlaid with it too ({@link #overlay}), because an index read right after a write may not
     * show the write yet (DynamoDB's indexes are eventually consistent).
     */
    public synchronized void remember(Category category) {
        organization.readOutsideSnapshot();
        Category previous = byId.put(category.id(), category);
        missing.remove(category.id());
        remembered.add(category.id());
        if (category == previous) {
            // Listed from what this reader holds: nothing moved. (Identity, not equals: a record's equals is
            // bootstrapped on first use, which a cold start would pay on its first listing.)
            return;
        }
        if (previous != null) {
            childrenByParent.computeIfPresent(Ancestry.parentKey(previous.parentId()), (k, children) -> without(children, previous.id()));
        }
        String key = Ancestry.parentKey(category.parentId());
        if (childrenByParent.containsKey(key) || wholeOrganizationLoaded) {
            List<Category> children = new ArrayList<>(without(childrenByParent.getOrDefault(key, List.of()), category.id()));
            children.add(category);
            children.sort(CategoryOrder.NAME_ASC.comparator());
            childrenByParent.put(key, List.copyOf(children));
        }
    }

    private void readChildren(List<String> parentKeys) {
        organization.readOutsideSnapshot();
        List<String> parentIds = parentKeys.stream().map(p -> Ancestry.ROOTS.equals(p) ? null : p).toList();
        Map<String, List<Category>> found = repository.findChildren(parentIds);
        for (String parentId : parentIds) {
            String key = Ancestry.parentKey(parentId);
            List<Category> children = overlay(key, found.getOrDefault(parentId, List.of()));
            children.forEach(c -> byId.put(c.id(), c));
            childrenByParent.put(key, children);
        }
    }

    /** {@code children} of {@code parentKey} as read from the store, with the categories this request remembered as they are now. */
    private List<Category> overlay(String parentKey, List<Category> children) {
        if (remembered.isEmpty()) {
            return children;
        }
        List<Category> merged = new ArrayList<>(children.stream().filter(c -> !remembered.contains(c.id())).toList());
        remembered.stream().map(byId::get)
                .filter(c -> c != null && Ancestry.parentKey(c.parentId()).equals(parentKey))
                .forEach(merged::add);
        merged.sort(CategoryOrder.NAME_ASC.comparator());
        return List.copyOf(merged);
    }

    private static List<Category> without(List<Category> children, String id) {
        return children.stream().filter(c -> !c.id().equals(id)).toList();
    }
}
