package com.awsinsight.categories.services;

import com.awsinsight.categories.domain.Caller;
import com.awsinsight.categories.domain.Category;
import com.awsinsight.categories.domain.CategoryQuery;
import com.awsinsight.categories.domain.CategoryRepository;
import com.awsinsight.categories.domain.CategoryRules;
import com.awsinsight.categories.domain.DomainException;
import com.awsinsight.categories.domain.ErrorCode;
import com.awsinsight.categories.domain.Position;
import com.awsinsight.categories.domain.Role;
import com.awsinsight.categories.domain.Slice;
import com.awsinsight.categories.domain.StaleVersion;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The category use cases of one request: listing, lookup by name, create and update. Every rule
 * (validation, parent checks, name uniqueness, optimistic concurrency, roles) lives here once and is
 * shared by GraphQL and the REST routes.
 */
public final class CategoryService {
    public static final int MAX_PAGE_SIZE = 100;

    private final Caller caller;
    private final CategoryRepository repository;
    private final CategoryReader reader;
    private final Clock clock;

    public CategoryService(Caller caller, CategoryRepository repository, CategoryReader reader, Clock clock) {
        this.caller = caller;
        this.repository = repository;
        this.reader = reader;
        this.clock = clock;
    }

    public Category byId(String id) {
        CategoryRules.validId("id", id);
        return reader.byIds(List.of(id)).get(0);
    }

    /** The active category whose stored name is exactly the trimmed {@code name}, or null. */
    public Category byName(String name) {
        String trimmed = CategoryRules.validName("name", name);
        return repository.findByName(caller.organizationId(), trimmed).stream()
                .filter(Category::active)
                .findFirst()
                .map(this::remembered)
                .orElse(null);
    }

    public Connection<Category> page(int first, String after, CategoryQuery query) {
        checkPageSize("first", first);
        if (query.parentId() != null) {
            CategoryRules.validId("filter.parentId", query.parentId());
        }
        String fingerprint = query.fingerprint();
        Position position = Cursors.decode("after", after, caller.organizationId(), fingerprint);
        Slice<Category> slice = repository.list(caller.organizationId(), query, position, first);
        List<Connection.Edge<Category>> edges = slice.items().stream()
                .map(this::remembered)
                .map(c -> new Connection.Edge<>(Cursors.encode(caller.organizationId(), fingerprint,
                        new Position(query.order().sortValue(c), c.id())), c))
                .toList();
        return new Connection<>(edges, slice.hasMore());
    }

    public Category create(NewCategory input) {
        requireRole(Role.EDITOR);
        String name = CategoryRules.validName("name", input.name());
        String description = CategoryRules.validDescription("description", input.description());
        Map<String, Object> metadata = CategoryRules.validMetadata("metadata", input.metadata());
        String parentId = input.parentId();
        if (parentId != null) {
            checkParent(parentId);
        }
        checkNameFree(name, null);
        var now = clock.instant();
        Category category = new Category(caller.organizationId(), "cat-" + UUID.randomUUID(), name, description,
                parentId, metadata, now, now, caller.userId(), caller.userId(), true, 1);
        repository.insert(category);
        return remembered(category);
    }

    public Category update(String id, CategoryChanges changes, Long expectedVersion) {
        requireRole(Role.EDITOR);
        Category current = existing(id);
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw StaleVersion.of(current.version());
        }
        String name = changes.has("name") ? CategoryRules.validName("input.name", (String) changes.get("name"))
                : current.name();
        String description = changes.has("description")
                ? CategoryRules.validDescription("input.description", (String) changes.get("description"))
                : current.description();
        Map<String, Object> metadata = changes.has("metadata")
                ? CategoryRules.validMetadata("input.metadata", changes.get("metadata"))
                : current.metadata();
        if (!name.equals(current.name())) {
            checkNameFree(name, current.id());
        }
        Category updated = current.withChanges(name, description, metadata, caller.userId(), clock.instant());
        repository.replace(updated, current.version());
        return remembered(updated);
    }

    /**
     * Soft-deletes a category: {@code isActive=false} and version + 1, through the repository's
     * conditional replace, so a concurrent writer makes this a CONFLICT instead of a lost update.
     * Active children are a CONFLICT unless {@code cascade}, which deactivates the active subtree
     * deepest level first, so no active category is ever left under an inactive parent. An inactive
     * category is returned unchanged (deleting twice is not an error). Kept minimal on purpose: the
     * tree-write work replaces it with the authoritative delete.
     */
    public Category delete(String id, boolean cascade, Long expectedVersion) {
        requireRole(Role.EDITOR);
        Category current = existing(id);
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw StaleVersion.of(current.version());
        }
        if (!current.active()) {
            return current;
        }
        List<List<Category>> levels = activeDescendantsByLevel(current);
        if (!levels.isEmpty() && !cascade) {
            throw DomainException.conflict("id", "Category has active children");
        }
        for (int level = levels.size() - 1; level >= 0; level--) {
            levels.get(level).forEach(this::deactivate);
        }
        return deactivate(current);
    }

    public static void checkPageSize(String field, int first) {
        if (first < 1 || first > MAX_PAGE_SIZE) {
            throw DomainException.badInput(field, field + " must be between 1 and " + MAX_PAGE_SIZE);
        }
    }

    private Category existing(String id) {
        Category category = byId(id);
        if (category == null) {
            throw DomainException.notFound("id", "Category not found");
        }
        return category;
    }

    /** The active descendants of {@code root}, one list per level below it, read level by level. */
    private List<List<Category>> activeDescendantsByLevel(Category root) {
        List<List<Category>> levels = new ArrayList<>();
        List<Category> level = List.of(root);
        while (!level.isEmpty() && levels.size() <= CategoryRules.MAX_TREE_LEVELS) {
            List<Category> next = reader.childrenOf(level.stream().map(Category::id).toList()).stream()
                    .flatMap(List::stream)
                    .filter(Category::active)
                    .toList();
            if (!next.isEmpty()) {
                levels.add(next);
            }
            level = next;
        }
        return levels;
    }

    private Category deactivate(Category category) {
        Category inactive = new Category(category.organizationId(), category.id(), category.name(),
                category.description(), category.parentId(), category.metadata(), category.createdAt(),
                clock.instant(), category.createdBy(), caller.userId(), false, category.version() + 1);
        repository.replace(inactive, category.version());
        return remembered(inactive);
    }

    private void checkParent(String parentId) {
        CategoryRules.validId("parentId", parentId);
        Category parent = reader.byIds(List.of(parentId)).get(0);
        if (parent == null) {
            throw DomainException.notFound("parentId", "Parent category not found");
        }
        if (!parent.active()) {
            throw DomainException.badInput("parentId", "Parent category is inactive");
        }
        int parentDepth = reader.ancestorsOf(List.of(parentId)).get(0).size();
        CategoryRules.checkChildDepth("parentId", parentDepth);
    }

    private void checkNameFree(String name, String exceptId) {
        String key = CategoryRules.nameKey(name);
        boolean taken = repository.findByName(caller.organizationId(), name).stream()
                .anyMatch(c -> c.active() && c.nameKey().equals(key) && !Objects.equals(c.id(), exceptId));
        if (taken) {
            throw DomainException.conflict("name", "A category named \"" + name + "\" already exists");
        }
    }

    private void requireRole(Role role) {
        if (!caller.role().includes(role)) {
            throw new DomainException(ErrorCode.FORBIDDEN, null, "This operation needs the " + role.name().toLowerCase() + " role");
        }
    }

    private Category remembered(Category category) {
        reader.remember(category);
        return category;
    }
}
