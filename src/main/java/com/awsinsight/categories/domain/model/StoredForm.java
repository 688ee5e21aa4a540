package com.awsinsight.categories.domain.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How a category's item holds the optional attributes of the Node service's document where that differs from how
 * the gateway writes them: which of them the item lacks, and the exact text of its timestamps (and of a root's
 * empty parent id) where that is not the gateway's own spelling. The Node service's items may lack
 * {@code description}, {@code metadata}, {@code updatedAt}, ... and carry timestamps such as
 * {@code 2023-03-01T08:00:00Z} or {@code 2023-03-01T08:00:11+00:00}; the gateway writes every attribute, and
 * timestamps as fixed-width UTC with milliseconds ({@link Timestamps}). {@link #GATEWAY} is the form of everything
 * the gateway writes itself.
 *
 * <p>A {@link Category} keeps its form through every change that does not touch an attribute (its {@code with...}
 * methods), and its constructor refuses a form that contradicts its values. So its {@link Category#document()
 * document} shows an attribute nobody changed exactly as it was stored, and a store, which writes only the
 * attributes whose document value changed, leaves such an attribute byte for byte as it was. An attribute the
 * gateway writes takes the gateway's form.
 *
 * @param absent the optional attributes the item lacks
 * @param texts  the stored text of {@link Attribute#CREATED_AT}, {@link Attribute#UPDATED_AT} (when it is not the
 *               gateway's spelling of the same instant) and {@link Attribute#PARENT_CATEGORY_ID} (a root's blank id)
 */
public record StoredForm(Set<Attribute> absent, Map<Attribute, String> texts) {

    /** The optional attributes of the Node service's document, by their attribute names. */
    public enum Attribute {
        DESCRIPTION("description"),
        PARENT_CATEGORY_ID("parentCategoryId"),
        METADATA("metadata"),
        CREATED_AT("createdAt"),
        UPDATED_AT("updatedAt"),
        CREATED_BY("createdBy"),
        IS_ACTIVE("isActive");

        private final String itemName;

        Attribute(String itemName) {
            this.itemName = itemName;
        }

        /** The attribute's name in the item and in the REST document. */
        public String itemName() {
            return itemName;
        }
    }

    /** Every attribute present, each in the gateway's own spelling. */
    public static final StoredForm GATEWAY = new StoredForm(Set.of(), Map.of());

    private static final Set<Attribute> WITH_TEXT =
            EnumSet.of(Attribute.CREATED_AT, Attribute.UPDATED_AT, Attribute.PARENT_CATEGORY_ID);

    public StoredForm {
        absent = absent.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(absent));
        texts = texts.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(texts));
        for (Map.Entry<Attribute, String> text : texts.entrySet()) {
            if (!WITH_TEXT.contains(text.getKey()) || absent.contains(text.getKey())) {
                throw new IllegalArgumentException("No stored text for " + text.getKey());
            }
            Objects.requireNonNull(text.getValue(), "text");
        }
    }

    /** Whether the item has the attribute (with a value or as null). */
    public boolean has(Attribute attribute) {
        return !absent.contains(attribute);
    }

    /** The attribute's text as stored, when it is not the gateway's spelling of the value; else null. */
    public String text(Attribute attribute) {
        return texts.get(attribute);
    }

    /** This form after the gateway wrote {@code written}: they are present and in the gateway's spelling. */
    public StoredForm written(Set<Attribute> written) {
        if (written.stream().noneMatch(a -> absent.contains(a) || texts.containsKey(a))) {
            return this;
        }
        Set<Attribute> stillAbsent = EnumSet.noneOf(Attribute.class);
        absent.stream().filter(a -> !written.contains(a)).forEach(stillAbsent::add);
        Map<Attribute, String> stillTexts = new EnumMap<>(Attribute.class);
        texts.forEach((a, text) -> {
            if (!written.contains(a)) {
                stillTexts.put(a, text);
            }
        });
        return new StoredForm(stillAbsent, stillTexts);
    }
}
