package com.awsinsight.categories.services.write;

import com.awsinsight.categories.domain.error.DomainException;
import com.awsinsight.categories.domain.error.Field;
import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.services.read.CategoryReader;
import com.awsinsight.categories.services.read.OrganizationSnapshot;
import com.awsinsight.categories.services.read.OrganizationVersion;
import com.awsinsight.categories.services.read.StoreReads;

import java.time.Clock;
import java.time.Instant;

/**
 * What every write of one request works with: the caller, the request's reads and reader (which must see what
 * the request wrote), its organization's version, the clock, the organization's write holds
 * ({@link OrganizationWrites}: only a {@link Hold} writes) and the parent check of creates.
 */
public record WriteContext(Caller caller, StoreReads reads, CategoryReader reader, OrganizationVersion version,
                           Clock clock, OrganizationWrites writes, ParentCheck parents) {

    /** Tells the request's reader about a category it has just written (or read), and returns it. */
    public Category remember(Category category) {
        return reader.remember(category);
    }

    /** The category as stored now (strongly consistent), or NOT_FOUND. */
    public Category current(String id) {
        Category current = reads.findById(id);
        if (current == null) {
            throw DomainException.notFound(Field.ID, "Category not found");
        }
        return current;
    }

    /**
     * The whole organization for a write holding {@code hold} to decide on (strongly consistent, or the process's
     * snapshot when it is exactly what the write began on, see {@link OrganizationVersion#snapshotFor}); the
     * request's reader answers every later relation from it (with what the write then changes), so a mutation's
     * payload (parents, children, counts) costs no further reads.
     */
    public OrganizationSnapshot snapshot(Hold hold) {
        OrganizationSnapshot snapshot = version.snapshotFor(hold.begun());
        reader.useWholeOrganization(snapshot);
        return snapshot;
    }

    public Instant now() {
        return clock.instant();
    }

    public String userId() {
        return caller.userId();
    }
}
