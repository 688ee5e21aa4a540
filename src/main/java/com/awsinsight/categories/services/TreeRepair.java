package com.awsinsight.categories.services;

import com.awsinsight.categories.services.read.OrganizationSnapshot;
import com.awsinsight.categories.services.write.Hold;
import com.awsinsight.categories.services.write.OrganizationWrites;
import com.awsinsight.categories.services.write.WriteContext;
import com.awsinsight.categories.services.migration.OrganizationIndexer;
import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.model.CategoryRules;
import com.awsinsight.categories.domain.coordination.NameClaim;
import com.awsinsight.categories.domain.model.Role;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Brings an organization whose data did not come through this gateway's writes (the Node service's items,
 * hand edits, imports) in line with the tree invariants, under the organization's structural lease. The gateway's own
 * writes never need it: they keep the invariants at every step, crashes included. In order:
 * <ol>
 *   <li>an active category whose parent is missing, and one category of every parent cycle, become roots
 *       (so they show in the tree again);</li>
 *   <li>active categories under inactive ones, and active categories sharing a name key, are reported; only
 *       with {@code deactivate} are they switched off (deepest first; of a name group the claim holder, else
 *       the oldest, stays active; restore the others after a rename);</li>
 *   <li>the organization is indexed ({@link OrganizationIndexer}): index attributes, a claim per active name
 *       (the oldest holds a duplicated one), the index mark.</li>
 * </ol>
 * Without {@code deactivate} nothing of the customer's is switched off. Categories deeper than the depth
 * limit are reported, not moved.
 */
public final class TreeRepair {
    private final WriteContext context;
    private final Function<String, Optional<NameClaim>> claims;
    private final OrganizationIndexer indexer;

    /** What a repair changed ({@code actions}, one line per write) and what it found and left alone. */
    public record Report(String organizationId, int categories, List<String> actions, List<String> findings,
                         List<OrganizationIndexer.DuplicateName> duplicates) {
        public Report {
            actions = List.copyOf(actions);
            findings = List.copyOf(findings);
            duplicates = List.copyOf(duplicates);
        }
    }

    /** @param claims the name claim of a name key, if any */
    TreeRepair(WriteContext context, Function<String, Optional<NameClaim>> claims, OrganizationIndexer indexer) {
        this.context = context;
        this.claims = claims;
        this.indexer = indexer;
    }

    /** @param deactivate also switch off categories under inactive ones and all but one of each duplicate name */
    public Report run(boolean deactivate) {
        context.caller().require(Role.ADMIN);
        return context.writes().underLease(hold -> {
            List<String> actions = new ArrayList<>();
            List<String> findings = new ArrayList<>();
            reattachBrokenChains(hold, snapshot(), actions);
            handleUnderInactive(hold, snapshot(), deactivate, actions, findings);
            if (deactivate) {
                deactivateDuplicateNames(hold, snapshot(), actions);
            }
            hold.ensureHeld();
            OrganizationIndexer.Result indexed = indexer.index(context.caller().organizationId(), false);
            if (indexed.backfilled() > 0) {
                actions.add("indexed " + indexed.backfilled() + " categories");
            }
            if (indexed.claimsWritten() > 0) {
                actions.add("claimed " + indexed.claimsWritten() + " names");
            }
            indexed.duplicates().forEach(d -> findings.add("duplicate name (" + d.categories().size()
                    + " active, resolves to " + d.holderId() + "): " + d.categories().get(0).name()));
            OrganizationSnapshot tree = snapshot();
            tree.categories().stream()
                    .filter(c -> c.active() && tree.depthOf(c.id()) >= CategoryRules.MAX_TREE_LEVELS)
                    .forEach(c -> findings.add("too deep (move it up): " + tree.pathOf(c.id())));
            return new Report(context.caller().organizationId(), tree.categories().size(), actions, findings, indexed.duplicates());
        });
    }

    private void reattachBrokenChains(Hold hold, OrganizationSnapshot tree, List<String> actions) {
        for (Category category : sorted(tree.categories())) {
            if (category.isRoot()) {
                continue;
            }
            boolean parentMissing = category.active() && tree.get(category.parentId()) == null;
            if (parentMissing || closesCycle(tree, category)) {
                write(hold, category, category.withParent(null, context.userId(), context.now()));
                actions.add((parentMissing ? "made root (parent missing): " : "made root (cycle): ") + category.name());
            }
        }
    }

    /** True for the smallest id on a parent cycle, so each cycle is cut once. */
    private static boolean closesCycle(OrganizationSnapshot tree, Category category) {
        List<String> onPath = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Category current = category;
        while (current != null && !current.isRoot() && seen.add(current.id())) {
            onPath.add(current.id());
            current = tree.get(current.parentId());
        }
        if (current == null || !current.id().equals(category.id())) {
            return false;
        }
        return onPath.stream().min(String::compareTo).orElseThrow().equals(category.id());
    }

    private void handleUnderInactive(Hold hold, OrganizationSnapshot tree, boolean deactivate, List<String> actions, List<String> findings) {
        List<Category> stranded = new ArrayList<>();
        for (Category category : tree.categories()) {
            if (!category.active()) {
                tree.descendantsOf(category.id()).stream().filter(Category::active).forEach(stranded::add);
            }
        }
        if (deactivate) {
            deactivateDeepestFirst(hold, tree, stranded, "deactivated (inactive ancestor): ", actions);
            return;
        }
        stranded.stream().map(c -> "active under an inactive ancestor: " + tree.pathOf(c.id())).distinct().forEach(findings::add);
    }

    private void deactivateDuplicateNames(Hold hold, OrganizationSnapshot tree, List<String> actions) {
        Map<String, List<Category>> byKey = new LinkedHashMap<>();
        sorted(tree.categories()).stream().filter(Category::active)
                .forEach(c -> byKey.computeIfAbsent(c.nameKey(), k -> new ArrayList<>()).add(c));
        List<Category> losers = new ArrayList<>();
        for (Map.Entry<String, List<Category>> entry : byKey.entrySet()) {
            if (entry.getValue().size() < 2) {
                continue;
            }
            Optional<String> claimant = claims.apply(entry.getKey()).map(NameClaim::claimantId);
            Category keep = entry.getValue().stream().filter(c -> claimant.isPresent() && c.id().equals(claimant.get()))
                    .findFirst().orElse(entry.getValue().get(0));
            for (Category duplicate : entry.getValue()) {
                if (duplicate != keep) {
                    losers.add(duplicate);
                    tree.descendantsOf(duplicate.id()).stream().filter(Category::active).forEach(losers::add);
                }
            }
        }
        deactivateDeepestFirst(hold, tree, losers, "deactivated (duplicate name): ", actions);
    }

    private void deactivateDeepestFirst(Hold hold, OrganizationSnapshot tree, List<Category> categories, String label, List<String> actions) {
        Set<String> done = new HashSet<>();
        categories.stream()
                .sorted(Comparator.comparingInt((Category c) -> tree.depthOf(c.id())).reversed().thenComparing(Category::id))
                .filter(c -> done.add(c.id()))
                .forEach(c -> {
                    write(hold, c, c.withActive(false, context.userId(), context.now()));
                    actions.add(label + c.name());
                });
    }

    private static void write(Hold hold, Category current, Category updated) {
        hold.update(current, updated);
    }

    /** A fresh read after each step: the repair decides on what its own writes left. */
    private OrganizationSnapshot snapshot() {
        return context.reads().readOrganization();
    }

    private static List<Category> sorted(List<Category> categories) {
        return categories.stream().sorted(Category.OLDEST_FIRST).toList();
    }
}
