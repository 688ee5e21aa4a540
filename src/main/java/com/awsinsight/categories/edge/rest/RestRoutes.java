package com.awsinsight.categories.edge.rest;

import com.awsinsight.categories.graphql.datafetchers.GlobalIds;
import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.domain.model.CategoryRules;
import com.awsinsight.categories.domain.error.ErrorCode;
import com.awsinsight.categories.edge.http.EntityTags;
import com.awsinsight.categories.edge.http.HttpCaching;
import com.awsinsight.categories.edge.http.HttpProblem;
import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.edge.http.ProxyRequest;
import com.awsinsight.categories.edge.http.ProxyResponse;
import com.awsinsight.categories.graphql.GraphQLEngine;
import com.awsinsight.categories.graphql.PersistedDocuments;
import com.awsinsight.categories.observability.RequestLog;
import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Iterator;
import java.util.Set;
import java.util.Map;
import java.util.Optional;

/**
 * The legacy REST API ({@code /categories}, {@code /categories/{id}}, {@code /templates}: the Node service's
 * routes, v1 documents) on top of the GraphQL engine. Each route turns path, query and body into the variables
 * of one fixed operation ({@link RestOperation}), runs it for the authenticated caller ({@link RestCall}) and
 * maps the result to v1 documents ({@link V1Documents}). No rule is implemented here: validation, tenancy,
 * roles and concurrency all stay in the application. Ids in paths, bodies and query parameters are the stored
 * ids (any form the Node service stored, percent-encoded in a path); they reach the operations as their
 * {@link GlobalIds global ids}.
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

    /** Who the request acts for; called only once the request itself is acceptable. */
    @FunctionalInterface
    public interface Identity {
        Caller authenticate(ProxyRequest request);
    }

    private final GraphQLEngine engine;
    private final int maxBodyBytes;

    /**
     * @param documents in trusted-documents mode, every route's operation must be in the manifest (the build puts
     *                  them there); a jar whose manifest misses one refuses to start rather than serve a route that
     *                  GraphQL clients could not send
     */
    public RestRoutes(GraphQLEngine engine, int maxBodyBytes, PersistedDocuments documents) {
        this.engine = engine;
        this.maxBodyBytes = maxBodyBytes;
        for (RestOperation operation : RestOperation.values()) {
            if (documents.trustedOnly() && !documents.trusts(operation.document())) {
                throw new IllegalStateException("The trusted-documents manifest lacks the REST operation " + operation.operationName());
            }
        }
    }

    /** The response of a REST route, or empty when {@code path} (normalised) is none of them. */
    public Optional<ProxyResponse> handle(String path, ProxyRequest request, Identity identity, String requestId,
                                          RequestLog log) {
        if (path.equals(COLLECTION)) {
            request.requireMethod("GET, POST", "GET", "POST");
            if ("POST".equals(request.method())) {
                JsonNode body = jsonBody(request);
                return Optional.of(create(body, request.header(IDEMPOTENCY_KEY).orElse(null), request.publicPrefix(),
                        call(request, identity, requestId, log)));
            }
            return Optional.of(listCategories(request, call(request, identity, requestId, log)));
        }
        if (path.startsWith(ITEM_PREFIX) && path.indexOf('/', ITEM_PREFIX.length()) < 0) {
            String id = GlobalIds.ofCategory(decode(path.substring(ITEM_PREFIX.length())));
            return Optional.of(item(id, request, identity, requestId, log));
        }
        if (path.equals(TEMPLATES)) {
            request.requireMethod("GET", "GET");
            return Optional.of(listTemplates(request, call(request, identity, requestId, log)));
        }
        return Optional.empty();
    }

    private RestCall call(ProxyRequest request, Identity identity, String requestId, RequestLog log) {
        return new RestCall(engine, identity.authenticate(request), requestId, log);
    }

    private ProxyResponse item(String id, ProxyRequest request, Identity identity, String requestId, RequestLog log) {
        request.requireMethod("GET, PUT, DELETE", "GET", "PUT", "DELETE");
        if ("PUT".equals(request.method())) {
            JsonNode body = jsonBody(request);
            Optional<EntityTags.Condition> ifMatch = IfMatch.parse(request);
            RestCall call = call(request, identity, requestId, log);
            return IfMatch.write(id, ifMatch, call, expectedVersion -> update(id, body, expectedVersion, call));
        }
        if ("DELETE".equals(request.method())) {
            Optional<EntityTags.Condition> ifMatch = IfMatch.parse(request);
            boolean cascade = booleanParameter(request, "cascade");
            RestCall call = call(request, identity, requestId, log);
            return IfMatch.write(id, ifMatch, call, expectedVersion -> delete(id, cascade, expectedVersion, call));
        }
        return get(id, request, call(request, identity, requestId, log));
    }

    private ProxyResponse listCategories(ProxyRequest request, RestCall call) {
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("nameContains", request.query().get("filter"));
        filter.put("parentId", GlobalIds.ofCategory(request.query().get("parentCategoryId")));
        filter.put("includeInactive", booleanParameter(request, "includeInactive"));
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("first", limit(request));
        variables.put("after", request.query().get("cursor"));
        variables.put("filter", filter);
        return call.read(RestOperation.LIST_CATEGORIES, variables, data -> {
            Map<String, Object> connection = V1Documents.map(data.get("categories"));
            List<Map<String, Object>> items = V1Documents.nodes(connection).stream()
                    .map(V1Documents::category)
                    .toList();
            return V1Documents.page(items, V1Documents.map(connection.get("pageInfo")));
        }, response -> HttpCaching.conditional(request, response));
    }

    private ProxyResponse get(String id, ProxyRequest request, RestCall call) {
        return call.run(RestOperation.GET_CATEGORY, Map.of("id", id), data -> {
            Map<String, Object> category = V1Documents.map(data.get("category"));
            if (category == null) {
                return call.error(ErrorCode.NOT_FOUND, "Category not found", null);
            }
            ProxyResponse response = categoryResponse(200, call, category);
            return HttpCaching.conditional(request, response, response.headers().get("ETag"));
        });
    }

    /** @param publicPrefix the stage or base path the client's URL has before the route, for {@code Location} */
    private ProxyResponse create(JsonNode body, String idempotencyKey, String publicPrefix, RestCall call) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("clientMutationId", idempotencyKey);
        String name = stringField(body, "categoryName");
        input.put("name", name == null ? "" : name);
        input.put("description", stringField(body, "description"));
        input.put("parentId", parentField(body));
        input.put("metadata", body.has("metadata") ? Json.MAPPER.convertValue(body.get("metadata"), Object.class) : null);
        return call.run(RestOperation.CREATE_CATEGORY, Map.of("input", input), data ->
                call.payload(V1Documents.map(data.get("createCategory")), category -> categoryResponse(201, call, category)
                        .withHeader("Location", publicPrefix + ITEM_PREFIX
                                + encode((String) V1Documents.category(category).get("categoryId")))));
    }

    /** The fields {@code PUT} changes. */
    private static final Set<String> PUT_FIELDS = Set.of("categoryName", "description", "metadata", "parentCategoryId");
    /**
     * The document's other fields, which a client that writes back what it read sends too: no change as they are;
     * {@code isActive} with another value is refused (DELETE and restoreCategory change it), the others are ignored.
     */
    private static final Set<String> DOCUMENT_FIELDS = Set.of("organizationId", "categoryId", "createdAt", "updatedAt",
            "createdBy", "isActive");

    /**
     * {@code PUT}: the body's fields change, the others stay. With {@code parentCategoryId} (null or empty: a root)
     * it runs {@code moveCategory} with the other fields as its changes, so the move follows moveCategory's rules and
     * the move and the changes are one write (a refused part changes nothing); the current parent is no move.
     */
    private ProxyResponse update(String id, JsonNode body, Long expectedVersion, RestCall call) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!PUT_FIELDS.contains(field) && !DOCUMENT_FIELDS.contains(field)) {
                throw HttpProblem.badInput(field, "Unknown field " + field
                        + ": PUT changes categoryName, description, metadata and parentCategoryId");
            }
        }
        if (!body.has("isActive")) {
            return change(id, body, expectedVersion, call);
        }
        JsonNode active = body.get("isActive");
        if (!active.isBoolean()) {
            throw HttpProblem.badInput("isActive", "isActive must be true or false");
        }
        return call.run(RestOperation.GET_CATEGORY, Map.of("id", id), data -> {
            Map<String, Object> category = V1Documents.map(data.get("category"));
            if (category == null) {
                return call.error(ErrorCode.NOT_FOUND, "Category not found", null);
            }
            if (active.booleanValue() != Boolean.TRUE.equals(category.get("isActive"))) {
                return call.error(ErrorCode.BAD_USER_INPUT, "isActive cannot be changed by PUT: DELETE deactivates a category"
                        + " (and its subtree with cascade=true), GraphQL's restoreCategory reactivates it", "isActive");
            }
            return change(id, body, expectedVersion, call);
        });
    }

    /** The body's changes (its document fields other than those, as they are, are no change). */
    private ProxyResponse change(String id, JsonNode body, Long expectedVersion, RestCall call) {
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
        variables.put("expectedVersion", expectedVersion == null ? null : expectedVersion.intValue());
        if (!body.has("parentCategoryId")) {
            variables.put("input", input);
            return call.run(RestOperation.UPDATE_CATEGORY, variables, data ->
                    call.payload(V1Documents.map(data.get("updateCategory")), category -> categoryResponse(200, call, category)));
        }
        variables.put("newParentId", parentField(body));
        variables.put("changes", input);
        return call.run(RestOperation.MOVE_CATEGORY, variables, data ->
                call.payload(V1Documents.map(data.get("moveCategory")), category -> categoryResponse(200, call, category)));
    }

    private ProxyResponse delete(String id, boolean cascade, Long expectedVersion, RestCall call) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("id", id);
        variables.put("cascade", cascade);
        variables.put("expectedVersion", expectedVersion == null ? null : expectedVersion.intValue());
        return call.run(RestOperation.DELETE_CATEGORY, variables, data ->
                call.payload(V1Documents.map(data.get("deleteCategory")), category -> ProxyResponse.empty(204)));
    }

    private ProxyResponse listTemplates(ProxyRequest request, RestCall call) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("type", request.query().get("type"));
        variables.put("first", limit(request));
        variables.put("after", request.query().get("cursor"));
        return call.run(RestOperation.LIST_TEMPLATES, variables, data -> {
            Map<String, Object> connection = V1Documents.map(data.get("templates"));
            List<Map<String, Object>> items = V1Documents.nodes(connection).stream().map(V1Documents::template).toList();
            return HttpCaching.conditional(request,
                    ProxyResponse.json(200, V1Documents.page(items, V1Documents.map(connection.get("pageInfo")))));
        });
    }

    private static ProxyResponse categoryResponse(int status, RestCall call, Map<String, Object> category) {
        return ProxyResponse.json(status, V1Documents.category(category))
                .withHeader("ETag", EntityTags.ofVersion(((Number) category.get("version")).longValue()));
    }

    /**
     * {@code limit}: a whole number of at least 1, 20 when absent. Above 100 (the page-size rule) it is served as
     * 100, and {@code nextCursor} continues: the Node service took any limit, and its pages could end early too (at
     * DynamoDB's 1 MB), so its clients follow {@code nextCursor} already.
     */
    private static int limit(ProxyRequest request) {
        String text = request.query().get("limit");
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        String digits = text.trim();
        if (!digits.matches("[0-9]{1,12}") || Long.parseLong(digits) < 1) {
            throw HttpProblem.badInput("limit", "limit must be a whole number of at least 1");
        }
        return (int) Math.min(Long.parseLong(digits), CategoryRules.MAX_PAGE_SIZE);
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
        return Json.requireObject(Json.readBody(request, maxBodyBytes));
    }

    /**
     * {@code parentCategoryId} of a body: null, or empty or blank as the Node service stored some roots (and as
     * the store reads them), means a root.
     */
    private static String parentField(JsonNode body) {
        String parent = stringField(body, "parentCategoryId");
        return parent == null || parent.isBlank() ? null : GlobalIds.ofCategory(parent);
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

    /** An id as one path segment (percent-encoded UTF-8; a space as {@code %20}). */
    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }
}
