package com.awsinsight.categories.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.EnumValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.ScalarTypeDefinition;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.GraphQLScalarType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The schema's {@code JSON} scalar (category and template metadata): any JSON value, as Java maps, lists,
 * strings, numbers ({@link BigInteger} and {@link BigDecimal} from literals), booleans and null. Written here
 * rather than taken from graphql-java-extended-scalars, whose version for graphql-java 26 fails internally on a
 * {@code null} inside an object or list literal ({@code metadata: { a: null }}); values are checked by the
 * domain's metadata rules, not here.
 */
final class JsonScalar {
    private static final Coercing<Object, Object> COERCING = new Coercing<>() {
        @Override
        public Object serialize(Object value, GraphQLContext context, Locale locale) {
            return value;
        }

        @Override
        public Object parseValue(Object input, GraphQLContext context, Locale locale) {
            return input;
        }

        @Override
        public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
            return literal(input, variables);
        }

        @Override
        public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
            return toLiteral(input);
        }
    };

    /** The scalar as the schema declares it ({@code definition}: its SDL, whose description it keeps). */
    static GraphQLScalarType from(ScalarTypeDefinition definition) {
        String description = definition == null || definition.getDescription() == null ? null
                : definition.getDescription().getContent();
        return GraphQLScalarType.newScalar().name("JSON").definition(definition).description(description)
                .coercing(COERCING).build();
    }

    private JsonScalar() {
    }

    private static Object literal(Value<?> value, CoercedVariables variables) {
        if (value instanceof NullValue) {
            return null;
        }
        if (value instanceof StringValue text) {
            return text.getValue();
        }
        if (value instanceof IntValue integer) {
            return integer.getValue();
        }
        if (value instanceof FloatValue decimal) {
            return decimal.getValue();
        }
        if (value instanceof BooleanValue bool) {
            return bool.isValue();
        }
        if (value instanceof EnumValue name) {
            return name.getName();
        }
        if (value instanceof VariableReference variable) {
            return variables.get(variable.getName());
        }
        if (value instanceof ArrayValue array) {
            List<Object> list = new ArrayList<>();
            array.getValues().forEach(item -> list.add(literal(item, variables)));
            return list;
        }
        if (value instanceof ObjectValue object) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (ObjectField field : object.getObjectFields()) {
                map.put(field.getName(), literal(field.getValue(), variables));
            }
            return map;
        }
        throw new CoercingParseLiteralException("Expected a JSON value");
    }

    private static Value<?> toLiteral(Object value) {
        if (value == null) {
            return NullValue.of();
        }
        if (value instanceof String text) {
            return StringValue.of(text);
        }
        if (value instanceof Boolean bool) {
            return BooleanValue.of(bool);
        }
        if (value instanceof BigDecimal || value instanceof Double || value instanceof Float) {
            return FloatValue.newFloatValue(new BigDecimal(value.toString())).build();
        }
        if (value instanceof Number number) {
            return IntValue.newIntValue(new BigInteger(number.toString())).build();
        }
        if (value instanceof List<?> list) {
            return ArrayValue.newArrayValue().values(list.stream().<Value>map(JsonScalar::toLiteral).toList()).build();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectValue.Builder object = ObjectValue.newObjectValue();
            map.forEach((k, v) -> object.objectField(new ObjectField(String.valueOf(k), toLiteral(v))));
            return object.build();
        }
        return StringValue.of(value.toString());
    }
}
