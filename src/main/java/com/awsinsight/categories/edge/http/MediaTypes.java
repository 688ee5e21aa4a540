package com.awsinsight.categories.edge.http;

import java.util.Locale;

/**
 * Content negotiation for GraphQL over HTTP, per RFC 9110: {@code Accept} ranges with q-values, the
 * most specific matching range deciding each type's weight. The GraphQL-over-HTTP draft makes it a
 * MUST to answer in the highest-priority supported type, so a plain substring check is not enough
 * ({@code application/json;q=0.5, application/graphql-response+json} wants the latter).
 */
public final class MediaTypes {
    public static final String JSON = "application/json";
    public static final String GRAPHQL_RESPONSE = "application/graphql-response+json";

    private MediaTypes() {
    }

    /** The weight of a supported type under an Accept header: its q, how specific the range, where listed. */
    private record Weight(double q, int specificity, int position) {
        static final Weight NONE = new Weight(0, -1, Integer.MAX_VALUE);

        boolean beats(Weight other) {
            if (q != other.q) {
                return q > other.q;
            }
            if (specificity != other.specificity) {
                return specificity > other.specificity;
            }
            return position < other.position;
        }
    }

    /**
     * The response media type for {@code accept}: {@value #GRAPHQL_RESPONSE} or {@value #JSON}, or null
     * when the client accepts neither (406). A missing header means {@value #JSON} (see README: the
     * draft's post-2025 default is the other type; we keep legacy clients and the audit's SHOULD); on
     * a tie, such as a bare {@code *}{@code /*}, {@value #JSON} wins as well.
     */
    public static String negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return JSON;
        }
        Weight json = weight(accept, JSON);
        Weight graphQL = weight(accept, GRAPHQL_RESPONSE);
        if (json.q() <= 0 && graphQL.q() <= 0) {
            return null;
        }
        return graphQL.beats(json) ? GRAPHQL_RESPONSE : JSON;
    }

    /** The media type of a Content-Type value without parameters, lower-cased; empty when absent. */
    public static String essence(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether a Content-Type value names no charset or UTF-8 (any case, quoted or not): JSON request bodies are
     * read as UTF-8 (RFC 8259), so a body declared in another charset is refused (415) rather than misread.
     */
    public static boolean charsetIsUtf8(String contentType) {
        if (contentType == null) {
            return true;
        }
        String[] parts = contentType.split(";");
        for (int i = 1; i < parts.length; i++) {
            String[] pair = parts[i].trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("charset")) {
                String charset = pair[1].trim();
                if (charset.length() >= 2 && charset.startsWith("\"") && charset.endsWith("\"")) {
                    charset = charset.substring(1, charset.length() - 1);
                }
                if (!charset.equalsIgnoreCase("utf-8")) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Weight weight(String accept, String mediaType) {
        Weight best = Weight.NONE;
        String[] ranges = accept.split(",");
        for (int position = 0; position < ranges.length; position++) {
            String range = essence(ranges[position]);
            int specificity = specificity(range, mediaType);
            if (specificity > best.specificity()) {
                best = new Weight(quality(ranges[position]), specificity, position);
            }
        }
        return best;
    }

    private static int specificity(String range, String mediaType) {
        if (range.equals(mediaType)) {
            return 2;
        }
        if (range.equals("application/*")) {
            return 1;
        }
        return range.equals("*/*") ? 0 : -1;
    }

    private static double quality(String range) {
        for (String parameter : range.split(";")) {
            String[] pair = parameter.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("q")) {
                try {
                    double q = Double.parseDouble(pair[1].trim());
                    return Math.max(0, Math.min(1, q));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
