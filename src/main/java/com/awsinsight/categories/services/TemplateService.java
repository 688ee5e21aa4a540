package com.awsinsight.categories.services;

import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.domain.model.CategoryRules;
import com.awsinsight.categories.domain.error.DomainException;
import com.awsinsight.categories.domain.error.ErrorCode;
import com.awsinsight.categories.domain.json.JsonText;
import com.awsinsight.categories.domain.error.Field;
import com.awsinsight.categories.domain.model.Position;
import com.awsinsight.categories.domain.model.Role;
import com.awsinsight.categories.domain.model.Slice;
import com.awsinsight.categories.domain.model.Template;
import com.awsinsight.categories.domain.model.TemplateNode;
import com.awsinsight.categories.domain.model.TemplatePosition;
import com.awsinsight.categories.domain.ports.TemplateRepository;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

/**
 * Template lookups for one request. A template another organization owns, or one past its
 * {@code expiresAt}, is treated exactly as a missing one.
 */
public final class TemplateService {
    public static final int MAX_TEMPLATE_NODES = 1000;
    /** A template's categories as JSON, at most: its item must stay under DynamoDB's 400 KB. */
    public static final int MAX_TEMPLATE_BYTES = 300_000;
    /** Template content a page holds at most (a page has at least one template): pages fit any response. */
    static final long MAX_PAGE_BYTES = 1_000_000;
    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Caller caller;
    private final TemplateRepository repository;
    private final Clock clock;

    public TemplateService(Caller caller, TemplateRepository repository, Clock clock) {
        this.caller = caller;
        this.repository = repository;
        this.clock = clock;
    }

    /** A template by id (the latest version, or {@code version}) or by the id of one version; null when not visible. */
    public Template byId(String id, Integer version) {
        return byId(Field.ID, id, version);
    }

    /**
     * A template the caller may see, named by its template id (then {@code version}, or the latest) or by the
     * id of one of its versions ({@code tpl-x@2}, which fixes the version: {@code version} must then be absent
     * or the same); null when there is none. {@code field} is the input that names it.
     */
    public Template byId(Field field, String id, Integer version) {
        Reference reference = reference(field, id, version);
        Optional<Template> found = reference.version() == null ? repository.findLatest(reference.templateId())
                : repository.find(reference.templateId(), reference.version());
        return found.filter(this::visible).orElse(null);
    }

    private record Reference(String templateId, Integer version) {
    }

    private static Reference reference(Field field, String id, Integer version) {
        if (version != null && version < 1) {
            throw DomainException.badInput(Field.TEMPLATE_VERSION, "version must be at least 1");
        }
        if (!Template.isVersionId(id)) {
            return new Reference(CategoryRules.validTemplateId(field, id), version);
        }
        int separator = id.lastIndexOf(Template.VERSION_SEPARATOR);
        String templateId = CategoryRules.validTemplateId(field, id.substring(0, separator));
        int fromId;
        try {
            fromId = Integer.parseInt(id.substring(separator + 1));
        } catch (NumberFormatException e) {
            throw DomainException.badInput(field, "Invalid id");
        }
        if (fromId < 1 || !Template.versionId(templateId, fromId).equals(id)) {
            throw DomainException.badInput(field, "Invalid id");
        }
        if (version != null && version != fromId) {
            throw DomainException.badInput(Field.TEMPLATE_VERSION, "version must match the version the id names");
        }
        return new Reference(templateId, fromId);
    }

    /**
     * Saves a version of one of the caller's organization's templates: version 1 of a new template
     * without an id, the next version of an owned one with it. The tree is validated with the category
     * rules, and its names must be unique within it (ignoring case), since instantiating it creates them
     * all in one organization.
     */
    public Template save(TemplateDraft draft) {
        caller.require(Role.ADMIN);
        String name = CategoryRules.validName(Field.TEMPLATE_DRAFT_NAME, draft.name());
        String description = CategoryRules.validDescription(Field.TEMPLATE_DRAFT_DESCRIPTION, draft.description());
        String type = validType(draft.templateType());
        List<TemplateNode> nodes = validTree(draft.categories());
        Instant now = clock.instant();
        if (draft.expiresAt() != null && !draft.expiresAt().isAfter(now)) {
            throw DomainException.badInput(Field.TEMPLATE_DRAFT_EXPIRES_AT, "expiresAt must be in the future");
        }
        int version = 1;
        String id = "tpl-" + UUID.randomUUID();
        if (draft.id() != null) {
            Template latest = ownedLatest(draft.id());
            id = latest.id();
            version = latest.version() + 1;
        }
        Template template = new Template(id, version, name, description, type, caller.organizationId(), nodes, now,
                draft.expiresAt());
        repository.insert(template);
        return template;
    }

    /**
     * A page of the templates this caller may see: the shared ones, then its organization's own. The store never
     * reads another organization's private templates for it; expired ones are skipped, reading on until the page is
     * full or the catalog ends, so a page is never cut short by them. A page holds at most {@value #MAX_PAGE_BYTES}
     * bytes of template content (and always one template), so that a page of large templates, whatever {@code first}
     * asked for, fits a response; {@code hasNextPage} says more follow. Each edge's cursor is its own position.
     */
    public Connection<Template> page(String type, int first, String after) {
        CategoryRules.checkPageSize(Field.FIRST, first);
        String organizationId = caller.organizationId();
        String fingerprint = "templates|" + type;
        TemplatePosition position = templatePosition(Cursors.decode(Field.AFTER, after, organizationId, fingerprint));
        boolean hasPrevious = position != null;
        IntSupplier counter = () -> count(type);
        List<Connection.Edge<Template>> edges = new ArrayList<>();
        long bytes = 0;
        while (true) {
            Slice<Template> slice = repository.listVisible(organizationId, type, position, first);
            for (Template template : slice.items()) {
                position = TemplatePosition.after(template, organizationId.equals(template.organizationId()));
                if (!visible(template)) {
                    continue;
                }
                bytes += template.contentBytes();
                if (edges.size() == first || !edges.isEmpty() && bytes > MAX_PAGE_BYTES) {
                    return new Connection<>(edges, true, hasPrevious, counter);
                }
                Position at = position.toPosition();
                edges.add(new Connection.Edge<>(() -> Cursors.encode(organizationId, fingerprint, at), template));
            }
            if (!slice.hasMore()) {
                return new Connection<>(edges, false, hasPrevious, counter);
            }
        }
    }

    /** How many template versions (of {@code type}, or all) the caller may see: reads them page by page. */
    private int count(String type) {
        String organizationId = caller.organizationId();
        int count = 0;
        TemplatePosition position = null;
        Slice<Template> slice;
        do {
            slice = repository.listVisible(organizationId, type, position, CategoryRules.MAX_PAGE_SIZE);
            for (Template template : slice.items()) {
                position = TemplatePosition.after(template, organizationId.equals(template.organizationId()));
                count += visible(template) ? 1 : 0;
            }
        } while (slice.hasMore());
        return count;
    }

    private static TemplatePosition templatePosition(Position position) {
        if (position == null) {
            return null;
        }
        try {
            return TemplatePosition.of(position);
        } catch (IllegalArgumentException e) {
            throw DomainException.badInput(Field.AFTER, "Invalid cursor");
        }
    }

    private Template ownedLatest(String id) {
        String templateId = reference(Field.TEMPLATE_DRAFT_ID, id, null).templateId();
        Template latest = repository.findLatest(templateId).filter(this::visible)
                .orElseThrow(() -> DomainException.notFound(Field.TEMPLATE_DRAFT_ID, "Template not found"));
        if (!caller.organizationId().equals(latest.organizationId())) {
            throw new DomainException(ErrorCode.FORBIDDEN, Field.TEMPLATE_DRAFT_ID, "Shared templates are read-only");
        }
        return latest;
    }

    private static String validType(String type) {
        if (type == null || !TYPE.matcher(type).matches()) {
            throw DomainException.badInput(Field.TEMPLATE_DRAFT_TYPE,
                    "templateType must be 1-64 letters, digits, '_' or '-'");
        }
        return type;
    }

    /**
     * Each node's name, description and metadata as a category's; names unique; size and depth bounded, and the
     * whole tree at most {@value #MAX_TEMPLATE_BYTES} bytes as JSON, so it fits one DynamoDB item (400 KB) on
     * every store.
     */
    private static List<TemplateNode> validTree(List<TemplateNode> roots) {
        if (roots == null || roots.isEmpty()) {
            throw DomainException.badInput(Field.TEMPLATE_DRAFT_CATEGORIES, "A template needs at least one category");
        }
        Set<String> names = new HashSet<>();
        List<TemplateNode> valid = roots.stream().map(node -> validNode(node, 0, names)).toList();
        if (names.size() > MAX_TEMPLATE_NODES) {
            throw DomainException.badInput(Field.TEMPLATE_DRAFT_CATEGORIES, "A template has at most " + MAX_TEMPLATE_NODES + " categories");
        }
        long bytes = JsonText.write(valid.stream().map(TemplateNode::toJson).toList()).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_TEMPLATE_BYTES) {
            throw DomainException.badInput(Field.TEMPLATE_DRAFT_CATEGORIES,
                    "A template's categories must be at most " + MAX_TEMPLATE_BYTES + " bytes as JSON");
        }
        return valid;
    }

    private static TemplateNode validNode(TemplateNode node, int depth, Set<String> names) {
        Field field = Field.TEMPLATE_DRAFT_CATEGORIES;
        if (depth >= CategoryRules.MAX_TREE_LEVELS) {
            throw DomainException.badInput(field, "Tree depth limit of " + CategoryRules.MAX_TREE_LEVELS + " levels reached");
        }
        String name = CategoryRules.validName(field, node.name());
        if (!names.add(CategoryRules.nameKey(name))) {
            throw DomainException.badInput(field, "The template names \"" + name + "\" twice");
        }
        return new TemplateNode(name, CategoryRules.validDescription(field, node.description()),
                CategoryRules.validMetadata(field, node.metadata()),
                node.children().stream().map(child -> validNode(child, depth + 1, names)).toList());
    }

    private boolean visible(Template template) {
        return template.isVisibleTo(caller.organizationId(), clock.instant());
    }
}
