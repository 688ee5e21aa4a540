package com.awsinsight.categories.domain;

import java.util.Locale;
import java.util.Objects;

/**
 * The verified identity a request acts for. The organization in every key condition comes from here,
 * never from request input; {@code userId} becomes {@code createdBy}/{@code updatedBy}.
 */
public record Caller(String organizationId, String userId, Role role) {
    public Caller {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
    }

    /** Refuses with FORBIDDEN unless this caller's role includes {@code required}. */
    public void require(Role required) {
        if (!role.includes(required)) {
            throw new DomainException(ErrorCode.FORBIDDEN, null,
                    "This operation needs the " + required.name().toLowerCase(Locale.ROOT) + " role");
        }
    }
}
