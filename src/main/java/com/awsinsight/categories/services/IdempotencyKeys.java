package com.awsinsight.categories.services;

import com.awsinsight.categories.domain.DomainException;
import com.awsinsight.categories.domain.IdempotencyRecord;
import com.awsinsight.categories.domain.WriteCoordination;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
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
    private static final ObjectMapper CANONICAL = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final WriteCoordination coordination;
    private final String organizationId;
    private final Clock clock;

    IdempotencyKeys(WriteCoordination coordination, String organizationId, Clock clock) {
        this.coordination = coordination;
        this.organizationId = organizationId;
        this.clock = clock;
    }

    /** The category id this key stands for: {@code newId} on first use, the first request's id after. */
    String reserve(String key, Object request, String newId) {
        if (!KEY.matcher(key).matches()) {
            throw DomainException.badInput("clientMutationId",
                    "Idempotency key must be 1-128 letters, digits, '_', '.', ':' or '-'");
        }
        String hash = fingerprint(request);
        var now = clock.instant();
        IdempotencyRecord held = coordination.reserveIdempotencyKey(
                new IdempotencyRecord(organizationId, key, hash, newId, now.plus(LIFETIME)), now);
        if (!held.requestHash().equals(hash)) {
            throw DomainException.badInput("clientMutationId", "Idempotency key was already used with a different request");
        }
        return held.categoryId();
    }

    private static String fingerprint(Object request) {
        try {
            byte[] json = CANONICAL.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot fingerprint a create request", e);
        }
    }
}
