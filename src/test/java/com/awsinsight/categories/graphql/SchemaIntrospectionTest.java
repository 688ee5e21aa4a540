package com.awsinsight.categories.graphql;

import com.awsinsight.categories.store.memory.InMemoryStore;
import com.awsinsight.categories.testing.GraphQLHarness;
import com.awsinsight.categories.testing.GraphQLHarness.Response;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static com.awsinsight.categories.testing.GraphQLHarness.editor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What introspection tells client tooling (code generators, schema linters, GraphiQL): every type, field,
 * argument, input field and enum value of the API is described; the custom scalars carry their own descriptions
 * and {@code @specifiedBy} URLs; only directives the gateway supports are advertised; and every response that
 * runs carries its query cost.
 */
class SchemaIntrospectionTest {
    private static final String INTROSPECTION = """
            { __schema {
                directives { name }
                types { name kind description specifiedByURL
                  fields(includeDeprecated: true) { name description args { name description } }
                  inputFields { name description }
                  enumValues(includeDeprecated: true) { name description } } } }""";

    private final GraphQLHarness graphQL = new GraphQLHarness(new InMemoryStore());

    @Test
    void everyTypeFieldArgumentInputFieldAndEnumValueIsDescribed() {
        JsonNode types = graphQL.run(editor("org"), INTROSPECTION).at("/data/__schema/types");

        List<String> undescribed = new ArrayList<>();
        int described = 0;
        for (JsonNode type : types) {
            String name = type.get("name").asText();
            if (name.startsWith("__") || List.of("String", "Boolean", "Int", "Float", "ID").contains(name)) {
                continue;
            }
            described += check(type, name, undescribed);
            for (JsonNode field : type.path("fields")) {
                described += check(field, name + "." + field.get("name").asText(), undescribed);
                for (JsonNode argument : field.path("args")) {
                    described += check(argument, name + "." + field.get("name").asText() + "(" + argument.get("name").asText() + ")", undescribed);
                }
            }
            for (JsonNode field : type.path("inputFields")) {
                described += check(field, name + "." + field.get("name").asText(), undescribed);
            }
            for (JsonNode value : type.path("enumValues")) {
                described += check(value, name + "." + value.get("name").asText(), undescribed);
            }
        }

        assertEquals(List.of(), undescribed);
        assertTrue(described > 150, "described elements: " + described);
    }

    @Test
    void scalarsCarryTheirOwnDescriptionsAndSpecifications() {
        JsonNode types = graphQL.run(editor("org"), INTROSPECTION).at("/data/__schema/types");

        JsonNode dateTime = type(types, "DateTime");
        JsonNode json = type(types, "JSON");
        assertEquals("https://scalars.graphql.org/andimarek/date-time", dateTime.get("specifiedByURL").asText());
        assertEquals("https://www.rfc-editor.org/rfc/rfc8259", json.get("specifiedByURL").asText());
        assertTrue(dateTime.get("description").asText().startsWith("An instant as an RFC 3339 date-time"), dateTime.toString());
        assertTrue(json.get("description").asText().startsWith("Any JSON value (RFC 8259)"), json.toString());
    }

    @Test
    void deferIsNotAdvertisedBecauseNothingIsDeferred() {
        JsonNode directives = graphQL.run(editor("org"), INTROSPECTION).at("/data/__schema/directives");

        List<String> names = new ArrayList<>();
        directives.forEach(d -> names.add(d.get("name").asText()));
        assertFalse(names.contains("defer"), names.toString());
        assertTrue(names.containsAll(List.of("include", "skip", "deprecated", "specifiedBy")), names.toString());
    }

    @Test
    void everyExecutedResponseCarriesItsCostAndTheLimit() {
        GraphQLHarness limited = new GraphQLHarness(new InMemoryStore(), true, new QueryLimits(30, 500, 1_000, true));

        Response small = limited.run(editor("org"), "{ categories(first: 10) { edges { node { id name } } } }");
        Response refused = limited.run(editor("org"), "{ categories(first: 100) { edges { node { id name children { id } } } } }");
        Response invalid = limited.run(editor("org"), "{ nope }");
        Response changes = limited.run(editor("org"), "{ categoryChanges(first: 10) { categories { id } syncToken } }");

        // node: 1 + id + name = 3; edges: 1 + 3 = 4; categories: first (10) x (1 + 4) = 50
        assertEquals(50, small.at("/extensions/cost/requested").asInt(), small.json().toString());
        assertEquals(1_000, small.at("/extensions/cost/limit").asInt());
        assertEquals("BAD_USER_INPUT", refused.errorCode());
        assertEquals("Query cost " + refused.at("/extensions/cost/requested").asInt() + " exceeds the limit of 1000",
                refused.text("/errors/0/message"));
        assertEquals(1_001, refused.at("/extensions/cost/requested").asInt(),
                "100 x (1 + edges 1 + node 1 + id 1 + name 1 + children 4 x 2) = 1,300, capped just above the limit");
        assertTrue(invalid.at("/extensions/cost").isMissingNode(), "a document that does not validate has no cost");
        assertEquals(1 + 10 * (1 + 1) + 1, changes.at("/extensions/cost/requested").asInt(),
                "categoryChanges: its categories by first, once");
    }

    private static int check(JsonNode element, String where, List<String> undescribed) {
        JsonNode description = element.get("description");
        if (description == null || description.isNull() || description.asText().isBlank()) {
            undescribed.add(where);
        }
        return 1;
    }

    private static JsonNode type(JsonNode types, String name) {
        for (JsonNode type : types) {
            if (type.get("name").asText().equals(name)) {
                return type;
            }
        }
        throw new AssertionError("no type " + name);
    }
}
