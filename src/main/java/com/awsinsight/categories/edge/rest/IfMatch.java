package com.awsinsight.categories.edge.rest;

import com.awsinsight.categories.domain.error.ErrorCode;
import com.awsinsight.categories.domain.model.StaleVersion;
import com.awsinsight.categories.edge.http.EntityTags;
import com.awsinsight.categories.edge.http.ProxyRequest;
import com.awsinsight.categories.edge.http.ProxyResponse;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code If-Match} on the REST API's writes ({@code PUT} and {@code DELETE /categories/{id}}), as RFC 9110 has it:
 * {@code *} or a list of entity tags, compared strongly against the category's tag (its version, {@code "3"}); a
 * well-formed tag that does not match is {@code 412 Precondition Failed}, a malformed header 400. A missing
 * category is 404 whatever the header says (the RFC lets a failure that needs no precondition win).
 */
final class IfMatch {
    private IfMatch() {
    }

    static Optional<EntityTags.Condition> parse(ProxyRequest request) {
        return EntityTags.parse(V1FieldNames.IF_MATCH, request.header(V1FieldNames.IF_MATCH).orElse(null));
    }

    /**
     * Runs a write under {@code If-Match} as RFC 9110 (13.1.1) has it. Absent or {@code *}: no version condition
     * (the write itself answers 404 for a missing category). One listed version: the mutation's
     * {@code expectedVersion}, so the check and the write are one conditional write (stale: 412). Otherwise (no
     * tag that can be a version, such as {@code "stale-0"} or a weak tag, or several): the current version is read;
     * a missing category is 404, a listed one is what the write then expects, anything else is 412.
     */
    static ProxyResponse write(String id, Optional<EntityTags.Condition> ifMatch, RestCall call,
                                              Function<Long, ProxyResponse> write) {
        if (ifMatch.isEmpty() || ifMatch.get().any()) {
            return write.apply(null);
        }
        List<Long> versions = ifMatch.get().strongVersions();
        if (versions.size() == 1) {
            return write.apply(versions.get(0));
        }
        return call.run(RestOperation.GET_CATEGORY, Map.of("id", id), data -> {
            Map<String, Object> category = V1Documents.map(data.get("category"));
            if (category == null) {
                return call.error(ErrorCode.NOT_FOUND, "Category not found", null);
            }
            long current = ((Number) category.get("version")).longValue();
            if (!ifMatch.get().matchesStrongly(EntityTags.ofVersion(current))) {
                return call.error(ErrorCode.CONFLICT, StaleVersion.of(current).getMessage(), V1FieldNames.IF_MATCH);
            }
            return write.apply(current);
        });
    }
}
