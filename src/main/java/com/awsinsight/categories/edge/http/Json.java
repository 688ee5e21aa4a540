package com.awsinsight.categories.edge.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.time.Instant;

/**
 * The process's one Jackson mapper (parser limits suited to request bodies; instants as ISO-8601 text), and
 * the one way every route reads a JSON request body: {@code application/json} or 415, at most the configured
 * size or 413, UTF-8 and well-formed JSON (within the mapper's nesting limits, no object with a key twice) or
 * 400.
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .registerModule(new SimpleModule()
                    .addSerializer(Instant.class, new JsonSerializer<>() {
                        @Override
                        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                            gen.writeString(value.toString());
                        }
                    })
                    .addDeserializer(Instant.class, new JsonDeserializer<>() {
                        @Override
                        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                            return Instant.parse(p.getValueAsString());
                        }
                    }));

    static {
        // A key given twice would let a proxy that inspected the first see something else than what runs.
        MAPPER.getFactory().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxStringLength(1_000_000)
                .maxNumberLength(100)
                .build());
    }

    private Json() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unserialisable response", e);
        }
    }

    /** The request's body as JSON, of any shape; callers check the shape they need. */
    public static JsonNode readBody(ProxyRequest request, int maxBodyBytes) {
        if (!MediaTypes.essence(request.header("Content-Type").orElse(null)).equals(MediaTypes.JSON)) {
            throw new HttpProblem(415, "BAD_USER_INPUT", "Content-Type must be application/json");
        }
        if (request.body().length > maxBodyBytes) {
            throw new HttpProblem(413, "BAD_USER_INPUT", "Request body is larger than " + maxBodyBytes + " bytes");
        }
        String text = request.bodyText()
                .orElseThrow(() -> new HttpProblem(400, "BAD_USER_INPUT", "Request body is not valid UTF-8"));
        try {
            JsonNode body = MAPPER.readTree(text);
            return body == null ? MAPPER.missingNode() : body;
        } catch (JsonProcessingException e) {
            String duplicate = duplicateKey(e);
            throw new HttpProblem(400, "BAD_USER_INPUT", duplicate == null ? "Request body is not valid JSON"
                    : "Request body is not valid JSON: duplicate key \"" + duplicate + "\"");
        }
    }

    /** The key a parser refused because an object held it twice, or null for any other failure. */
    private static String duplicateKey(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        String prefix = "Duplicate field '";
        if (message == null || !message.startsWith(prefix) || message.indexOf('\'', prefix.length()) < 0) {
            return null;
        }
        return message.substring(prefix.length(), message.indexOf('\'', prefix.length()));
    }

    /** {@code body} if it is a JSON object; 400 otherwise. */
    public static JsonNode requireObject(JsonNode body) {
        if (!body.isObject()) {
            throw new HttpProblem(400, "BAD_USER_INPUT", "Request body must be a JSON object");
        }
        return body;
    }
}
