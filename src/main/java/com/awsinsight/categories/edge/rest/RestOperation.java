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
    LIST_CATEGORIES("RestListCategories", "list-categories.graphql"),
    GET_CATEGORY("RestGetCategory", "get-category.graphql"),
    CREATE_CATEGORY("RestCreateCategory", "create-category.graphql"),
    UPDATE_CATEGORY("RestUpdateCategory", "update-category.graphql"),
    MOVE_CATEGORY("RestMoveCategory", "move-category.graphql"),
    DELETE_CATEGORY("RestDeleteCategory", "delete-category.graphql"),
    LIST_TEMPLATES("RestListTemplates", "list-templates.graphql");

    private static final String CATEGORY_FIELDS = "category-fields.graphql";
    private static final String CATEGORY_FRAGMENT = "RestCategory";

    private final String operationName;
    private final String document;

    /**
     * A document that spreads {@code ...RestCategory} gets the shared fragment after a line break. The build's
     * trusted-documents manifest (trusted-documents/build-manifest.mjs) composes the documents by the same rule,
     * so their hashes match; a jar whose manifest lacks one refuses to start in trusted-documents mode.
     */
    RestOperation(String operationName, String resource) {
        this.operationName = operationName;
        String text = read(resource);
        this.document = text.contains("..." + CATEGORY_FRAGMENT) ? text + "\n" + read(CATEGORY_FIELDS) : text;
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
