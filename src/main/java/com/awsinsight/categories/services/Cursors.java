package com.awsinsight.categories.services;

import com.awsinsight.categories.domain.DomainException;
import com.awsinsight.categories.domain.Field;
import com.awsinsight.categories.domain.Position;

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
    private static final int MAX_CURSOR_LENGTH = 2048;
    /**
     * A sort value or id longer than this in UTF-8 (or empty) cannot have come from a page: it is the longest key
     * value DynamoDB keeps, and the positions a store resumes after are key values.
     */
    private static final int MAX_KEY_BYTES = 1024;

    private Cursors() {
    }

    public static String encode(String organizationId, String queryFingerprint, Position position) {
        String text = digest(organizationId) + "\n" + digest(queryFingerprint) + "\n"
                + position.sortValue().length() + "\n" + position.sortValue() + position.id();
        return ENCODER.encodeToString((digest(text) + "\n" + text).getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor stands for; null for a null cursor. */
    public static Position decode(Field field, String cursor, String organizationId, String queryFingerprint) {
        if (cursor == null) {
            return null;
        }
        String[] parts = parse(field, cursor);
        if (!digest(organizationId).equals(parts[0]) || !digest(queryFingerprint).equals(parts[1])) {
            throw DomainException.badInput(field, "Cursor does not belong to this query");
        }
        return new Position(parts[2], parts[3]);
    }

    /** The organization digest, query digest, sort value and id of a well-formed cursor. */
    private static String[] parse(Field field, String cursor) {
        try {
            if (cursor.length() > MAX_CURSOR_LENGTH) {
                throw new IllegalArgumentException("too long");
            }
            String[] checked = new String(DECODER.decode(cursor), StandardCharsets.UTF_8).split("\n", 2);
            String text = checked[1];
            if (!digest(text).equals(checked[0])) {
                throw new IllegalArgumentException("altered");
            }
            String[] head = text.split("\n", 4);
            int sortLength = Integer.parseInt(head[2]);
            String rest = head[3];
            if (sortLength < 1 || sortLength >= rest.length()) {
                throw new IllegalArgumentException("incomplete");
            }
            String sortValue = rest.substring(0, sortLength);
            String id = rest.substring(sortLength);
            if (!keySized(sortValue) || !keySized(id)) {
                throw new IllegalArgumentException("not a key");
            }
            return new String[]{head[0], head[1], sortValue, id};
        } catch (RuntimeException e) {
            throw DomainException.badInput(field, "Invalid cursor");
        }
    }

    /**
     * Refuses as an invalid cursor a key value built from a position (such as a parent's prefix and a name) that
     * is longer than any key a store keeps: no page can have ended there.
     */
    public static void requireKeySized(Field field, String keyValue) {
        if (!keySized(keyValue)) {
            throw DomainException.badInput(field, "Invalid cursor");
        }
    }

    private static boolean keySized(String value) {
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
