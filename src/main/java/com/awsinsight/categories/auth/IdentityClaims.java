package com.awsinsight.categories.auth;

import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.domain.model.CategoryRules;
import com.awsinsight.categories.domain.model.Role;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The claim rules shared by {@link TokenVerifier} and {@link ClaimsIdentity}, so a verified raw token
 * and an API Gateway authorizer context give the same {@link Caller}.
 */
final class IdentityClaims {
    private IdentityClaims() {
    }

    static Caller toCaller(Map<String, ?> claims) {
        String organizationId = text(claims, "custom:organizationId")
                .or(() -> text(claims, "organizationId"))
                .orElseThrow(() -> AuthException.unauthenticated(ClaimsIdentity.NO_ORGANIZATION));
        if (!CategoryRules.isValidId(organizationId)) {
            throw AuthException.unauthenticated(ClaimsIdentity.INVALID_ORGANIZATION);
        }
        String userId = text(claims, "sub")
                .orElseThrow(() -> AuthException.unauthenticated(ClaimsIdentity.NO_SUBJECT));
        Role role = role(claims)
                .orElseThrow(() -> AuthException.forbidden(ClaimsIdentity.NO_ROLE));
        return new Caller(organizationId, userId, role);
    }

    private static Optional<Role> role(Map<String, ?> claims) {
        return text(claims, "custom:role")
                .flatMap(Role::fromClaim)
                .or(() -> groups(claims.get("cognito:groups"))
                        .map(Role::fromClaim)
                        .flatMap(Optional::stream)
                        .findFirst());
    }

    /** Groups arrive as a JSON array in tokens, and as {@code "editor"} or {@code "[editor admin]"} from API Gateway. */
    private static Stream<String> groups(Object value) {
        if (value instanceof Collection<?> list) {
            return list.stream().filter(String.class::isInstance).map(String.class::cast);
        }
        if (value instanceof String text) {
            String unbracketed = text.strip().replaceAll("^\\[|]$", "");
            return Arrays.stream(unbracketed.split("[,\\s]+")).filter(group -> !group.isEmpty());
        }
        return Stream.empty();
    }

    private static Optional<String> text(Map<String, ?> claims, String name) {
        return claims.get(name) instanceof String value && !value.isBlank()
                ? Optional.of(value)
                : Optional.empty();
    }
}
