package com.awsinsight.categories.graphql;

import com.awsinsight.categories.domain.error.DomainException;
import com.awsinsight.categories.domain.error.ErrorCode;
import com.awsinsight.categories.domain.error.StoreException;
import com.awsinsight.categories.graphql.context.FieldNaming;
import com.awsinsight.categories.graphql.context.GraphQLContextKeys;
import graphql.ErrorClassification;
import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Turns exceptions from fetchers into client errors with {@code extensions.code}. Domain and store
 * failures keep their client-safe message; anything else is masked as INTERNAL with the request id,
 * and its details go to the log only (graphql-java's default would copy the exception message out).
 */
public final class MaskingExceptionHandler implements DataFetcherExceptionHandler {
    private final FailureReporter reporter;

    /** @param reporter where the details of store failures and unexpected exceptions go (the log) */
    public MaskingExceptionHandler(FailureReporter reporter) {
        this.reporter = reporter;
    }

    @Override
    public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(DataFetcherExceptionHandlerParameters parameters) {
        Throwable exception = unwrap(parameters.getException());
        GraphQLContext context = parameters.getDataFetchingEnvironment().getGraphQlContext();
        String requestId = context.getOrDefault(GraphQLContextKeys.REQUEST_ID, "unknown");
        GraphQLError error = toError(exception, requestId, GraphQLContextKeys.naming(context))
                .path(parameters.getPath())
                .location(parameters.getSourceLocation())
                .build();
        return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(error).build());
    }

    private GraphqlErrorBuilder<?> toError(Throwable exception, String requestId, FieldNaming naming) {
        if (exception instanceof DomainException e) {
            Map<String, Object> extensions = e.field() == null
                    ? Map.of("code", e.code().name())
                    : Map.of("code", e.code().name(), "field", naming.name(e.field()));
            return GraphqlErrorBuilder.newError().message(e.getMessage()).errorType(classified(e.code())).extensions(extensions);
        }
        if (exception instanceof StoreException e) {
            reporter.report(requestId, "store failure", e);
            return GraphqlErrorBuilder.newError().message(e.getMessage()).errorType(classified(e.code()))
                    .extensions(Map.of("code", e.code().name(), "requestId", requestId));
        }
        reporter.report(requestId, "unexpected failure", exception);
        return GraphqlErrorBuilder.newError()
                .message(ErrorCode.internalMessage(requestId))
                .errorType(classified(ErrorCode.INTERNAL))
                .extensions(Map.of("code", ErrorCode.INTERNAL.name(), "requestId", requestId));
    }

    private static ErrorClassification classified(ErrorCode code) {
        return ErrorClassification.errorClassification(code.name());
    }

    private static Throwable unwrap(Throwable exception) {
        Throwable current = exception;
        while (current instanceof CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
