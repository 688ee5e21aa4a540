package com.awsinsight.categories.graphql;

import com.awsinsight.categories.domain.model.Template;
import com.awsinsight.categories.domain.model.TemplateNode;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.store.memory.InMemoryStore;
import com.awsinsight.categories.testing.GraphQLHarness;
import com.awsinsight.categories.testing.GraphQLHarness.Response;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLUnionType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static com.awsinsight.categories.testing.GraphQLHarness.editor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One response shape per field name: a field name that several types of the API have (createdAt on Category and
 * Template, category and parent on every payload, ...) has the same nullability and list wrapping everywhere, and
 * the same scalar or enum where it ends in one. GraphQL validation (OverlappingFieldsCanBeMerged) refuses a
 * selection set that selects one response name with two shapes, e.g. {@code node { ... on Category { createdAt }
 * ... on Template { createdAt } }}, and GraphQL Code Generator users meet it first. The root operation types are
 * left out: their fields are entry points, and they share no interface or union with another type, so their fields
 * never meet another type's in one selection set (checked too).
 */
class FieldShapesAgreeTest {

    @Test
    void everyFieldNameHasOneShapeAcrossTheApisTypes() {
        assertEquals(Map.of(), disagreements(SchemaFactory.build()));
    }

    @Test
    void theWalkFindsTwoNullabilitiesTwoListWrappingsAndTwoScalarsOfOneName() {
        GraphQLSchema schema = BreakingChanges.schema("""
                type Query { a: A, b: B, node: Node }
                interface Node { id: ID! }
                type A implements Node { id: ID! createdAt: String! tags: [String!]! size: Int child: A }
                type B implements Node { id: ID! createdAt: String tags: [String!] size: Float child: B }
                """);

        assertEquals(Map.of(
                        "createdAt", List.of("A: String!", "B: String"),
                        "size", List.of("A: Int", "B: Float"),
                        "tags", List.of("A: [String!]!", "B: [String!]")),
                disagreements(schema), "child (A and B) and id agree: a composite type may differ, its shape may not");
    }

    @Test
    void theRootTypesImplementNoInterfaceAndBelongToNoUnion() {
        GraphQLSchema schema = SchemaFactory.build();
        for (GraphQLObjectType root : roots(schema)) {
            assertEquals(List.of(), root.getInterfaces(), root.getName() + " implements an interface");
            schema.getAllTypesAsList().stream()
                    .filter(GraphQLUnionType.class::isInstance)
                    .map(GraphQLUnionType.class::cast)
                    .forEach(union -> assertTrue(union.getTypes().stream().noneMatch(t -> t.getName().equals(root.getName())),
                            root.getName() + " is a member of " + union.getName()));
        }
    }

    @Test
    void createdAtOfACategoryAndOfATemplateInOneSelectionSet() {
        InMemoryStore store = new InMemoryStore();
        store.templates(new StoreMetrics()).put(new Template("tpl-unrecorded", 1, "No save time", null, "COST", null,
                List.of(new TemplateNode("Compute", null, null, List.of())), null, null));
        GraphQLHarness graphQL = new GraphQLHarness(store);
        String categoryId = graphQL.run(editor("org"), "mutation { createCategory(input: { name: \"Compute\" }) { category { id } } }")
                .text("/data/createCategory/category/id");

        Response response = graphQL.run(editor("org"), """
                query($ids: [ID!]!) { nodes(ids: $ids) { id
                  ... on Category { name createdAt }
                  ... on Template { name createdAt } } }""",
                Map.of("ids", List.of(categoryId, "tpl-unrecorded@1", "tpl-cloud-baseline@1")));

        assertTrue(response.json().path("errors").isMissingNode(), response.json().toString());
        assertTrue(response.text("/data/nodes/0/createdAt").startsWith("20"), response.json().toString());
        assertEquals("1970-01-01T00:00:00.000Z", response.text("/data/nodes/1/createdAt"), "a version without a recorded save time");
    }

    /** Every field name whose types disagree, with each "Type: shape" it has; empty when all agree. */
    static Map<String, List<String>> disagreements(GraphQLSchema schema) {
        Set<String> roots = new TreeSet<>(roots(schema).stream().map(GraphQLObjectType::getName).toList());
        Map<String, Map<String, List<String>>> shapesByName = new TreeMap<>();
        for (GraphQLNamedType type : schema.getAllTypesAsList()) {
            if (type.getName().startsWith("__") || roots.contains(type.getName())
                    || !(type instanceof GraphQLObjectType || type instanceof GraphQLInterfaceType)) {
                continue;
            }
            for (GraphQLFieldDefinition field : ((GraphQLFieldsContainer) type).getFieldDefinitions()) {
                shapesByName.computeIfAbsent(field.getName(), name -> new TreeMap<>())
                        .computeIfAbsent(shape(field.getType()), shape -> new ArrayList<>())
                        .add(type.getName());
            }
        }
        Map<String, List<String>> disagreements = new TreeMap<>();
        shapesByName.forEach((name, shapes) -> {
            if (shapes.size() > 1) {
                disagreements.put(name, shapes.entrySet().stream()
                        .flatMap(e -> e.getValue().stream().map(type -> type + ": " + e.getKey())).sorted().toList());
            }
        });
        return disagreements;
    }

    /**
     * The response shape of a field's type as OverlappingFieldsCanBeMerged compares it across different object
     * types: wrappers exactly, a scalar or enum by name, an object, interface or union as any composite (their
     * subselections are compared field by field, which the walk does anyway).
     */
    static String shape(GraphQLType type) {
        if (type instanceof GraphQLNonNull nonNull) {
            return shape(nonNull.getWrappedType()) + "!";
        }
        if (type instanceof GraphQLList list) {
            return "[" + shape(list.getWrappedType()) + "]";
        }
        return type instanceof GraphQLFieldsContainer || type instanceof GraphQLUnionType ? "object" : ((GraphQLNamedType) type).getName();
    }

    private static List<GraphQLObjectType> roots(GraphQLSchema schema) {
        return Stream.of(schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType())
                .filter(Objects::nonNull).toList();
    }
}
