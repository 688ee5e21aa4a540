package com.awsinsight.categories.services.read;

import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.coordination.OrganizationState;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One request's view of its organization's state item and of the process's {@link OrganizationCache} entry for
 * it. The state item is read once, when first needed (one strongly consistent read, which also tells whether the
 * organization is indexed). What the cache holds is used only under the version that read found, and only when
 * that version is cacheable: the organization is indexed and no write is in flight
 * ({@link OrganizationState#cacheableVersion}). So a request never sees data older than the last write that
 * ended before it read the state item, whichever process made it: that write advanced the revision before it
 * wrote, and registered itself until it ended.
 *
 * <p>Once the request itself begins a write ({@link #writing}), its own changes must be read back, so from then
 * on it neither uses the cache nor stores in it. It also records whether everything it read came from one
 * snapshot of a known version ({@link #answeredAt}), which is when a result computed from those reads may be
 * kept next to the snapshot.
 */
public final class OrganizationView {
    private final Supplier<OrganizationState> stateRead;
    private final OrganizationCache.Slot cache;
    private final Clock clock;
    private OrganizationState state;
    private boolean writing;
    private String snapshotVersion;
    private boolean readOutsideSnapshot;
    private String use;

    public OrganizationView(Supplier<OrganizationState> stateRead, OrganizationCache.Slot cache, Clock clock) {
        this.stateRead = stateRead;
        this.cache = cache;
        this.clock = clock;
    }

    /** The organization's state item as this request first read it. */
    synchronized OrganizationState state() {
        if (state == null) {
            state = stateRead.get();
            cache.observed(state.cacheableVersion(clock.instant()));
        }
        return state;
    }

    /** Whether this request has read the state item already (so asking about the cache costs no read). */
    synchronized boolean stateRead() {
        return state != null;
    }

    synchronized boolean indexed() {
        return state().indexed();
    }

    /** The request has begun a write, with this state: from now on it reads only the store. */
    public synchronized void writing(OrganizationState begun) {
        writing = true;
        if (state == null) {
            state = begun;
        }
    }

    /** The version under which this request may use and fill the cache, or empty. */
    synchronized Optional<String> cacheableVersion() {
        return writing ? Optional.empty() : state().cacheableVersion(clock.instant());
    }

    /**
     * The version under which a result the process kept may answer this request; empty without reading the state
     * item when the process's cache holds no snapshot of the organization that is likely current (nothing, or
     * one a state read of this process has already shown to be outdated).
     */
    public synchronized Optional<String> keptResultVersion() {
        return state == null && !cache.likelyCurrent() ? Optional.empty() : cacheableVersion();
    }

    /** Whether the cache holds the organization at the version this request may use. */
    synchronized boolean snapshotCached() {
        return cacheableVersion().flatMap(cache::snapshot).isPresent();
    }

    /**
     * The whole organization: the cached snapshot of the current version when there is one, else {@code read}
     * (one strongly consistent read, page by page), kept in the cache when the version is cacheable.
     */
    synchronized OrganizationSnapshot wholeOrganization(Supplier<List<Category>> read) {
        Optional<String> version = cacheableVersion();
        Optional<OrganizationSnapshot> cached = version.flatMap(cache::snapshot);
        OrganizationSnapshot snapshot = cached.orElseGet(() -> new OrganizationSnapshot(read.get()));
        if (version.isPresent() && cached.isEmpty()) {
            cache.putSnapshot(version.get(), state.structure(), snapshot);
        }
        snapshotVersion = version.orElse(null);
        use = cached.isPresent() ? "snapshot" : version.isPresent() ? "stored" : "bypassed";
        return snapshot;
    }

    /** What the cache did for this request's whole-organization read (see {@code RequestLog.cache}), or null. */
    public synchronized String use() {
        return use;
    }

    /**
     * The whole organization for a write that began with {@code begun} (the structural lease, or an adding write):
     * the cached snapshot when it is exactly the organization the write began on (cached at the revision just
     * before the write's own, so no other write began in between and none was in flight), else {@code read}.
     */
    public List<Category> wholeOrganizationAt(OrganizationState begun, Supplier<List<Category>> read) {
        if (!begun.indexed()) {
            return read.get();
        }
        return cache.snapshot(begun.versionAt(begun.revision() - 1)).map(OrganizationSnapshot::categories).orElseGet(read);
    }

    /** A read this request made that no snapshot answered: its result cannot be kept with a snapshot. */
    synchronized void readOutsideSnapshot() {
        readOutsideSnapshot = true;
    }

    /** The version every read of this request so far was answered at, when all came from one snapshot. */
    public synchronized Optional<String> answeredAt() {
        return snapshotVersion == null || readOutsideSnapshot || writing ? Optional.empty() : Optional.of(snapshotVersion);
    }

    public Optional<String> view(String version, String key) {
        return cache.view(version, key);
    }

    public void putView(String version, String key, String value) {
        cache.putView(version, key, value);
    }
}
