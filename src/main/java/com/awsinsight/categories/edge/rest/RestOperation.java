package com.awsinsight.categories.edge.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The fixed GraphQL operation behind each REST route, read once from {@code src/main/resources/rest/}.
 * REST clients can only choose variables, never the document, so every route runs exactly the query a
 * GraphQL client could send and is subject to the same resolvers, DataLoaders, auth and error masking.
 */
enum RestOperation {
    LIST_CATEGORIES("RestListCategories", "list-categories.graphql", true),
    GET_CATEGORY("RestGetCategory", "get-category.graphql", true),
    CREATE_CATEGORY("RestCreateCategory", "create-category.graphql", true),
    UPDATE_CATEGORY("RestUpdateCategory", "update-category.graphql", true),
    DELETE_CATEGORY("RestDeleteCategory", "delete-category.graphql", false),
    LIST_TEMPLATES("RestListTemplates", "list-templates.graphql", false);

    private static final String CATEGORY_FIELDS = "category-fields.graphql";

    private final String operationName;
    private final String document;

    RestOperation(String operationName, String resource, boolean usesCategoryFields) {
        this.operationName = operationName;
        this.document = usesCategoryFields ? read(resource) + "\n" + read(CATEGORY_FIELDS) : read(resource);
    }

    String operationName() {
        return operationName;
    }

    String document() {
        return document;
    }

    private static String read(String resource) {
        try (InputStream in = RestOperation.class.getResourceAsStream("/rest/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing /rest/" + resource + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
