package com.awsinsight.categories.graphql;

import com.awsinsight.categories.domain.Category;
import com.awsinsight.categories.graphql.datafetchers.CategoryDataFetchers;
import com.awsinsight.categories.graphql.datafetchers.MutationDataFetchers;
import com.awsinsight.categories.graphql.datafetchers.QueryDataFetchers;
import com.awsinsight.categories.graphql.datafetchers.TemplateDataFetchers;
import graphql.scalars.ExtendedScalars;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Builds the executable schema from {@code schema/schema.graphqls} on the classpath (the SDL is the
 * single source of the API) and wires each field that is not a plain property to its fetcher.
 */
public final class SchemaFactory {
    public static final String SCHEMA_RESOURCE = "/schema/schema.graphqls";

    private SchemaFactory() {
    }

    public static GraphQLSchema build() {
        TypeDefinitionRegistry types = new SchemaParser().parse(sdl());
        return new SchemaGenerator().makeExecutableSchema(types, wiring(types));
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
        return RuntimeWiring.newRuntimeWiring()
                .scalar(ExtendedScalars.DateTime)
                .scalar(JsonScalar.from(types.scalars().get("JSON")))
                .type("Query", t -> t
                        .dataFetcher("category", QueryDataFetchers.category())
                        .dataFetcher("categoryByName", QueryDataFetchers.categoryByName())
                        .dataFetcher("categories", QueryDataFetchers.categories())
                        .dataFetcher("categoryTree", QueryDataFetchers.categoryTree())
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
                .type("Category", t -> t
                        .dataFetcher("isActive", env -> ((Category) env.getSource()).active())
                        .dataFetcher("parent", CategoryDataFetchers.parent())
                        .dataFetcher("children", CategoryDataFetchers.children())
                        .dataFetcher("childCount", CategoryDataFetchers.childCount())
                        .dataFetcher("ancestors", CategoryDataFetchers.ancestors())
                        .dataFetcher("depth", CategoryDataFetchers.depth())
                        .dataFetcher("path", CategoryDataFetchers.path())
                        .dataFetcher("createdAt", CategoryDataFetchers.createdAt())
                        .dataFetcher("updatedAt", CategoryDataFetchers.updatedAt()))
                .type("CategoryConnection", t -> t.dataFetcher("pageInfo", env -> env.getSource()))
                .type("TemplateConnection", t -> t.dataFetcher("pageInfo", env -> env.getSource()))
                .type("Template", t -> t
                        .dataFetcher("createdAt", TemplateDataFetchers.createdAt())
                        .dataFetcher("expiresAt", TemplateDataFetchers.expiresAt()))
                .build();
    }
}
