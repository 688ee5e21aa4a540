package com.awsinsight.categories.services.write;

import com.awsinsight.categories.services.read.OrganizationCache;
import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.ports.CategoryRepository;
import com.awsinsight.categories.domain.model.CategoryRules;
import com.awsinsight.categories.domain.error.Field;
import com.awsinsight.categories.domain.coordination.OrganizationState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parent check of an adding write (a create under a parent, a template instantiation): the parent is an
 * active category of the organization, and what is added under it stays within the depth limit. It runs while
 * the write is registered ({@link OrganizationWrites#adding}), when no structural write can run, so what it
 * finds stays true until the write ends.
 *
 * <p>It needs the parent's chain of ancestors. The process remembers where categories sit
 * ({@link OrganizationCache.Link}) at the organization's structure count, which only structural writes move:
 * when the chain is known at the count the write began with, no read is needed. Otherwise it reads the parent
 * and the ancestors the process last knew of in one strongly consistent batch (and walks on, one batch per
 * level, where that guess was wrong), and remembers what it read. Organizations the Node service may still
 * write (not indexed) are always read.
 */
public final class ParentChains {
    private final CategoryRepository repository;
    private final OrganizationCache.Slot cache;

    public ParentChains(CategoryRepository repository, OrganizationCache.Slot cache) {
        this.repository = repository;
        this.cache = cache;
    }

    /**
     * Checks {@code parentId} for {@code levels} new levels below it (1 for a create); failures name
     * {@code field}. Returns the parent's depth (0 for a root).
     */
    public int check(Field field, String parentId, int levels, OrganizationState begun) {
        boolean trusted = begun.indexed();
        List<OrganizationCache.Link> chain = trusted ? known(parentId, begun.structure()) : null;
        if (chain == null) {
            chain = read(parentId, begun.structure(), trusted);
        }
        CategoryRules.checkActiveParent(field, !chain.isEmpty(), !chain.isEmpty() && chain.get(0).active());
        int depth = chain.size() - 1;
        CategoryRules.checkChildDepth(field, depth + levels - 1);
        return depth;
    }

    /** Remembers where categories this write added sit (they were written while the structure could not change). */
    public void learnAdded(OrganizationState begun, List<Category> added) {
        if (!begun.indexed()) {
            return;
        }
        Map<String, OrganizationCache.Link> links = new HashMap<>();
        added.forEach(c -> links.put(c.id(), OrganizationCache.Link.of(c)));
        cache.learn(begun.structure(), links);
    }

    /** The chain from the parent up to its root, parent first, if every link is known at {@code structure}. */
    private List<OrganizationCache.Link> known(String parentId, long structure) {
        List<OrganizationCache.Link> chain = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String id = parentId;
        while (id != null && seen.add(id) && chain.size() <= CategoryRules.MAX_TREE_LEVELS) {
            Optional<OrganizationCache.Link> link = cache.link(structure, id);
            if (link.isEmpty()) {
                return null;
            }
            chain.add(link.get());
            id = link.get().parentId();
        }
        return id == null ? chain : null;
    }

    /**
     * Reads the chain: links known at {@code structure} (when {@code trusted}) are taken as they are; the first
     * unknown one is read together with the ancestors the process last saw above it, in one batch, and the walk
     * goes on (one more batch per wrong guess). Remembers what it read when {@code trusted}.
     */
    private List<OrganizationCache.Link> read(String parentId, long structure, boolean trusted) {
        Map<String, OrganizationCache.Link> read = new HashMap<>();
        List<OrganizationCache.Link> chain = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String id = parentId;
        while (id != null && seen.add(id) && chain.size() <= CategoryRules.MAX_TREE_LEVELS) {
            OrganizationCache.Link link = read.get(id);
            if (link == null && trusted) {
                link = cache.link(structure, id).orElse(null);
            }
            if (link == null) {
                Map<String, Category> found = repository.findByIds(new LinkedHashSet<>(guessedChain(id)));
                found.values().forEach(c -> read.put(c.id(), OrganizationCache.Link.of(c)));
                link = read.get(id);
                if (link == null) {
                    break;
                }
            }
            chain.add(link);
            id = link.parentId();
        }
        if (trusted) {
            cache.learn(structure, read);
        }
        return chain;
    }

    /** The parent and the ancestors the process last saw above it, whatever the structure count was then. */
    private List<String> guessedChain(String parentId) {
        List<String> ids = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String id = parentId;
        while (id != null && seen.add(id) && ids.size() <= CategoryRules.MAX_TREE_LEVELS) {
            ids.add(id);
            id = cache.hint(id).map(OrganizationCache.Link::parentId).orElse(null);
        }
        return ids;
    }
}
