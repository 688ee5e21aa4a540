package com.awsinsight.categories.domain.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Log lines are valid JSON that Jackson reads back to the same values, whatever the strings hold. */
class JsonTextTest {

    @Test
    void writesWhatJacksonReadsBack() throws Exception {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("text", "quote \" backslash \\ newline \n tab \t bell \u0007 emoji 💸 line-sep \u2028");
        line.put("int", 42);
        line.put("long", 12_345_678_901L);
        line.put("double", 1.5);
        line.put("nan", Double.NaN);
        line.put("flag", true);
        line.put("none", null);
        line.put("nested", Map.of("list", List.of(1, "two", Map.of("three", 3))));

        JsonNode read = new ObjectMapper().readTree(JsonText.write(line));

        assertEquals(line.get("text"), read.get("text").asText());
        assertEquals(42, read.get("int").asInt());
        assertEquals(12_345_678_901L, read.get("long").asLong());
        assertEquals(1.5, read.get("double").asDouble());
        assertEquals("NaN", read.get("nan").asText());
        assertTrue(read.get("flag").asBoolean());
        assertTrue(read.get("none").isNull());
        assertEquals(3, read.at("/nested/list/2/three").asInt());
        assertEquals(1, JsonText.write(line).lines().count(), "one line");
    }
}
