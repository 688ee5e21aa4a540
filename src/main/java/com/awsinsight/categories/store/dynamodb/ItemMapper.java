package com.awsinsight.categories.store.dynamodb;

import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.json.JsonValues;
import com.awsinsight.categories.domain.model.Timestamps;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps domain values to DynamoDB items and back. Categories keep the Node service's attribute names; the
 * store adds {@code nameKey}, {@code parentKey} (the ParentIndex sort key), {@code nameOrder} (the NameKeyIndex
 * sort key), {@code updatedBy} and
 * {@code version}. Items written by the Node service (no version, null parent) read as version 0.
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

    /** The ParentIndex sort key prefix of the children of {@code parentId} (null for roots). */
    static String parentPrefix(String parentId) {
        return (parentId == null ? ROOT_PREFIX : parentId) + "#";
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

    /** A name key and an id as one sort key that orders by the name key, then by the id. */
    static String ordered(String nameKey, String id) {
        return nameKey + ORDER_SEPARATOR + id;
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

    static Map<String, AttributeValue> toItem(Category c) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(ORGANIZATION_ID, s(c.organizationId()));
        item.put(CATEGORY_ID, s(c.id()));
        item.put(CATEGORY_NAME, s(c.name()));
        item.put(NAME_KEY, s(c.nameKey()));
        item.put(NAME_ORDER, s(nameOrder(c)));
        item.put("description", c.description() == null ? nul() : s(c.description()));
        item.put(PARENT_ID, c.parentId() == null ? nul() : s(c.parentId()));
        item.put(PARENT_KEY, s(parentKey(c)));
        if (c.metadata() != null) {
            item.put("metadata", toAttribute(c.metadata()));
        }
        item.put(CREATED_AT, s(Timestamps.format(c.createdAt())));
        item.put("updatedAt", s(Timestamps.format(c.updatedAt())));
        putIfPresent(item, "createdBy", c.createdBy());
        putIfPresent(item, "updatedBy", c.updatedBy());
        item.put("isActive", AttributeValue.fromBool(c.active()));
        item.put(VERSION, n(c.version()));
        return item;
    }

    @SuppressWarnings("unchecked")
    static Category toCategory(Map<String, AttributeValue> item) {
        Object metadata = fromAttribute(item.get("metadata"));
        AttributeValue active = item.get("isActive");
        AttributeValue version = item.get(VERSION);
        Instant createdAt = instant(item.get(CREATED_AT));
        Instant updatedAt = item.containsKey("updatedAt") ? instant(item.get("updatedAt")) : createdAt;
        return new Category(
                str(item.get(ORGANIZATION_ID)),
                str(item.get(CATEGORY_ID)),
                str(item.get(CATEGORY_NAME)),
                str(item.get("description")),
                blankToNull(str(item.get(PARENT_ID))),
                metadata instanceof Map<?, ?> m ? (Map<String, Object>) m : null,
                createdAt,
                updatedAt,
                str(item.get("createdBy")),
                str(item.get("updatedBy")),
                active == null || active.bool() == null || active.bool(),
                version == null || version.n() == null ? 0 : Long.parseLong(version.n()));
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

    static String str(AttributeValue value) {
        return value == null ? null : value.s();
    }

    /** The Node service may have stored an empty parent id for a root. */
    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    static Instant instant(AttributeValue value) {
        return value == null || value.s() == null ? Instant.EPOCH : Timestamps.parse(value.s());
    }

    static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }
}
