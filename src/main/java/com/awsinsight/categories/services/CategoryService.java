package com.awsinsight.categories.services;

import com.awsinsight.categories.domain.Caller;
import com.awsinsight.categories.domain.Category;
import com.awsinsight.categories.domain.CategoryQuery;
import com.awsinsight.categories.domain.CategoryRepository;
import com.awsinsight.categories.domain.CategoryRules;
import com.awsinsight.categories.domain.DomainException;
import com.awsinsight.categories.domain.ErrorCode;
import com.awsinsight.categories.domain.NameClaim;
import com.awsinsight.categories.domain.Position;
import com.awsinsight.categories.domain.Role;
import com.awsinsight.categories.domain.Slice;
import com.awsinsight.categories.domain.StaleVersion;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The category use cases of one request: listing, lookup by name, create and update. Every rule
 * (validation, parent checks, name uniqueness, optimistic concurrency, roles) lives here once and is
 * shared by GraphQL and the REST routes. Names are kept unique through {@link NameClaims}; a create under
 * a parent holds the organization's lease so the parent cannot be deleted or moved between check and
 * write. Structural writes are in {@link TreeWriter}.
 */
public final class CategoryService {
    public static final int MAX_PAGE_SIZE = 100;

    private final Caller caller;
    private final CategoryRepository repository;
    private final CategoryReader reader;
    private final Clock clock;
    private final OrganizationLease lease;
    private final NameClaims claims;
    private final IdempotencyKeys idempotencyKeys;

    CategoryService(Caller caller, CategoryRepository repository, CategoryReader reader, Clock clock,
                    OrganizationLease lease, NameClaims claims, IdempotencyKeys idempotencyKeys) {
        this.idempotencyKeys = idempotencyKeys;
        this.caller = caller;
        this.repository = repository;
        this.reader = reader;
        this.clock = clock;
        this.lease = lease;
        this.claims = claims;
    }

    public Category byId(String id) {
        CategoryRules.validId("id", id);
        return reader.byIds(List.of(id)).get(0);
    }

    /**
     * The active category whose name equals {@code name} ignoring case and surrounding space, or null:
     * the holder of the name's claim, else (no claim yet: the Node service's data) the oldest active
     * category with that name key. Of duplicates the Node service allowed, this is the one that holds the
     * name after {@code migrate} too.
     */
    public Category byName(String name) {
        String trimmed = CategoryRules.validName("name", name);
        String key = CategoryRules.nameKey(trimmed);
        return claims.holderOf(trimmed)
                .or(() -> reader.activeWithNameKey(key).stream().findFirst())
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
        Slice<Category> slice = query.readsByParent() && !reader.indexComplete()
                ? reader.listFromOrganization(query, position, first)
                : repository.list(caller.organizationId(), query, position, first);
        List<Connection.Edge<Category>> edges = slice.items().stream()
                .map(this::remembered)
                .map(c -> new Connection.Edge<>(Cursors.encode(caller.organizationId(), fingerprint,
                        new Position(query.order().sortValue(c), c.id())), c))
                .toList();
        return new Connection<>(edges, slice.hasMore());
    }

    public Category create(NewCategory input) {
        return create(input, null);
    }

    /**
     * Creates a category. With an {@code idempotencyKey}, a retry of the same request returns the
     * category the first attempt made (or completes it), and never makes a second one.
     */
    public Category create(NewCategory input, String idempotencyKey) {
        caller.require(Role.EDITOR);
        String name = CategoryRules.validName("name", input.name());
        String description = CategoryRules.validDescription("description", input.description());
        Map<String, Object> metadata = CategoryRules.validMetadata("metadata", input.metadata());
        String parentId = input.parentId();
        if (parentId != null) {
            CategoryRules.validId("parentId", parentId);
        }
        String id = "cat-" + UUID.randomUUID();
        if (idempotencyKey != null) {
            id = idempotencyKeys.reserve(idempotencyKey, new NewCategory(name, description, parentId, metadata), id);
            Category made = repository.findByIds(caller.organizationId(), List.of(id)).get(id);
            if (made != null) {
                return remembered(made);
            }
        }
        var now = clock.instant();
        Category category = new Category(caller.organizationId(), id, name, description,
                parentId, metadata, now, now, caller.userId(), caller.userId(), true, 1);
        if (idempotencyKey == null) {
            return insert(category);
        }
        try {
            return insert(category);
        } catch (DomainException e) {
            Category madeConcurrently = repository.findByIds(caller.organizationId(), List.of(id)).get(id);
            if (e.code() == ErrorCode.CONFLICT && madeConcurrently != null) {
                return remembered(madeConcurrently);
            }
            throw e;
        }
    }

    private Category insert(Category category) {
        String parentId = category.parentId();
        if (parentId == null) {
            return insertNamed(category);
        }
        return lease.hold(() -> {
            checkParent(parentId);
            lease.ensureHeld();
            return insertNamed(category);
        });
    }

    public Category update(String id, CategoryChanges changes, Long expectedVersion) {
        caller.require(Role.EDITOR);
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
        Category updated = current.withChanges(name, description, metadata, caller.userId(), clock.instant());
        boolean needsClaim = current.active() && !updated.nameKey().equals(current.nameKey());
        if (!needsClaim) {
            repository.replace(updated, current.version());
            return remembered(updated);
        }
        NameClaim claim = claims.claim("name", name, current.id(), true);
        claims.ensurePending(claim);
        try {
            repository.replace(updated, current.version());
        } catch (DomainException e) {
            claims.drop(claim);
            throw e;
        }
        claims.confirm(claim);
        return remembered(updated);
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

    /** Claims the name, writes the category, confirms the claim: a crash anywhere leaves a claim that heals. */
    private Category insertNamed(Category category) {
        NameClaim claim = claims.claim("name", category.name(), category.id(), true);
        claims.ensurePending(claim);
        repository.insert(category);
        claims.confirm(claim);
        return remembered(category);
    }

    private Category remembered(Category category) {
        reader.remember(category);
        return category;
    }
}
