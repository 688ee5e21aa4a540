package com.awsinsight.categories.services;

import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.domain.error.DomainException;
import com.awsinsight.categories.domain.error.ErrorCode;
import com.awsinsight.categories.domain.error.Field;
import com.awsinsight.categories.domain.model.Role;
import com.awsinsight.categories.store.memory.InMemoryStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A sync token's checksum is no secret, so a client can forge one that passes it: its position must still be
 * one a store can resume after (key values of at most 1,024 bytes), or it is refused as bad input before any read
 * (DynamoDB would answer a longer key with a validation error, which would surface as INTERNAL).
 */
class SyncTokenTest {

    @Test
    void aForgedTokenWithAPositionNoKeyCanHoldIsBadInput() {
        Caller caller = new Caller("org-sync", "user", Role.VIEWER);
        CallerSession session = new CategoryApplication(new InMemoryStore(), Clock.systemUTC()).forCaller(caller);
        String longSort = "2026-01-01T00:00:00.000Z" + "x".repeat(1100);
        String forged = Cursors.seal("org-sync", "categoryChanges", "C\n\n" + longSort.length() + "\n" + longSort + "cat-1");

        DomainException refused = assertThrows(DomainException.class, () -> session.sync().changes(forged, 10));

        assertEquals(ErrorCode.BAD_USER_INPUT, refused.code());
        assertEquals(Field.SINCE, refused.field());
        assertEquals("Invalid sync token", refused.getMessage());
    }
}
