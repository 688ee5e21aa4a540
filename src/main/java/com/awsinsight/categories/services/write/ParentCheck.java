package com.awsinsight.categories.services.write;

import com.awsinsight.categories.domain.coordination.OrganizationState;
import com.awsinsight.categories.domain.error.Field;
import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.model.CategoryRules;
import com.awsinsight.categories.services.read.OrganizationSnapshot;
import com.awsinsight.categories.services.read.OrganizationVersion;
import com.awsinsight.categories.services.read.StoreReads;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The parent check of a create under a parent or a template instantiation: the parent is an active category of
 * the organization, and what is added under it stays within the depth limit. It runs inside the write's
 * registration ({@link OrganizationWrites#registered}), when no structural write can run, so what it finds stays
 * true until the write ends.
 *
 * <p>It needs the parent's chain of ancestors. Where a category sits (its parent, whether it is active) changes only
 * by structural writes, so every category in the process's cached snapshot is where the snapshot says as long as the
 * structure count has not moved since it was taken: the chain is walked in that snapshot, and only what it does not
 * hold (a category created since, or everything when the process holds no snapshot at that structure count) is read
 * from the store, strongly consistent, one category per level. So a create under a category of a tree the process
 * has read reads nothing, and one under a category created since reads that one category.
 */
public final class ParentCheck {
    private final StoreReads reads;
    private final OrganizationVersion version;

    public ParentCheck(StoreReads reads, OrganizationVersion version) {
        this.reads = reads;
        this.version = version;
    }

    /**
     * Checks {@code parentId} for {@code levels} new levels below it (1 for a create) within {@code hold}; failures
     * name {@code field}. Returns the parent's depth (0 for a root).
     */
    public int check(Hold hold, Field field, String parentId, int levels) {
        OrganizationState begun = hold.begun();
        Optional<OrganizationSnapshot> places = version.placesFor(begun);
        List<Category> chain = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String id = parentId;
        while (id != null && seen.add(id) && chain.size() <= CategoryRules.MAX_TREE_LEVELS) {
            String wanted = id;
            Category category = places.map(snapshot -> snapshot.get(wanted)).orElseGet(() -> reads.findById(wanted));
            if (category == null) {
                break;
            }
            chain.add(category);
            id = category.parentId();
        }
        CategoryRules.checkActiveParent(field, !chain.isEmpty(), !chain.isEmpty() && chain.get(0).active());
        int depth = chain.size() - 1;
        CategoryRules.checkChildDepth(field, depth + levels - 1);
        return depth;
    }
}
