package com.awsinsight.categories.store.dynamodb;

import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.model.StoredForm;
import com.awsinsight.categories.domain.model.StoredForm.Attribute;
import com.awsinsight.categories.domain.json.JsonValues;
import com.awsinsight.categories.domain.model.Timestamps;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Maps domain values to DynamoDB items and back. A category's item is its document ({@link Category#document()}:
 * the Node service's attribute names, each attribute as stored) plus {@code nameKey}, {@code parentKey} (the
 * ParentIndex sort key), {@code nameOrder} (the NameKeyIndex sort key), {@code updatedBy} and {@code version}.
 * Items written by the Node service (no version) read as version 0, with the {@link StoredForm} of their
 * attributes.
 */
final class ItemMapper {
    static final String ORGANIZATION_ID = "organizationId";
    static final String CATEGORY_ID = "categoryId";
    static final String CATEGORY_NAME = "categoryName";
    static final String NAME_KEY = "nameKey";
    /** The NameKeyIndex sort key: the name key, then the id ({@link #nameOrder}). */
    static final String NAME_ORDER = "nameOrder";
    /**
     * Between a name key and an id in the index sort keys: U+0001 sorts before every character a name can hold
     * (names have no control characters), so {@code a<SEP>…} comes before {@code a b<SEP>…}, and names that share a
     * key are ordered by id, exactly as {@code CategoryOrder.NAME_ASC} orders them.
     */
    static final String ORDER_SEPARATOR = "\u0001";
    static final String PARENT_ID = "parentCategoryId";
    static final String PARENT_KEY = "parentKey";
    static final String CREATED_AT = "createdAt";
    static final String VERSION = "version";
    static final String TEMPLATE_ID = "templateId";
    static final String TEMPLATE_TYPE = "templateType";
    static final String ROOT_PREFIX = "#ROOT";
    /** Partition keys of auxiliary items carry this character; organization ids never do. */
    static final String AUXILIARY_MARK = "#";

    private ItemMapper() {
    }

    /** At most this many bytes of a parent id stand for it in {@code parentKey}; a longer one is its digest. */
    static final int PARENT_PART_BYTES = 256;
    /** At most this many bytes of a name key are in the sort keys; a longer one is cut there. */
    static final int NAME_PART_BYTES = 512;
    /** At most this many bytes of an id are in the sort keys; a longer one is its digest. */
    static final int ID_PART_BYTES = 250;

    /**
     * The ParentIndex sort key prefix of the children of {@code parentId} (null for roots). The prefix does not
     * tell parents apart by itself (a parent id may hold {@code #}, be {@code #ROOT} or share a long id's digest
     * form): readers keep only the items whose {@code parentCategoryId} is the parent asked for.
     */
    static String parentPrefix(String parentId) {
        return (parentId == null ? ROOT_PREFIX : bounded(parentId, PARENT_PART_BYTES)) + "#";
    }

    /** The NameKeyIndex sort key prefix of a name key's categories (readers keep those whose name key is equal). */
    static String namePrefix(String nameKey) {
        return cut(nameKey, NAME_PART_BYTES) + ORDER_SEPARATOR;
    }

    static Map<String, AttributeValue> key(String organizationId, String categoryId) {
        return Map.of(ORGANIZATION_ID, s(organizationId), CATEGORY_ID, s(categoryId));
    }

    /**
     * The ParentIndex sort key of a category: its parent (or {@code #ROOT}), its name key and its id, so a
     * parent's children are in name order as people read it, ties by id. (Index format 2; format 1 held the
     * exact name.)
     */
    static String parentKey(Category c) {
        return parentPrefix(c.parentId()) + ordered(c.nameKey(), c.id());
    }

    /** The NameKeyIndex sort key of a category: its name key, then its id. */
    static String nameOrder(Category c) {
        return ordered(c.nameKey(), c.id());
    }

    /**
     * A name key and an id as one sort key that orders by the name key, then by the id. Every part is bounded
     * ({@value #PARENT_PART_BYTES} + 1 + {@value #NAME_PART_BYTES} + 1 + {@value #ID_PART_BYTES} bytes), so a
     * {@code parentKey} fits DynamoDB's 1,024-byte sort keys whatever ids the Node service stored; the order differs
     * from the name key's only among names longer than the bound or ties with ids longer than theirs.
     */
    static String ordered(String nameKey, String id) {
        return namePrefix(nameKey) + bounded(id, ID_PART_BYTES);
    }

    /** {@code value} if its UTF-8 has at most {@code maxBytes} bytes, else {@code ~} and its SHA-256 in base64url. */
    private static String bounded(String value, int maxBytes) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= maxBytes) {
            return value;
        }
        try {
            return "~" + Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(utf8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The longest start of {@code value} whose UTF-8 has at most {@code maxBytes} bytes (whole code points). */
    private static String cut(String value, int maxBytes) {
        int bytes = 0;
        int end = 0;
        while (end < value.length()) {
            int codePoint = value.codePointAt(end);
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return value.substring(0, end);
    }

    /**
     * Whether an item carries index attributes that match its name and parent, i.e. is in ParentIndex and
     * NameKeyIndex where it belongs. The gateway writes them with every item; the Node service never does.
     */
    static boolean isIndexed(Map<String, AttributeValue> item, Category category) {
        return category.nameKey().equals(str(item.get(NAME_KEY))) && parentKey(category).equals(str(item.get(PARENT_KEY)))
                && nameOrder(category).equals(str(item.get(NAME_ORDER)));
    }

    static boolean isAuxiliary(Map<String, AttributeValue> item) {
        String organizationId = str(item.get(ORGANIZATION_ID));
        return organizationId == null || organizationId.contains(AUXILIARY_MARK);
    }

    /**
     * The item of a category: its {@link Category#document() document} (as stored: absent attributes absent, null
     * values as NULL, timestamps in their stored spelling) plus the gateway's attributes.
     */
    static Map<String, AttributeValue> toItem(Category c) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        c.document().forEach((name, value) -> item.put(name, toAttribute(value)));
        item.putAll(ownAttributes(c));
        return item;
    }

    /**
     * What an update of {@code current} to {@code updated} writes: the document attributes whose value differs
     * ({@code set}; null values as NULL) or that {@code updated} no longer has ({@code remove}), and the gateway's
     * own attributes. The key attributes never differ (same organization and id).
     */
    record Changes(Map<String, AttributeValue> set, List<String> remove) {
    }

    static Changes changes(Category current, Category updated) {
        Map<String, Object> before = current.document();
        Map<String, Object> after = updated.document();
        Map<String, AttributeValue> set = new LinkedHashMap<>();
        after.forEach((name, value) -> {
            boolean key = name.equals(ORGANIZATION_ID) || name.equals(CATEGORY_ID);
            if (!key && (!before.containsKey(name) || !Objects.equals(before.get(name), value))) {
                set.put(name, toAttribute(value));
            }
        });
        List<String> remove = before.keySet().stream().filter(name -> !after.containsKey(name)).toList();
        set.putAll(ownAttributes(updated));
        return new Changes(set, remove);
    }

    /** The gateway's attributes of an item: the index attributes, {@code updatedBy} and {@code version}. */
    private static Map<String, AttributeValue> ownAttributes(Category c) {
        Map<String, AttributeValue> own = new LinkedHashMap<>();
        own.put(NAME_KEY, s(c.nameKey()));
        own.put(NAME_ORDER, s(nameOrder(c)));
        own.put(PARENT_KEY, s(parentKey(c)));
        putIfPresent(own, "updatedBy", c.updatedBy());
        own.put(VERSION, n(c.version()));
        return own;
    }

    /**
     * The category of an item, with its {@link StoredForm}: the optional attributes it lacks, and the text of its
     * timestamps (and of a root's blank parent id) where the gateway would spell them otherwise. A missing
     * {@code updatedAt} reads as the creation time, a missing {@code isActive} as active, a missing version as 0.
     */
    @SuppressWarnings("unchecked")
    static Category toCategory(Map<String, AttributeValue> item) {
        Set<Attribute> absent = EnumSet.noneOf(Attribute.class);
        for (Attribute attribute : Attribute.values()) {
            if (!item.containsKey(attribute.itemName())) {
                absent.add(attribute);
            }
        }
        Map<Attribute, String> texts = new EnumMap<>(Attribute.class);
        Object metadata = fromAttribute(item.get("metadata"));
        AttributeValue active = item.get("isActive");
        AttributeValue version = item.get(VERSION);
        Instant createdAt = instant(item.get(CREATED_AT), Instant.EPOCH, Attribute.CREATED_AT, texts);
        Instant updatedAt = instant(item.get("updatedAt"), createdAt, Attribute.UPDATED_AT, texts);
        String parentId = str(item.get(PARENT_ID));
        if (parentId != null && parentId.isBlank()) {
            texts.put(Attribute.PARENT_CATEGORY_ID, parentId);
            parentId = null;
        }
        return new Category(
                str(item.get(ORGANIZATION_ID)),
                str(item.get(CATEGORY_ID)),
                str(item.get(CATEGORY_NAME)),
                str(item.get("description")),
                parentId,
                metadata instanceof Map<?, ?> m ? (Map<String, Object>) m : null,
                createdAt,
                updatedAt,
                str(item.get("createdBy")),
                str(item.get("updatedBy")),
                active(active),
                version == null || version.n() == null ? 0 : Long.parseLong(version.n()),
                absent.isEmpty() && texts.isEmpty() ? StoredForm.GATEWAY : new StoredForm(absent, texts));
    }

    /**
     * A JSON-like Java value (maps, lists, strings, numbers, booleans, null) as an attribute value; numbers as their
     * exact decimal text, read back by {@link #fromAttribute} in {@link JsonValues}' canonical form.
     */
    static AttributeValue toAttribute(Object value) {
        if (value == null) {
            return nul();
        }
        if (value instanceof String text) {
            return s(text);
        }
        if (value instanceof Boolean bool) {
            return AttributeValue.fromBool(bool);
        }
        if (value instanceof Number number) {
            return AttributeValue.fromN(new BigDecimal(number.toString()).toPlainString());
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, AttributeValue> converted = new LinkedHashMap<>();
            map.forEach((k, v) -> converted.put(String.valueOf(k), toAttribute(v)));
            return AttributeValue.fromM(converted);
        }
        if (value instanceof List<?> list) {
            return AttributeValue.fromL(list.stream().map(ItemMapper::toAttribute).toList());
        }
        return s(value.toString());
    }

    static Object fromAttribute(AttributeValue value) {
        if (value == null || Boolean.TRUE.equals(value.nul())) {
            return null;
        }
        if (value.s() != null) {
            return value.s();
        }
        if (value.n() != null) {
            return JsonValues.canonicalNumber(new BigDecimal(value.n()));
        }
        if (value.bool() != null) {
            return value.bool();
        }
        if (value.hasM()) {
            Map<String, Object> map = new LinkedHashMap<>();
            value.m().forEach((k, v) -> map.put(k, fromAttribute(v)));
            return map;
        }
        if (value.hasL()) {
            List<Object> list = new ArrayList<>();
            value.l().forEach(v -> list.add(fromAttribute(v)));
            return list;
        }
        if (value.b() != null) {
            SdkBytes bytes = value.b();
            return bytes.asUtf8String();
        }
        return null;
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static AttributeValue nul() {
        return AttributeValue.fromNul(true);
    }

    /**
     * {@code isActive} as stored: a boolean, or the text {@code "false"} or {@code "true"} (the Node service checked
     * nothing); absent or anything else reads as active, as before.
     */
    static boolean active(AttributeValue value) {
        if (value == null) {
            return true;
        }
        if (value.bool() != null) {
            return value.bool();
        }
        return value.s() == null || !value.s().trim().equalsIgnoreCase("false");
    }

    static String str(AttributeValue value) {
        return value == null ? null : value.s();
    }

    static Instant instant(AttributeValue value) {
        return value == null || value.s() == null ? Instant.EPOCH : Timestamps.parse(value.s());
    }

    /**
     * A timestamp attribute's instant ({@code otherwise} when it holds no text), noting its text in {@code texts}
     * when the gateway would spell that instant differently.
     */
    private static Instant instant(AttributeValue value, Instant otherwise, Attribute attribute, Map<Attribute, String> texts) {
        if (value == null || value.s() == null) {
            return otherwise;
        }
        Instant instant = Timestamps.parse(value.s());
        if (!Timestamps.isOwnSpelling(value.s()) && !Timestamps.format(instant).equals(value.s())) {
            texts.put(attribute, value.s());
        }
        return instant;
    }

    static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }
}
