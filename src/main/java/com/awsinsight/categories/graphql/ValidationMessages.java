package com.awsinsight.categories.graphql;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * graphql-java's validation and coercion messages in GraphQL's terms: it prints literals as its AST classes
 * ({@code 'StringValue{value='x'}'}, {@code 'an AST type of 'IntValue''}) and variable values as their Java
 * classes ({@code 'LinkedHashMap'}, {@code 'BigDecimal'}), which tell a client nothing and show the server's
 * internals. Those parts are rewritten as what they are in GraphQL and JSON ("a string", "an object"); the rest
 * of the message stays graphql-java's.
 */
final class ValidationMessages {
    private static final Pattern AST_VALUE = Pattern.compile("(String|Int|Float|Boolean|Enum|Null|Object|Array)Value(\\{)?");
    private static final Pattern AST_TYPE = Pattern.compile("(?:an? )?'(String|Int|Float|Boolean|Enum|Null|Object|Array)Value'");
    private static final Pattern JAVA_TYPE = Pattern.compile("an? '(LinkedHashMap|HashMap|Map|ArrayList|List|BigDecimal|Double|Float|"
            + "BigInteger|Integer|Long|Short|Byte|Boolean|String)'");
    private static final Map<String, String> KINDS = Map.ofEntries(
            Map.entry("String", "a string"), Map.entry("Int", "an integer"), Map.entry("Float", "a number"),
            Map.entry("Boolean", "a boolean"), Map.entry("Enum", "an enum value"), Map.entry("Null", "null"),
            Map.entry("Object", "an object"), Map.entry("Array", "a list"),
            Map.entry("LinkedHashMap", "an object"), Map.entry("HashMap", "an object"), Map.entry("Map", "an object"),
            Map.entry("ArrayList", "a list"), Map.entry("List", "a list"), Map.entry("BigDecimal", "a number with a fraction"),
            Map.entry("Double", "a number with a fraction"), Map.entry("BigInteger", "an integer"),
            Map.entry("Integer", "an integer"), Map.entry("Long", "an integer"), Map.entry("Short", "an integer"),
            Map.entry("Byte", "an integer"));

    private ValidationMessages() {
    }

    static String inGraphQLTerms(String message) {
        if (message == null) {
            return null;
        }
        String text = replace(AST_TYPE, message, m -> KINDS.get(m.group(1))).replace("an AST type of ", "");
        text = literals(text);
        return replace(JAVA_TYPE, text, m -> KINDS.getOrDefault(m.group(1), "a value"));
    }

    /** Each printed AST value ({@code StringValue{value='x'}}, nested braces included) as GraphQL would write it. */
    private static String literals(String message) {
        StringBuilder out = new StringBuilder();
        Matcher matcher = AST_VALUE.matcher(message);
        int at = 0;
        while (matcher.find(at)) {
            out.append(message, at, matcher.start());
            if (matcher.group(2) == null) {
                out.append(KINDS.get(matcher.group(1)));
                at = matcher.end();
                continue;
            }
            int close = closingBrace(message, matcher.end() - 1);
            out.append(literal(matcher.group(1), message.substring(matcher.end(), close)));
            at = close + 1;
        }
        return out.append(message.substring(Math.min(at, message.length()))).toString();
    }

    /** A scalar literal from its printed fields ({@code value='x'}, {@code name='RED'}); objects and lists by kind. */
    private static String literal(String kind, String fields) {
        return switch (kind) {
            case "String" -> "\"" + unquoted(fields.replaceFirst("^value=", "")) + "\"";
            case "Int", "Float", "Boolean" -> fields.replaceFirst("^value=", "");
            case "Enum" -> unquoted(fields.replaceFirst("^name=", ""));
            default -> KINDS.get(kind);
        };
    }

    private static String unquoted(String text) {
        return text.length() >= 2 && text.startsWith("'") && text.endsWith("'") ? text.substring(1, text.length() - 1) : text;
    }

    private static int closingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            if (text.charAt(i) == '{') {
                depth++;
            } else if (text.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        return text.length() - 1;
    }

    private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> replacement) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(matcher)));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
