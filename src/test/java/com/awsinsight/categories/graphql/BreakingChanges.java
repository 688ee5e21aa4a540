package com.awsinsight.categories.graphql;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLDirective;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLImplementingType;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNamedOutputType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnionType;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The breaking changes between two versions of a schema: what a client written against the old one can meet as a
 * refused query, a missing value or an unexpected null under the new one. The rules are graphql-js's
 * {@code findBreakingChanges} (which graphql-inspector classifies the same way): a removed type, field, argument,
 * input field, enum value, union member, implemented interface or directive; a type of another kind; an output
 * field whose type is no longer the same or stricter (non-null may be added, never removed); an argument or input
 * field whose type is no longer the same or looser; a new required argument or input field. Additions, new
 * deprecations and changed descriptions or defaults are not breaking.
 *
 * <p>graphql-java's {@code graphql.schema.diff.SchemaDiff} was not used: it walks only the types it reaches from the
 * root types through fields under their old names (a removed type nothing returns any more is not reported, and a
 * field that now returns another type has the old type's fields compared with the new type's), and its events do
 * not always name the argument they concern, so they give no stable coordinate to declare in a changelog.
 *
 * <p>Each change is named by its schema coordinate ({@code Type}, {@code Type.field}, {@code Type.field(arg:)},
 * {@code Enum.VALUE}, {@code @directive}), the key a changelog declares it under.
 */
final class BreakingChanges {

    /**
     * One breaking change.
     *
     * @param coordinate what changed, e.g. {@code Mutation.createCategory}
     * @param description what happened, e.g. "type CategoryPayload! became CreateCategoryPayload!"
     * @param removal    whether the coordinate was removed (a field, argument, input field or enum value)
     * @param deprecated for a removal: whether the old schema had deprecated it
     */
    record Change(String coordinate, String description, boolean removal, boolean deprecated) {
        @Override
        public String toString() {
            return coordinate + ": " + description;
        }
    }

    private final List<Change> changes = new ArrayList<>();

    private BreakingChanges() {
    }

    /** The breaking changes from {@code oldSdl} to {@code newSdl}, in coordinate order. */
    static List<Change> between(String oldSdl, String newSdl) {
        return between(schema(oldSdl), schema(newSdl));
    }

    static List<Change> between(GraphQLSchema old, GraphQLSchema current) {
        BreakingChanges found = new BreakingChanges();
        found.compare(old, current);
        return found.changes.stream().sorted(Comparator.comparing(Change::coordinate).thenComparing(Change::description)).toList();
    }

    /** A schema of SDL alone (no data fetchers): enough to compare. */
    static GraphQLSchema schema(String sdl) {
        return UnExecutableSchemaGenerator.makeUnExecutableSchema(new SchemaParser().parse(sdl));
    }

    private void compare(GraphQLSchema old, GraphQLSchema current) {
        compareRoot("query", old.getQueryType(), current.getQueryType());
        compareRoot("mutation", old.getMutationType(), current.getMutationType());
        compareRoot("subscription", old.getSubscriptionType(), current.getSubscriptionType());
        Map<String, GraphQLNamedType> currentTypes = current.getTypeMap();
        for (GraphQLNamedType oldType : old.getAllTypesAsList()) {
            if (oldType.getName().startsWith("__")) {
                continue;
            }
            GraphQLNamedType newType = currentTypes.get(oldType.getName());
            if (newType == null) {
                breaking(oldType.getName(), kind(oldType) + " removed");
            } else if (!kind(oldType).equals(kind(newType))) {
                breaking(oldType.getName(), kind(oldType) + " became " + kind(newType));
            } else {
                compareType(oldType, newType);
            }
        }
        Map<String, GraphQLDirective> currentDirectives = byName(current.getDirectives(), GraphQLDirective::getName);
        for (GraphQLDirective directive : old.getDirectives()) {
            compareDirective(directive, currentDirectives.get(directive.getName()));
        }
    }

    private void compareRoot(String operation, GraphQLObjectType old, GraphQLObjectType current) {
        if (old != null && (current == null || !current.getName().equals(old.getName()))) {
            breaking(old.getName(), "no longer the " + operation + " root type");
        }
    }

    private void compareType(GraphQLNamedType old, GraphQLNamedType current) {
        if (old instanceof GraphQLFieldsContainer oldFields) {
            compareFields(oldFields, (GraphQLFieldsContainer) current);
        }
        if (old instanceof GraphQLImplementingType oldImplementing) {
            Set<String> interfaces = names(((GraphQLImplementingType) current).getInterfaces());
            names(oldImplementing.getInterfaces()).stream().filter(name -> !interfaces.contains(name))
                    .forEach(name -> breaking(old.getName(), "no longer implements " + name));
        }
        if (old instanceof GraphQLUnionType oldUnion) {
            Set<String> members = names(((GraphQLUnionType) current).getTypes());
            names(oldUnion.getTypes()).stream().filter(name -> !members.contains(name))
                    .forEach(name -> breaking(old.getName(), "union member " + name + " removed"));
        }
        if (old instanceof GraphQLEnumType oldEnum) {
            Set<String> values = ((GraphQLEnumType) current).getValues().stream().map(GraphQLEnumValueDefinition::getName)
                    .collect(Collectors.toSet());
            for (GraphQLEnumValueDefinition value : oldEnum.getValues()) {
                if (!values.contains(value.getName())) {
                    removed(old.getName() + "." + value.getName(), "enum value removed", value.isDeprecated());
                }
            }
        }
        if (old instanceof GraphQLInputObjectType oldInput) {
            compareInputFields(oldInput, (GraphQLInputObjectType) current);
        }
    }

    private void compareFields(GraphQLFieldsContainer old, GraphQLFieldsContainer current) {
        for (GraphQLFieldDefinition oldField : old.getFieldDefinitions()) {
            String coordinate = old.getName() + "." + oldField.getName();
            GraphQLFieldDefinition newField = current.getFieldDefinition(oldField.getName());
            if (newField == null) {
                removed(coordinate, "field removed", oldField.isDeprecated());
                continue;
            }
            if (!safeForOutput(oldField.getType(), newField.getType())) {
                breaking(coordinate, "type " + GraphQLTypeUtil.simplePrint(oldField.getType()) + " became "
                        + GraphQLTypeUtil.simplePrint(newField.getType()));
            }
            compareArguments(coordinate, oldField.getArguments(), newField.getArguments());
        }
    }

    private void compareArguments(String owner, List<GraphQLArgument> old, List<GraphQLArgument> current) {
        Map<String, GraphQLArgument> currentByName = byName(current, GraphQLArgument::getName);
        for (GraphQLArgument oldArgument : old) {
            String coordinate = owner + "(" + oldArgument.getName() + ":)";
            GraphQLArgument newArgument = currentByName.get(oldArgument.getName());
            if (newArgument == null) {
                removed(coordinate, "argument removed", oldArgument.isDeprecated());
            } else if (!safeForInput(oldArgument.getType(), newArgument.getType())) {
                breaking(coordinate, "type " + GraphQLTypeUtil.simplePrint(oldArgument.getType()) + " became "
                        + GraphQLTypeUtil.simplePrint(newArgument.getType()));
            }
        }
        Set<String> oldNames = names(old, GraphQLArgument::getName);
        current.stream()
                .filter(argument -> !oldNames.contains(argument.getName()))
                .filter(argument -> GraphQLTypeUtil.isNonNull(argument.getType()) && !argument.hasSetDefaultValue())
                .forEach(argument -> breaking(owner + "(" + argument.getName() + ":)", "required argument added"));
    }

    private void compareInputFields(GraphQLInputObjectType old, GraphQLInputObjectType current) {
        for (GraphQLInputObjectField oldField : old.getFieldDefinitions()) {
            String coordinate = old.getName() + "." + oldField.getName();
            GraphQLInputObjectField newField = current.getFieldDefinition(oldField.getName());
            if (newField == null) {
                removed(coordinate, "input field removed", oldField.isDeprecated());
            } else if (!safeForInput(oldField.getType(), newField.getType())) {
                breaking(coordinate, "type " + GraphQLTypeUtil.simplePrint(oldField.getType()) + " became "
                        + GraphQLTypeUtil.simplePrint(newField.getType()));
            }
        }
        Set<String> oldNames = names(old.getFieldDefinitions(), GraphQLInputObjectField::getName);
        current.getFieldDefinitions().stream()
                .filter(field -> !oldNames.contains(field.getName()))
                .filter(field -> GraphQLTypeUtil.isNonNull(field.getType()) && !field.hasSetDefaultValue())
                .forEach(field -> breaking(old.getName() + "." + field.getName(), "required input field added"));
    }

    private void compareDirective(GraphQLDirective old, GraphQLDirective current) {
        String coordinate = "@" + old.getName();
        if (current == null) {
            breaking(coordinate, "directive removed");
            return;
        }
        if (old.isRepeatable() && !current.isRepeatable()) {
            breaking(coordinate, "no longer repeatable");
        }
        old.validLocations().stream().filter(location -> !current.validLocations().contains(location))
                .forEach(location -> breaking(coordinate, "location " + location + " removed"));
        compareArguments(coordinate, old.getArguments(), current.getArguments());
    }

    /** An output type may become stricter (non-null added at any level), nothing else. */
    static boolean safeForOutput(GraphQLType old, GraphQLType current) {
        if (old instanceof GraphQLList oldList) {
            return current instanceof GraphQLList newList && safeForOutput(oldList.getWrappedType(), newList.getWrappedType())
                    || current instanceof GraphQLNonNull newNonNull && safeForOutput(old, newNonNull.getWrappedType());
        }
        if (old instanceof GraphQLNonNull oldNonNull) {
            return current instanceof GraphQLNonNull newNonNull && safeForOutput(oldNonNull.getWrappedType(), newNonNull.getWrappedType());
        }
        return current instanceof GraphQLNamedType named && named.getName().equals(((GraphQLNamedType) old).getName())
                || current instanceof GraphQLNonNull newNonNull && safeForOutput(old, newNonNull.getWrappedType());
    }

    /** An input type may become looser (non-null removed at any level), nothing else. */
    static boolean safeForInput(GraphQLType old, GraphQLType current) {
        if (old instanceof GraphQLList oldList) {
            return current instanceof GraphQLList newList && safeForInput(oldList.getWrappedType(), newList.getWrappedType());
        }
        if (old instanceof GraphQLNonNull oldNonNull) {
            return current instanceof GraphQLNonNull newNonNull && safeForInput(oldNonNull.getWrappedType(), newNonNull.getWrappedType())
                    || !(current instanceof GraphQLNonNull) && safeForInput(oldNonNull.getWrappedType(), current);
        }
        return current instanceof GraphQLNamedType named && named.getName().equals(((GraphQLNamedType) old).getName());
    }

    private static String kind(GraphQLNamedType type) {
        if (type instanceof GraphQLObjectType) {
            return "object type";
        }
        if (type instanceof GraphQLFieldsContainer) {
            return "interface";
        }
        if (type instanceof GraphQLUnionType) {
            return "union";
        }
        if (type instanceof GraphQLEnumType) {
            return "enum";
        }
        if (type instanceof GraphQLInputObjectType) {
            return "input type";
        }
        return "scalar";
    }

    private void breaking(String coordinate, String description) {
        changes.add(new Change(coordinate, description, false, false));
    }

    private void removed(String coordinate, String description, boolean deprecated) {
        changes.add(new Change(coordinate, description + (deprecated ? " (deprecated)" : " without deprecation"), true, deprecated));
    }

    private static Set<String> names(List<? extends GraphQLNamedOutputType> types) {
        return types.stream().map(GraphQLNamedType::getName).collect(Collectors.toSet());
    }

    private static <T> Set<String> names(List<T> items, Function<T, String> name) {
        return items.stream().map(name).collect(Collectors.toSet());
    }

    private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
        return items.stream().collect(Collectors.toMap(name, Function.identity()));
    }
}
