package com.awsinsight.categories.services;

import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.error.DomainException;

import java.util.List;

/**
 * What {@code instantiateTemplate} did: the categories it created (parents before children), or the
 * reasons nothing was created (every name clash at once, so a user can fix them in one go).
 */
public record TemplateInstantiation(List<Category> categories, List<DomainException> errors) {
    public TemplateInstantiation {
        categories = List.copyOf(categories);
        errors = List.copyOf(errors);
    }

    static TemplateInstantiation refused(List<DomainException> errors) {
        return new TemplateInstantiation(List.of(), errors);
    }
}
