package com.awsinsight.categories.store.memory;

import com.awsinsight.categories.domain.error.DomainException;
import com.awsinsight.categories.domain.error.Field;
import com.awsinsight.categories.domain.model.Slice;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.domain.model.Template;
import com.awsinsight.categories.domain.model.TemplatePosition;
import com.awsinsight.categories.domain.ports.TemplateRepository;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static com.awsinsight.categories.store.memory.MemoryTables.counted;

/**
 * The embedded store's template catalog: newest version first within a type, as TemplateTypeIndex orders it; a
 * listing reads the shared templates and then the organization's own, as the DynamoDB store's two indexes do.
 */
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

    /** The shared templates and then the organization's own, each newest version first within a type. */
    @Override
    public Slice<Template> listVisible(String organizationId, String templateType, TemplatePosition after, int limit) {
        return counted(metrics, () -> {
            List<Template> ordered = new ArrayList<>();
            if (after == null || !after.own()) {
                ordered.addAll(part(null, templateType, after));
            }
            ordered.addAll(part(organizationId, templateType, after != null && after.own() ? after : null));
            boolean hasMore = ordered.size() > limit;
            return new Slice<>(hasMore ? ordered.subList(0, limit) : ordered, hasMore);
        }, s -> s.items().size());
    }

    /** The templates of one owner (null: the shared ones) in listing order, strictly after {@code after}. */
    private List<Template> part(String owner, String templateType, TemplatePosition after) {
        return tables.templates.values().stream()
                .filter(t -> Objects.equals(owner, t.organizationId()))
                .filter(t -> templateType == null || t.templateType().equals(templateType))
                .filter(t -> after == null || isAfter(t, after))
                .sorted(NEWEST_FIRST)
                .toList();
    }

    private static boolean isAfter(Template template, TemplatePosition position) {
        int byType = template.templateType().compareTo(position.templateType());
        if (byType != 0) {
            return byType > 0;
        }
        if (template.version() != position.version()) {
            return template.version() < position.version();
        }
        return template.id().compareTo(position.templateId()) > 0;
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
}
