package com.awsinsight.categories.auth;

import com.awsinsight.categories.domain.model.Caller;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The tokens a {@link TokenVerifier} accepted lately, with the caller each identifies, so that a client sending
 * the same token on every request (as clients do until they refresh it) pays for the RSA signature and the
 * claim checks once, not on every request.
 *
 * <p>An entry is reused only while the token is still valid ({@code exp} plus the clock skew, as
 * {@link TokenVerifier} judges it) and at most the JWKS cache's lifetime after it was verified: a key withdrawn
 * from the user pool's JWKS stops being honoured no later than a fresh copy of the JWKS would stop it. Only
 * accepted tokens are kept; a refused token is checked in full every time. Entries are keyed by the token's
 * SHA-256 (the token itself is never kept), at most {@code maxEntries}, least recently used out.
 *
 * <p>Thread-safe.
 */
final class VerifiedTokens {
    static final int DEFAULT_MAX_ENTRIES = 10_000;

    private record Entry(Caller caller, Instant reusableUntil) {
    }

    private final Map<String, Entry> entries;

    VerifiedTokens(int maxEntries) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The caller {@code token} was verified as, if that verification may still be reused at {@code now}. */
    synchronized Optional<Caller> get(String token, Instant now) {
        String key = digest(token);
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!now.isBefore(entry.reusableUntil())) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(entry.caller());
    }

    /** Remembers that {@code token} identifies {@code caller} until {@code reusableUntil}. */
    synchronized void put(String token, Caller caller, Instant reusableUntil) {
        entries.put(digest(token), new Entry(caller, reusableUntil));
    }

    synchronized int size() {
        return entries.size();
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
