package com.awsinsight.categories.edge.rest;

import com.awsinsight.categories.domain.error.Field;
import com.awsinsight.categories.graphql.context.FieldNaming;

import java.util.EnumMap;
import java.util.Map;

/**
 * The legacy REST API's names for the inputs an error can be about: its body fields, query parameters and
 * headers ({@code categoryName}, {@code parentCategoryId}, {@code limit}, {@code If-Match}). The REST routes
 * run their operations with this naming, so their errors speak their clients' vocabulary. Inputs REST has
 * no name for (they cannot come from a REST request) keep their GraphQL name.
 */
final class V1FieldNames implements FieldNaming {
    static final V1FieldNames INSTANCE = new V1FieldNames();
    static final String IF_MATCH = "If-Match";

    private final Map<Field, String> names = new EnumMap<>(Field.class);

    private V1FieldNames() {
        names.put(Field.NAME, "categoryName");
        names.put(Field.PARENT_ID, "parentCategoryId");
        names.put(Field.NEW_PARENT_ID, "parentCategoryId");
        names.put(Field.FILTER_PARENT_ID, "parentCategoryId");
        names.put(Field.FIRST, "limit");
        names.put(Field.AFTER, "cursor");
        names.put(Field.EXPECTED_VERSION, IF_MATCH);
        names.put(Field.CLIENT_MUTATION_ID, RestRoutes.IDEMPOTENCY_KEY);
    }

    @Override
    public String name(Field field) {
        return names.getOrDefault(field, FieldNaming.GRAPHQL.name(field));
    }
}
