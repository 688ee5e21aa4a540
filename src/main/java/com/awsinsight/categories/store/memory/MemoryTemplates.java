package com.awsinsight.categories.store.memory;

import com.awsinsight.categories.domain.DomainException;
import com.awsinsight.categories.domain.Field;
import com.awsinsight.categories.domain.Position;
import com.awsinsight.categories.domain.Slice;
import com.awsinsight.categories.domain.StoreMetrics;
import com.awsinsight.categories.domain.Template;
import com.awsinsight.categories.domain.TemplateRepository;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static com.awsinsight.categories.store.memory.MemoryTables.counted;

/** The embedded store's template catalog: newest version first within a type, as TemplateTypeIndex orders it. */
final class MemoryTemplates implements TemplateRepository {
    private static final Comparator<Template> NEWEST_FIRST = Comparator
            .comparing(Template::templateType)
            .thenComparing(Template::version, Comparator.reverseOrder())
            .thenComparing(Template::id);

    private final MemoryTables tables;
    private final StoreMetrics metrics;

    MemoryTemplates(MemoryTables tables, StoreMetrics metrics) {
        this.tables = tables;
        this.metrics = metrics;
    }

    @Override
    public Optional<Template> find(String templateId, int version) {
        return counted(metrics, () -> Optional.ofNullable(tables.templates.get(key(templateId, version))),
                o -> o.isPresent() ? 1 : 0);
    }

    @Override
    public Optional<Template> findLatest(String templateId) {
        return counted(metrics, () -> tables.templates.values().stream()
                .filter(t -> t.id().equals(templateId))
                .max(Comparator.comparingInt(Template::version)), o -> o.isPresent() ? 1 : 0);
    }

    @Override
    public Slice<Template> list(String templateType, Position after, int limit) {
        return counted(metrics, () -> {
            List<Template> sorted = new ArrayList<>(tables.templates.values().stream()
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
        tables.templates.put(key(template.id(), template.version()), template);
    }

    @Override
    public void insert(Template template) {
        counted(metrics, () -> {
            if (tables.templates.putIfAbsent(key(template.id(), template.version()), template) != null) {
                throw DomainException.conflict(Field.ID, "Template version " + template.version() + " exists already");
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
