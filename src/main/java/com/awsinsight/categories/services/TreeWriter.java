package com.awsinsight.categories.services;

import com.awsinsight.categories.services.read.OrganizationSnapshot;
import com.awsinsight.categories.services.write.Hold;
import com.awsinsight.categories.services.write.OrganizationWrites;
import com.awsinsight.categories.services.write.NameClaims;
import com.awsinsight.categories.services.write.WriteContext;
import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.model.CategoryRules;
import com.awsinsight.categories.domain.error.DomainException;
import com.awsinsight.categories.domain.error.ErrorCode;
import com.awsinsight.categories.domain.error.Field;
import com.awsinsight.categories.domain.coordination.NameClaim;
import com.awsinsight.categories.domain.model.Role;
import com.awsinsight.categories.domain.model.StaleVersion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The structural writes of one request: move, delete, restore (and, through {@link TemplateInstantiator}, template
 * instantiation, which is a registered write). Each runs under the organization's structural lease
 * ({@link OrganizationWrites#underLease}) and decides on one consistent {@link OrganizationSnapshot}: the process's cached
 * snapshot when it is exactly the organization the lease was taken on, else one strongly consistent read; each
 * item write is a conditional update on the version read ({@code CategoryRepository#update}). Writes are ordered
 * so that every state between two calls satisfies the tree's invariants: a move (with any other changes of the
 * same request) is one write; a cascade delete deactivates leaves first and the target last; a restore activates the target first and then
 * its descendants, parents before children, each after claiming its name. A crash therefore leaves a partly
 * done change that is valid as it stands and can be finished or undone by the same mutations.
 */
public final class TreeWriter {
    private static final int MAX_REWRITES = 5;

    private final WriteContext context;
    private final TemplateInstantiator instantiator;

    TreeWriter(WriteContext context, TemplateInstantiator instantiator) {
        this.context = context;
        this.instantiator = instantiator;
    }

    /**
     * Moves a category (and so its subtree) under {@code newParentId}, or makes it a root when null. The change
     * names the parent it had before.
     */
    public TreeChange move(String id, String newParentId, Long expectedVersion) {
        return move(id, newParentId, CategoryChanges.NONE, expectedVersion);
    }

    /**
     * Moves a category and applies {@code changes} (name, description, metadata) in the same single write, so
     * either both happen or nothing does. Everything is checked before anything is written, in this order: the
     * role; the ids; the changed fields (BAD_USER_INPUT); then, under the structural lease on one consistent
     * snapshot, the category and {@code expectedVersion} (NOT_FOUND, CONFLICT) and, when the parent changes, the
     * move's target (NOT_FOUND; a cycle is a CONFLICT; an inactive parent or the depth limit BAD_USER_INPUT); last
     * the new name's claim (CONFLICT), which is given back if the write then fails. A parent equal to the current
     * one is no move: nothing about it is checked, and only the changes are written.
     */
    public TreeChange move(String id, String newParentId, CategoryChanges changes, Long expectedVersion) {
        context.caller().require(Role.EDITOR);
        CategoryRules.validId(Field.ID, id);
        if (newParentId != null) {
            CategoryRules.validId(Field.NEW_PARENT_ID, newParentId);
        }
        CategoryChanges checked = checkedBeforeTheLease(id, changes);
        return context.writes().underLease(hold -> {
            OrganizationSnapshot tree = context.snapshot(hold);
            Category current = existing(tree, id, expectedVersion);
            boolean moves = !Objects.equals(current.parentId(), newParentId);
            if (moves && newParentId != null) {
                checkMoveTarget(tree, current, newParentId);
            }
            Category target = applied(current, changes, checked, newParentId);
            if (target == current) {
                return new TreeChange(context.remember(current), current.parentId(), List.of());
            }
            NameClaims claims = hold.claims();
            NameClaim claim = current.active() && !target.nameKey().equals(current.nameKey())
                    ? claims.claim(Field.NAME, target.name(), id, true) : null;
            Category moved;
            try {
                if (claim != null) {
                    claims.ensurePending(claim);
                }
                moved = rewrite(hold, current, expectedVersion, c -> applied(c, changes, checked, newParentId));
            } catch (RuntimeException e) {
                if (claim != null) {
                    claims.dropAfterFailure(claim, e);
                }
                throw e;
            }
            if (claim != null) {
                claims.confirm(claim);
            }
            return new TreeChange(moved, current.parentId(), moves ? List.of(moved) : List.of());
        });
    }

    /**
     * {@code changes} checked by the category rules before the lease is taken (a refused value costs no write). A
     * value the rules refuse may be what the category already holds, sent back as it was read: only then is the
     * category read here, and such values are no change ({@link CategoryChanges#against}).
     */
    private CategoryChanges checkedBeforeTheLease(String id, CategoryChanges changes) {
        try {
            return changes.validated();
        } catch (DomainException refused) {
            return changes.against(context.reader().byIds(List.of(id)).get(0)).validated();
        }
    }

    /**
     * {@code category} with the checked changes and the parent, as one write; itself when nothing would change. A
     * field whose requested value ({@code requested}, as sent) is exactly what the category holds is no change.
     */
    private Category applied(Category category, CategoryChanges requested, CategoryChanges checked, String parentId) {
        CategoryChanges changes = requested.against(category);
        String name = changes.nameSet() && checked.nameSet() ? checked.name() : category.name();
        String description = changes.descriptionSet() && checked.descriptionSet() ? checked.description() : category.description();
        Map<String, Object> metadata = changes.metadataSet() && checked.metadataSet() ? castMetadata(checked.metadata()) : category.metadata();
        boolean same = name.equals(category.name()) && Objects.equals(description, category.description())
                && Objects.equals(metadata, category.metadata()) && Objects.equals(parentId, category.parentId());
        return same ? category
                : category.changed(name, description, metadata, parentId, category.active(), context.userId(), context.now());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMetadata(Object metadata) {
        return (Map<String, Object>) metadata;
    }

    /**
     * Soft-deletes a category. With active children it is a CONFLICT unless {@code cascade}, which
     * deactivates the whole subtree, deepest categories first. The change lists every category switched off.
     */
    public TreeChange delete(String id, boolean cascade, Long expectedVersion) {
        context.caller().require(Role.EDITOR);
        CategoryRules.validId(Field.ID, id);
        return context.writes().underLease(hold -> {
            OrganizationSnapshot tree = context.snapshot(hold);
            Category current = existing(tree, id, expectedVersion);
            List<Category> activeBelow = tree.descendantsOf(id).stream().filter(Category::active).toList();
            if (!activeBelow.isEmpty() && !cascade) {
                throw DomainException.conflict(Field.CASCADE,
                        "Category has active children; delete them first or pass cascade: true");
            }
            List<Category> deepestFirst = new ArrayList<>(activeBelow);
            deepestFirst.sort(Comparator.comparingInt((Category c) -> tree.depthOf(c.id())).reversed());
            List<Category> changed = new ArrayList<>();
            for (Category descendant : deepestFirst) {
                changed.add(rewrite(hold, descendant, null, c -> c.active() ? c.withActive(false, context.userId(), context.now()) : c));
            }
            if (!current.active()) {
                return new TreeChange(context.remember(current), current.parentId(), changed);
            }
            Category deleted = rewrite(hold, current, expectedVersion, c -> c.withActive(false, context.userId(), context.now()));
            changed.add(deleted);
            return new TreeChange(deleted, current.parentId(), changed);
        });
    }

    /**
     * Brings back a soft-deleted category, and with {@code cascade} its inactive descendants, if its
     * parent is active and every name is still free. The change lists every category switched on.
     */
    public TreeChange restore(String id, boolean cascade, Long expectedVersion) {
        context.caller().require(Role.EDITOR);
        CategoryRules.validId(Field.ID, id);
        return context.writes().underLease(hold -> {
            OrganizationSnapshot tree = context.snapshot(hold);
            Category current = existing(tree, id, expectedVersion);
            if (current.parentId() != null) {
                CategoryRules.checkActiveParent(Field.ID, tree.get(current.parentId()));
            }
            List<Category> toRestore = new ArrayList<>();
            if (!current.active()) {
                toRestore.add(current);
            }
            if (cascade) {
                tree.descendantsOf(id).stream().filter(c -> !c.active()).forEach(toRestore::add);
            }
            checkNamesFree(tree, toRestore);
            Category restored = current;
            List<Category> changed = new ArrayList<>();
            for (Category category : toRestore) {
                Long expected = category.id().equals(id) ? expectedVersion : null;
                Category written = activate(hold, category, expected);
                changed.add(written);
                if (category.id().equals(id)) {
                    restored = written;
                }
            }
            return new TreeChange(context.remember(restored), current.parentId(), changed);
        });
    }

    /** Creates a template's whole tree under {@code parentId} (or as roots) in one call. */
    public TemplateInstantiation instantiate(String templateId, Integer version, String parentId) {
        return instantiator.instantiate(templateId, version, parentId);
    }

    private Category activate(Hold hold, Category category, Long expectedVersion) {
        NameClaims claims = hold.claims();
        NameClaim claim = claims.claim(Field.NAME, category.name(), category.id(), false);
        claims.ensurePending(claim);
        Category written = rewrite(hold, category, expectedVersion, c -> {
            if (!c.nameKey().equals(claim.nameKey())) {
                throw DomainException.conflict(Field.ID, "Category was renamed while being restored; retry");
            }
            return c.active() ? c : c.withActive(true, context.userId(), context.now());
        });
        claims.confirm(claim);
        return written;
    }

    private void checkMoveTarget(OrganizationSnapshot tree, Category moving, String newParentId) {
        Category parent = tree.get(newParentId);
        if (parent == null) {
            throw DomainException.notFound(Field.NEW_PARENT_ID, "Parent category not found");
        }
        if (parent.id().equals(moving.id())) {
            throw DomainException.conflict(Field.NEW_PARENT_ID,
                    "Cannot move a category under itself: " + tree.pathOf(moving.id()));
        }
        boolean underItself = tree.ancestorsOf(newParentId).stream().anyMatch(a -> a.id().equals(moving.id()));
        if (underItself) {
            throw DomainException.conflict(Field.NEW_PARENT_ID,
                    "Cannot move a category under its own descendant: " + tree.pathOf(newParentId));
        }
        CategoryRules.checkActiveParent(Field.NEW_PARENT_ID, parent);
        CategoryRules.checkChildDepth(Field.NEW_PARENT_ID, tree.depthOf(newParentId) + tree.heightOf(moving.id()));
    }

    private static void checkNamesFree(OrganizationSnapshot tree, List<Category> toRestore) {
        Set<String> restoring = new HashSet<>();
        toRestore.forEach(c -> restoring.add(c.id()));
        Set<String> keys = new HashSet<>();
        for (Category category : toRestore) {
            if (!keys.add(category.nameKey()) || tree.activeNamed(category.nameKey(), restoring) != null) {
                throw NameClaims.taken(Field.NAME, category.name());
            }
        }
    }

    private static Category existing(OrganizationSnapshot tree, String id, Long expectedVersion) {
        Category current = tree.get(id);
        if (current == null) {
            throw DomainException.notFound(Field.ID, "Category not found");
        }
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw StaleVersion.of(current.version());
        }
        return current;
    }

    /**
     * Applies {@code change} with a conditional update on the version read. Without an expected version, a
     * write lost to a concurrent change the lease does not exclude (a write by a holder whose hold expired, or by
     * the Node service on an organization it still writes) is re-read and applied again.
     */
    private Category rewrite(Hold hold, Category known, Long expectedVersion, UnaryOperator<Category> change) {
        Category current = known;
        for (int attempt = 0; attempt < MAX_REWRITES; attempt++) {
            Category updated = change.apply(current);
            if (updated == current) {
                return context.remember(current);
            }
            try {
                hold.update(current, updated);
                return context.remember(updated);
            } catch (DomainException e) {
                if (e.code() != ErrorCode.CONFLICT || expectedVersion != null) {
                    throw e;
                }
            }
            current = context.current(known.id());
        }
        throw OrganizationWrites.busy();
    }
}
