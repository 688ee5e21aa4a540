package com.awsinsight.categories.services;

import com.awsinsight.categories.domain.Caller;
import com.awsinsight.categories.domain.Category;
import com.awsinsight.categories.domain.CategoryRepository;
import com.awsinsight.categories.domain.CategoryRules;
import com.awsinsight.categories.domain.NameClaim;
import com.awsinsight.categories.domain.Role;
import com.awsinsight.categories.domain.WriteCoordination;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Brings an organization whose data did not come through this gateway's writes (the seed's items, hand
 * edits, imports) in line with the tree invariants, under the organization's lease. The gateway's own
 * writes never need it: they keep the invariants at every step, crashes included. In order:
 * <ol>
 *   <li>an active category whose parent is missing, and one category of every parent cycle, become roots;</li>
 *   <li>active categories under inactive ones are deactivated, deepest first;</li>
 *   <li>of active categories sharing a name key, the claim holder (else the oldest) stays active and the
 *       others are deactivated with their active subtrees (restore them after a rename);</li>
 *   <li>every active category gets a confirmed claim on its name (backfilling the seed's items).</li>
 * </ol>
 * Categories deeper than the depth limit are reported, not moved.
 */
public final class TreeRepair {
    private final Caller caller;
    private final CategoryRepository repository;
    private final WriteCoordination coordination;
    private final OrganizationLease lease;
    private final Clock clock;

    /** What a repair changed, one line per write. */
    public record Report(String organizationId, int categories, List<String> actions) {
        public Report {
            actions = List.copyOf(actions);
        }
    }

    TreeRepair(Caller caller, CategoryRepository repository, WriteCoordination coordination, OrganizationLease lease,
               Clock clock) {
        this.caller = caller;
        this.repository = repository;
        this.coordination = coordination;
        this.lease = lease;
        this.clock = clock;
    }

    public Report run() {
        caller.require(Role.ADMIN);
        return lease.hold(() -> {
            List<String> actions = new ArrayList<>();
            reattachBrokenChains(snapshot(), actions);
            deactivateUnderInactive(snapshot(), actions);
            resolveDuplicateNames(snapshot(), actions);
            TreeSnapshot tree = snapshot();
            backfillClaims(tree, actions);
            tree.all().stream()
                    .filter(c -> c.active() && tree.depthOf(c.id()) >= CategoryRules.MAX_TREE_LEVELS)
                    .forEach(c -> actions.add("left too deep (move it up): " + tree.pathOf(c.id())));
            return new Report(caller.organizationId(), tree.all().size(), actions);
        });
    }

    private void reattachBrokenChains(TreeSnapshot tree, List<String> actions) {
        for (Category category : sorted(tree.all())) {
            if (category.isRoot()) {
                continue;
            }
            boolean parentMissing = category.active() && tree.get(category.parentId()) == null;
            if (parentMissing || closesCycle(tree, category)) {
                write(category, category.withParent(null, caller.userId(), clock.instant()));
                actions.add((parentMissing ? "made root (parent missing): " : "made root (cycle): ") + category.name());
            }
        }
    }

    /** True for the smallest id on a parent cycle, so each cycle is cut once. */
    private static boolean closesCycle(TreeSnapshot tree, Category category) {
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

    private void deactivateUnderInactive(TreeSnapshot tree, List<String> actions) {
        List<Category> stranded = new ArrayList<>();
        for (Category category : tree.all()) {
            if (!category.active()) {
                tree.descendantsOf(category.id()).stream().filter(Category::active).forEach(stranded::add);
            }
        }
        deactivateDeepestFirst(tree, stranded, "deactivated (inactive ancestor): ", actions);
    }

    private void resolveDuplicateNames(TreeSnapshot tree, List<String> actions) {
        Map<String, List<Category>> byKey = new LinkedHashMap<>();
        sorted(tree.all()).stream().filter(Category::active)
                .forEach(c -> byKey.computeIfAbsent(c.nameKey(), k -> new ArrayList<>()).add(c));
        List<Category> losers = new ArrayList<>();
        for (Map.Entry<String, List<Category>> entry : byKey.entrySet()) {
            if (entry.getValue().size() < 2) {
                continue;
            }
            Optional<String> claimant = coordination.findClaim(caller.organizationId(), entry.getKey()).map(NameClaim::claimantId);
            Category keep = entry.getValue().stream().filter(c -> claimant.isPresent() && c.id().equals(claimant.get()))
                    .findFirst().orElse(entry.getValue().get(0));
            for (Category duplicate : entry.getValue()) {
                if (duplicate != keep) {
                    losers.add(duplicate);
                    tree.descendantsOf(duplicate.id()).stream().filter(Category::active).forEach(losers::add);
                }
            }
        }
        deactivateDeepestFirst(tree, losers, "deactivated (duplicate name): ", actions);
    }

    private void backfillClaims(TreeSnapshot tree, List<String> actions) {
        for (Category category : sorted(tree.all())) {
            if (!category.active()) {
                continue;
            }
            Optional<NameClaim> claim = coordination.findClaim(caller.organizationId(), category.nameKey());
            if (claim.isPresent() && claim.get().claimantId().equals(category.id())) {
                continue;
            }
            NameClaim backfill = new NameClaim(caller.organizationId(), category.nameKey(), category.id(),
                    UUID.randomUUID().toString(), null);
            if (coordination.putClaim(backfill, claim.orElse(null))) {
                actions.add("claimed name: " + category.name());
            }
        }
    }

    private void deactivateDeepestFirst(TreeSnapshot tree, List<Category> categories, String label, List<String> actions) {
        Set<String> done = new HashSet<>();
        categories.stream()
                .sorted(Comparator.comparingInt((Category c) -> tree.depthOf(c.id())).reversed().thenComparing(Category::id))
                .filter(c -> done.add(c.id()))
                .forEach(c -> {
                    write(c, c.withActive(false, caller.userId(), clock.instant()));
                    actions.add(label + c.name());
                });
    }

    private void write(Category current, Category updated) {
        lease.ensureHeld();
        repository.replace(updated, current.version());
    }

    private TreeSnapshot snapshot() {
        return new TreeSnapshot(repository.findAll(caller.organizationId()));
    }

    private static List<Category> sorted(List<Category> categories) {
        return categories.stream()
                .sorted(Comparator.comparing(Category::createdAt).thenComparing(Category::id))
                .toList();
    }
}
