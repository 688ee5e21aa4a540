package com.awsinsight.categories.services;

import com.awsinsight.categories.domain.error.DomainException;
import com.awsinsight.categories.domain.error.Field;
import com.awsinsight.categories.domain.coordination.IdempotencyRecord;
import com.awsinsight.categories.domain.json.JsonText;
import com.awsinsight.categories.domain.ports.WriteCoordination;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Idempotent creates: a key (GraphQL {@code clientMutationId}, REST {@code Idempotency-Key}) reserves the
 * id of the category its request will make, with a fingerprint of that request. A retry with the same key
 * and the same request gets the same id back, so it returns the category the first attempt made, or
 * finishes making it if that attempt died half way; the same key with another request is BAD_USER_INPUT.
 */
final class IdempotencyKeys {
    static final Duration LIFETIME = Duration.ofHours(24);
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

    private final WriteCoordination coordination;
    private final Clock clock;

    IdempotencyKeys(WriteCoordination coordination, Clock clock) {
        this.coordination = coordination;
        this.clock = clock;
    }

    /** The category id this key stands for: {@code newId} on first use, the first request's id after. */
    String reserve(String key, NewCategory request, String newId) {
        if (!KEY.matcher(key).matches()) {
            throw DomainException.badInput(Field.CLIENT_MUTATION_ID,
                    "Idempotency key must be 1-128 letters, digits, '_', '.', ':' or '-'");
        }
        String hash = fingerprint(request);
        var now = clock.instant();
        IdempotencyRecord held = coordination.reserveIdempotencyKey(
                new IdempotencyRecord(key, hash, newId, now.plus(LIFETIME)), now);
        if (!held.requestHash().equals(hash)) {
            throw DomainException.badInput(Field.CLIENT_MUTATION_ID, "Idempotency key was already used with a different request");
        }
        return held.categoryId();
    }

    /** SHA-256 of the validated request as canonical JSON (keys sorted). */
    private static String fingerprint(NewCategory request) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", request.name());
        fields.put("description", request.description());
        fields.put("parentId", request.parentId());
        fields.put("metadata", request.metadata());
        try {
            byte[] json = JsonText.writeCanonical(fields).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot fingerprint a create request", e);
        }
    }
}
