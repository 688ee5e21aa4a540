package com.awsinsight.categories.services.write;

import com.awsinsight.categories.services.read.OrganizationView;
import com.awsinsight.categories.services.read.CategoryReader;
import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.ports.CategoryRepository;
import com.awsinsight.categories.domain.error.DomainException;
import com.awsinsight.categories.domain.error.Field;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * What every write of one request works with: the caller, its organization's repository, the request's
 * reader (which must see what the request wrote) and view of the organization, the clock, the organization's
 * write holds ({@link OrganizationWrites}: the structural lease and registered writes), the name claims and the
 * parent check of adding writes.
 */
public record WriteContext(Caller caller, CategoryRepository repository, CategoryReader reader, OrganizationView organization,
                    Clock clock, OrganizationWrites writes, NameClaims claims, ParentChains parents) {

    /** Tells the request's reader about a category it has just written, and returns it. */
    public Category remember(Category category) {
        reader.remember(category);
        return category;
    }

    /** The category as stored now (strongly consistent), or NOT_FOUND. */
    public Category current(String id) {
        Category current = repository.findByIds(List.of(id)).get(id);
        if (current == null) {
            throw DomainException.notFound(Field.ID, "Category not found");
        }
        return current;
    }

    /**
     * The whole organization for a structural write or an adding write to decide on (strongly consistent, or
     * the process's snapshot when it is exactly what the write began on, see
     * {@link OrganizationView#wholeOrganizationAt}); the request's reader answers every later relation from it
     * (with what the write then changes), so a mutation's payload (parents, children, counts) costs no further
     * reads.
     */
    public TreeSnapshot snapshot() {
        List<Category> all = organization.wholeOrganizationAt(writes.begun(), repository::findAll);
        reader.useWholeOrganization(all);
        return new TreeSnapshot(all);
    }

    public Instant now() {
        return clock.instant();
    }

    public String userId() {
        return caller.userId();
    }
}
