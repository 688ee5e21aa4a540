package com.awsinsight.categories.services;

import com.awsinsight.categories.services.read.OrganizationSnapshot;
import com.awsinsight.categories.services.write.Hold;
import com.awsinsight.categories.services.write.OrganizationWrites;
import com.awsinsight.categories.services.write.NameClaims;
import com.awsinsight.categories.services.write.WriteContext;
import com.awsinsight.categories.services.migration.Parallel;
import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.model.CategoryRules;
import com.awsinsight.categories.domain.error.DomainException;
import com.awsinsight.categories.domain.error.ErrorCode;
import com.awsinsight.categories.domain.error.Field;
import com.awsinsight.categories.domain.coordination.NameClaim;
import com.awsinsight.categories.domain.coordination.OrganizationState;
import com.awsinsight.categories.domain.model.Role;
import com.awsinsight.categories.domain.model.Template;
import com.awsinsight.categories.domain.model.TemplateNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Instantiates a template as one registered write ({@link OrganizationWrites#registered}): structural writes wait for
 * it, creates elsewhere in the organization run alongside. It checks the parent and the depth, reports every
 * name clash at once against one read of the organization (a name used twice in the template, or one an active
 * category has; creating nothing), claims every name (in parallel, {@value #CLAIM_THREADS} at a time, which also
 * catches a concurrent create of one of them), then writes the new categories level by level, parents before
 * children, in batches. A crash leaves complete upper levels: a valid, visible partial tree. A long
 * instantiation keeps its registration (and gives up rather than write on a lost one) through
 * {@link Hold#ensureHeld()}, checked before every claim and every level.
 *
 * <p>One request creates at most {@value #CATEGORIES_PER_REQUEST} categories from templates (one template of the
 * largest size): an instantiation that would go past that is refused before any of its writes, so a request's
 * writes stay bounded however many instantiations it asks for.
 */
final class TemplateInstantiator {
    static final int CLAIM_THREADS = 16;
    static final int CATEGORIES_PER_REQUEST = TemplateService.MAX_TEMPLATE_NODES;
    private static final int CLAIMS_PER_ROUND = CLAIM_THREADS * 8;

    private final WriteContext context;
    private final TemplateService templates;
    private int categoriesLeft = CATEGORIES_PER_REQUEST;

    TemplateInstantiator(WriteContext context, TemplateService templates) {
        this.context = context;
        this.templates = templates;
    }

    synchronized TemplateInstantiation instantiate(String templateId, Integer version, String parentId) {
        context.caller().require(Role.EDITOR);
        if (parentId != null) {
            CategoryRules.validId(Field.PARENT_ID, parentId);
        }
        Template template = templates.byId(Field.TEMPLATE_ID, templateId, version);
        if (template == null) {
            throw DomainException.notFound(Field.TEMPLATE_ID, "Template not found");
        }
        int size = template.nodeCount();
        if (size > categoriesLeft) {
            throw DomainException.badInput(Field.TEMPLATE_ID, "A request may create at most " + CATEGORIES_PER_REQUEST
                    + " categories from templates; this template has " + size + " and " + categoriesLeft + " are left");
        }
        List<List<Category>> levels = plan(template, parentId);
        return context.writes().registered(hold -> {
            if (parentId != null) {
                context.parents().check(hold, Field.PARENT_ID, parentId, levels.size());
            } else {
                CategoryRules.checkChildDepth(Field.PARENT_ID, levels.size() - 2);
            }
            OrganizationSnapshot tree = context.snapshot(hold);
            List<DomainException> reported = clashes(tree, levels);
            if (!reported.isEmpty()) {
                return TemplateInstantiation.refused(reported);
            }
            List<Category> all = levels.stream().flatMap(List::stream).toList();
            Map<Category, NameClaim> claimed = new LinkedHashMap<>();
            List<DomainException> clashes = claimAll(hold, all, claimed);
            if (!clashes.isEmpty()) {
                claimed.values().forEach(hold.claims()::drop);
                return TemplateInstantiation.refused(clashes);
            }
            List<Category> created = write(hold, levels, claimed);
            categoriesLeft -= created.size();
            return new TemplateInstantiation(created, List.of());
        });
    }

    /**
     * Claims every name, {@value #CLAIMS_PER_ROUND} at a time on {@value #CLAIM_THREADS} threads; returns the
     * clashes in plan order (empty when every name was claimed). A store failure drops what was claimed.
     */
    private List<DomainException> claimAll(Hold hold, List<Category> all, Map<Category, NameClaim> claimed) {
        NameClaims claims = hold.claims();
        Map<Category, NameClaim> taken = new ConcurrentHashMap<>();
        Map<Category, DomainException> refused = new ConcurrentHashMap<>();
        try {
            for (int start = 0; start < all.size(); start += CLAIMS_PER_ROUND) {
                hold.ensureHeld();
                List<Runnable> round = all.subList(start, Math.min(all.size(), start + CLAIMS_PER_ROUND)).stream()
                        .<Runnable>map(category -> () -> {
                            try {
                                taken.put(category, claims.claimForNew(Field.TEMPLATE_CATEGORY, category.name(), category.id(), false));
                            } catch (DomainException e) {
                                if (e.code() != ErrorCode.CONFLICT) {
                                    throw e;
                                }
                                refused.put(category, e);
                            }
                        })
                        .toList();
                Parallel.run(CLAIM_THREADS, new AtomicBoolean(), round);
            }
        } catch (RuntimeException e) {
            taken.values().forEach(claim -> dropQuietly(hold, claim, e));
            throw e;
        }
        all.stream().filter(taken::containsKey).forEach(c -> claimed.put(c, taken.get(c)));
        return all.stream().filter(refused::containsKey).map(refused::get).toList();
    }

    private static void dropQuietly(Hold hold, NameClaim claim, RuntimeException cause) {
        try {
            hold.claims().drop(claim);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /** Writes the levels in order, each after checking its hold and that its claims are still pending. */
    private List<Category> write(Hold hold, List<List<Category>> levels, Map<Category, NameClaim> claimed) {
        if (claimed.isEmpty()) {
            return List.of();
        }
        NameClaims claims = hold.claims();
        NameClaim earliest = claimed.values().stream()
                .min(Comparator.comparing(NameClaim::pendingUntil)).orElseThrow();
        List<Category> created = new ArrayList<>();
        for (List<Category> level : levels) {
            claims.ensurePending(earliest);
            hold.insertAll(level);
            created.addAll(level);
        }
        created.forEach(context::remember);
        return created;
    }

    /** The template's categories with fresh ids, one list per level, roots first. */
    private List<List<Category>> plan(Template template, String parentId) {
        List<List<Category>> levels = new ArrayList<>();
        List<Map.Entry<TemplateNode, String>> current = new ArrayList<>();
        template.categories().forEach(n -> current.add(Map.entry(n, parentId == null ? "" : parentId)));
        var now = context.now();
        while (!current.isEmpty()) {
            List<Category> level = new ArrayList<>();
            List<Map.Entry<TemplateNode, String>> next = new ArrayList<>();
            for (Map.Entry<TemplateNode, String> entry : current) {
                TemplateNode node = entry.getKey();
                String parent = entry.getValue().isEmpty() ? null : entry.getValue();
                String name = CategoryRules.validName(Field.TEMPLATE_CATEGORY, node.name());
                Category category = new Category(context.caller().organizationId(), CategoryRules.newCategoryId(), name,
                        node.description(), parent, node.metadata(), now, now, context.userId(), context.userId(), true, 1);
                level.add(category);
                node.children().forEach(child -> next.add(Map.entry(child, category.id())));
            }
            levels.add(level);
            current.clear();
            current.addAll(next);
        }
        return levels;
    }

    /** Every name clash, in plan order: names active categories have, and names the template uses twice. */
    private static List<DomainException> clashes(OrganizationSnapshot tree, List<List<Category>> levels) {
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
                    errors.add(NameClaims.taken(Field.TEMPLATE_CATEGORY, category.name()));
                } else if (uses.get(key) > 1) {
                    errors.add(DomainException.conflict(Field.TEMPLATE_CATEGORY,
                            "The template uses the name \"" + category.name() + "\" more than once"));
                }
            }
        }
        return errors;
    }
}
