package com.awsinsight.categories.services;

import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.error.Field;
import com.awsinsight.categories.domain.model.CategoryRules;

import java.util.Map;
import java.util.Objects;

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
     * These changes without the fields set to exactly what {@code current} holds: a client that sends back the
     * document it read, with one field changed, changes that field only; the others are neither checked again (a
     * stored name the rules would now refuse stays editable) nor rewritten (a stored name keeps its spacing).
     * Null {@code current} (not found yet) leaves them as they are.
     */
    public CategoryChanges against(Category current) {
        if (current == null) {
            return this;
        }
        boolean nameChanges = nameSet && !Objects.equals(name, current.name());
        boolean descriptionChanges = descriptionSet && !Objects.equals(description, current.description());
        boolean metadataChanges = metadataSet && !Objects.equals(metadata, current.metadata());
        return new CategoryChanges(nameChanges, nameChanges ? name : null, descriptionChanges, descriptionChanges ? description : null,
                metadataChanges, metadataChanges ? metadata : null);
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
