package com.awsinsight.categories;

import com.awsinsight.categories.edge.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code invoke} answers a proxy event from a file with the proxy response, like a local Lambda invoke. */
class MainInvokeTest {

    @Test
    void invokeAnswersAnEventFile() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        Main.invoke(Path.of("src/test/resources/events/graphql-post-tree.json").toString(),
                new PrintStream(out, true, StandardCharsets.UTF_8));

        JsonNode response = Json.MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(200, response.get("statusCode").asInt());
        JsonNode body = Json.MAPPER.readTree(response.get("body").asText());
        assertEquals("Data & Analytics", body.at("/data/categoryTree/0/name").asText());
    }
}
