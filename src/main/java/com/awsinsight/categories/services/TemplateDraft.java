package com.awsinsight.categories.services;

import com.awsinsight.categories.domain.model.TemplateNode;

import java.time.Instant;
import java.util.List;

/** What an admin asks to save as a template version; checked by {@link TemplateService#save}. */
public record TemplateDraft(String id, String name, String description, String templateType,
                            List<TemplateNode> categories, Instant expiresAt) {
}
