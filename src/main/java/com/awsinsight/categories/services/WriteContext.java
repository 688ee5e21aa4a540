package com.awsinsight.categories.services;

import com.awsinsight.categories.domain.Caller;
import com.awsinsight.categories.domain.Category;
import com.awsinsight.categories.domain.CategoryRepository;
import com.awsinsight.categories.domain.DomainException;
import com.awsinsight.categories.domain.Field;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * What every write of one request works with: the caller, its organization's repository, the request's
 * reader (which must see what the request wrote), the clock, the organization's lease and the name claims.
 */
record WriteContext(Caller caller, CategoryRepository repository, CategoryReader reader, Clock clock,
                    OrganizationLease lease, NameClaims claims) {

    /** Tells the request's reader about a category it has just written, and returns it. */
    Category remember(Category category) {
        reader.remember(category);
        return category;
    }

    /** The category as stored now (strongly consistent), or NOT_FOUND. */
    Category current(String id) {
        Category current = repository.findByIds(List.of(id)).get(id);
        if (current == null) {
            throw DomainException.notFound(Field.ID, "Category not found");
        }
        return current;
    }

    /**
     * One strongly consistent read of the whole organization for a structural write to decide on; the request's
     * reader answers every later relation from it (with what the write then changes), so a mutation's payload
     * (parents, children, counts) costs no further reads.
     */
    TreeSnapshot snapshot() {
        List<Category> all = repository.findAll();
        reader.useWholeOrganization(all);
        return new TreeSnapshot(all);
    }

    Instant now() {
        return clock.instant();
    }

    String userId() {
        return caller.userId();
    }
}
