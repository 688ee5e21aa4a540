package com.awsinsight.categories.services;

import com.awsinsight.categories.domain.Caller;
import com.awsinsight.categories.domain.CategoryRules;
import com.awsinsight.categories.domain.DomainException;
import com.awsinsight.categories.domain.Position;
import com.awsinsight.categories.domain.Slice;
import com.awsinsight.categories.domain.Template;
import com.awsinsight.categories.domain.TemplateRepository;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Template lookups for one request. A template another organization owns, or one past its
 * {@code expiresAt}, is treated exactly as a missing one.
 */
public final class TemplateService {
    private final Caller caller;
    private final TemplateRepository repository;
    private final Clock clock;

    public TemplateService(Caller caller, TemplateRepository repository, Clock clock) {
        this.caller = caller;
        this.repository = repository;
        this.clock = clock;
    }

    public Template byId(String id, Integer version) {
        CategoryRules.validId("id", id);
        if (version != null && version < 1) {
            throw DomainException.badInput("version", "version must be at least 1");
        }
        Optional<Template> found = version == null ? repository.findLatest(id) : repository.find(id, version);
        return found.filter(this::visible).orElse(null);
    }

    public Connection<Template> page(String type, int first, String after) {
        CategoryService.checkPageSize("first", first);
        String fingerprint = "templates|" + type;
        Position position = Cursors.decode("after", after, caller.organizationId(), fingerprint);
        Slice<Template> slice = repository.list(type, position, first);
        List<Connection.Edge<Template>> edges = slice.items().stream()
                .filter(this::visible)
                .map(t -> new Connection.Edge<>(Cursors.encode(caller.organizationId(), fingerprint,
                        new Position(t.templateType() + "#" + t.version(), t.id())), t))
                .toList();
        return new Connection<>(edges, slice.hasMore());
    }

    private boolean visible(Template template) {
        return template.isVisibleTo(caller.organizationId(), clock.instant());
    }
}
