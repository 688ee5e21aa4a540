package com.awsinsight.categories.edge.rest;

import com.awsinsight.categories.domain.Caller;
import com.awsinsight.categories.domain.DomainException;
import com.awsinsight.categories.domain.ErrorCode;
import com.awsinsight.categories.edge.http.HttpProblem;
import com.awsinsight.categories.edge.http.JsonBodies;
import com.awsinsight.categories.edge.HttpRouter;
import com.awsinsight.categories.edge.http.HttpStatus;
import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.edge.http.ProxyRequest;
import com.awsinsight.categories.edge.http.ProxyResponse;
import com.awsinsight.categories.observability.RequestLog;
import com.awsinsight.categories.graphql.GraphQLEngine;
import com.awsinsight.categories.graphql.GraphQLRequest;
import com.awsinsight.categories.observability.JsonLog;
import com.awsinsight.categories.services.CategoryService;
import com.fasterxml.jackson.databind.JsonNode;
import graphql.ExecutionResult;
import graphql.GraphQLError;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The seed's REST API ({@code /categories}, {@code /categories/{id}}, {@code /templates}) on top of the
 * GraphQL engine. Each route turns path, query and body into the variables of one fixed operation
 * ({@link RestOperation}), runs it through {@link GraphQLEngine#execute} for the authenticated caller
 * and maps the result to the seed's documents; GraphQL errors and userErrors become statuses through
 * {@link HttpStatus} and the body {@code { "error": { "code", "message", "field"? } }}. No rule is
 * implemented here: validation, tenancy, roles and concurrency all stay in the services.
 *
 * <p>Order of checks, as for /graphql: method (405 with Allow), media type and body (415, 413, 400),
 * then identity (401/403), then the operation.
 */
public final class RestRoutes {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final String COLLECTION = "/categories";
    private static final String ITEM_PREFIX = "/categories/";
    private static final String TEMPLATES = "/templates";
    private static final int DEFAULT_LIMIT = 20;
    private static final String NOT_FOUND_MESSAGE = "Category not found";

    /** Who the request acts for; called only once the request itself is acceptable. */
    @FunctionalInterface
    public interface Identity {
        Caller authenticate(ProxyRequest request);
    }

    private final GraphQLEngine gateway;
    private final int maxBodyBytes;

    public RestRoutes(GraphQLEngine gateway, int maxBodyBytes) {
        this.gateway = gateway;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The response of a REST route, or empty when {@code path} (normalised) is none of them. */
    public Optional<ProxyResponse> handle(String path, ProxyRequest request, Identity identity, String requestId,
                                          RequestLog log) {
        if (path.equals(COLLECTION)) {
            return Optional.of(collection(request, identity, requestId, log));
        }
        if (path.startsWith(ITEM_PREFIX) && path.indexOf('/', ITEM_PREFIX.length()) < 0) {
            String id = decode(path.substring(ITEM_PREFIX.length()));
            return Optional.of(item(id, request, identity, requestId, log));
        }
        if (path.equals(TEMPLATES)) {
            requireMethod(request, "GET", "GET");
            Call call = new Call(identity.authenticate(request), requestId, log);
            return Optional.of(listTemplates(request, call));
        }
        return Optional.empty();
    }

    private ProxyResponse collection(ProxyRequest request, Identity identity, String requestId, RequestLog log) {
        requireMethod(request, "GET, POST", "GET", "POST");
        if ("POST".equals(request.method())) {
            JsonNode body = jsonBody(request);
            return create(body, request.header(IDEMPOTENCY_KEY).orElse(null), new Call(identity.authenticate(request), requestId, log));
        }
        return listCategories(request, new Call(identity.authenticate(request), requestId, log));
    }

    private ProxyResponse item(String id, ProxyRequest request, Identity identity, String requestId, RequestLog log) {
        requireMethod(request, "GET, PUT, DELETE", "GET", "PUT", "DELETE");
        if ("PUT".equals(request.method())) {
            JsonNode body = jsonBody(request);
            Long expectedVersion = EntityTags.expectedVersion(request.header("If-Match").orElse(null));
            return update(id, body, expectedVersion, new Call(identity.authenticate(request), requestId, log));
        }
        if ("DELETE".equals(request.method())) {
            Long expectedVersion = EntityTags.expectedVersion(request.header("If-Match").orElse(null));
            boolean cascade = booleanParameter(request, "cascade");
            return delete(id, cascade, expectedVersion, new Call(identity.authenticate(request), requestId, log));
        }
        return get(id, new Call(identity.authenticate(request), requestId, log));
    }

    private ProxyResponse listCategories(ProxyRequest request, Call call) {
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("nameContains", request.query().get("filter"));
        filter.put("parentId", request.query().get("parentCategoryId"));
        filter.put("includeInactive", booleanParameter(request, "includeInactive"));
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("first", limit(request));
        variables.put("after", request.query().get("cursor"));
        variables.put("filter", filter);
        return call.run(RestOperation.LIST_CATEGORIES, variables, data -> {
            JsonNode connection = data.path("categories");
            List<Map<String, Object>> items = nodes(connection).stream()
                    .map(node -> V1Documents.category(call.organizationId(), node))
                    .toList();
            return ProxyResponse.json(200, V1Documents.page(items, connection.path("pageInfo")));
        });
    }

    private ProxyResponse get(String id, Call call) {
        return call.run(RestOperation.GET_CATEGORY, Map.of("id", id), data -> {
            JsonNode category = data.path("category");
            if (category.isNull() || category.isMissingNode()) {
                throw new ErrorResponse(ErrorCode.NOT_FOUND.name(), NOT_FOUND_MESSAGE, null);
            }
            return categoryResponse(200, call, category);
        });
    }

    private ProxyResponse create(JsonNode body, String idempotencyKey, Call call) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("clientMutationId", idempotencyKey);
        String name = stringField(body, "categoryName");
        input.put("name", name == null ? "" : name);
        input.put("description", stringField(body, "description"));
        input.put("parentId", stringField(body, "parentCategoryId"));
        input.put("metadata", body.has("metadata") ? Json.MAPPER.convertValue(body.get("metadata"), Object.class) : null);
        return call.run(RestOperation.CREATE_CATEGORY, Map.of("input", input), data -> {
            JsonNode category = payload(data.path("createCategory"));
            return categoryResponse(201, call, category)
                    .withHeader("Location", ITEM_PREFIX + category.path("id").asText());
        });
    }

    private ProxyResponse update(String id, JsonNode body, Long expectedVersion, Call call) {
        Map<String, Object> input = new LinkedHashMap<>();
        if (body.has("categoryName")) {
            input.put("name", stringField(body, "categoryName"));
        }
        if (body.has("description")) {
            input.put("description", stringField(body, "description"));
        }
        if (body.has("metadata")) {
            input.put("metadata", Json.MAPPER.convertValue(body.get("metadata"), Object.class));
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("id", id);
        variables.put("input", input);
        variables.put("expectedVersion", expectedVersion == null ? null : expectedVersion.intValue());
        return call.run(RestOperation.UPDATE_CATEGORY, variables,
                data -> categoryResponse(200, call, payload(data.path("updateCategory"))));
    }

    private ProxyResponse delete(String id, boolean cascade, Long expectedVersion, Call call) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("id", id);
        variables.put("cascade", cascade);
        variables.put("expectedVersion", expectedVersion == null ? null : expectedVersion.intValue());
        return call.run(RestOperation.DELETE_CATEGORY, variables, data -> {
            payload(data.path("deleteCategory"));
            return ProxyResponse.empty(204);
        });
    }

    private ProxyResponse listTemplates(ProxyRequest request, Call call) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("type", request.query().get("type"));
        variables.put("first", limit(request));
        variables.put("after", request.query().get("cursor"));
        return call.run(RestOperation.LIST_TEMPLATES, variables, data -> {
            JsonNode connection = data.path("templates");
            List<Map<String, Object>> items = nodes(connection).stream().map(V1Documents::template).toList();
            return ProxyResponse.json(200, V1Documents.page(items, connection.path("pageInfo")));
        });
    }

    private static ProxyResponse categoryResponse(int status, Call call, JsonNode category) {
        return ProxyResponse.json(status, V1Documents.category(call.organizationId(), category))
                .withHeader("ETag", EntityTags.of(category.path("version").asLong()));
    }

    /** The payload's category, or the first userError as an {@link ErrorResponse}. */
    private static JsonNode payload(JsonNode payload) {
        JsonNode userErrors = payload.path("userErrors");
        if (userErrors.isArray() && !userErrors.isEmpty()) {
            JsonNode error = userErrors.get(0);
            throw new ErrorResponse(error.path("code").asText(), error.path("message").asText(),
                    error.path("field").asText(null));
        }
        return payload.path("category");
    }

    private static List<JsonNode> nodes(JsonNode connection) {
        return connection.path("edges").findValues("node");
    }

    private int limit(ProxyRequest request) {
        String text = request.query().get("limit");
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            limit = 0;
        }
        try {
            CategoryService.checkPageSize("limit", limit);
        } catch (DomainException e) {
            throw HttpProblem.badInput("limit", e.getMessage());
        }
        return limit;
    }

    private static boolean booleanParameter(ProxyRequest request, String name) {
        String value = request.query().get(name);
        if (value == null || value.isBlank() || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw HttpProblem.badInput(name, name + " must be true or false");
    }

    private JsonNode jsonBody(ProxyRequest request) {
        return JsonBodies.requireObject(JsonBodies.read(request, maxBodyBytes));
    }

    private static String stringField(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw HttpProblem.badInput(field, field + " must be a string");
        }
        return value.asText();
    }

    private static void requireMethod(ProxyRequest request, String allow, String... methods) {
        for (String method : methods) {
            if (method.equals(request.method())) {
                return;
            }
        }
        throw new HttpProblem(405, "BAD_USER_INPUT", "Method " + request.method() + " is not allowed here", allow);
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }

    /** One route's execution for one caller: runs the operation and turns failures into error responses. */
    private final class Call {
        private final Caller caller;
        private final String requestId;
        private final RequestLog log;

        Call(Caller caller, String requestId, RequestLog log) {
            this.caller = caller;
            this.requestId = requestId;
            this.log = log;
            log.organization(caller.organizationId());
        }

        String organizationId() {
            return caller.organizationId();
        }

        ProxyResponse run(RestOperation operation, Map<String, Object> variables, Function<JsonNode, ProxyResponse> onData) {
            GraphQLRequest request = new GraphQLRequest(operation.document(), operation.operationName(), variables);
            GraphQLEngine.Outcome outcome = gateway.execute(request, caller, requestId);
            log.executed(operation.operationName(), outcome.services().metrics());
            ExecutionResult result = outcome.result();
            try {
                if (!result.getErrors().isEmpty()) {
                    throw toErrorResponse(result.getErrors().get(0));
                }
                Object data = result.getData();
                return onData.apply(Json.MAPPER.valueToTree(data));
            } catch (ErrorResponse e) {
                log.error(e.code);
                return e.toResponse();
            }
        }

        private ErrorResponse toErrorResponse(GraphQLError error) {
            Map<String, Object> extensions = error.getExtensions() == null ? Map.of() : error.getExtensions();
            Object code = extensions.get("code");
            if (code == null) {
                JsonLog.error(requestId, "REST operation failed without a code: " + error.getMessage(), null);
                return new ErrorResponse(ErrorCode.INTERNAL.name(), "Internal error (request id " + requestId + ")", null);
            }
            Object field = extensions.get("field");
            return new ErrorResponse(code.toString(), error.getMessage(), field == null ? null : field.toString());
        }
    }

    /** A GraphQL error or userError on its way to the REST error body; 412 for a failed If-Match. */
    private static final class ErrorResponse extends RuntimeException {
        private final String code;
        private final String field;

        ErrorResponse(String code, String message, String field) {
            super(message, null, false, false);
            this.code = code;
            this.field = field;
        }

        ProxyResponse toResponse() {
            ErrorCode errorCode = parse(code);
            String restField = V1Documents.restField(field);
            boolean preconditionFailed = errorCode == ErrorCode.CONFLICT && "If-Match".equals(restField);
            int status = preconditionFailed ? 412 : HttpStatus.of(errorCode);
            ProxyResponse response = HttpRouter.problem(status, errorCode.name(), getMessage(), restField, false);
            if (errorCode == ErrorCode.RATE_LIMITED || errorCode == ErrorCode.UNAVAILABLE) {
                return response.withHeader("Retry-After", "1");
            }
            return response;
        }

        private static ErrorCode parse(String code) {
            try {
                return ErrorCode.valueOf(code);
            } catch (IllegalArgumentException e) {
                return ErrorCode.INTERNAL;
            }
        }
    }
}
