package com.awsinsight.categories.graphql.context;

import com.awsinsight.categories.domain.error.Field;

import java.util.EnumMap;
import java.util.Map;

/**
 * How the {@code field} of an error names a domain {@link Field} for the client that sent the request.
 * GraphQL clients get argument paths ({@link #GRAPHQL}); an edge that runs operations on behalf of its own
 * clients (the legacy REST API) passes its own naming, so each edge speaks its clients' vocabulary.
 */
@FunctionalInterface
public interface FieldNaming {

    /** The name of {@code field} (never null for a non-null field). */
    String name(Field field);

    /** GraphQL's names: the argument, or the input field relative to the mutation's input object. */
    FieldNaming GRAPHQL = new FieldNaming() {
        private final Map<Field, String> names = graphQLNames();

        @Override
        public String name(Field field) {
            return names.get(field);
        }
    };

    private static Map<Field, String> graphQLNames() {
        Map<Field, String> names = new EnumMap<>(Field.class);
        names.put(Field.ID, "id");
        names.put(Field.IDS, "ids");
        names.put(Field.NAME, "name");
        names.put(Field.DESCRIPTION, "description");
        names.put(Field.METADATA, "metadata");
        names.put(Field.PARENT_ID, "parentId");
        names.put(Field.NEW_PARENT_ID, "newParentId");
        names.put(Field.EXPECTED_VERSION, "expectedVersion");
        names.put(Field.CASCADE, "cascade");
        names.put(Field.CLIENT_MUTATION_ID, "clientMutationId");
        names.put(Field.FIRST, "first");
        names.put(Field.AFTER, "after");
        names.put(Field.SINCE, "since");
        names.put(Field.FILTER_PARENT_ID, "filter.parentId");
        names.put(Field.ROOT_ID, "rootId");
        names.put(Field.MAX_DEPTH, "maxDepth");
        names.put(Field.TEMPLATE_ID, "templateId");
        names.put(Field.TEMPLATE_VERSION, "version");
        names.put(Field.TEMPLATE_CATEGORY, "templateId");
        names.put(Field.TEMPLATE_DRAFT_ID, "input.id");
        names.put(Field.TEMPLATE_DRAFT_NAME, "input.name");
        names.put(Field.TEMPLATE_DRAFT_DESCRIPTION, "input.description");
        names.put(Field.TEMPLATE_DRAFT_TYPE, "input.templateType");
        names.put(Field.TEMPLATE_DRAFT_CATEGORIES, "input.categories");
        names.put(Field.TEMPLATE_DRAFT_EXPIRES_AT, "input.expiresAt");
        if (names.size() != Field.values().length) {
            throw new IllegalStateException("Every Field needs a GraphQL name");
        }
        return Map.copyOf(names);
    }
}
