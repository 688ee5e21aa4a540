package com.awsinsight.categories.services;

import com.awsinsight.categories.domain.Category;
import com.awsinsight.categories.domain.CategoryRules;
import com.awsinsight.categories.domain.DomainException;
import com.awsinsight.categories.domain.Field;
import com.awsinsight.categories.domain.NameClaim;
import com.awsinsight.categories.domain.Role;
import com.awsinsight.categories.domain.Template;
import com.awsinsight.categories.domain.TemplateNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Instantiates a template: under the organization's lease, on one {@link TreeSnapshot}, it checks the parent
 * and the depth, reports every name clash at once (creating nothing), claims every name, then writes the new
 * categories level by level, parents before children, in batches. A crash leaves complete upper levels: a
 * valid, visible partial tree.
 *
 * <p>One request creates at most {@value #CATEGORIES_PER_REQUEST} categories from templates (one template of the
 * largest size): an instantiation that would go past that is refused before any of its writes, so a request's
 * writes stay bounded however many instantiations it asks for.
 */
final class TemplateInstantiator {
    static final int CATEGORIES_PER_REQUEST = TemplateService.MAX_TEMPLATE_NODES;

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
        return context.lease().hold(() -> {
            TreeSnapshot tree = context.snapshot();
            int parentDepth = -1;
            if (parentId != null) {
                CategoryRules.checkActiveParent(Field.PARENT_ID, tree.get(parentId));
                parentDepth = tree.depthOf(parentId);
            }
            List<List<Category>> levels = plan(template, parentId);
            CategoryRules.checkChildDepth(Field.PARENT_ID, parentDepth + levels.size() - 1);
            List<DomainException> clashes = clashes(tree, levels);
            if (!clashes.isEmpty()) {
                return TemplateInstantiation.refused(clashes);
            }
            return write(levels);
        });
    }

    private TemplateInstantiation write(List<List<Category>> levels) {
        NameClaims claims = context.claims();
        List<NameClaim> taken = new ArrayList<>();
        try {
            for (List<Category> level : levels) {
                for (Category category : level) {
                    taken.add(claims.claim(Field.TEMPLATE_CATEGORY, category.name(), category.id(), false));
                }
            }
        } catch (DomainException e) {
            taken.forEach(claims::drop);
            return TemplateInstantiation.refused(List.of(e));
        }
        List<Category> created = new ArrayList<>();
        for (List<Category> level : levels) {
            context.lease().ensureHeld();
            claims.ensurePending(taken.get(0));
            context.repository().insertAll(level);
            created.addAll(level);
        }
        taken.forEach(claims::confirm);
        created.forEach(context::remember);
        categoriesLeft -= created.size();
        return new TemplateInstantiation(created, List.of());
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
