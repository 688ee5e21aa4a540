package com.awsinsight.categories.graphql;

import com.awsinsight.categories.domain.error.DomainException;
import com.awsinsight.categories.domain.error.Field;
import com.awsinsight.categories.graphql.datafetchers.GlobalIds;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Global ids of categories: conventional ids unchanged, every other stored id encoded and back, nothing ambiguous. */
class GlobalIdsTest {

    @Test
    void conventionalIdsAreTheirOwnGlobalIds() {
        for (String id : List.of("cat-7f3c2a10-0000-4000-8000-000000000001", "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "a.b:c_d-e")) {
            assertEquals(id, GlobalIds.ofCategory(id));
            assertEquals(id, GlobalIds.categoryId(Field.ID, id));
        }
    }

    @Test
    void everyOtherStoredIdIsEncodedAndComesBack() {
        for (String id : List.of("Legacy Cat 1", "a#b", "#ROOT", "tpl-cloud-baseline@2", "~tilde", "経費 🚀", "é".repeat(512))) {
            String global = GlobalIds.ofCategory(id);
            assertTrue(global.matches("~[A-Za-z0-9_-]+"), global);
            assertEquals(id, GlobalIds.categoryId(Field.ID, global), id);
        }
        assertEquals("~TGVnYWN5IENhdCAx", GlobalIds.ofCategory("Legacy Cat 1"));
    }

    @Test
    void aStoredIdThatDoesNotStartWithATildeIsAlsoTakenAsItIs() {
        assertEquals("Legacy Cat 1", GlobalIds.categoryId(Field.ID, "Legacy Cat 1"));
    }

    @Test
    void idsNoCategoryCanHaveAreInvalid() {
        List<String> invalid = List.of("", "~", "~not base64!", "~Y2F0LTE" /* cat-1: its global id is cat-1 */,
                "~TGVnYWN5IENhdCAx=" /* padded */, "~_w" /* not UTF-8 */, "x".repeat(1025), "é".repeat(513), "a\ud800b");
        for (String id : invalid) {
            DomainException e = assertThrows(DomainException.class, () -> GlobalIds.categoryId(Field.PARENT_ID, id), id);
            assertEquals("Invalid id", e.getMessage());
            assertEquals(Field.PARENT_ID, e.field());
        }
    }
}
