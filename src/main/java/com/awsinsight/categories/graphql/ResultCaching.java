package com.awsinsight.categories.graphql;

import com.awsinsight.categories.domain.json.JsonText;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which GraphQL results may be kept next to an organization's cached snapshot, and under which key: queries whose
 * every top-level field reads categories through the request's reader ({@code categoryTree}, {@code categories},
 * {@code category}, or {@code __typename}). Everything such a query reads goes through that reader, so when every
 * read of the request came from one snapshot ({@code OrganizationVersion#keep}: no read through the store's other
 * reads, no write), the result is a function of that snapshot and of the request alone (document, operation name,
 * variables; reads do not depend on the caller's role), and any later request with the same key at the same version
 * gets exactly the same bytes. Fields that read elsewhere keep a query out: {@code node}, {@code nodes} and
 * {@code templates} (templates have no organization version), {@code categoryByName} (the name's claim item),
 * {@code categoryChanges} (depends on the clock). The key also names the rendering (GraphQL's response, or a REST
 * route's document), which the bytes are. Results with errors are never kept (the engine checks). The key is a
 * SHA-256 of the request, so a kept result costs its bytes and not its query's.
 */
final class ResultCaching {
    private static final Set<String> CATEGORY_READS = Set.of("categoryTree", "categories", "category", "__typename");

    private ResultCaching() {
    }

    /** The key under which this request's result may be kept, or empty when it may not. */
    static Optional<String> key(String rendering, GraphQLRequest request, Document document) {
        if (!categoryReadsOnly(request, document)) {
            return Optional.empty();
        }
        String identity = String.join("\u0000", rendering, String.valueOf(request.operationName()), request.query(),
                JsonText.writeCanonical(request.variables()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return Optional.of(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    private static boolean categoryReadsOnly(GraphQLRequest request, Document document) {
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class).stream()
                .filter(op -> request.operationName() == null || request.operationName().equals(op.getName()))
                .toList();
        if (operations.size() != 1 || operations.get(0).getOperation() != OperationDefinition.Operation.QUERY) {
            return false;
        }
        List<Selection> selections = operations.get(0).getSelectionSet().getSelections();
        return !selections.isEmpty() && selections.stream()
                .allMatch(selection -> selection instanceof Field field && CATEGORY_READS.contains(field.getName()));
    }
}
