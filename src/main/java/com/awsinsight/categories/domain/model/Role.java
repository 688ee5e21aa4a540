package com.awsinsight.categories.domain.model;

import java.util.Locale;
import java.util.Optional;

/**
 * What a caller may do. Roles are ordered: each one includes the rights of the ones before it,
 * so a check is a single comparison ({@link #includes(Role)}).
 */
public enum Role {
    /** Reads categories and templates. */
    VIEWER,
    /** Also creates, updates, moves, deletes and restores categories. */
    EDITOR,
    /** Also manages templates. */
    ADMIN;

    public boolean includes(Role required) {
        return ordinal() >= required.ordinal();
    }

    /** Parses a claim value such as {@code "editor"}; unknown values give empty. */
    public static Optional<Role> fromClaim(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Role.valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
