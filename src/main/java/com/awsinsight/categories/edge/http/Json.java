package com.awsinsight.categories.edge.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
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
import java.io.InputStream;
import java.time.Instant;

/**
 * The process's one Jackson mapper (parser limits suited to request bodies; instants as ISO-8601 text), and
 * the one way every route reads a JSON request body: {@code application/json} (UTF-8) or 415, at most the
 * configured size or 413, UTF-8 and well-formed JSON (within the mapper's nesting limits, no object with a key
 * twice, every number one the mapper can hold) or 400.
 *
 * <p>Every JSON a client sends is parsed through {@link #parse}: Jackson keeps floating-point numbers as
 * {@code BigDecimal}, whose exponent is an {@code int}, and a number past it ({@code 1e2147483648}) makes Jackson
 * throw a {@link NumberFormatException} rather than a {@link JsonProcessingException}; {@link #parse} turns it into
 * the latter, so such a number anywhere in the text (an unused key is enough) is malformed input, never a fault.
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

    /**
     * JSON text as a tree (null for empty text).
     *
     * @throws JsonProcessingException when it is not JSON, breaks the mapper's limits, or holds a number the mapper
     *                                 cannot represent ({@link NumberOutOfRange})
     */
    public static JsonNode parse(String text) throws JsonProcessingException {
        try {
            return MAPPER.readTree(text);
        } catch (NumberFormatException e) {
            throw new NumberOutOfRange(e);
        }
    }

    /** {@link #parse(String)} for a stream (the Lambda event). */
    public static JsonNode parse(InputStream in) throws IOException {
        try {
            return MAPPER.readTree(in);
        } catch (NumberFormatException e) {
            throw new NumberOutOfRange(e);
        }
    }

    /** JSON text holding a number the mapper cannot represent, such as {@code 1e2147483648}. */
    public static final class NumberOutOfRange extends JsonParseException {
        NumberOutOfRange(NumberFormatException cause) {
            super((JsonParser) null, "A JSON number is out of range", cause);
        }
    }

    /** The request's body as JSON, of any shape; callers check the shape they need. */
    public static JsonNode readBody(ProxyRequest request, int maxBodyBytes) {
        String contentType = request.header("Content-Type").orElse(null);
        if (!MediaTypes.essence(contentType).equals(MediaTypes.JSON)) {
            throw new HttpProblem(415, "BAD_USER_INPUT", "Content-Type must be application/json");
        }
        if (!MediaTypes.charsetIsUtf8(contentType)) {
            throw new HttpProblem(415, "BAD_USER_INPUT", "Content-Type charset must be utf-8");
        }
        if (request.body().length > maxBodyBytes) {
            throw new HttpProblem(413, "BAD_USER_INPUT", "Request body is larger than " + maxBodyBytes + " bytes");
        }
        String text = request.bodyText()
                .orElseThrow(() -> new HttpProblem(400, "BAD_USER_INPUT", "Request body is not valid UTF-8"));
        try {
            JsonNode body = parse(text);
            return body == null ? MAPPER.missingNode() : body;
        } catch (NumberOutOfRange e) {
            throw new HttpProblem(400, "BAD_USER_INPUT", "Request body is not valid JSON: a number is out of range");
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
