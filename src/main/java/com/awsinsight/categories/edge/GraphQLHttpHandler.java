package com.awsinsight.categories.edge;

import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.domain.error.ErrorCode;
import com.awsinsight.categories.edge.http.ErrorResponses;
import com.awsinsight.categories.edge.http.HttpCaching;
import com.awsinsight.categories.edge.http.HttpProblem;
import com.awsinsight.categories.edge.http.HttpStatus;
import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.edge.http.MediaTypes;
import com.awsinsight.categories.edge.http.ProxyRequest;
import com.awsinsight.categories.edge.http.ProxyResponse;
import com.awsinsight.categories.graphql.GraphQLEngine;
import com.awsinsight.categories.graphql.GraphQLRequest;
import com.awsinsight.categories.graphql.PersistedDocuments;
import com.awsinsight.categories.observability.RequestLog;
import com.awsinsight.categories.services.CallerSession;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import graphql.ExecutionResult;
import graphql.language.OperationDefinition;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * GraphQL over HTTP (the draft spec): POST with {@code application/json}, GET for queries only.
 * The response media type is negotiated from {@code Accept} ({@link MediaTypes}); with
 * {@code application/graphql-response+json} a request that fails before execution (parse, validation,
 * variable coercion: no {@code data}) is a 400, with {@code application/json} a 200, as both the draft
 * and the graphql-http audit say. docs/api.md lists where we choose between the two.
 *
 * <p>Checks run in this order: the request's shape ({@link #read}: body, JSON, each operation's members), then
 * the caller's identity (the router, in between), then which document each operation names
 * ({@link PersistedDocuments}: automatic persisted queries and trusted documents), then the limits and the
 * execution ({@link #execute}). So a request without a valid identity learns nothing about documents: an unknown
 * persisted-query hash and a registered one are both 401 without a token.
 *
 * <p>A POST body may be a JSON array of operations (a batch, as Apollo's {@code BatchHttpLink} sends): at most
 * {@value #MAX_BATCH_OPERATIONS}, run in order in one session of the caller, so together they have one request's
 * store time and template budget, and held to one request's limits as a whole (their costs added up, their
 * mutations counted across them, the response size cap shared); the answer is the array of their results, in
 * order. An operation refused for its document (an unknown hash, one not trusted) is answered in its place, so
 * Apollo's persisted-query link retries it with its query.
 *
 * <p>A successful GET is cacheable by the browser with revalidation: it carries an {@code ETag} of its bytes, and an
 * {@code If-None-Match} that still matches gets a 304 ({@link HttpCaching}).
 */
final class GraphQLHttpHandler {
    static final String GRAPHQL_RESPONSE = MediaTypes.GRAPHQL_RESPONSE;
    static final String JSON = MediaTypes.JSON;
    /** Operations one batch may hold (Apollo's BatchHttpLink sends at most 10 by default). */
    static final int MAX_BATCH_OPERATIONS = 10;

    private final GraphQLEngine engine;
    private final int maxBodyBytes;
    private final PersistedDocuments documents;

    GraphQLHttpHandler(GraphQLEngine engine, int maxBodyBytes, PersistedDocuments documents) {
        this.engine = engine;
        this.maxBodyBytes = maxBodyBytes;
        this.documents = documents;
    }

    /**
     * One operation as the client sent it, its shape checked: the query text and/or a persisted-query hash (at
     * least one), the operation to run and its variables. Which document it runs is decided only once the caller
     * is known ({@link #execute}).
     */
    record Operation(String query, String hash, String operationName, Map<String, Object> variables) {
    }

    /** What a request asks to run: one operation, or a batch of them (a JSON array). */
    record Incoming(List<Operation> operations, boolean batch) {
    }

    /** The request's operations, checked for shape only; run before the router authenticates the caller. */
    Incoming read(ProxyRequest request) {
        if ("GET".equals(request.method())) {
            return new Incoming(List.of(fromQueryString(request)), false);
        }
        JsonNode body = Json.readBody(request, maxBodyBytes);
        if (!body.isArray()) {
            Json.requireObject(body);
            return new Incoming(List.of(operation(body, "")), false);
        }
        if (body.isEmpty() || body.size() > MAX_BATCH_OPERATIONS) {
            throw new HttpProblem(400, "BAD_USER_INPUT", "A batch must hold 1 to " + MAX_BATCH_OPERATIONS
                    + " operations; this one holds " + body.size());
        }
        List<Operation> operations = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            if (!body.get(i).isObject()) {
                throw new HttpProblem(400, "BAD_USER_INPUT", "batch[" + i + "]: each operation must be a JSON object");
            }
            operations.add(operation(body.get(i), "batch[" + i + "]: "));
        }
        return new Incoming(List.copyOf(operations), true);
    }

    ProxyResponse execute(ProxyRequest http, Incoming incoming, Caller caller, String requestId, RequestLog log) {
        String mediaType = responseMediaType(http);
        if (incoming.batch()) {
            return executeBatch(incoming.operations(), mediaType, caller, requestId, log);
        }
        Operation operation = incoming.operations().get(0);
        GraphQLRequest request;
        try {
            request = resolve(operation);
        } catch (PersistedDocuments.Refused e) {
            throw new HttpProblem(e.status(), e.code(), e.getMessage());
        }
        if ("GET".equals(http.method()) && engine.operationType(request).orElse(null) == OperationDefinition.Operation.MUTATION) {
            throw new HttpProblem(405, "BAD_USER_INPUT", "Mutations must be sent with POST", "POST");
        }
        GraphQLEngine.Response outcome = engine.respond(request, caller, requestId, r -> Json.write(r.toSpecification()));
        log.executed(request.operationName(), outcome.session().metrics());
        log.cache(outcome.cached() ? "result" : outcome.session().cacheUse());
        ExecutionResult result = outcome.result();
        registerIfRan(operation, request, result);
        if (result == null) {
            return cacheable(http, ProxyResponse.text(200, mediaType + "; charset=utf-8", outcome.body()));
        }
        firstErrorCode(result).ifPresent(log::error);
        int status = status(result, mediaType);
        Optional<ErrorCode> storeFailure = storeFailureWithoutData(result);
        if (storeFailure.isPresent()) {
            status = HttpStatus.of(storeFailure.get());
        }
        ProxyResponse response = ProxyResponse.text(status, mediaType + "; charset=utf-8", outcome.body());
        if (status == 200 && result.getErrors().isEmpty()) {
            return cacheable(http, response);
        }
        return storeFailure.map(code -> ErrorResponses.withRetryAdvice(response, code)).orElse(response);
    }

    /**
     * A batch: each operation's document, then the batch's limits, then the operations in order in one session.
     * An operation whose document is refused, or that comes after the response cap is spent, is answered with its
     * error in its place; a batch over the cost limit or the mutation budget runs nothing, and every operation is
     * answered with that error. The status is 200: the results carry their errors and codes one by one (a batching
     * client such as Apollo's BatchHttpLink fails every operation of a response that is not 2xx, so an unknown
     * persisted-query hash could not be answered for its operation alone).
     */
    private ProxyResponse executeBatch(List<Operation> operations, String mediaType, Caller caller, String requestId,
                                       RequestLog log) {
        List<GraphQLRequest> requests = new ArrayList<>();
        List<PersistedDocuments.Refused> refusals = new ArrayList<>();
        for (Operation operation : operations) {
            try {
                requests.add(resolve(operation));
                refusals.add(null);
            } catch (PersistedDocuments.Refused e) {
                requests.add(null);
                refusals.add(e);
            }
        }
        CallerSession session = engine.session(caller);
        Optional<String> overLimits = engine.batchRefusal(requests.stream().filter(Objects::nonNull).toList(), session, requestId);
        List<String> bodies = new ArrayList<>();
        List<String> names = new ArrayList<>();
        long responseBytes = 0;
        for (int i = 0; i < operations.size(); i++) {
            GraphQLRequest request = requests.get(i);
            PersistedDocuments.Refused refused = refusals.get(i);
            String body;
            if (refused != null) {
                log.error(refused.code());
                body = Json.write(errorResult(refused.getMessage(), refused.code()));
            } else if (overLimits.isPresent()) {
                log.error(ErrorCode.BAD_USER_INPUT.name());
                body = Json.write(errorResult(overLimits.get(), ErrorCode.BAD_USER_INPUT.name()));
            } else {
                names.add(request.operationName() == null ? "-" : request.operationName());
                GraphQLEngine.Response outcome = engine.respond(request, session, requestId, responseBytes,
                        r -> Json.write(r.toSpecification()));
                ExecutionResult result = outcome.result();
                registerIfRan(operations.get(i), request, result);
                body = outcome.body();
                if (result != null) {
                    firstErrorCode(result).ifPresent(log::error);
                }
            }
            responseBytes += body.getBytes(StandardCharsets.UTF_8).length;
            bodies.add(body);
        }
        log.batch(operations.size());
        log.executed(names.isEmpty() ? null : String.join(",", names), session.metrics());
        log.cache(session.cacheUse());
        return ProxyResponse.text(200, mediaType + "; charset=utf-8", "[" + String.join(",", bodies) + "]");
    }

    /** The document an operation runs (its own query, checked against its hash, or the one its hash names). */
    private GraphQLRequest resolve(Operation operation) {
        return new GraphQLRequest(documents.resolve(operation.query(), operation.hash()), operation.operationName(),
                operation.variables());
    }

    /** Remembers an operation's document under its hash once it ran (it parsed and validated), for APQ. */
    private void registerIfRan(Operation operation, GraphQLRequest request, ExecutionResult result) {
        if (operation.query() != null && operation.hash() != null && (result == null || result.isDataPresent())) {
            documents.register(request.query());
        }
    }

    /** 400 for a result without data under graphql-response+json (it failed before execution), else 200. */
    private static int status(ExecutionResult result, String mediaType) {
        boolean failedBeforeExecution = !result.isDataPresent();
        return failedBeforeExecution && GRAPHQL_RESPONSE.equals(mediaType) ? 400 : 200;
    }

    private static Map<String, Object> errorResult(String message, String code) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("extensions", Map.of("code", code));
        return Map.of("errors", List.of(error));
    }

    private static Optional<String> firstErrorCode(ExecutionResult result) {
        return result.getErrors().stream().findFirst()
                .map(error -> error.getExtensions() == null ? null : String.valueOf(error.getExtensions().get("code")));
    }

    /** A successful query's response: over GET it carries an ETag and answers If-None-Match with 304. */
    private static ProxyResponse cacheable(ProxyRequest http, ProxyResponse response) {
        return "GET".equals(http.method()) ? HttpCaching.conditional(http, response) : response;
    }

    /**
     * UNAVAILABLE or RATE_LIMITED when the store failed and no field could be answered: the client
     * should retry the whole request, so the status says so (503 / 429 with Retry-After).
     */
    private static Optional<ErrorCode> storeFailureWithoutData(ExecutionResult result) {
        Object data = result.getData();
        boolean noData = data == null || data instanceof Map<?, ?> fields && fields.values().stream().allMatch(v -> v == null);
        if (!noData) {
            return Optional.empty();
        }
        return result.getErrors().stream()
                .map(e -> e.getExtensions() == null ? null : e.getExtensions().get("code"))
                .filter(code -> ErrorCode.UNAVAILABLE.name().equals(code) || ErrorCode.RATE_LIMITED.name().equals(code))
                .map(code -> ErrorCode.valueOf((String) code))
                .filter(ErrorCode::retryable)
                .findFirst();
    }

    static String responseMediaType(ProxyRequest request) {
        String mediaType = MediaTypes.negotiate(request.header("Accept").orElse(null));
        if (mediaType == null) {
            throw new HttpProblem(406, "BAD_USER_INPUT", "Accept must allow application/json or " + GRAPHQL_RESPONSE);
        }
        return mediaType;
    }

    /** A GET's parameters count against the same limit as a POST's body (414 above it). */
    private Operation fromQueryString(ProxyRequest request) {
        Map<String, String> query = request.query();
        long bytes = query.entrySet().stream()
                .mapToLong(e -> utf8Length(e.getKey()) + utf8Length(e.getValue()) + 2).sum();
        if (bytes > maxBodyBytes) {
            throw new HttpProblem(414, "BAD_USER_INPUT", "Query string is larger than " + maxBodyBytes + " bytes");
        }
        JsonNode variables = parameter(query, "variables");
        JsonNode extensions = parameter(query, "extensions");
        return operation(textNode(query.get("query")), textNode(query.get("operationName")), variables, extensions, "");
    }

    /** A GET parameter holding JSON ({@code variables}, {@code extensions}), or null when absent. */
    private static JsonNode parameter(Map<String, String> query, String name) {
        String text = query.get(name);
        if (text == null) {
            return null;
        }
        try {
            return Json.parse(text);
        } catch (Json.NumberOutOfRange e) {
            throw new HttpProblem(400, "BAD_USER_INPUT", name + " is not valid JSON: a number is out of range");
        } catch (JsonProcessingException e) {
            throw new HttpProblem(400, "BAD_USER_INPUT", "variables and extensions must be JSON objects");
        }
    }

    private Operation operation(JsonNode body, String where) {
        return operation(body.get("query"), body.get("operationName"), body.get("variables"), body.get("extensions"), where);
    }

    /** @param where what names the operation in messages: empty for a lone operation, {@code batch[i]: } in a batch */
    @SuppressWarnings("unchecked")
    private Operation operation(JsonNode query, JsonNode operationName, JsonNode variables, JsonNode extensions, String where) {
        String hash = persistedQueryHash(extensions, where);
        boolean hasQuery = query != null && !query.isNull();
        if (hasQuery && (!query.isTextual() || query.asText().isBlank()) || !hasQuery && hash == null) {
            throw new HttpProblem(400, "BAD_USER_INPUT", where + "query must be a non-empty string");
        }
        if (operationName != null && !operationName.isNull() && !operationName.isTextual()) {
            throw new HttpProblem(400, "BAD_USER_INPUT", where + "operationName must be a string");
        }
        if (variables != null && !variables.isNull() && !variables.isObject()) {
            throw new HttpProblem(400, "BAD_USER_INPUT", where + "variables must be a JSON object");
        }
        if (extensions != null && !extensions.isNull() && !extensions.isObject()) {
            throw new HttpProblem(400, "BAD_USER_INPUT", where + "extensions must be a JSON object");
        }
        Map<String, Object> variableMap = variables == null || variables.isNull() ? Map.of()
                : Json.MAPPER.convertValue(variables, Map.class);
        String name = operationName == null || operationName.isNull() ? null : operationName.asText();
        return new Operation(hasQuery ? query.asText() : null, hash, name, variableMap);
    }

    /**
     * The sha256Hash of {@code extensions.persistedQuery}, or null when the request has none. Its {@code version} must
     * be the JSON integer 1, as Apollo's protocol sends it: {@code "1"} or {@code 1.7} are refused.
     */
    private static String persistedQueryHash(JsonNode extensions, String where) {
        JsonNode persisted = extensions == null ? null : extensions.get("persistedQuery");
        if (persisted == null || persisted.isNull()) {
            return null;
        }
        JsonNode version = persisted.path("version");
        boolean versionOne = version.isIntegralNumber() && version.canConvertToInt() && version.intValue() == 1;
        if (!persisted.isObject() || !versionOne || !persisted.path("sha256Hash").isTextual()) {
            throw new HttpProblem(400, "BAD_USER_INPUT",
                    where + "extensions.persistedQuery must be { \"version\": 1, \"sha256Hash\": \"<hex>\" }");
        }
        return persisted.get("sha256Hash").asText();
    }

    private static long utf8Length(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static JsonNode textNode(String value) {
        return value == null ? null : Json.MAPPER.getNodeFactory().textNode(value);
    }
}
