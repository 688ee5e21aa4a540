package com.awsinsight.categories.edge.rest;

import com.awsinsight.categories.edge.http.HttpProblem;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ETag and If-Match for categories. The entity tag is the category's version as a strong tag,
 * {@code "3"}: the version changes with every write, so equal tags mean byte-equal documents.
 * {@code If-Match} accepts that tag, its weak form {@code W/"3"} (clients and proxies that weaken tags
 * still get optimistic concurrency) and {@code *}; it becomes the mutation's {@code expectedVersion}.
 */
final class EntityTags {
    private static final Pattern TAG = Pattern.compile("(?:W/)?\"(\\d{1,9})\"");
    static final String IF_MATCH_MESSAGE = "If-Match must be * or one entity tag such as \"3\"";

    private EntityTags() {
    }

    static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an {@code If-Match} value asks for; null when the header is absent or {@code *}
     * (any current version). A list of several tags is refused: a mutation checks one version.
     */
    static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        Matcher matcher = TAG.matcher(ifMatch.trim());
        if (!matcher.matches()) {
            throw HttpProblem.badInput(V1FieldNames.IF_MATCH, IF_MATCH_MESSAGE);
        }
        return Long.parseLong(matcher.group(1));
    }
}
