package com.awsinsight.categories.graphql.datafetchers;

import com.awsinsight.categories.domain.error.DomainException;
import com.awsinsight.categories.domain.error.Field;
import com.awsinsight.categories.domain.model.CategoryRules;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A category's id in the GraphQL API (its global id, {@code Category.id}) and back. A stored id of the conventional
 * shape (1–128 letters, digits, {@code _ . : -}: every id the gateway gives, and the Node service's UUIDs) is its
 * own global id, so no id a client holds changes. Any other stored id (the Node service stored ids of any form
 * DynamoDB keeps: spaces, {@code #}, {@code @}, any script, up to 1,024 bytes) is {@code ~} followed by the
 * unpadded base64url of its UTF-8: no conventional id starts with {@code ~}, and none of these holds the {@code @}
 * of a template version's id ({@code <templateId>@<version>}), so a global id never names two objects.
 *
 * <p>Input ids are read the other way: one starting with {@code ~} is decoded (and must be exactly the encoding of
 * an id that needs one, so every category has one global id); any other is taken as the stored id itself, so
 * {@code category(id: "Legacy Cat 1")} finds the category whose global id is {@code ~TGVnYWN5IENhdCAx}. The REST
 * routes, which take stored ids, pass them through {@link #ofCategory} (a stored id that starts with {@code ~} is
 * encoded too).
 */
public final class GlobalIds {
    /** What starts the global id of a category whose stored id is not of the conventional shape. */
    public static final String ENCODED = "~";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private GlobalIds() {
    }

    /** The global id of the category stored under {@code categoryId}. */
    public static String ofCategory(String categoryId) {
        if (categoryId == null || CategoryRules.isValidId(categoryId)) {
            return categoryId;
        }
        return ENCODED + ENCODER.encodeToString(categoryId.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The stored id a category id taken from input stands for (null for null), checked by the id rule
     * ({@link CategoryRules#validId}); BAD_USER_INPUT {@code Invalid id} naming {@code field} otherwise.
     */
    public static String categoryId(Field field, String id) {
        if (id == null || !id.startsWith(ENCODED)) {
            return id == null ? null : CategoryRules.validId(field, id);
        }
        String stored;
        try {
            byte[] bytes = DECODER.decode(id.substring(ENCODED.length()));
            stored = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw DomainException.badInput(field, "Invalid id");
        }
        if (!id.equals(ofCategory(stored))) {
            throw DomainException.badInput(field, "Invalid id");
        }
        return CategoryRules.validId(field, stored);
    }
}
