package com.awsinsight.categories.domain.ports;

import com.awsinsight.categories.domain.model.TemplatePosition;
import com.awsinsight.categories.domain.model.Slice;
import com.awsinsight.categories.domain.model.Template;
import java.util.Optional;

/**
 * Storage of the template catalog. A template without {@code organizationId} is shared; one with it is private to
 * that organization, and stores keep the two apart, so that listing what one organization may see never reads
 * the other organizations' private templates. Expiry is decided by the caller.
 */
public interface TemplateRepository {

    Optional<Template> find(String templateId, int version);

    /** The highest version of a template. */
    Optional<Template> findLatest(String templateId);

    /**
     * Up to {@code limit} templates {@code organizationId} may see, of one type (all when null), strictly after
     * {@code after}: the shared ones first (newest version first within a type, or in the store's order when
     * listing every type), then the organization's own (by type, newest version first). Reads about what it
     * returns: one more item than asked per part it reads.
     */
    Slice<Template> listVisible(String organizationId, String templateType, TemplatePosition after, int limit);

    void put(Template template);

    /** Writes a new template version; a CONFLICT if that id and version exist already. */
    void insert(Template template);
}
