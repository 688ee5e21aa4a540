package com.awsinsight.categories.edge.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads a JSON request body the same way on every route: {@code application/json} or 415, at most the
 * configured size or 413, UTF-8 and well-formed JSON (within the mapper's nesting limits) or 400.
 */
public final class JsonBodies {
    private JsonBodies() {
    }

    /** The body as JSON, of any shape; callers check the shape they need. */
    public static JsonNode read(ProxyRequest request, int maxBodyBytes) {
        if (!MediaTypes.essence(request.header("Content-Type").orElse(null)).equals(MediaTypes.JSON)) {
            throw new HttpProblem(415, "BAD_USER_INPUT", "Content-Type must be application/json");
        }
        if (request.body().length > maxBodyBytes) {
            throw new HttpProblem(413, "BAD_USER_INPUT", "Request body is larger than " + maxBodyBytes + " bytes");
        }
        String text = request.bodyText()
                .orElseThrow(() -> new HttpProblem(400, "BAD_USER_INPUT", "Request body is not valid UTF-8"));
        try {
            JsonNode body = Json.MAPPER.readTree(text);
            return body == null ? Json.MAPPER.missingNode() : body;
        } catch (JsonProcessingException e) {
            throw new HttpProblem(400, "BAD_USER_INPUT", "Request body is not valid JSON");
        }
    }

    /** {@code body} if it is a JSON object; 400 otherwise. */
    public static JsonNode requireObject(JsonNode body) {
        if (!body.isObject()) {
            throw new HttpProblem(400, "BAD_USER_INPUT", "Request body must be a JSON object");
        }
        return body;
    }
}
