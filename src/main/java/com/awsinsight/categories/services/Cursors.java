package com.awsinsight.categories.services;

import com.awsinsight.categories.domain.DomainException;
import com.awsinsight.categories.domain.Position;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Opaque page cursors. A cursor holds where the page ended plus digests of the organization and of
 * the query that made it; replayed by another organization or with another filter it is refused as
 * BAD_USER_INPUT. It carries no storage key, and a forged one can only point inside the caller's own
 * organization, so no signing secret is needed.
 */
public final class Cursors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAX_CURSOR_LENGTH = 2048;

    private Cursors() {
    }

    public static String encode(String organizationId, String queryFingerprint, Position position) {
        ObjectNode node = JSON.createObjectNode()
                .put("o", digest(organizationId))
                .put("q", digest(queryFingerprint))
                .put("s", position.sortValue())
                .put("i", position.id());
        return ENCODER.encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor stands for; null for a null cursor. */
    public static Position decode(String field, String cursor, String organizationId, String queryFingerprint) {
        if (cursor == null) {
            return null;
        }
        JsonNode node = parse(field, cursor);
        boolean sameOrganization = digest(organizationId).equals(node.path("o").asText());
        boolean sameQuery = digest(queryFingerprint).equals(node.path("q").asText());
        if (!sameOrganization || !sameQuery) {
            throw DomainException.badInput(field, "Cursor does not belong to this query");
        }
        return new Position(node.get("s").asText(), node.get("i").asText());
    }

    private static JsonNode parse(String field, String cursor) {
        try {
            if (cursor.length() > MAX_CURSOR_LENGTH) {
                throw new IllegalArgumentException("too long");
            }
            JsonNode node = JSON.readTree(DECODER.decode(cursor));
            boolean complete = node != null && node.hasNonNull("o") && node.hasNonNull("q")
                    && node.path("s").isTextual() && node.path("i").isTextual();
            if (!complete) {
                throw new IllegalArgumentException("incomplete");
            }
            return node;
        } catch (Exception e) {
            throw DomainException.badInput(field, "Invalid cursor");
        }
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
