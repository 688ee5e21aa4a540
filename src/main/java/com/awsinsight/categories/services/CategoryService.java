package com.awsinsight.categories.services;

import com.awsinsight.categories.services.write.Hold;
import com.awsinsight.categories.services.read.CategoryReader;
import com.awsinsight.categories.services.write.NameClaims;
import com.awsinsight.categories.services.write.WriteContext;
import com.awsinsight.categories.services.read.CategoryReader;
import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.model.CategoryQuery;
import com.awsinsight.categories.domain.model.CategoryRules;
import com.awsinsight.categories.domain.error.DomainException;
import com.awsinsight.categories.domain.error.ErrorCode;
import com.awsinsight.categories.domain.error.Field;
import com.awsinsight.categories.domain.coordination.NameClaim;
import com.awsinsight.categories.domain.model.Position;
import com.awsinsight.categories.domain.model.Role;
import com.awsinsight.categories.domain.model.Slice;
import com.awsinsight.categories.domain.model.StaleVersion;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The category use cases of one request: lookup by id and name, listing, create and update. Every rule
 * (validation, parent checks, name uniqueness, optimistic concurrency, roles) lives here once and is
 * shared by GraphQL and the legacy REST API. Names are kept unique through {@link NameClaims}. Creates and updates
 * are registered writes ({@link Hold.Kind#REGISTERED}): structural writes wait for them, so a parent cannot be
 * deleted or moved between its check and the create, while creates and updates run side by side. Structural
 * writes are in {@link TreeWriter}.
 */
public final class CategoryService {

    private final WriteContext context;
    private final IdempotencyKeys idempotencyKeys;

    CategoryService(WriteContext context, IdempotencyKeys idempotencyKeys) {
        this.context = context;
        this.idempotencyKeys = idempotencyKeys;
    }

    public Category byId(String id) {
        CategoryRules.validId(Field.ID, id);
        return context.reader().byIds(List.of(id)).get(0);
    }

    /**
     * The active category whose name equals {@code name} ignoring case and surrounding space, or null:
     * the holder of the name's claim, else (no claim yet: the Node service's data) the oldest active
     * category with that name key. Of duplicates the Node service allowed, this is the one that holds the
     * name after {@code migrate} too.
     */
    public Category byName(String name) {
        String trimmed = CategoryRules.validName(Field.NAME, name);
        String key = CategoryRules.nameKey(trimmed);
        return context.reader().byName(key).orElse(null);
    }

    /**
     * A page of a listing, read where the request's reader decides ({@link CategoryReader#page}), with cursors
     * bound to the organization and the query.
     */
    public Connection<Category> page(int first, String after, CategoryQuery query) {
        CategoryRules.checkPageSize(Field.FIRST, first);
        if (query.parentId() != null) {
            CategoryRules.validId(Field.FILTER_PARENT_ID, query.parentId());
        }
        String organizationId = context.caller().organizationId();
        String fingerprint = query.fingerprint();
        // a position's sort value and id are key-sized (Cursors.decode); the stores bound the index keys built from them
        Position position = Cursors.decode(Field.AFTER, after, organizationId, fingerprint);
        CategoryReader reader = context.reader();
        Slice<Category> slice = reader.page(query, position, first);
        List<Connection.Edge<Category>> edges = slice.items().stream()
                .map(c -> new Connection.Edge<>(() -> Cursors.encode(organizationId, fingerprint,
                        new Position(query.order().sortValue(c), c.id())), c))
                .toList();
        return new Connection<>(edges, slice.hasMore(), position != null, () -> reader.count(query));
    }

    public Category create(NewCategory input) {
        return create(input, null);
    }

    /**
     * Creates a category. With an {@code idempotencyKey}, a retry of the same request returns the
     * category the first attempt made (or completes it), and never makes a second one.
     */
    public Category create(NewCategory input, String idempotencyKey) {
        context.caller().require(Role.EDITOR);
        String name = CategoryRules.validName(Field.NAME, input.name());
        String description = CategoryRules.validDescription(Field.DESCRIPTION, input.description());
        Map<String, Object> metadata = CategoryRules.validMetadata(Field.METADATA, input.metadata());
        String parentId = input.parentId();
        if (parentId != null) {
            CategoryRules.validId(Field.PARENT_ID, parentId);
        }
        String id = CategoryRules.newCategoryId();
        if (idempotencyKey != null) {
            id = idempotencyKeys.reserve(idempotencyKey, new NewCategory(name, description, parentId, metadata), id);
            Category made = context.reads().findById(id);
            if (made != null) {
                return context.remember(made);
            }
        }
        var now = context.now();
        Category category = new Category(context.caller().organizationId(), id, name, description,
                parentId, metadata, now, now, context.userId(), context.userId(), true, 1);
        if (idempotencyKey == null) {
            return insert(category);
        }
        try {
            return insert(category);
        } catch (DomainException e) {
            Category madeConcurrently = context.reads().findById(id);
            if (e.code() == ErrorCode.CONFLICT && madeConcurrently != null) {
                return context.remember(madeConcurrently);
            }
            throw e;
        }
    }

    /**
     * Changes name, description or metadata. Everything is checked before the write registers (so a refused
     * update costs no write and leaves the organization's cached copies valid); the write itself is conditional
     * on the version read.
     */
    public Category update(String id, CategoryChanges changes, Long expectedVersion) {
        context.caller().require(Role.EDITOR);
        Category current = existing(id);
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw StaleVersion.of(current.version());
        }
        CategoryChanges checked = changes.against(current).validated();
        String name = checked.nameSet() ? checked.name() : current.name();
        String description = checked.descriptionSet() ? checked.description() : current.description();
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = checked.metadataSet() ? (Map<String, Object>) checked.metadata() : current.metadata();
        boolean unchanged = name.equals(current.name()) && Objects.equals(description, current.description())
                && Objects.equals(metadata, current.metadata());
        if (unchanged) {
            return context.remember(current);
        }
        Category updated = current.withChanges(name, description, metadata, context.userId(), context.now());
        return context.writes().registered(hold -> write(hold, current, updated));
    }

    private Category write(Hold hold, Category current, Category updated) {
        boolean needsClaim = current.active() && !updated.nameKey().equals(current.nameKey());
        if (!needsClaim) {
            hold.update(current, updated);
            return context.remember(updated);
        }
        NameClaims claims = hold.claims();
        NameClaim claim = claims.claim(Field.NAME, updated.name(), current.id(), true);
        claims.ensurePending(claim);
        try {
            hold.update(current, updated);
        } catch (RuntimeException e) {
            claims.dropAfterFailure(claim, e);
            throw e;
        }
        claims.confirm(claim);
        return context.remember(updated);
    }

    private Category existing(String id) {
        Category category = byId(id);
        if (category == null) {
            throw DomainException.notFound(Field.ID, "Category not found");
        }
        return category;
    }

    private Category insert(Category category) {
        return context.writes().registered(hold -> {
            if (category.parentId() != null) {
                context.parents().check(hold, Field.PARENT_ID, category.parentId(), 1);
            }
            return insertNamed(hold, category);
        });
    }

    /**
     * Claims the name (for a new category: no confirmation) and writes the category: a crash in between leaves
     * a claim that holds for its pending time and is free after it; a write the store refuses gives the claim back
     * at once (unless the id exists: a concurrent retry of an idempotent create wrote it, and the claim is that
     * category's).
     */
    private Category insertNamed(Hold hold, Category category) {
        NameClaims claims = hold.claims();
        NameClaim claim = claims.claimForNew(Field.NAME, category.name(), category.id(), true);
        claims.ensurePending(claim);
        try {
            hold.insert(category);
        } catch (DomainException e) {
            if (e.code() != ErrorCode.CONFLICT) {
                claims.dropAfterFailure(claim, e);
            }
            throw e;
        } catch (RuntimeException e) {
            claims.dropAfterFailure(claim, e);
            throw e;
        }
        return context.remember(category);
    }
}
