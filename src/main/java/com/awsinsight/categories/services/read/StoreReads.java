package com.awsinsight.categories.services.read;

import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.model.CategoryQuery;
import com.awsinsight.categories.domain.model.ChangePage;
import com.awsinsight.categories.domain.model.Position;
import com.awsinsight.categories.domain.model.Slice;
import com.awsinsight.categories.domain.ports.CategoryRepository;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The category reads one request makes of the store besides the whole-organization read that the process's cache
 * stands in for ({@link OrganizationVersion#wholeOrganization}). Every read through here tells the request's
 * {@link OrganizationVersion} that it read outside the snapshot, so a result that used such a read is never kept
 * next to a snapshot: nobody can forget to say so. It has no write methods: category writes need a hold
 * ({@code services.write.Hold}).
 */
public final class StoreReads {
    private final CategoryRepository repository;
    private final OrganizationVersion version;

    public StoreReads(CategoryRepository repository, OrganizationVersion version) {
        this.repository = repository;
        this.version = version;
    }

    public String organizationId() {
        return repository.organizationId();
    }

    /** The categories with these ids, strongly consistent, in one batched read; missing ids are absent. */
    public Map<String, Category> findByIds(Collection<String> ids) {
        version.readOutsideSnapshot();
        return repository.findByIds(ids);
    }

    /** The category with this id as stored now (strongly consistent), or null. */
    public Category findById(String id) {
        return findByIds(List.of(id)).get(id);
    }

    /** See {@link CategoryRepository#findChildren}: indexed categories only. */
    public Map<String, List<Category>> findChildren(Collection<String> parentIds) {
        version.readOutsideSnapshot();
        return repository.findChildren(parentIds);
    }

    /** See {@link CategoryRepository#findByNameKey}: indexed categories only. */
    public List<Category> findByNameKey(String nameKey) {
        version.readOutsideSnapshot();
        return repository.findByNameKey(nameKey);
    }

    /** See {@link CategoryRepository#list}. */
    public Optional<Slice<Category>> list(CategoryQuery query, Position after, int limit, int maxRead) {
        version.readOutsideSnapshot();
        return repository.list(query, after, limit, maxRead);
    }

    /** See {@link CategoryRepository#pageById}. */
    public ChangePage pageById(String afterId, int limit) {
        version.readOutsideSnapshot();
        return repository.pageById(afterId, limit);
    }

    /** See {@link CategoryRepository#changedAfter}. */
    public ChangePage changedAfter(Position after, int limit) {
        version.readOutsideSnapshot();
        return repository.changedAfter(after, limit);
    }

    /** A fresh, strongly consistent read of the whole organization, past the cache (a repair's reads). */
    public OrganizationSnapshot readOrganization() {
        version.readOutsideSnapshot();
        return new OrganizationSnapshot(repository.findAll());
    }
}
