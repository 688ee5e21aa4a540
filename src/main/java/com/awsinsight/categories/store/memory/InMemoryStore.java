package com.awsinsight.categories.store.memory;

import com.awsinsight.categories.domain.Category;
import com.awsinsight.categories.domain.CategoryListing;
import com.awsinsight.categories.domain.CategoryOrder;
import com.awsinsight.categories.domain.CategoryQuery;
import com.awsinsight.categories.domain.CategoryRepository;
import com.awsinsight.categories.domain.DomainException;
import com.awsinsight.categories.domain.IdempotencyRecord;
import com.awsinsight.categories.domain.IndexBackfill;
import com.awsinsight.categories.domain.NameClaim;
import com.awsinsight.categories.domain.Position;
import com.awsinsight.categories.domain.Slice;
import com.awsinsight.categories.domain.StaleVersion;
import com.awsinsight.categories.domain.Store;
import com.awsinsight.categories.domain.StoreMetrics;
import com.awsinsight.categories.domain.StoredCategory;
import com.awsinsight.categories.domain.Template;
import com.awsinsight.categories.domain.TemplateRepository;
import com.awsinsight.categories.domain.WriteCoordination;

import java.time.Instant;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The embedded store: the same contract as DynamoDB, held in memory. Used when no DynamoDB endpoint
 * or table is configured. Each repository method counts as one store call in {@link StoreMetrics},
 * like one DynamoDB request, so batching is visible here too.
 *
 * <p>Like DynamoDB's sparse indexes, it remembers which categories lack the gateway's index attributes
 * ({@link #insertUnindexed}: the Node service's items) and leaves them out of the reads that DynamoDB
 * answers from ParentIndex and NameKeyIndex, so the gateway's handling of such data is exercised on both
 * stores alike.
 */
public final class InMemoryStore implements Store {
    private static final Comparator<Template> NEWEST_FIRST = Comparator
            .comparing(Template::templateType)
            .thenComparing(Template::version, Comparator.reverseOrder())
            .thenComparing(Template::id);
    private static final int BATCH_WRITE_LIMIT = 25;

    private final Map<String, Map<String, Category>> categoriesByOrg = new ConcurrentHashMap<>();
    private final Map<String, Template> templates = new ConcurrentHashMap<>();
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();
    private final Map<String, NameClaim> claims = new ConcurrentHashMap<>();
    private final Map<String, IdempotencyRecord> idempotencyKeys = new ConcurrentHashMap<>();
    private final Set<String> unindexed = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> indexedOrganizations = new ConcurrentHashMap<>();

    private record Lease(String owner, Instant expiresAt) {
    }

    @Override
    public CategoryRepository categories(StoreMetrics metrics) {
        return new Categories(metrics);
    }

    @Override
    public TemplateRepository templates(StoreMetrics metrics) {
        return new Templates(metrics);
    }

    @Override
    public WriteCoordination coordination(StoreMetrics metrics) {
        return new Coordination(metrics);
    }

    @Override
    public IndexBackfill backfill(StoreMetrics metrics) {
        return new Backfill(metrics);
    }

    /**
     * Stores a category as the Node service writes it: without the index attributes, so it is missing from
     * children-by-parent and name-key reads until backfilled.
     */
    public void insertUnindexed(Category category) {
        org(category.organizationId()).put(category.id(), category);
        unindexed.add(itemKey(category));
    }

    @Override
    public void ping() {
    }

    @Override
    public String kind() {
        return "memory";
    }

    private static String itemKey(Category category) {
        return category.organizationId() + "\n" + category.id();
    }

    private boolean indexed(Category category) {
        return !unindexed.contains(itemKey(category));
    }

    private Map<String, Category> org(String organizationId) {
        return categoriesByOrg.computeIfAbsent(organizationId, k -> new ConcurrentHashMap<>());
    }

    private static <T> T counted(StoreMetrics metrics, Supplier<T> call, java.util.function.ToLongFunction<T> items) {
        metrics.begin();
        T result = null;
        try {
            result = call.get();
            return result;
        } finally {
            metrics.end(result == null ? 0 : items.applyAsLong(result), 0);
        }
    }

    private final class Categories implements CategoryRepository {
        private final StoreMetrics metrics;

        Categories(StoreMetrics metrics) {
            this.metrics = metrics;
        }

        @Override
        public Map<String, Category> findByIds(String organizationId, Collection<String> ids) {
            return counted(metrics, () -> {
                Map<String, Category> all = org(organizationId);
                Map<String, Category> found = new LinkedHashMap<>();
                ids.forEach(id -> Optional.ofNullable(all.get(id)).ifPresent(c -> found.put(id, c)));
                return found;
            }, Map::size);
        }

        @Override
        public Map<String, List<Category>> findChildren(String organizationId, Collection<String> parentIds) {
            Map<String, List<Category>> result = new LinkedHashMap<>();
            for (String parentId : parentIds) {
                result.put(parentId, counted(metrics, () -> org(organizationId).values().stream()
                        .filter(c -> Objects.equals(c.parentId(), parentId) && indexed(c))
                        .sorted(CategoryOrder.NAME_ASC.comparator())
                        .toList(), List::size));
            }
            return result;
        }

        @Override
        public List<Category> findAll(String organizationId) {
            return counted(metrics, () -> List.copyOf(org(organizationId).values()), List::size);
        }

        @Override
        public List<Category> findByNameKey(String organizationId, String nameKey) {
            return counted(metrics, () -> org(organizationId).values().stream()
                    .filter(c -> c.nameKey().equals(nameKey) && indexed(c))
                    .toList(), List::size);
        }

        @Override
        public Slice<Category> list(String organizationId, CategoryQuery query, Position after, int limit) {
            return counted(metrics, () -> CategoryListing.page(org(organizationId).values().stream()
                    .filter(c -> !query.readsByParent() || indexed(c))
                    .toList(), query, after, limit), s -> s.items().size());
        }

        @Override
        public void insert(Category category) {
            counted(metrics, () -> {
                Category existing = org(category.organizationId()).putIfAbsent(category.id(), category);
                if (existing != null) {
                    throw DomainException.conflict("id", "A category with this id already exists");
                }
                unindexed.remove(itemKey(category));
                return category;
            }, c -> 0);
        }

        @Override
        public void replace(Category category, long expectedVersion) {
            counted(metrics, () -> org(category.organizationId()).compute(category.id(), (id, stored) -> {
                if (stored == null) {
                    throw DomainException.notFound("id", "Category not found");
                }
                if (stored.version() != expectedVersion) {
                    throw StaleVersion.of(stored.version());
                }
                unindexed.remove(itemKey(category));
                return category;
            }), c -> 0);
        }

        @Override
        public void insertAll(List<Category> categories) {
            for (int start = 0; start < categories.size(); start += BATCH_WRITE_LIMIT) {
                List<Category> batch = categories.subList(start, Math.min(categories.size(), start + BATCH_WRITE_LIMIT));
                counted(metrics, () -> {
                    batch.forEach(c -> {
                        org(c.organizationId()).put(c.id(), c);
                        unindexed.remove(itemKey(c));
                    });
                    return batch;
                }, b -> 0);
            }
        }
    }

    private final class Coordination implements WriteCoordination {
        private final StoreMetrics metrics;

        Coordination(StoreMetrics metrics) {
            this.metrics = metrics;
        }

        @Override
        public boolean tryAcquireLease(String organizationId, String owner, Instant now, Instant expiresAt) {
            return counted(metrics, () -> {
                Lease taken = leases.compute(organizationId, (k, held) ->
                        held == null || !held.expiresAt().isAfter(now) ? new Lease(owner, expiresAt) : held);
                return taken.owner().equals(owner) && taken.expiresAt().equals(expiresAt);
            }, b -> 0);
        }

        @Override
        public void releaseLease(String organizationId, String owner) {
            counted(metrics, () -> leases.computeIfPresent(organizationId,
                    (k, held) -> held.owner().equals(owner) ? null : held), l -> 0);
        }

        @Override
        public Optional<NameClaim> findClaim(String organizationId, String nameKey) {
            return counted(metrics, () -> Optional.ofNullable(claims.get(claimKey(organizationId, nameKey))),
                    o -> o.isPresent() ? 1 : 0);
        }

        @Override
        public Map<String, NameClaim> findClaims(String organizationId, Collection<String> nameKeys) {
            return counted(metrics, () -> {
                Map<String, NameClaim> found = new LinkedHashMap<>();
                nameKeys.forEach(key -> Optional.ofNullable(claims.get(claimKey(organizationId, key))).ifPresent(c -> found.put(key, c)));
                return found;
            }, Map::size);
        }

        @Override
        public boolean putClaim(NameClaim claim, NameClaim expected) {
            return counted(metrics, () -> {
                NameClaim stored = claims.compute(claimKey(claim.organizationId(), claim.nameKey()), (k, held) -> {
                    boolean matches = expected == null ? held == null
                            : held != null && held.token().equals(expected.token());
                    return matches ? claim : held;
                });
                return stored == claim;
            }, b -> 0);
        }

        @Override
        public void confirmClaim(String organizationId, String nameKey, String token) {
            counted(metrics, () -> claims.computeIfPresent(claimKey(organizationId, nameKey), (k, held) ->
                    held.token().equals(token)
                            ? new NameClaim(organizationId, nameKey, held.claimantId(), token, null) : held), c -> 0);
        }

        @Override
        public void dropClaim(String organizationId, String nameKey, String token) {
            counted(metrics, () -> claims.computeIfPresent(claimKey(organizationId, nameKey),
                    (k, held) -> held.token().equals(token) ? null : held), c -> 0);
        }

        private static String claimKey(String organizationId, String nameKey) {
            return organizationId + "#" + nameKey;
        }

        @Override
        public Optional<Instant> indexedSince(String organizationId) {
            return counted(metrics, () -> Optional.ofNullable(indexedOrganizations.get(organizationId)),
                    o -> o.isPresent() ? 1 : 0);
        }

        @Override
        public void markIndexed(String organizationId, Instant at) {
            counted(metrics, () -> indexedOrganizations.put(organizationId, at), i -> 0);
        }

        @Override
        public void clearIndexed(String organizationId) {
            counted(metrics, () -> Optional.ofNullable(indexedOrganizations.remove(organizationId)), i -> 0);
        }

        @Override
        public IdempotencyRecord reserveIdempotencyKey(IdempotencyRecord record, Instant now) {
            return counted(metrics, () -> idempotencyKeys.merge(record.organizationId() + "#" + record.key(), record,
                    (held, fresh) -> held.expiresAt().isAfter(now) ? held : fresh), r -> 1);
        }
    }

    /** Segments split the organizations by hash; a resume token is the last item's organization and id. */
    private final class Backfill implements IndexBackfill {
        private final StoreMetrics metrics;

        Backfill(StoreMetrics metrics) {
            this.metrics = metrics;
        }

        @Override
        public ScanPage scan(int segment, int totalSegments, String resumeToken, int limit) {
            return counted(metrics, () -> {
                List<Category> inSegment = categoriesByOrg.entrySet().stream()
                        .filter(e -> Math.floorMod(e.getKey().hashCode(), totalSegments) == segment)
                        .flatMap(e -> e.getValue().values().stream())
                        .sorted(Comparator.comparing(InMemoryStore::itemKey))
                        .filter(c -> resumeToken == null || itemKey(c).compareTo(resumeToken) > 0)
                        .limit(limit + 1L)
                        .toList();
                List<Category> page = inSegment.subList(0, Math.min(limit, inSegment.size()));
                String next = inSegment.size() > limit ? itemKey(page.get(page.size() - 1)) : null;
                return new ScanPage(page.stream().map(c -> new StoredCategory(c, indexed(c))).toList(), next);
            }, p -> p.categories().size());
        }

        @Override
        public List<StoredCategory> organization(String organizationId) {
            return counted(metrics, () -> org(organizationId).values().stream()
                    .map(c -> new StoredCategory(c, indexed(c)))
                    .toList(), List::size);
        }

        @Override
        public boolean backfill(Category category) {
            return counted(metrics, () -> {
                Category stored = org(category.organizationId()).get(category.id());
                boolean unchanged = stored != null && stored.name().equals(category.name())
                        && Objects.equals(stored.parentId(), category.parentId());
                if (unchanged) {
                    unindexed.remove(itemKey(stored));
                }
                return unchanged;
            }, b -> 0);
        }
    }

    private final class Templates implements TemplateRepository {
        private final StoreMetrics metrics;

        Templates(StoreMetrics metrics) {
            this.metrics = metrics;
        }

        @Override
        public Optional<Template> find(String templateId, int version) {
            return counted(metrics, () -> Optional.ofNullable(templates.get(key(templateId, version))),
                    o -> o.isPresent() ? 1 : 0);
        }

        @Override
        public Optional<Template> findLatest(String templateId) {
            return counted(metrics, () -> templates.values().stream()
                    .filter(t -> t.id().equals(templateId))
                    .max(Comparator.comparingInt(Template::version)), o -> o.isPresent() ? 1 : 0);
        }

        @Override
        public Slice<Template> list(String templateType, Position after, int limit) {
            return counted(metrics, () -> {
                List<Template> sorted = new ArrayList<>(templates.values().stream()
                        .filter(t -> templateType == null || t.templateType().equals(templateType))
                        .sorted(NEWEST_FIRST)
                        .toList());
                int start = 0;
                if (after != null) {
                    for (int i = 0; i < sorted.size(); i++) {
                        if (positionOf(sorted.get(i)).equals(after)) {
                            start = i + 1;
                        }
                    }
                }
                List<Template> page = sorted.subList(start, Math.min(sorted.size(), start + limit + 1));
                boolean hasMore = page.size() > limit;
                return new Slice<>(hasMore ? page.subList(0, limit) : page, hasMore);
            }, s -> s.items().size());
        }

        @Override
        public void put(Template template) {
            templates.put(key(template.id(), template.version()), template);
        }

        @Override
        public void insert(Template template) {
            counted(metrics, () -> {
                if (templates.putIfAbsent(key(template.id(), template.version()), template) != null) {
                    throw DomainException.conflict("id", "Template version " + template.version() + " exists already");
                }
                return template;
            }, t -> 0);
        }

        private static String key(String id, int version) {
            return id + "#" + version;
        }

        private static Position positionOf(Template t) {
            return new Position(t.templateType() + "#" + t.version(), t.id());
        }
    }
}
