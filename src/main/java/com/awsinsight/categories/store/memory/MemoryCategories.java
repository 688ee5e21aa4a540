package com.awsinsight.categories.store.memory;

import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.model.ChangePage;
import com.awsinsight.categories.domain.model.CategoryOrder;
import com.awsinsight.categories.domain.model.CategoryListing;
import com.awsinsight.categories.domain.model.CategoryQuery;
import com.awsinsight.categories.domain.ports.CategoryRepository;
import com.awsinsight.categories.domain.error.DomainException;
import com.awsinsight.categories.domain.error.Field;
import com.awsinsight.categories.domain.model.Position;
import com.awsinsight.categories.domain.model.Slice;
import com.awsinsight.categories.domain.model.StaleVersion;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.domain.model.Utf8Order;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import static com.awsinsight.categories.store.memory.MemoryTables.counted;

/** The embedded store's categories of one organization; the index reads skip unindexed items, as DynamoDB's sparse GSIs do. */
final class MemoryCategories implements CategoryRepository {
    private static final int BATCH_WRITE_LIMIT = 25;

    private final MemoryTables tables;
    private final String organizationId;
    private final StoreMetrics metrics;

    MemoryCategories(MemoryTables tables, String organizationId, StoreMetrics metrics) {
        this.tables = tables;
        this.organizationId = organizationId;
        this.metrics = metrics;
    }

    @Override
    public String organizationId() {
        return organizationId;
    }

    private Map<String, Category> all() {
        return tables.organization(organizationId);
    }

    @Override
    public Map<String, Category> findByIds(Collection<String> ids) {
        return counted(metrics, () -> {
            Map<String, Category> found = new LinkedHashMap<>();
            ids.forEach(id -> Optional.ofNullable(all().get(id)).ifPresent(c -> found.put(id, c)));
            return found;
        }, Map::size);
    }

    @Override
    public Map<String, List<Category>> findChildren(Collection<String> parentIds) {
        Map<String, List<Category>> result = new LinkedHashMap<>();
        for (String parentId : parentIds) {
            result.put(parentId, counted(metrics, () -> all().values().stream()
                    .filter(c -> Objects.equals(c.parentId(), parentId) && tables.indexed(c))
                    .sorted(CategoryOrder.NAME_ASC.comparator())
                    .toList(), List::size));
        }
        return result;
    }

    @Override
    public List<Category> findAll() {
        return counted(metrics, () -> List.copyOf(all().values()), List::size);
    }

    @Override
    public List<Category> findByNameKey(String nameKey) {
        return counted(metrics, () -> all().values().stream()
                .filter(c -> c.nameKey().equals(nameKey) && tables.indexed(c))
                .toList(), List::size);
    }

    /**
     * As DynamoDB reads its index: the candidates in the index's key range (children of the parent, or the whole
     * organization) in the listing's order, strictly after {@code after}; empty when {@code maxRead} of them do not
     * complete the page.
     */
    @Override
    public Optional<Slice<Category>> list(CategoryQuery query, Position after, int limit, int maxRead) {
        return counted(metrics, () -> {
            String parentId = query.rootsOnly() ? null : query.parentId();
            List<Category> inRange = CategoryListing.firstInOrder(all().values(), c -> !query.readsGatewayIndex()
                    || tables.indexed(c) && (!query.readsByParent() || Objects.equals(c.parentId(), parentId)),
                    query.order(), after, maxRead + 1);
            List<Category> matches = new ArrayList<>();
            for (int read = 0; read < inRange.size(); read++) {
                if (read >= maxRead) {
                    return Optional.<Slice<Category>>empty();
                }
                Category candidate = inRange.get(read);
                if (query.matches(candidate)) {
                    matches.add(candidate);
                }
                if (matches.size() > limit) {
                    return Optional.of(new Slice<>(matches.subList(0, limit), true));
                }
            }
            return Optional.of(new Slice<>(matches, false));
        }, s -> s.map(page -> page.items().size()).orElse(0));
    }

    @Override
    public ChangePage pageById(String afterId, int limit) {
        return counted(metrics, () -> page(all().values().stream()
                .filter(c -> afterId == null || Utf8Order.INSTANCE.compare(c.id(), afterId) > 0)
                .sorted(Comparator.comparing(Category::id, Utf8Order.INSTANCE))
                .map(c -> new Position(c.id(), c.id())), limit), p -> p.categories().size());
    }

    @Override
    public ChangePage changedAfter(Position after, int limit) {
        Comparator<Position> order = Comparator.comparing(Position::sortValue, Utf8Order.INSTANCE)
                .thenComparing(Position::id, Utf8Order.INSTANCE);
        return counted(metrics, () -> page(all().values().stream()
                .filter(c -> c.updatedAtText() != null) // as UpdatedAtIndex: an item without updatedAt is not in it
                .map(c -> new Position(c.updatedAtText(), c.id()))
                .filter(p -> order.compare(p, after) > 0)
                .sorted(order), limit), p -> p.categories().size());
    }

    /** The first {@code limit} positions (and whether more follow), with the categories they stand for. */
    private ChangePage page(Stream<Position> ordered, int limit) {
        List<Position> positions = ordered.limit(limit + 1L).toList();
        List<Position> page = positions.subList(0, Math.min(limit, positions.size()));
        return new ChangePage(page.stream().map(p -> all().get(p.id())).toList(),
                page.isEmpty() ? null : page.get(page.size() - 1), positions.size() > limit);
    }

    @Override
    public void insert(Category category) {
        requireOwn(category);
        counted(metrics, () -> {
            if (all().putIfAbsent(category.id(), category) != null) {
                throw DomainException.conflict(Field.ID, "A category with this id already exists");
            }
            tables.unindexed.remove(MemoryTables.itemKey(category));
            return category;
        }, c -> 0);
    }

    /**
     * Stores {@code updated} if the stored version is still {@code current}'s: the stored category then is exactly
     * what DynamoDB's item holds after its UpdateItem of the changed attributes (the document of {@code updated}).
     */
    @Override
    public void update(Category current, Category updated) {
        requireOwn(updated);
        if (!current.id().equals(updated.id()) || !current.organizationId().equals(updated.organizationId())) {
            throw new IllegalArgumentException("An update must keep the category's organization and id");
        }
        counted(metrics, () -> all().compute(updated.id(), (id, stored) -> {
            if (stored == null) {
                throw DomainException.notFound(Field.ID, "Category not found");
            }
            if (stored.version() != current.version()) {
                throw StaleVersion.of(stored.version());
            }
            tables.unindexed.remove(MemoryTables.itemKey(updated));
            return updated;
        }), c -> 0);
    }

    @Override
    public void insertAll(List<Category> categories) {
        categories.forEach(this::requireOwn);
        for (int start = 0; start < categories.size(); start += BATCH_WRITE_LIMIT) {
            List<Category> batch = categories.subList(start, Math.min(categories.size(), start + BATCH_WRITE_LIMIT));
            counted(metrics, () -> {
                batch.forEach(tables::putIndexed);
                return batch;
            }, b -> 0);
        }
    }

    private void requireOwn(Category category) {
        if (!category.organizationId().equals(organizationId)) {
            throw new IllegalArgumentException("A category of another organization cannot be written here");
        }
    }
}
