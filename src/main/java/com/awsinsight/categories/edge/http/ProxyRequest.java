package com.awsinsight.categories.edge.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An API Gateway REST (payload 1.0) proxy event, read tolerantly: header names in any case (from
 * {@code headers} and {@code multiValueHeaders}), null query and path maps, and a base64 body when
 * {@code isBase64Encoded}. The local server builds the very same event from each HTTP request.
 *
 * <p>Routes are matched on {@link #routePath()}: what API Gateway resolved ({@code resource} with its
 * {@code pathParameters} filled in), so a custom domain's base path or the stage in {@code path} never
 * changes the route; the local server's events carry the request path as their resource. The part of the
 * client's path before the route ({@link #publicPrefix()}: the stage or base path) is what links in
 * responses must start with.
 *
 * @param path           the path as the event gives it (may include a custom domain's base path)
 * @param resource       the API Gateway resource matched ({@code /categories/{id}}), or null
 * @param pathParameters values of the resource's parameters, or empty
 * @param requestPath    {@code requestContext.path}: the path as the client sent it (stage or base path
 *                       included), or null
 */
public record ProxyRequest(
        String method,
        String path,
        Map<String, String> headers,
        Map<String, String> query,
        byte[] body,
        String requestId,
        Map<String, Object> authorizerClaims,
        String resource,
        Map<String, String> pathParameters,
        String requestPath) {

    @SuppressWarnings("unchecked")
    public static ProxyRequest fromEvent(JsonNode event) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        multiValues(event.path("multiValueHeaders"), headers);
        singleValues(event.path("headers"), headers);
        Map<String, String> query = new TreeMap<>();
        multiValues(event.path("multiValueQueryStringParameters"), query);
        singleValues(event.path("queryStringParameters"), query);
        JsonNode context = event.path("requestContext");
        JsonNode claims = context.path("authorizer").path("claims");
        Map<String, Object> claimMap = claims.isObject()
                ? Collections.unmodifiableMap(Json.MAPPER.convertValue(claims, Map.class)) : null;
        Map<String, String> pathParameters = new TreeMap<>();
        singleValues(event.path("pathParameters"), pathParameters);
        return new ProxyRequest(
                event.path("httpMethod").asText("GET").toUpperCase(Locale.ROOT),
                event.path("path").asText("/"),
                Collections.unmodifiableMap(headers),
                Collections.unmodifiableMap(query),
                body(event),
                context.path("requestId").asText(null),
                claimMap,
                event.path("resource").isTextual() ? event.path("resource").asText() : null,
                Collections.unmodifiableMap(pathParameters),
                context.path("path").isTextual() ? context.path("path").asText() : null);
    }

    /**
     * The path routes are matched on: the resource with its parameters filled in (each value URL-encoded, as
     * a path segment), or {@link #path()} when the event has no resource or a greedy proxy resource.
     */
    public String routePath() {
        if (resource == null || resource.isEmpty() || resource.contains("+}")) {
            return path;
        }
        String route = resource;
        for (Map.Entry<String, String> parameter : pathParameters.entrySet()) {
            route = route.replace("{" + parameter.getKey() + "}",
                    URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return route;
    }

    /**
     * What the client's path has before {@link #routePath()}: the stage on the execute-api endpoint
     * ({@code /dev}), a custom domain's base path, or nothing (the local server).
     */
    public String publicPrefix() {
        String route = routePath();
        if (requestPath == null || !requestPath.endsWith(route)) {
            return "";
        }
        String prefix = requestPath.substring(0, requestPath.length() - route.length());
        return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** Refuses the request with 405 (and {@code Allow}) unless its method is one of {@code methods}. */
    public void requireMethod(String allow, String... methods) {
        for (String allowed : methods) {
            if (allowed.equals(method)) {
                return;
            }
        }
        throw new HttpProblem(405, "BAD_USER_INPUT", "Method " + method + " is not allowed here", allow);
    }

    /** The body as UTF-8 text, or empty when the bytes are not valid UTF-8. */
    public Optional<String> bodyText() {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static byte[] body(JsonNode event) {
        JsonNode body = event.path("body");
        if (!body.isTextual()) {
            return new byte[0];
        }
        if (event.path("isBase64Encoded").asBoolean(false)) {
            try {
                return Base64.getDecoder().decode(body.asText());
            } catch (IllegalArgumentException e) {
                return new byte[0];
            }
        }
        return body.asText().getBytes(StandardCharsets.UTF_8);
    }

    private static void singleValues(JsonNode node, Map<String, String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) {
                    into.put(e.getKey(), e.getValue().asText());
                }
            });
        }
    }

    private static void multiValues(JsonNode node, Map<String, String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                JsonNode values = e.getValue();
                if (values.isArray() && !values.isEmpty()) {
                    into.put(e.getKey(), values.get(values.size() - 1).asText());
                }
            });
        }
    }
}
