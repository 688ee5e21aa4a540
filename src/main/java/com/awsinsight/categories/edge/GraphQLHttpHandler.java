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
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import graphql.ExecutionResult;
import graphql.language.OperationDefinition;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * GraphQL over HTTP (the draft spec): POST with {@code application/json}, GET for queries only.
 * The response media type is negotiated from {@code Accept} ({@link MediaTypes}); with
 * {@code application/graphql-response+json} a request that fails before execution (parse, validation,
 * variable coercion: no {@code data}) is a 400, with {@code application/json} a 200, as both the draft
 * and the graphql-http audit say. docs/api.md lists where we choose between the two.
 *
 * <p>A request may name its document by hash ({@code extensions.persistedQuery}, Apollo's automatic persisted
 * queries), and in trusted-documents mode only the manifest's documents run ({@link PersistedDocuments}: both are
 * decided in {@link #read}, before the document is parsed). A successful GET is cacheable by the browser with
 * revalidation: it carries an {@code ETag} of its bytes, and an {@code If-None-Match} that still matches gets a
 * 304 ({@link HttpCaching}).
 */
final class GraphQLHttpHandler {
    static final String GRAPHQL_RESPONSE = MediaTypes.GRAPHQL_RESPONSE;
    static final String JSON = MediaTypes.JSON;

    private final GraphQLEngine engine;
    private final int maxBodyBytes;
    private final PersistedDocuments documents;

    GraphQLHttpHandler(GraphQLEngine engine, int maxBodyBytes, PersistedDocuments documents) {
        this.engine = engine;
        this.maxBodyBytes = maxBodyBytes;
        this.documents = documents;
    }

    /** The document a request runs and, when it came with its hash, that it may be registered under it once it ran. */
    record Incoming(GraphQLRequest request, boolean register) {
    }

    /** The parsed request, checked for shape and document; run separately so the router can authenticate in between. */
    Incoming read(ProxyRequest request) {
        if ("GET".equals(request.method())) {
            return fromQueryString(request);
        }
        JsonNode body = Json.readBody(request, maxBodyBytes);
        if (body.isArray()) {
            throw new HttpProblem(400, "BAD_USER_INPUT", "Batched requests are not supported");
        }
        Json.requireObject(body);
        return toRequest(body.get("query"), body.get("operationName"), body.get("variables"), body.get("extensions"));
    }

    ProxyResponse execute(ProxyRequest http, Incoming incoming, Caller caller, String requestId, RequestLog log) {
        GraphQLRequest request = incoming.request();
        String mediaType = responseMediaType(http);
        OperationDefinition.Operation operation = engine.operationType(request).orElse(null);
        if ("GET".equals(http.method()) && operation == OperationDefinition.Operation.MUTATION) {
            throw new HttpProblem(405, "BAD_USER_INPUT", "Mutations must be sent with POST", "POST");
        }
        GraphQLEngine.Response outcome = engine.respond(request, caller, requestId, r -> Json.write(r.toSpecification()));
        log.executed(request.operationName(), outcome.session().metrics());
        log.cache(outcome.cached() ? "result" : outcome.session().cacheUse());
        ExecutionResult result = outcome.result();
        if (incoming.register() && (result == null || result.isDataPresent())) {
            documents.register(request.query());
        }
        if (result == null) {
            return cacheable(http, ProxyResponse.text(200, mediaType + "; charset=utf-8", outcome.body()));
        }
        result.getErrors().stream().findFirst()
                .map(error -> error.getExtensions() == null ? null : String.valueOf(error.getExtensions().get("code")))
                .ifPresent(log::error);
        boolean failedBeforeExecution = !result.isDataPresent();
        int status = failedBeforeExecution && GRAPHQL_RESPONSE.equals(mediaType) ? 400 : 200;
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
    private Incoming fromQueryString(ProxyRequest request) {
        Map<String, String> query = request.query();
        long bytes = query.entrySet().stream()
                .mapToLong(e -> utf8Length(e.getKey()) + utf8Length(e.getValue()) + 2).sum();
        if (bytes > maxBodyBytes) {
            throw new HttpProblem(414, "BAD_USER_INPUT", "Query string is larger than " + maxBodyBytes + " bytes");
        }
        JsonNode variables = null;
        JsonNode extensions = null;
        try {
            if (query.get("variables") != null) {
                variables = Json.MAPPER.readTree(query.get("variables"));
            }
            if (query.get("extensions") != null) {
                extensions = Json.MAPPER.readTree(query.get("extensions"));
            }
        } catch (JsonProcessingException e) {
            throw new HttpProblem(400, "BAD_USER_INPUT", "variables and extensions must be JSON objects");
        }
        return toRequest(textNode(query.get("query")), textNode(query.get("operationName")), variables, extensions);
    }

    @SuppressWarnings("unchecked")
    private Incoming toRequest(JsonNode query, JsonNode operationName, JsonNode variables, JsonNode extensions) {
        String hash = persistedQueryHash(extensions);
        boolean hasQuery = query != null && !query.isNull();
        if (hasQuery && (!query.isTextual() || query.asText().isBlank()) || !hasQuery && hash == null) {
            throw new HttpProblem(400, "BAD_USER_INPUT", "query must be a non-empty string");
        }
        if (operationName != null && !operationName.isNull() && !operationName.isTextual()) {
            throw new HttpProblem(400, "BAD_USER_INPUT", "operationName must be a string");
        }
        if (variables != null && !variables.isNull() && !variables.isObject()) {
            throw new HttpProblem(400, "BAD_USER_INPUT", "variables must be a JSON object");
        }
        if (extensions != null && !extensions.isNull() && !extensions.isObject()) {
            throw new HttpProblem(400, "BAD_USER_INPUT", "extensions must be a JSON object");
        }
        Map<String, Object> variableMap = variables == null || variables.isNull() ? Map.of()
                : Json.MAPPER.convertValue(variables, Map.class);
        String name = operationName == null || operationName.isNull() ? null : operationName.asText();
        String document;
        try {
            document = documents.resolve(hasQuery ? query.asText() : null, hash);
        } catch (PersistedDocuments.Refused e) {
            throw new HttpProblem(e.status(), e.code(), e.getMessage());
        }
        return new Incoming(new GraphQLRequest(document, name, variableMap), hasQuery && hash != null);
    }

    /** The sha256Hash of {@code extensions.persistedQuery} (version 1), or null when the request has none. */
    private static String persistedQueryHash(JsonNode extensions) {
        JsonNode persisted = extensions == null ? null : extensions.get("persistedQuery");
        if (persisted == null || persisted.isNull()) {
            return null;
        }
        if (!persisted.isObject() || persisted.path("version").asInt(-1) != 1 || !persisted.path("sha256Hash").isTextual()) {
            throw new HttpProblem(400, "BAD_USER_INPUT",
                    "extensions.persistedQuery must be { \"version\": 1, \"sha256Hash\": \"<hex>\" }");
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
