package com.awsinsight.categories.graphql;

import com.awsinsight.categories.graphql.datafetchers.GlobalIds;
import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.graphql.datafetchers.CategoryDataFetchers;
import com.awsinsight.categories.graphql.datafetchers.MutationDataFetchers;
import com.awsinsight.categories.graphql.datafetchers.NodeDataFetchers;
import com.awsinsight.categories.graphql.datafetchers.Payloads;
import com.awsinsight.categories.graphql.datafetchers.QueryDataFetchers;
import com.awsinsight.categories.graphql.datafetchers.TemplateDataFetchers;
import com.awsinsight.categories.services.Connection;
import graphql.language.Description;
import graphql.language.ScalarTypeDefinition;
import graphql.language.StringValue;
import graphql.scalars.ExtendedScalars;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLDirective;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Builds the executable schema from {@code schema/schema.graphqls} on the classpath (the SDL is the
 * single source of the API) and wires each field that is not a plain property to its fetcher.
 *
 * <p>Two corrections to what graphql-java would otherwise publish: the scalars keep the SDL's descriptions and
 * {@code @specifiedBy} URLs (the library's own scalar objects carry generic descriptions that would win), and
 * introspection does not list {@code @defer}, which graphql-java declares in every schema but the gateway does
 * not deliver incrementally (the incremental-delivery proposal asks servers that do not support it not to
 * advertise it; a query that uses it gets its whole result at once).
 */
public final class SchemaFactory {
    public static final String SCHEMA_RESOURCE = "/schema/schema.graphqls";
    /** Directives graphql-java declares that the gateway does not support, hidden from introspection. */
    static final Set<String> UNSUPPORTED_DIRECTIVES = Set.of("defer");

    private SchemaFactory() {
    }

    public static GraphQLSchema build() {
        TypeDefinitionRegistry types = new SchemaParser().parse(sdl());
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(types, wiring(types));
        DataFetcher<List<GraphQLDirective>> supportedDirectives = env -> ((GraphQLSchema) env.getSource()).getDirectives().stream()
                .filter(d -> !UNSUPPORTED_DIRECTIVES.contains(d.getName()))
                .toList();
        // only the code registry changes: no second pass over the type graph
        return schema.transformWithoutTypes(builder -> builder.codeRegistry(schema.getCodeRegistry().transform(code -> code
                .dataFetcher(FieldCoordinates.coordinates("__Schema", "directives"), supportedDirectives))));
    }

    public static String sdl() {
        try (InputStream in = SchemaFactory.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + SCHEMA_RESOURCE + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RuntimeWiring wiring(TypeDefinitionRegistry types) {
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring()
                .scalar(asDeclared(ExtendedScalars.DateTime, types))
                .scalar(asDeclared(JsonScalar.from(types.scalars().get("JSON")), types))
                .type("Query", t -> t
                        .dataFetcher("node", NodeDataFetchers.node())
                        .dataFetcher("nodes", NodeDataFetchers.nodes())
                        .dataFetcher("category", QueryDataFetchers.category())
                        .dataFetcher("categoryByName", QueryDataFetchers.categoryByName())
                        .dataFetcher("categories", QueryDataFetchers.categories())
                        .dataFetcher("categoryTree", QueryDataFetchers.categoryTree())
                        .dataFetcher("categoryChanges", QueryDataFetchers.categoryChanges())
                        .dataFetcher("template", TemplateDataFetchers.template())
                        .dataFetcher("templates", TemplateDataFetchers.templates()))
                .type("Mutation", t -> t
                        .dataFetcher("createCategory", MutationDataFetchers.createCategory())
                        .dataFetcher("updateCategory", MutationDataFetchers.updateCategory())
                        .dataFetcher("moveCategory", MutationDataFetchers.moveCategory())
                        .dataFetcher("deleteCategory", MutationDataFetchers.deleteCategory())
                        .dataFetcher("restoreCategory", MutationDataFetchers.restoreCategory())
                        .dataFetcher("instantiateTemplate", MutationDataFetchers.instantiateTemplate())
                        .dataFetcher("saveTemplate", TemplateDataFetchers.saveTemplate()))
                .type("Node", t -> t.typeResolver(NodeDataFetchers.typeResolver()))
                .type("Category", t -> t
                        .dataFetcher("id", env -> GlobalIds.ofCategory(((Category) env.getSource()).id()))
                        .dataFetcher("parentId", env -> GlobalIds.ofCategory(((Category) env.getSource()).parentId()))
                        .dataFetcher("isActive", env -> ((Category) env.getSource()).active())
                        .dataFetcher("parent", CategoryDataFetchers.parent())
                        .dataFetcher("children", CategoryDataFetchers.children())
                        .dataFetcher("childCount", CategoryDataFetchers.childCount())
                        .dataFetcher("ancestors", CategoryDataFetchers.ancestors())
                        .dataFetcher("depth", CategoryDataFetchers.depth())
                        .dataFetcher("path", CategoryDataFetchers.path())
                        .dataFetcher("createdAt", CategoryDataFetchers.createdAt())
                        .dataFetcher("updatedAt", CategoryDataFetchers.updatedAt())
                        .dataFetcher("restDocument", env -> ((Category) env.getSource()).document()))
                .type("Template", t -> t
                        .dataFetcher("id", TemplateDataFetchers.versionId())
                        .dataFetcher("templateId", TemplateDataFetchers.templateId())
                        .dataFetcher("createdAt", TemplateDataFetchers.createdAt())
                        .dataFetcher("expiresAt", TemplateDataFetchers.expiresAt()));
        for (String connection : List.of("CategoryConnection", "TemplateConnection")) {
            wiring.type(connection, t -> t
                    .dataFetcher("pageInfo", env -> env.getSource())
                    .dataFetcher("totalCount", env -> ((Connection<?>) env.getSource()).totalCount()));
        }
        for (String payload : Payloads.ALL_PAYLOAD_TYPES) {
            wiring.type(payload, t -> t.dataFetcher("query", Payloads.queryRoot()));
        }
        for (String payload : Payloads.CATEGORY_PAYLOAD_TYPES) {
            wiring.type(payload, t -> t.dataFetcher("parent", Payloads.parent()));
        }
        wiring.type("MoveCategoryPayload", t -> t.dataFetcher("previousParent", Payloads.previousParent()))
                .type("DeleteCategoryPayload", t -> t.dataFetcher("deletedCategories", Payloads.changed()))
                .type("RestoreCategoryPayload", t -> t.dataFetcher("restoredCategories", Payloads.changed()))
                .type("InstantiateTemplatePayload", t -> t.dataFetcher("parent", Payloads.instantiatedUnder()));
        return wiring.build();
    }

    /** The library's scalar with the description and {@code @specifiedBy} URL the SDL declares for it. */
    private static GraphQLScalarType asDeclared(GraphQLScalarType scalar, TypeDefinitionRegistry types) {
        ScalarTypeDefinition declared = types.scalars().get(scalar.getName());
        Description description = declared.getDescription();
        String url = declared.getDirectives("specifiedBy").stream()
                .map(d -> ((StringValue) d.getArgument("url").getValue()).getValue())
                .findFirst().orElse(null);
        return scalar.transform(builder -> builder
                .description(description == null ? null : description.getContent())
                .specifiedByUrl(url));
    }
}
