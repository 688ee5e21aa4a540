package com.awsinsight.categories.edge.http;

import com.fasterxml.jackson.databind.JsonNode;

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
 */
public record ProxyRequest(
        String method,
        String path,
        Map<String, String> headers,
        Map<String, String> query,
        byte[] body,
        String requestId,
        Map<String, Object> authorizerClaims) {

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
        return new ProxyRequest(
                event.path("httpMethod").asText("GET").toUpperCase(Locale.ROOT),
                event.path("path").asText("/"),
                Collections.unmodifiableMap(headers),
                Collections.unmodifiableMap(query),
                body(event),
                context.path("requestId").asText(null),
                claimMap);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** The body as UTF-8 text, or empty when the bytes are not valid UTF-8. */
    /** Refuses the request with 405 (and {@code Allow}) unless its method is one of {@code methods}. */
    public void requireMethod(String allow, String... methods) {
        for (String allowed : methods) {
            if (allowed.equals(method)) {
                return;
            }
        }
        throw new HttpProblem(405, "BAD_USER_INPUT", "Method " + method + " is not allowed here", allow);
    }

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
