package com.awsinsight.categories.services;

import com.awsinsight.categories.domain.error.DomainException;
import com.awsinsight.categories.domain.error.Field;
import com.awsinsight.categories.domain.model.Position;

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
 *
 * <p>Format: base64url of {@code <checksum> '\n' <org digest> '\n' <query digest> '\n' <length of sort value>
 * '\n' <sort value><id>}; the length prefix keeps any character of a sort value unambiguous, and the checksum
 * of the rest refuses a cursor that was altered or cut (it is not a secret: a forged cursor still only
 * points inside the caller's own organization and query).
 */
public final class Cursors {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    /** Room for a sort value and an id of 1,024 bytes each, base64url, with the digests. */
    private static final int MAX_CURSOR_LENGTH = 4096;
    /**
     * A sort value or id longer than this in UTF-8 (or empty) cannot have come from a page: it is the longest key
     * value DynamoDB keeps, and the positions a store resumes after are key values.
     */
    private static final int MAX_KEY_BYTES = 1024;

    private Cursors() {
    }

    public static String encode(String organizationId, String queryFingerprint, Position position) {
        return seal(organizationId, queryFingerprint,
                position.sortValue().length() + "\n" + position.sortValue() + position.id());
    }

    /** The position a cursor stands for; null for a null cursor. */
    public static Position decode(Field field, String cursor, String organizationId, String queryFingerprint) {
        if (cursor == null) {
            return null;
        }
        String payload = open(field, "cursor", cursor, organizationId, queryFingerprint);
        try {
            String[] head = payload.split("\n", 2);
            int sortLength = Integer.parseInt(head[0]);
            String rest = head[1];
            if (sortLength < 1 || sortLength >= rest.length()) {
                throw new IllegalArgumentException("incomplete");
            }
            String sortValue = rest.substring(0, sortLength);
            String id = rest.substring(sortLength);
            if (!keySized(sortValue) || !keySized(id)) {
                throw new IllegalArgumentException("not a key");
            }
            return new Position(sortValue, id);
        } catch (RuntimeException e) {
            throw DomainException.badInput(field, "Invalid cursor");
        }
    }

    /**
     * An opaque token carrying {@code payload}, bound to the organization and the query (by digests) and
     * checksummed: what cursors and delta sync's tokens are made of.
     */
    static String seal(String organizationId, String fingerprint, String payload) {
        String text = digest(organizationId) + "\n" + digest(fingerprint) + "\n" + payload;
        return ENCODER.encodeToString((digest(text) + "\n" + text).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The payload of a token {@link #seal sealed} for this organization and query; BAD_USER_INPUT naming
     * {@code field} ("Invalid {@code noun}") for a token that was altered or cut, or made for another
     * organization or query.
     */
    static String open(Field field, String noun, String token, String organizationId, String fingerprint) {
        String[] parts;
        try {
            if (token.length() > MAX_CURSOR_LENGTH) {
                throw new IllegalArgumentException("too long");
            }
            String[] checked = new String(DECODER.decode(token), StandardCharsets.UTF_8).split("\n", 2);
            String text = checked[1];
            if (!digest(text).equals(checked[0])) {
                throw new IllegalArgumentException("altered");
            }
            parts = text.split("\n", 3);
            if (parts.length != 3) {
                throw new IllegalArgumentException("incomplete");
            }
        } catch (RuntimeException e) {
            throw DomainException.badInput(field, "Invalid " + noun);
        }
        if (!digest(organizationId).equals(parts[0]) || !digest(fingerprint).equals(parts[1])) {
            throw DomainException.badInput(field, Character.toUpperCase(noun.charAt(0)) + noun.substring(1)
                    + " does not belong to this query");
        }
        return parts[2];
    }

    /** Whether a sort value or id can be a key value: not empty, at most {@value #MAX_KEY_BYTES} bytes of UTF-8. */
    static boolean keySized(String value) {
        return !value.isEmpty() && value.getBytes(StandardCharsets.UTF_8).length <= MAX_KEY_BYTES;
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
