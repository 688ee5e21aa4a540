package com.awsinsight.categories.domain.model;

import com.awsinsight.categories.domain.error.DomainException;
import com.awsinsight.categories.domain.error.ErrorCode;
import java.util.Locale;
import java.util.Objects;

/**
 * The verified identity a request acts for. The organization in every key condition comes from here,
 * never from request input; {@code userId} becomes {@code createdBy}/{@code updatedBy}. An organization id has
 * the shape of an id ({@link CategoryRules#isValidId}): it can never name an auxiliary partition such as
 * {@code <org>#IDEMPOTENCY}.
 */
public record Caller(String organizationId, String userId, Role role) {
    public Caller {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        if (!CategoryRules.isValidId(organizationId)) {
            throw new IllegalArgumentException("Invalid organization id");
        }
    }

    /** Refuses with FORBIDDEN unless this caller's role includes {@code required}. */
    public void require(Role required) {
        if (!role.includes(required)) {
            throw new DomainException(ErrorCode.FORBIDDEN, null,
                    "This operation needs the " + required.name().toLowerCase(Locale.ROOT) + " role");
        }
    }
}
