package com.awsinsight.categories.graphql;

import com.awsinsight.categories.domain.error.ErrorCode;
import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives every error of a result an {@code extensions.code} from the shared set. Errors raised by
 * graphql-java itself (syntax, validation, limits, aborted execution) are the client's doing:
 * BAD_USER_INPUT, with their messages in GraphQL's terms ({@link ValidationMessages}): graphql-java names the
 * Java classes of values ({@code 'LinkedHashMap'}, {@code StringValue{value='x'}}). Errors that already carry a
 * code keep it.
 */
final class ErrorExtensions {
    private ErrorExtensions() {
    }

    static ExecutionResult withCodes(ExecutionResult result) {
        if (result.getErrors().isEmpty()) {
            return result;
        }
        List<GraphQLError> errors = result.getErrors().stream().map(ErrorExtensions::withCode).toList();
        return result.transform(builder -> builder.errors(errors));
    }

    private static GraphQLError withCode(GraphQLError error) {
        Map<String, Object> extensions = error.getExtensions() == null ? Map.of() : error.getExtensions();
        if (extensions.containsKey("code")) {
            return error;
        }
        Map<String, Object> coded = new LinkedHashMap<>(extensions);
        coded.put("code", codeOf(error.getErrorType()).name());
        coded.put("classification", String.valueOf(error.getErrorType()));
        return GraphqlErrorBuilder.newError()
                .message(ValidationMessages.inGraphQLTerms(error.getMessage()))
                .locations(error.getLocations())
                .path(error.getPath())
                .errorType(error.getErrorType())
                .extensions(coded)
                .build();
    }

    private static ErrorCode codeOf(ErrorClassification classification) {
        if (classification == ErrorType.DataFetchingException) {
            return ErrorCode.INTERNAL;
        }
        return ErrorCode.BAD_USER_INPUT;
    }
}
