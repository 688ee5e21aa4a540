package com.awsinsight.categories.domain.model;

import com.awsinsight.categories.domain.error.Field;
import com.awsinsight.categories.domain.error.DomainException;

/** Builds the CONFLICT a stale {@code expectedVersion} gets; it always carries the current version. */
public final class StaleVersion {
    private StaleVersion() {
    }

    public static DomainException of(long currentVersion) {
        return DomainException.conflict(Field.EXPECTED_VERSION,
                "Category was changed by someone else; current version is " + currentVersion);
    }
}
