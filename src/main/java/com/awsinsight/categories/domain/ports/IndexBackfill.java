package com.awsinsight.categories.domain.ports;

import com.awsinsight.categories.domain.model.Category;
import java.util.List;

/**
 * The store's side of migrating data the Node service wrote: reading every category with its index state
 * and adding the index attributes to those that lack them. Used by the {@code migrate} command, never by
 * requests. Nothing here changes what a category says: no name, parent, state or timestamp is written.
 */
public interface IndexBackfill {

    /** One page of the categories of every organization (auxiliary items left out), and where to resume. */
    record ScanPage(List<StoredCategory> categories, String resumeToken) {
        public ScanPage {
            categories = List.copyOf(categories);
        }

        /** Whether the segment has been read to its end. */
        public boolean last() {
            return resumeToken == null;
        }
    }

    /**
     * Reads up to {@code limit} categories of segment {@code segment} of {@code totalSegments} (the segments
     * split the table; each can be read in parallel), starting after {@code resumeToken} (null: from the
     * start). The token is opaque text that survives a restart.
     */
    ScanPage scan(int segment, int totalSegments, String resumeToken, int limit);

    /** Every category of one organization, active or not, with its index state. */
    List<StoredCategory> organization(String organizationId);

    /**
     * Adds the index attributes to {@code category}'s item if its stored name and parent are still those of
     * {@code category}; false when the item changed (or vanished) since it was read.
     */
    boolean backfill(Category category);
}
