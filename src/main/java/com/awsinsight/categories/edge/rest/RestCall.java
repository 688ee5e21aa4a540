package com.awsinsight.categories.edge.rest;

import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.domain.error.ErrorCode;
import com.awsinsight.categories.edge.http.ErrorResponses;
import com.awsinsight.categories.edge.http.HttpStatus;
import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.edge.http.ProxyResponse;
import com.awsinsight.categories.graphql.GraphQLEngine;
import com.awsinsight.categories.graphql.GraphQLRequest;
import com.awsinsight.categories.observability.JsonLog;
import com.awsinsight.categories.observability.RequestLog;
import graphql.ExecutionResult;
import graphql.GraphQLError;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One REST route's execution for one caller: runs its fixed operation through the engine with the v1 field
 * names, and turns the first error (top-level, or a mutation's userError) into the REST error body with its
 * status (412 for a stale {@code If-Match}; {@code Retry-After} when the store was busy).
 */
final class RestCall {
    private final GraphQLEngine engine;
    private final Caller caller;
    private final String requestId;
    private final RequestLog log;

    RestCall(GraphQLEngine engine, Caller caller, String requestId, RequestLog log) {
        this.engine = engine;
        this.caller = caller;
        this.requestId = requestId;
        this.log = log;
        log.organization(caller.organizationId());
    }

    ProxyResponse run(RestOperation operation, Map<String, Object> variables, Function<Map<String, Object>, ProxyResponse> onData) {
        GraphQLRequest request = new GraphQLRequest(operation.document(), operation.operationName(), variables);
        GraphQLEngine.Outcome outcome = engine.execute(request, caller, requestId, V1FieldNames.INSTANCE);
        log.executed(operation.operationName(), outcome.session().metrics());
        ExecutionResult result = outcome.result();
        if (!result.getErrors().isEmpty()) {
            return failed(result.getErrors().get(0));
        }
        return onData.apply(result.getData());
    }

    /**
     * Runs a read whose document may be kept with the organization's snapshot and answered again without
     * executing ({@link GraphQLEngine#respond}, under this route's own rendering): {@code document} renders the
     * data as the route's JSON document, {@code onDocument} finishes its 200 response (entity tag); an error is
     * answered as {@link #run} answers it.
     */
    ProxyResponse read(RestOperation operation, Map<String, Object> variables, Function<Map<String, Object>, Object> document,
                       UnaryOperator<ProxyResponse> onDocument) {
        GraphQLRequest request = new GraphQLRequest(operation.document(), operation.operationName(), variables);
        GraphQLEngine.Response response = engine.respond(request, caller, requestId, V1FieldNames.INSTANCE,
                "rest " + operation.operationName(),
                result -> result.getErrors().isEmpty() && result.isDataPresent() ? Json.write(document.apply(result.getData())) : "");
        log.executed(operation.operationName(), response.session().metrics());
        log.cache(response.cached() ? "result" : response.session().cacheUse());
        ExecutionResult result = response.result();
        if (result != null && !result.getErrors().isEmpty()) {
            return failed(result.getErrors().get(0));
        }
        return onDocument.apply(ProxyResponse.text(200, "application/json; charset=utf-8", response.body()));
    }

    /** The payload's {@code key} (a category) when it has no userErrors; else the first userError's response. */
    ProxyResponse payload(Map<String, Object> payload, Function<Map<String, Object>, ProxyResponse> onResult) {
        List<Map<String, Object>> userErrors = V1Documents.list(payload.get("userErrors"));
        if (!userErrors.isEmpty()) {
            Map<String, Object> error = userErrors.get(0);
            return error(code(error.get("code")), (String) error.get("message"), (String) error.get("field"));
        }
        return onResult.apply(V1Documents.map(payload.get("category")));
    }

    ProxyResponse error(ErrorCode code, String message, String field) {
        log.error(code.name());
        boolean preconditionFailed = code == ErrorCode.CONFLICT && V1FieldNames.IF_MATCH.equals(field);
        int status = preconditionFailed ? 412 : HttpStatus.of(code);
        return ErrorResponses.withRetryAdvice(ErrorResponses.of(status, code.name(), message, field, false), code);
    }

    private ProxyResponse failed(GraphQLError error) {
        Map<String, Object> extensions = error.getExtensions() == null ? Map.of() : error.getExtensions();
        Object code = extensions.get("code");
        if (code == null) {
            JsonLog.error(requestId, "REST operation failed without a code: " + error.getMessage(), null);
            return error(ErrorCode.INTERNAL, ErrorCode.internalMessage(requestId), null);
        }
        Object field = extensions.get("field");
        return error(code(code), error.getMessage(), field == null ? null : field.toString());
    }

    private static ErrorCode code(Object code) {
        try {
            return ErrorCode.valueOf(String.valueOf(code));
        } catch (IllegalArgumentException e) {
            return ErrorCode.INTERNAL;
        }
    }
}
