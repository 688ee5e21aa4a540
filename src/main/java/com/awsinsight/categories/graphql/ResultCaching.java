package com.awsinsight.categories.graphql;

import com.awsinsight.categories.domain.JsonText;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.parser.Parser;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Which GraphQL results may be kept next to an organization's cached snapshot, and under which key. Only whole
 * trees: a query whose every top-level field is {@code categoryTree} without {@code rootId} (or
 * {@code __typename}). Everything such a query reads goes through the request's reader, so when the reader says
 * all of it came from one snapshot, the result is a function of that snapshot and of the request alone
 * (document, operation name, variables), and any later request with the same key at the same version gets
 * exactly the same bytes. Results with errors are never kept (the engine checks). The key is a SHA-256 of the
 * request, so a kept result costs its bytes and not its query's.
 */
final class ResultCaching {
    private static final String TREE = "categoryTree";

    private ResultCaching() {
    }

    /** The key under which this request's result may be kept, or empty when it may not. */
    static Optional<String> key(GraphQLRequest request) {
        if (!wholeTreesOnly(request)) {
            return Optional.empty();
        }
        String identity = String.join("\u0000", String.valueOf(request.operationName()), request.query(),
                JsonText.writeCanonical(request.variables()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return Optional.of(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    private static boolean wholeTreesOnly(GraphQLRequest request) {
        Document document;
        try {
            document = Parser.parse(request.query());
        } catch (RuntimeException e) {
            return false;
        }
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class).stream()
                .filter(op -> request.operationName() == null || request.operationName().equals(op.getName()))
                .toList();
        if (operations.size() != 1 || operations.get(0).getOperation() != OperationDefinition.Operation.QUERY) {
            return false;
        }
        List<Selection> selections = operations.get(0).getSelectionSet().getSelections();
        return !selections.isEmpty() && selections.stream().allMatch(ResultCaching::wholeTree);
    }

    private static boolean wholeTree(Selection<?> selection) {
        if (!(selection instanceof Field field)) {
            return false;
        }
        if ("__typename".equals(field.getName())) {
            return true;
        }
        return TREE.equals(field.getName()) && field.getArguments().stream().noneMatch(a -> "rootId".equals(a.getName()));
    }
}
