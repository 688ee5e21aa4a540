package com.awsinsight.categories.domain;

import java.util.Optional;

/** Storage of the template catalog. Visibility and expiry are decided by the caller. */
public interface TemplateRepository {

    Optional<Template> find(String templateId, int version);

    /** The highest version of a template. */
    Optional<Template> findLatest(String templateId);

    /** Templates of one type (or all when null), newest version first, after {@code after}. */
    Slice<Template> list(String templateType, Position after, int limit);

    void put(Template template);

    /** Writes a new template version; a CONFLICT if that id and version exist already. */
    void insert(Template template);
}
