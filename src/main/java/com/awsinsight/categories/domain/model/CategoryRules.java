package com.awsinsight.categories.domain.model;

import com.awsinsight.categories.domain.json.JsonValues;
import com.awsinsight.categories.domain.json.JsonText;
import com.awsinsight.categories.domain.error.Field;
import com.awsinsight.categories.domain.error.DomainException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The validation rules of the category domain, in one place for GraphQL, REST and every store.
 * Each rule fails with {@link ErrorCode#BAD_USER_INPUT} naming the field, never with a server error.
 */
public final class CategoryRules {
    public static final int MAX_NAME_LENGTH = 128;
    public static final int MAX_DESCRIPTION_LENGTH = 1024;
    public static final int MAX_METADATA_KEYS = 32;
    public static final int MAX_METADATA_BYTES = 4096;
    /** A tree has at most this many levels: roots have depth 0, the deepest allowed depth is 19. */
    public static final int MAX_TREE_LEVELS = 20;
    public static final int MAX_ID_LENGTH = 128;
    /** The longest category id, in bytes of UTF-8: the longest sort key DynamoDB keeps. */
    public static final int MAX_ID_BYTES = 1024;

    private static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
    /** A page of a listing holds 1 to this many items. */
    public static final int MAX_PAGE_SIZE = 100;

    private CategoryRules() {
    }

    /**
     * Trims and checks a category name: 1–128 characters after trimming blank-looking characters, none of them a
     * control or invisible character ({@link NameCharacters}).
     */
    public static String validName(Field field, String raw) {
        if (raw == null) {
            throw DomainException.badInput(field, "Name is required");
        }
        String name = NameCharacters.strip(raw);
        if (name.isEmpty()) {
            throw DomainException.badInput(field, "Name must not be blank");
        }
        if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            throw DomainException.badInput(field, "Name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        NameCharacters.Problem problem = NameCharacters.check(name);
        if (problem == NameCharacters.Problem.CONTROL) {
            throw DomainException.badInput(field, "Name must not contain control characters");
        }
        if (problem == NameCharacters.Problem.INVISIBLE) {
            throw DomainException.badInput(field, "Name must not contain invisible characters");
        }
        return name;
    }

    public static String validDescription(Field field, String description) {
        if (description == null) {
            return null;
        }
        if (description.codePointCount(0, description.length()) > MAX_DESCRIPTION_LENGTH) {
            throw DomainException.badInput(field,
                    "Description must be at most " + MAX_DESCRIPTION_LENGTH + " characters");
        }
        boolean hasControl = description.codePoints()
                .anyMatch(c -> NameCharacters.isControl(c) && c != '\n' && c != '\r' && c != '\t');
        if (hasControl) {
            throw DomainException.badInput(field, "Description must not contain control characters");
        }
        return description;
    }

    /**
     * Metadata is a JSON object of at most 32 keys and 4 KB (UTF-8 JSON) whose numbers every store keeps exactly
     * ({@link JsonValues#storable}); values may be JSON null. Returns its canonical copy ({@link JsonValues}).
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> validMetadata(Field field, Object metadata) {
        if (metadata == null) {
            return null;
        }
        if (!(metadata instanceof Map<?, ?> map)) {
            throw DomainException.badInput(field, "Metadata must be a JSON object");
        }
        if (map.size() > MAX_METADATA_KEYS) {
            throw DomainException.badInput(field, "Metadata must have at most " + MAX_METADATA_KEYS + " keys");
        }
        Map<String, Object> canonical;
        try {
            canonical = (Map<String, Object>) JsonValues.canonical(map);
        } catch (JsonValues.UnstorableNumber e) {
            throw DomainException.badInput(field, "Metadata numbers must have at most " + JsonValues.MAX_DIGITS
                    + " significant digits and a magnitude between 1E-130 and 1E+126");
        }
        if (jsonBytes(canonical) > MAX_METADATA_BYTES) {
            throw DomainException.badInput(field, "Metadata must be at most " + MAX_METADATA_BYTES + " bytes");
        }
        return canonical;
    }

    /**
     * Checks a category id taken from input: any text DynamoDB keeps as a sort key, which is what the Node service
     * could store (1 to {@value #MAX_ID_BYTES} bytes of UTF-8; no unpaired surrogate, which has no UTF-8). A
     * well-formed id that does not exist is NOT_FOUND later.
     */
    public static String validId(Field field, String id) {
        if (!isStorableId(id)) {
            throw DomainException.badInput(field, "Invalid id");
        }
        return id;
    }

    /** Whether {@code id} can be a category id: 1 to {@value #MAX_ID_BYTES} bytes of well-formed UTF-8. */
    public static boolean isStorableId(String id) {
        if (id == null || id.isEmpty()) {
            return false;
        }
        int bytes = 0;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < id.length() && Character.isLowSurrogate(id.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            } else {
                bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            }
        }
        return bytes <= MAX_ID_BYTES;
    }

    /**
     * Checks a template id taken from input: the {@link #isValidId conventional shape}, which keeps the
     * {@code <templateId>@<version>} form of a template version's id unambiguous.
     */
    public static String validTemplateId(Field field, String id) {
        if (!isValidId(id)) {
            throw DomainException.badInput(field, "Invalid id");
        }
        return id;
    }

    /**
     * Whether {@code id} has the conventional shape of an id: 1–128 letters, digits, {@code _ . : -}. Every id the
     * gateway gives has it (and the Node service's UUIDs); organization ids must have it, which is what keeps them
     * apart from the auxiliary partitions ({@code <org>#NAME}, ...), and so must template ids.
     */
    public static boolean isValidId(String id) {
        return id != null && ID_PATTERN.matcher(id).matches();
    }

    /** A child of a parent at {@code parentDepth} would sit at {@code parentDepth + 1}. */
    public static void checkChildDepth(Field field, int parentDepth) {
        if (parentDepth + 1 >= MAX_TREE_LEVELS) {
            throw DomainException.badInput(field, "Tree depth limit of " + MAX_TREE_LEVELS + " levels reached");
        }
    }

    /** A page size between 1 and {@value #MAX_PAGE_SIZE}. */
    public static int checkPageSize(Field field, int size) {
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw DomainException.badInput(field, "first must be between 1 and " + MAX_PAGE_SIZE);
        }
        return size;
    }

    /**
     * A parent a category may be put under: it exists in the caller's organization ({@code NOT_FOUND}
     * otherwise) and is active ({@code BAD_USER_INPUT} otherwise).
     */
    public static Category checkActiveParent(Field field, Category parent) {
        checkActiveParent(field, parent != null, parent != null && parent.active());
        return parent;
    }

    /** The same check when only whether the parent exists and whether it is active are known. */
    public static void checkActiveParent(Field field, boolean exists, boolean active) {
        if (!exists) {
            throw DomainException.notFound(field, "Parent category not found");
        }
        if (!active) {
            throw DomainException.badInput(field, "Parent category is inactive");
        }
    }

    /** A fresh category id ({@code cat-} and a random UUID), as the gateway gives every category it creates. */
    public static String newCategoryId() {
        return "cat-" + UUID.randomUUID();
    }

    /** The first code point from which NFC may change text (U+0300, the first combining mark). */
    private static final char NFC_STABLE_BELOW = '\u0300';

    /**
     * Uniqueness key: trimmed, Unicode-normalised (NFC) and lower-cased. It is also what name order sorts by, so
     * it is computed often: a name whose characters are all below U+0300 skips the normalizer, because NFC leaves
     * such text as it is (every character there is NFC-stable, and nothing composes with a preceding character
     * except the combining marks and conjoining jamo, which start at U+0300). That covers ASCII, Latin-1 and the
     * "·" of the demo data, and keeps the JDK's normalizer data unloaded on a cold start for such names.
     */
    public static String nameKey(String name) {
        String stripped = name.strip();
        for (int i = 0; i < stripped.length(); i++) {
            if (stripped.charAt(i) >= NFC_STABLE_BELOW) {
                return Normalizer.normalize(stripped, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
            }
        }
        return stripped.toLowerCase(Locale.ROOT);
    }

    private static int jsonBytes(Object value) {
        return JsonText.write(value).getBytes(StandardCharsets.UTF_8).length;
    }
}
