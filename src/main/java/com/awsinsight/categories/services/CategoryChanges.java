package com.awsinsight.categories.services;

import com.awsinsight.categories.domain.error.Field;
import com.awsinsight.categories.domain.model.CategoryRules;

import java.util.Map;

/**
 * What an update changes. A field whose {@code set} flag is false stays as it is; one that is set to null
 * clears it (description, metadata) or is refused (name).
 */
public record CategoryChanges(boolean nameSet, String name, boolean descriptionSet, String description,
                              boolean metadataSet, Object metadata) {

    /** No change at all. */
    public static final CategoryChanges NONE = new CategoryChanges(false, null, false, null, false, null);

    public CategoryChanges withName(String newName) {
        return new CategoryChanges(true, newName, descriptionSet, description, metadataSet, metadata);
    }

    public CategoryChanges withDescription(String newDescription) {
        return new CategoryChanges(nameSet, name, true, newDescription, metadataSet, metadata);
    }

    public CategoryChanges withMetadata(Object newMetadata) {
        return new CategoryChanges(nameSet, name, descriptionSet, description, true, newMetadata);
    }

    /** Whether no field is set. */
    public boolean isEmpty() {
        return !nameSet && !descriptionSet && !metadataSet;
    }

    /**
     * The same changes with every set value checked by the category rules (BAD_USER_INPUT naming its field) and in
     * its canonical form (a trimmed name, canonical metadata): what a write can apply without checking again.
     */
    public CategoryChanges validated() {
        return new CategoryChanges(nameSet, nameSet ? CategoryRules.validName(Field.NAME, name) : null,
                descriptionSet, descriptionSet ? CategoryRules.validDescription(Field.DESCRIPTION, description) : null,
                metadataSet, metadataSet ? CategoryRules.validMetadata(Field.METADATA, metadata) : null);
    }

    /** The changes an input object names: a key present (even with null) sets that field. */
    public static CategoryChanges of(Map<String, ?> input) {
        CategoryChanges changes = NONE;
        if (input.containsKey("name")) {
            changes = changes.withName((String) input.get("name"));
        }
        if (input.containsKey("description")) {
            changes = changes.withDescription((String) input.get("description"));
        }
        if (input.containsKey("metadata")) {
            changes = changes.withMetadata(input.get("metadata"));
        }
        return changes;
    }
}
