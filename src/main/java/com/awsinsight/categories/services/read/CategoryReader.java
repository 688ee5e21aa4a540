package com.awsinsight.categories.services.read;

import com.awsinsight.categories.domain.coordination.NameClaim;
import com.awsinsight.categories.domain.model.Ancestry;
import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.model.CategoryListing;
import com.awsinsight.categories.domain.model.CategoryOrder;
import com.awsinsight.categories.domain.model.CategoryQuery;
import com.awsinsight.categories.domain.model.CategoryRules;
import com.awsinsight.categories.domain.model.Position;
import com.awsinsight.categories.domain.model.Slice;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The read side of one request: answers ids, children, ancestors, names and listings for the DataLoaders and the
 * use cases, from a request-local cache first and the store second.
 *
 * <p>How reads are planned: point reads are batched by id. Children of a small set of parents are read per parent
 * in parallel (one round trip); children of more parents than the fan-out limit at once, or a whole tree, are
 * answered by reading the organization once, page by page, after which every relation of the request is served
 * from memory. So round trips grow with the organization's pages and the depth asked, never with the number of
 * nodes.
 *
 * <p>The store's children-by-parent and name-key reads see only indexed categories. For an organization that is
 * not indexed yet (data the Node service wrote, before {@code migrate}), children, name lookups and listings in
 * name order are therefore answered from one read of the whole organization instead, which sees every category:
 * the same answers, at the price of that read.
 *
 * <p>Whole-organization reads go through the request's {@link OrganizationVersion}: when the process holds the
 * organization at the version its state item says, and nothing is being written, that snapshot answers instead
 * of the partition; once the request knows that (it has read the state item), every read is answered from it.
 * Every other read goes through {@link StoreReads}, which marks the request as having read outside the snapshot.
 *
 * <p>Instances belong to one request and one caller; they are never shared.
 */
public final class CategoryReader {
    /** Items a filtered listing may read beyond its page before it is answered from the organization instead. */
    public static final int FILTERED_READ_ALLOWANCE = 100;

    private final StoreReads reads;
    private final OrganizationVersion version;
    private final Function<String, Optional<NameClaim>> claims;
    private final int fanOutLimit;
    private final Map<String, Category> byId = new HashMap<>();
    private final Set<String> missing = new HashSet<>();
    private final Map<String, List<Category>> childrenByParent = new HashMap<>();
    /** Ids of the categories this request has read or written through {@link #remember}; {@link #byId} holds them as they are now. */
    private final Set<String> remembered = new LinkedHashSet<>();
    private boolean wholeOrganizationLoaded;

    /**
     * @param claims      the name claim of a name key, if any (one strongly consistent read)
     * @param fanOutLimit how many parents' children are read with one query each before the whole organization is
     *                    read instead
     */
    public CategoryReader(StoreReads reads, OrganizationVersion version, Function<String, Optional<NameClaim>> claims,
                          int fanOutLimit) {
        this.reads = reads;
        this.version = version;
        this.claims = claims;
        this.fanOutLimit = fanOutLimit;
    }

    /** The categories for {@code ids} in key order, null where none exists. */
    public synchronized List<Category> byIds(List<String> ids) {
        useSnapshotIfKnownCurrent();
        Set<String> toRead = new LinkedHashSet<>();
        for (String id : ids) {
            if (!byId.containsKey(id) && !missing.contains(id) && !wholeOrganizationLoaded) {
                toRead.add(id);
            }
        }
        if (!toRead.isEmpty()) {
            Map<String, Category> found = reads.findByIds(toRead);
            byId.putAll(found);
            toRead.stream().filter(id -> !found.containsKey(id)).forEach(missing::add);
        }
        return ids.stream().map(byId::get).toList();
    }

    /** All children (active or not) of each parent ({@link Ancestry#ROOTS} for the roots), by name, in key order. */
    public synchronized List<List<Category>> childrenOf(List<String> parentKeys) {
        List<String> unknown = parentKeys.stream().filter(p -> !childrenByParent.containsKey(p)).distinct().toList();
        if (!unknown.isEmpty() && !wholeOrganizationLoaded) {
            if (unknown.size() > fanOutLimit || !version.indexed() || version.snapshotCached()) {
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
        if (wholeOrganizationLoaded || !version.indexed()) {
            loadWholeOrganization();
            found = byId.values().stream().filter(c -> c.nameKey().equals(nameKey)).toList();
        } else {
            found = reads.findByNameKey(nameKey);
            found.forEach(c -> byId.put(c.id(), c));
        }
        return found.stream().filter(Category::active).sorted(Category.OLDEST_FIRST).toList();
    }

    /**
     * The active category whose name key is {@code nameKey}: the holder of the name's claim, else (no claim yet:
     * the Node service's data) the oldest active category with that name key. Of duplicates the Node service
     * allowed, this is the one that holds the name after {@code migrate} too.
     */
    public synchronized Optional<Category> byName(String nameKey) {
        Optional<Category> holder = claims.apply(nameKey)
                .map(claim -> reads.findById(claim.claimantId()))
                .filter(c -> c.active() && c.nameKey().equals(nameKey));
        return holder.or(() -> activeWithNameKey(nameKey).stream().findFirst()).map(this::remember);
    }

    /**
     * A page of a listing: the one place that decides where a listing is read. From the organization in memory when
     * this request has it, or when the process's snapshot is known to be current (a name-order listing reads the
     * state item to know, because the name index is the gateway's own and sees only indexed organizations); else
     * one index page, plus up to {@value #FILTERED_READ_ALLOWANCE} more candidates when the filter discards items.
     * A listing that would read further than that (a name filter that matches little, a page of active categories
     * among many inactive ones) is answered from the organization, read once per request. So however many listings
     * a request makes, it reads about what they return plus the organization at most once. Pages from either source
     * come in the same order ({@link CategoryListing} in memory, the index's key order in the store, which the
     * store contract checks are one order).
     */
    public synchronized Slice<Category> page(CategoryQuery query, Position after, int limit) {
        boolean fromOrganization = wholeOrganizationLoaded
                || (query.readsGatewayIndex() ? !version.indexed() || version.snapshotCached() : version.snapshotKnownCached());
        if (!fromOrganization) {
            Optional<Slice<Category>> fromIndex = reads.list(query, after, limit, limit + 1 + FILTERED_READ_ALLOWANCE);
            if (fromIndex.isPresent()) {
                // remembered, so the request's later reads see them as listed
                fromIndex.get().items().forEach(this::remember);
                return fromIndex.get();
            }
        }
        loadWholeOrganization();
        return CategoryListing.page(byId.values(), query, after, limit);
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
     * Reads the whole organization once (or takes it from the process's cache, see {@link OrganizationVersion});
     * afterwards every relation is answered from memory.
     */
    public synchronized void loadWholeOrganization() {
        if (wholeOrganizationLoaded) {
            return;
        }
        OrganizationSnapshot snapshot = version.wholeOrganization();
        if (!remembered.isEmpty()) {
            useWholeOrganization(snapshot);
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
     * Takes {@code organization}, a strongly consistent read of the whole organization made by this request (a
     * write's snapshot), as what every later relation of the request is answered from; categories the request has
     * remembered since keep their newer state.
     */
    public synchronized void useWholeOrganization(OrganizationSnapshot organization) {
        Map<String, Category> read = new HashMap<>(organization.byId());
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
     * show the write yet (DynamoDB's indexes are eventually consistent). Returns it.
     */
    public synchronized Category remember(Category category) {
        Category previous = byId.put(category.id(), category);
        missing.remove(category.id());
        remembered.add(category.id());
        if (category == previous) {
            // Listed from what this reader holds: nothing moved. (Identity, not equals: a record's equals is
            // bootstrapped on first use, which a cold start would pay on its first listing.)
            return category;
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
        return category;
    }

    /** Once the request knows the process's snapshot is current (it read the state item), every read uses it. */
    private void useSnapshotIfKnownCurrent() {
        if (!wholeOrganizationLoaded && version.snapshotKnownCached()) {
            loadWholeOrganization();
        }
    }

    private void readChildren(List<String> parentKeys) {
        List<String> parentIds = parentKeys.stream().map(p -> Ancestry.ROOTS.equals(p) ? null : p).toList();
        Map<String, List<Category>> found = reads.findChildren(parentIds);
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
