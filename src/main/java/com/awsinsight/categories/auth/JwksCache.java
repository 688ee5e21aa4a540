package com.awsinsight.categories.auth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The signing keys of one issuer, fetched from the configured JWKS address and kept in memory.
 *
 * <p>How it fetches, so that no token can make it hammer the issuer:
 * <ul>
 *   <li>Keys are fetched on first use, and again once the held set is older than the TTL.</li>
 *   <li>A {@code kid} missing from the held set triggers one refetch, which picks up rotated keys. That
 *       refetch opens a cooldown window in which missing {@code kid}s cause no further fetch: a flood of
 *       unknown {@code kid}s costs at most one fetch per window.</li>
 *   <li>A failed fetch opens the same window, so an unreachable issuer is asked at most once per window.
 *       Meanwhile the keys already held are used, even past their TTL; holding none, lookups fail with
 *       {@value #UNAVAILABLE}.</li>
 * </ul>
 *
 * <p>Thread-safe: lookups of a held key read an immutable snapshot without locking; fetches are
 * serialised, so concurrent misses cause one fetch. Redirects are not followed.
 */
public final class JwksCache {
    public static final String UNAVAILABLE = "Token signing keys are unavailable";
    private static final int MAX_JWKS_BYTES = 64 * 1024;

    private final URI jwksUri;
    private final Duration ttl;
    private final Duration cooldown;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient http;
    private final AtomicInteger fetchCount = new AtomicInteger();
    private final Object fetchLock = new Object();
    private volatile Snapshot snapshot = Snapshot.EMPTY;

    /** A cache for {@code settings.jwksUri()}, timed by the system clock. */
    public JwksCache(AuthSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** A cache timed by {@code clock}, so tests can move through TTLs and cooldowns without waiting. */
    public JwksCache(AuthSettings settings, Clock clock) {
        this.jwksUri = settings.jwksUri();
        this.ttl = settings.jwksCacheTtl();
        this.cooldown = settings.refetchCooldown();
        this.timeout = settings.httpTimeout();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * The key with this {@code kid}, fetching the key set if the rules above allow it.
     *
     * @return empty when the issuer does not publish that key (or a fetch is not allowed yet)
     * @throws AuthException {@code UNAUTHENTICATED} when no key set could be fetched at all
     */
    public Optional<JWK> keyFor(String kid) {
        Snapshot held = snapshot;
        Optional<JWK> key = held.find(kid);
        if (key.isPresent() && held.isFresh(clock.instant(), ttl)) {
            return key;
        }
        synchronized (fetchLock) {
            return keyForLocked(kid);
        }
    }

    /** How many times the JWKS address was requested, successfully or not. */
    public int fetchCount() {
        return fetchCount.get();
    }

    private Optional<JWK> keyForLocked(String kid) {
        Instant now = clock.instant();
        Snapshot held = snapshot;
        Optional<JWK> key = held.find(kid);
        boolean fresh = held.isFresh(now, ttl);
        if (key.isPresent() && fresh) {
            return key;
        }
        if (!mayFetch(held, fresh, now)) {
            return requireHeld(held).find(kid);
        }
        Instant cooldownStart = fresh ? now : held.cooldownStart;
        snapshot = fetch(held, now, cooldownStart);
        return requireHeld(snapshot).find(kid);
    }

    private boolean mayFetch(Snapshot held, boolean fresh, Instant now) {
        boolean coolingDown = held.coolingDown(now, cooldown);
        if (fresh) {
            return !coolingDown;
        }
        return !(coolingDown && held.failure != null);
    }

    private Snapshot fetch(Snapshot held, Instant now, Instant cooldownStart) {
        fetchCount.incrementAndGet();
        try {
            return new Snapshot(download(), now, cooldownStart, null);
        } catch (IOException | ParseException | RuntimeException e) {
            return held.failedAt(now, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return held.failedAt(now, e);
        }
    }

    private JWKSet download() throws IOException, InterruptedException, ParseException {
        HttpRequest request = HttpRequest.newBuilder(jwksUri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("JWKS answered HTTP " + response.statusCode());
            }
            byte[] bytes = body.readNBytes(MAX_JWKS_BYTES + 1);
            if (bytes.length > MAX_JWKS_BYTES) {
                throw new IOException("JWKS is larger than " + MAX_JWKS_BYTES + " bytes");
            }
            return JWKSet.parse(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    private static Snapshot requireHeld(Snapshot held) {
        if (held.keys == null) {
            throw new AuthException(AuthFailure.UNAUTHENTICATED, UNAVAILABLE, held.failure);
        }
        return held;
    }

    /** What was last fetched and when, when the cooldown window last opened, and why the last fetch failed. */
    private record Snapshot(JWKSet keys, Instant fetchedAt, Instant cooldownStart, Exception failure) {
        static final Snapshot EMPTY = new Snapshot(null, null, null, null);

        Optional<JWK> find(String kid) {
            if (keys == null || kid == null) {
                return Optional.empty();
            }
            return Optional.ofNullable(keys.getKeyByKeyId(kid));
        }

        boolean isFresh(Instant now, Duration ttl) {
            return fetchedAt != null && now.isBefore(fetchedAt.plus(ttl));
        }

        boolean coolingDown(Instant now, Duration cooldown) {
            return cooldownStart != null && now.isBefore(cooldownStart.plus(cooldown));
        }

        Snapshot failedAt(Instant now, Exception cause) {
            return new Snapshot(keys, fetchedAt, now, cause);
        }
    }
}
