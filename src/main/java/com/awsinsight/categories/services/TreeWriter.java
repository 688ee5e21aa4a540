package com.awsinsight.categories.services;

import com.awsinsight.categories.domain.Caller;
import com.awsinsight.categories.domain.Category;
import com.awsinsight.categories.domain.CategoryRepository;
import com.awsinsight.categories.domain.CategoryRules;
import com.awsinsight.categories.domain.DomainException;
import com.awsinsight.categories.domain.ErrorCode;
import com.awsinsight.categories.domain.NameClaim;
import com.awsinsight.categories.domain.Role;
import com.awsinsight.categories.domain.StaleVersion;
import com.awsinsight.categories.domain.Template;
import com.awsinsight.categories.domain.TemplateNode;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The structural writes of one request: move, delete, restore and template instantiation. Each runs
 * under the organization's {@link OrganizationLease} and decides on one consistent {@link TreeSnapshot};
 * each item write is a conditional put on the version read. Writes are ordered so that every state
 * between two calls satisfies the tree's invariants: a move is one write; a cascade delete deactivates
 * leaves first and the target last; a restore activates the target first and then its descendants, parents
 * before children, each after claiming its name; an instantiation claims every name, then writes the new
 * categories level by level, parents before children. A crash therefore leaves a partly done change that
 * is valid as it stands and can be finished or undone by the same mutations.
 */
public final class TreeWriter {
    private static final int MAX_REWRITES = 5;

    private final Caller caller;
    private final CategoryRepository repository;
    private final CategoryReader reader;
    private final TemplateService templates;
    private final OrganizationLease lease;
    private final NameClaims claims;
    private final Clock clock;

    TreeWriter(Caller caller, CategoryRepository repository, CategoryReader reader, TemplateService templates,
               OrganizationLease lease, NameClaims claims, Clock clock) {
        this.caller = caller;
        this.repository = repository;
        this.reader = reader;
        this.templates = templates;
        this.lease = lease;
        this.claims = claims;
        this.clock = clock;
    }

    /** Moves a category (and so its subtree) under {@code newParentId}, or makes it a root when null. */
    public Category move(String id, String newParentId, Long expectedVersion) {
        caller.require(Role.EDITOR);
        CategoryRules.validId("id", id);
        if (newParentId != null) {
            CategoryRules.validId("newParentId", newParentId);
        }
        return lease.hold(() -> {
            TreeSnapshot tree = snapshot();
            Category current = existing(tree, id, expectedVersion);
            if (newParentId != null) {
                checkMoveTarget(tree, current, newParentId);
            }
            if (Objects.equals(current.parentId(), newParentId)) {
                return remembered(current);
            }
            return rewrite(current, expectedVersion, c -> c.withParent(newParentId, caller.userId(), clock.instant()));
        });
    }

    /**
     * Soft-deletes a category. With active children it is a CONFLICT unless {@code cascade}, which
     * deactivates the whole subtree, deepest categories first.
     */
    public Category delete(String id, boolean cascade, Long expectedVersion) {
        caller.require(Role.EDITOR);
        CategoryRules.validId("id", id);
        return lease.hold(() -> {
            TreeSnapshot tree = snapshot();
            Category current = existing(tree, id, expectedVersion);
            List<Category> activeBelow = tree.descendantsOf(id).stream().filter(Category::active).toList();
            if (!activeBelow.isEmpty() && !cascade) {
                throw DomainException.conflict("cascade",
                        "Category has active children; delete them first or pass cascade: true");
            }
            List<Category> deepestFirst = new ArrayList<>(activeBelow);
            deepestFirst.sort(Comparator.comparingInt((Category c) -> tree.depthOf(c.id())).reversed());
            for (Category descendant : deepestFirst) {
                rewrite(descendant, null, c -> c.active() ? c.withActive(false, caller.userId(), clock.instant()) : c);
            }
            if (!current.active()) {
                return remembered(current);
            }
            return rewrite(current, expectedVersion, c -> c.withActive(false, caller.userId(), clock.instant()));
        });
    }

    /**
     * Brings back a soft-deleted category, and with {@code cascade} its inactive descendants, if its
     * parent is active and every name is still free.
     */
    public Category restore(String id, boolean cascade, Long expectedVersion) {
        caller.require(Role.EDITOR);
        CategoryRules.validId("id", id);
        return lease.hold(() -> {
            TreeSnapshot tree = snapshot();
            Category current = existing(tree, id, expectedVersion);
            if (current.parentId() != null) {
                Category parent = tree.get(current.parentId());
                if (parent == null) {
                    throw DomainException.notFound("id", "Parent category not found");
                }
                if (!parent.active()) {
                    throw DomainException.badInput("id", "Parent category is inactive");
                }
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
            for (Category category : toRestore) {
                Long expected = category.id().equals(id) ? expectedVersion : null;
                Category written = activate(category, expected);
                if (category.id().equals(id)) {
                    restored = written;
                }
            }
            return remembered(restored);
        });
    }

    /** Creates a template's whole tree under {@code parentId} (or as roots) in one call. */
    public TemplateInstantiation instantiate(String templateId, Integer version, String parentId) {
        caller.require(Role.EDITOR);
        CategoryRules.validId("templateId", templateId);
        if (parentId != null) {
            CategoryRules.validId("parentId", parentId);
        }
        Template template = templates.byId(templateId, version);
        if (template == null) {
            throw DomainException.notFound("templateId", "Template not found");
        }
        return lease.hold(() -> {
            TreeSnapshot tree = snapshot();
            int parentDepth = -1;
            if (parentId != null) {
                Category parent = tree.get(parentId);
                if (parent == null) {
                    throw DomainException.notFound("parentId", "Parent category not found");
                }
                if (!parent.active()) {
                    throw DomainException.badInput("parentId", "Parent category is inactive");
                }
                parentDepth = tree.depthOf(parentId);
            }
            List<List<Category>> levels = plan(template, parentId);
            CategoryRules.checkChildDepth("parentId", parentDepth + levels.size() - 1);
            List<DomainException> clashes = clashes(tree, levels);
            if (!clashes.isEmpty()) {
                return TemplateInstantiation.refused(clashes);
            }
            List<NameClaim> taken = new ArrayList<>();
            try {
                for (List<Category> level : levels) {
                    for (Category category : level) {
                        taken.add(claims.claim("templateId", category.name(), category.id(), false));
                    }
                }
            } catch (DomainException e) {
                taken.forEach(claims::drop);
                return TemplateInstantiation.refused(List.of(e));
            }
            List<Category> created = new ArrayList<>();
            for (List<Category> level : levels) {
                lease.ensureHeld();
                claims.ensurePending(taken.get(0));
                repository.insertAll(level);
                created.addAll(level);
            }
            taken.forEach(claims::confirm);
            created.forEach(reader::remember);
            return new TemplateInstantiation(created, List.of());
        });
    }

    private Category activate(Category category, Long expectedVersion) {
        NameClaim claim = claims.claim("name", category.name(), category.id(), false);
        claims.ensurePending(claim);
        Category written = rewrite(category, expectedVersion, c -> {
            if (!c.nameKey().equals(claim.nameKey())) {
                throw DomainException.conflict("id", "Category was renamed while being restored; retry");
            }
            return c.active() ? c : c.withActive(true, caller.userId(), clock.instant());
        });
        claims.confirm(claim);
        return written;
    }

    private void checkMoveTarget(TreeSnapshot tree, Category moving, String newParentId) {
        Category parent = tree.get(newParentId);
        if (parent == null) {
            throw DomainException.notFound("newParentId", "Parent category not found");
        }
        if (parent.id().equals(moving.id())) {
            throw DomainException.conflict("newParentId",
                    "Cannot move a category under itself: " + tree.pathOf(moving.id()));
        }
        boolean underItself = tree.ancestorsOf(newParentId).stream().anyMatch(a -> a.id().equals(moving.id()));
        if (underItself) {
            throw DomainException.conflict("newParentId",
                    "Cannot move a category under its own descendant: " + tree.pathOf(newParentId));
        }
        if (!parent.active()) {
            throw DomainException.badInput("newParentId", "Parent category is inactive");
        }
        CategoryRules.checkChildDepth("newParentId", tree.depthOf(newParentId) + tree.heightOf(moving.id()));
    }

    private void checkNamesFree(TreeSnapshot tree, List<Category> toRestore) {
        Set<String> restoring = new HashSet<>();
        toRestore.forEach(c -> restoring.add(c.id()));
        Set<String> keys = new HashSet<>();
        for (Category category : toRestore) {
            if (!keys.add(category.nameKey()) || tree.activeNamed(category.nameKey(), restoring) != null) {
                throw NameClaims.taken("name", category.name());
            }
        }
    }

    /** The template's categories with fresh ids, one list per level, roots first. */
    private List<List<Category>> plan(Template template, String parentId) {
        List<List<Category>> levels = new ArrayList<>();
        List<Map.Entry<TemplateNode, String>> current = new ArrayList<>();
        template.categories().forEach(n -> current.add(Map.entry(n, parentId == null ? "" : parentId)));
        var now = clock.instant();
        while (!current.isEmpty()) {
            List<Category> level = new ArrayList<>();
            List<Map.Entry<TemplateNode, String>> next = new ArrayList<>();
            for (Map.Entry<TemplateNode, String> entry : current) {
                TemplateNode node = entry.getKey();
                String parent = entry.getValue().isEmpty() ? null : entry.getValue();
                String name = CategoryRules.validName("templateId", node.name());
                Category category = new Category(caller.organizationId(), "cat-" + UUID.randomUUID(), name,
                        node.description(), parent, node.metadata(), now, now, caller.userId(), caller.userId(), true, 1);
                level.add(category);
                node.children().forEach(child -> next.add(Map.entry(child, category.id())));
            }
            levels.add(level);
            current.clear();
            current.addAll(next);
        }
        return levels;
    }

    private static List<DomainException> clashes(TreeSnapshot tree, List<List<Category>> levels) {
        List<DomainException> errors = new ArrayList<>();
        Map<String, Integer> uses = new HashMap<>();
        levels.forEach(level -> level.forEach(c -> uses.merge(c.nameKey(), 1, Integer::sum)));
        Set<String> reported = new HashSet<>();
        for (List<Category> level : levels) {
            for (Category category : level) {
                String key = category.nameKey();
                if (!reported.add(key)) {
                    continue;
                }
                if (tree.activeNamed(key, Set.of()) != null) {
                    errors.add(NameClaims.taken("templateId", category.name()));
                } else if (uses.get(key) > 1) {
                    errors.add(DomainException.conflict("templateId",
                            "The template uses the name \"" + category.name() + "\" more than once"));
                }
            }
        }
        return errors;
    }

    private TreeSnapshot snapshot() {
        return new TreeSnapshot(repository.findAll(caller.organizationId()));
    }

    private static Category existing(TreeSnapshot tree, String id, Long expectedVersion) {
        Category current = tree.get(id);
        if (current == null) {
            throw DomainException.notFound("id", "Category not found");
        }
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw StaleVersion.of(current.version());
        }
        return current;
    }

    /**
     * Applies {@code change} with a conditional put on the version read. Without an expected version, a
     * write lost to a concurrent edit (a rename, which takes no lease) is re-read and applied again.
     */
    private Category rewrite(Category known, Long expectedVersion, UnaryOperator<Category> change) {
        Category current = known;
        for (int attempt = 0; attempt < MAX_REWRITES; attempt++) {
            Category updated = change.apply(current);
            if (updated == current) {
                return remembered(current);
            }
            lease.ensureHeld();
            try {
                repository.replace(updated, current.version());
                return remembered(updated);
            } catch (DomainException e) {
                if (e.code() != ErrorCode.CONFLICT || expectedVersion != null) {
                    throw e;
                }
            }
            current = repository.findByIds(caller.organizationId(), List.of(known.id())).get(known.id());
            if (current == null) {
                throw DomainException.notFound("id", "Category not found");
            }
        }
        throw DomainException.conflict(null, OrganizationLease.BUSY_MESSAGE);
    }

    private Category remembered(Category category) {
        reader.remember(category);
        return category;
    }
}
