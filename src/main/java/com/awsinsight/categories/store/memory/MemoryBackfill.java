package com.awsinsight.categories.store.memory;

import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.ports.IndexBackfill;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.domain.ports.StoredCategory;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import static com.awsinsight.categories.store.memory.MemoryTables.counted;

/** The migration's view of the embedded store: segments split organizations by hash; a token is the last item's key. */
final class MemoryBackfill implements IndexBackfill {
    private final MemoryTables tables;
    private final StoreMetrics metrics;

    MemoryBackfill(MemoryTables tables, StoreMetrics metrics) {
        this.tables = tables;
        this.metrics = metrics;
    }

    @Override
    public ScanPage scan(int segment, int totalSegments, String resumeToken, int limit) {
        return counted(metrics, () -> {
            List<Category> inSegment = tables.categoriesByOrg.entrySet().stream()
                    .filter(e -> Math.floorMod(e.getKey().hashCode(), totalSegments) == segment)
                    .flatMap(e -> e.getValue().values().stream())
                    .sorted(Comparator.comparing(MemoryTables::itemKey))
                    .filter(c -> resumeToken == null || MemoryTables.itemKey(c).compareTo(resumeToken) > 0)
                    .limit(limit + 1L)
                    .toList();
            List<Category> page = inSegment.subList(0, Math.min(limit, inSegment.size()));
            String next = inSegment.size() > limit ? MemoryTables.itemKey(page.get(page.size() - 1)) : null;
            return new ScanPage(page.stream().map(c -> new StoredCategory(c, tables.indexed(c))).toList(), next);
        }, p -> p.categories().size());
    }

    @Override
    public List<StoredCategory> organization(String organizationId) {
        return counted(metrics, () -> tables.organization(organizationId).values().stream()
                .map(c -> new StoredCategory(c, tables.indexed(c)))
                .toList(), List::size);
    }

    @Override
    public boolean backfill(Category category) {
        return counted(metrics, () -> {
            Category stored = tables.organization(category.organizationId()).get(category.id());
            boolean unchanged = stored != null && stored.name().equals(category.name())
                    && Objects.equals(stored.parentId(), category.parentId());
            if (unchanged) {
                tables.unindexed.remove(MemoryTables.itemKey(stored));
            }
            return unchanged;
        }, b -> 0);
    }
}
