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

    /** The role's name in claims and groups: {@code viewer}, {@code editor}, {@code admin}. */
    public String claimValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The role a claim value names, matched exactly: {@code "viewer"}, {@code "editor"} or {@code "admin"}, as the
     * user pool holds them. Anything else gives empty, also another case ({@code "Admin"}), surrounding spaces
     * ({@code " admin "}) or a look-alike that case folding would turn into a role ({@code "admın"} with a dotless
     * ı upper-cases to {@code "ADMIN"}): rights come from exactly what an administrator set.
     */
    public static Optional<Role> fromClaim(String value) {
        for (Role role : values()) {
            if (role.claimValue().equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
