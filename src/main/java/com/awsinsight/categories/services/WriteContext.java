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
 * reader (which must see what the request wrote) and view of the organization, the clock, the organization's
 * write holds ({@link OrganizationWrites}: the structural lease and registered writes), the name claims and the
 * parent check of adding writes.
 */
record WriteContext(Caller caller, CategoryRepository repository, CategoryReader reader, OrganizationView organization,
                    Clock clock, OrganizationWrites writes, NameClaims claims, ParentChains parents) {

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

    Instant now() {
        return clock.instant();
    }

    String userId() {
        return caller.userId();
    }
}
