package com.awsinsight.categories.services;

import java.util.Map;

/**
 * The fields an update names. A field left out of {@code values} stays as it is; a field present with
 * null clears it (description, metadata) or is refused (name).
 */
public record CategoryChanges(Map<String, Object> values) {
    public boolean has(String field) {
        return values.containsKey(field);
    }

    public Object get(String field) {
        return values.get(field);
    }
}
