package com.awsinsight.categories.graphql;

import java.util.Map;

/** One GraphQL-over-HTTP request: the document, the operation to run and its variables. */
public record GraphQLRequest(String query, String operationName, Map<String, Object> variables) {
    public GraphQLRequest {
        variables = variables == null ? Map.of() : variables;
    }
}
