package com.awsinsight.categories.services;

import com.awsinsight.categories.services.write.OrganizationWrites;
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
 * shared by GraphQL and the legacy REST API. Names are kept unique through {@link NameClaims}. A create under
 * a parent is an adding write ({@link OrganizationWrites#adding}): structural writes wait for it, so the parent
 * cannot be deleted or moved between its check and the create, while creates under any parents run side by
 * side. A create at the root and an update are editing writes, which wait for nothing. Structural writes are
 * in {@link TreeWriter}.
 */
public final class CategoryService {
    /** Items a filtered listing may read beyond its page before it is answered from the organization instead. */
    static final int FILTERED_READ_ALLOWANCE = 100;

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
        return context.claims().holderOf(trimmed)
                .or(() -> context.reader().activeWithNameKey(key).stream().findFirst())
                .map(context::remember)
                .orElse(null);
    }

    /**
     * A page of a listing. Listings the store's indexes answer read one index page, plus one more when the filter
     * discards items; a listing that would read further than that (a name filter that matches little, a page of
     * active categories among many inactive ones), or any listing when the organization is at hand (read by this
     * request, in memory, or held by the process's cache at the current version when that is known: a name-order
     * listing reads the state item anyway, another listing only when the request has read it already), is
     * answered from the organization, read once per request. So however many listings a request makes, it reads
     * about what they return plus the organization at most once. A listing answered from the organization is
     * consistent with the organization's version, so its result may be kept ({@code GraphQLEngine#respond}); one
     * read from an index never is.
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
        boolean fromOrganization = reader.wholeOrganizationLoaded() || reader.wholeOrganizationIsCheap()
                || (query.readsGatewayIndex() ? !reader.indexComplete() || reader.organizationCached()
                        : reader.organizationCachedWithoutARead());
        if (!fromOrganization) {
            reader.readFromIndex(); // even an empty page: what the index did not show yet must not be kept
        }
        Slice<Category> slice = fromOrganization
                ? reader.listFromOrganization(query, position, first)
                : context.repository().list(query, position, first, first + 1 + FILTERED_READ_ALLOWANCE)
                        .orElseGet(() -> reader.listFromOrganization(query, position, first));
        // what an index returned is remembered, so the request's later reads see it as listed; a page taken from
        // the organization is already what those reads use
        boolean fromIndex = !reader.wholeOrganizationLoaded();
        List<Connection.Edge<Category>> edges = slice.items().stream()
                .map(c -> fromIndex ? context.remember(c) : c)
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
            Category made = context.repository().findByIds(List.of(id)).get(id);
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
            Category madeConcurrently = context.repository().findByIds(List.of(id)).get(id);
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
        String name = changes.nameSet() ? CategoryRules.validName(Field.NAME, changes.name()) : current.name();
        String description = changes.descriptionSet()
                ? CategoryRules.validDescription(Field.DESCRIPTION, changes.description()) : current.description();
        Map<String, Object> metadata = changes.metadataSet()
                ? CategoryRules.validMetadata(Field.METADATA, changes.metadata()) : current.metadata();
        boolean unchanged = name.equals(current.name()) && Objects.equals(description, current.description())
                && Objects.equals(metadata, current.metadata());
        if (unchanged) {
            return context.remember(current);
        }
        Category updated = current.withChanges(name, description, metadata, context.userId(), context.now());
        return context.writes().editing(() -> write(current, updated));
    }

    private Category write(Category current, Category updated) {
        boolean needsClaim = current.active() && !updated.nameKey().equals(current.nameKey());
        if (!needsClaim) {
            context.writes().ensureHeld();
            context.repository().update(current, updated);
            return context.remember(updated);
        }
        NameClaims claims = context.claims();
        NameClaim claim = claims.claim(Field.NAME, updated.name(), current.id(), true);
        claims.ensurePending(claim);
        context.writes().ensureHeld();
        try {
            context.repository().update(current, updated);
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
        String parentId = category.parentId();
        OrganizationWrites writes = context.writes();
        if (parentId == null) {
            return writes.editing(() -> insertNamed(category));
        }
        return writes.adding(() -> {
            context.parents().check(Field.PARENT_ID, parentId, 1, writes.begun());
            Category created = insertNamed(category);
            context.parents().learnAdded(writes.begun(), List.of(created));
            return created;
        });
    }

    /**
     * Claims the name (for a new category: no confirmation) and writes the category: a crash in between leaves
     * a claim that holds for its pending time and is free after it; a write the store refuses gives the claim back
     * at once (unless the id exists: a concurrent retry of an idempotent create wrote it, and the claim is that
     * category's).
     */
    private Category insertNamed(Category category) {
        NameClaims claims = context.claims();
        NameClaim claim = claims.claimForNew(Field.NAME, category.name(), category.id(), true);
        claims.ensurePending(claim);
        context.writes().ensureHeld();
        try {
            context.repository().insert(category);
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
