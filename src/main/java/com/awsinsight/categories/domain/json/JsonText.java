package com.awsinsight.categories.domain.json;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A small JSON writer for the values the domain handles (maps, lists, strings, numbers, booleans, null;
 * anything else as its string), compact as Jackson writes it: metadata is measured with it, log lines and
 * request fingerprints are written with it. Non-finite numbers become strings, since JSON has no NaN.
 */
public final class JsonText {
    private JsonText() {
    }

    public static String write(Object value) {
        StringBuilder json = new StringBuilder(256);
        append(json, value, false);
        return json.toString();
    }

    /** The same with every object's keys sorted: equal values always give equal text (for fingerprints). */
    public static String writeCanonical(Object value) {
        StringBuilder json = new StringBuilder(256);
        append(json, value, true);
        return json.toString();
    }

    private static void append(StringBuilder json, Object value, boolean sorted) {
        if (value == null) {
            json.append("null");
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            json.append(value);
        } else if (value instanceof Number number) {
            double d = number.doubleValue();
            if (Double.isFinite(d)) {
                json.append(number);
            } else {
                string(json, number.toString());
            }
        } else if (value instanceof Map<?, ?> map) {
            object(json, sorted ? new java.util.TreeMap<>(stringKeys(map)) : map, sorted);
        } else if (value instanceof List<?> list) {
            array(json, list, sorted);
        } else {
            string(json, value.toString());
        }
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> keys = new java.util.LinkedHashMap<>();
        map.forEach((k, v) -> keys.put(String.valueOf(k), v));
        return keys;
    }

    private static void object(StringBuilder json, Map<?, ?> map, boolean sorted) {
        json.append('{');
        Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<?, ?> entry = entries.next();
            string(json, String.valueOf(entry.getKey()));
            json.append(':');
            append(json, entry.getValue(), sorted);
            if (entries.hasNext()) {
                json.append(',');
            }
        }
        json.append('}');
    }

    private static void array(StringBuilder json, List<?> list, boolean sorted) {
        json.append('[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            append(json, list.get(i), sorted);
        }
        json.append(']');
    }

    private static void string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
