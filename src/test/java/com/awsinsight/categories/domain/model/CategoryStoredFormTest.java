package com.awsinsight.categories.domain.model;

import com.awsinsight.categories.domain.model.StoredForm.Attribute;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A category's document as its item holds it, and how each change keeps what it does not touch. */
class CategoryStoredFormTest {
    private static final Instant CREATED = Instant.parse("2023-03-01T08:00:00Z");
    private static final Instant NOW = Instant.parse("2024-06-01T12:00:00.123Z");

    /** As the Node service stored it: no milliseconds, no description, no metadata, no updatedAt. */
    private static Category legacy() {
        return new Category("org", "legacy-1", "Compute", null, null, null, CREATED, CREATED, "user-xyz789", null, true, 0,
                new StoredForm(EnumSet.of(Attribute.DESCRIPTION, Attribute.METADATA, Attribute.UPDATED_AT),
                        Map.of(Attribute.CREATED_AT, "2023-03-01T08:00:00Z")));
    }

    @Test
    void whatTheGatewayWritesHasEveryAttributeInItsOwnSpelling() {
        Category category = new Category("org", "cat-1", "EC2", null, "cat-0", null, CREATED, CREATED, "u", "u", true, 1);

        Map<String, Object> document = category.document();

        assertEquals(List.of("organizationId", "categoryId", "categoryName", "description", "parentCategoryId", "metadata",
                "createdAt", "updatedAt", "createdBy", "isActive"), new ArrayList<>(document.keySet()));
        assertEquals("2023-03-01T08:00:00.000Z", document.get("createdAt"));
        assertNull(document.get("description"));
        assertEquals(StoredForm.GATEWAY, category.stored());
    }

    @Test
    void theNodeServicesItemIsItsDocumentAsStored() {
        Map<String, Object> document = legacy().document();

        assertEquals(List.of("organizationId", "categoryId", "categoryName", "parentCategoryId", "createdAt", "createdBy",
                "isActive"), new ArrayList<>(document.keySet()));
        assertEquals("2023-03-01T08:00:00Z", document.get("createdAt"));
        assertNull(legacy().updatedAtText());
    }

    @Test
    void aChangeKeepsTheFormOfWhatItDoesNotChange() {
        Category described = legacy().withChanges("Compute", "Virtual machines", null, "editor", NOW);

        Map<String, Object> document = described.document();
        assertEquals("Virtual machines", document.get("description"));
        assertFalse(document.containsKey("metadata"), document.toString());
        assertEquals("2023-03-01T08:00:00Z", document.get("createdAt"));
        assertEquals("2024-06-01T12:00:00.123Z", document.get("updatedAt"));
        assertEquals(1, described.version());
        assertEquals(Set.of(Attribute.METADATA), described.stored().absent());
    }

    @Test
    void oneWriteMayMoveAndRenameAtOnce() {
        Category root = new Category("org", "legacy-2", "Travel", null, null, null, CREATED, CREATED, null, null, true, 0,
                new StoredForm(EnumSet.of(Attribute.CREATED_BY), Map.of(Attribute.PARENT_CATEGORY_ID, "")));

        Category moved = root.changed("Trips", null, null, "legacy-1", true, "editor", NOW);

        assertEquals("", root.document().get("parentCategoryId"));
        assertEquals("legacy-1", moved.document().get("parentCategoryId"));
        assertEquals(1, moved.version());
        assertFalse(moved.document().containsKey("createdBy"));
    }

    @Test
    void aFormThatContradictsTheValuesIsRefused() {
        StoredForm noDescription = new StoredForm(EnumSet.of(Attribute.DESCRIPTION), Map.of());
        StoredForm otherInstant = new StoredForm(Set.of(), Map.of(Attribute.CREATED_AT, "2023-03-01T08:00:01Z"));

        assertThrows(IllegalArgumentException.class, () -> new Category("org", "x", "X", "a description", null, null,
                CREATED, CREATED, null, null, true, 0, noDescription));
        assertThrows(IllegalArgumentException.class, () -> new Category("org", "x", "X", null, null, null,
                CREATED, CREATED, null, null, true, 0, otherInstant));
        assertThrows(IllegalArgumentException.class, () -> new StoredForm(Set.of(), Map.of(Attribute.METADATA, "{}")));
    }

    @Test
    void theGatewaysOwnSpellingIsRecognisedByItsShape() {
        assertTrue(Timestamps.isOwnSpelling("2024-01-15T10:30:00.000Z"));
        for (String other : List.of("2024-01-15T10:30:00Z", "2024-01-15T10:30:00.000+00:00", "2024-01-15T10:30:00.5Z")) {
            assertFalse(Timestamps.isOwnSpelling(other), other);
        }
    }
}
