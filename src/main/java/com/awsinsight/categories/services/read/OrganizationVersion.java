package com.awsinsight.categories.services.read;

import com.awsinsight.categories.domain.coordination.OrganizationState;
import com.awsinsight.categories.domain.ports.CategoryRepository;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One request's reading of its organization's version, and what the process's {@link OrganizationCache} holds at
 * that version. The state item is read once, when first needed (one strongly consistent read, which also tells
 * whether the organization is indexed). What the cache holds is used only under the version that read found, and
 * only when that version is cacheable: the organization is indexed and no write is in flight
 * ({@link OrganizationState#cacheableVersion}). So a request never sees data older than the last write that ended
 * before it read the state item, whichever process made it: that write advanced the revision before it wrote,
 * and stayed registered until it ended.
 *
 * <p>Once the request itself begins a write ({@link #writing}), its own changes must be read back, so from then on
 * it neither uses the cache nor stores in it. It also records whether everything the request read came from one
 * snapshot of a known version: every read through {@link StoreReads} says it did not. Only then may a result
 * computed from those reads be kept next to the snapshot ({@link #keep}).
 */
public final class OrganizationVersion {
    private final CategoryRepository repository;
    private final Supplier<OrganizationState> stateRead;
    private final OrganizationCache.Slot cache;
    private final Clock clock;
    private OrganizationState state;
    private boolean writing;
    private String snapshotVersion;
    private boolean readOutsideSnapshot;
    private String cacheUse;

    /**
     * @param repository the organization's categories: only its whole-organization read is used here (every
     *                   other read goes through {@link StoreReads})
     * @param stateRead  one strongly consistent read of the organization's state item
     */
    public OrganizationVersion(CategoryRepository repository, Supplier<OrganizationState> stateRead,
                               OrganizationCache.Slot cache, Clock clock) {
        this.repository = repository;
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

    /** Whether the cache holds the organization at the version this request may use (reads the state item if not yet). */
    synchronized boolean snapshotCached() {
        return cacheableVersion().flatMap(cache::snapshot).isPresent();
    }

    /** {@link #snapshotCached}, answered only when this request has read the state item already: it costs no read. */
    synchronized boolean snapshotKnownCached() {
        return state != null && snapshotCached();
    }

    /**
     * The whole organization: the cached snapshot of the current version when there is one, else one strongly
     * consistent read (page by page), kept in the cache when the version is cacheable.
     */
    synchronized OrganizationSnapshot wholeOrganization() {
        Optional<String> version = cacheableVersion();
        Optional<OrganizationSnapshot> cached = version.flatMap(cache::snapshot);
        OrganizationSnapshot snapshot = cached.orElseGet(() -> new OrganizationSnapshot(repository.findAll()));
        if (version.isPresent() && cached.isEmpty()) {
            cache.putSnapshot(version.get(), state.structure(), snapshot);
        }
        snapshotVersion = version.orElse(null);
        cacheUse = cached.isPresent() ? "snapshot" : version.isPresent() ? "stored" : "bypassed";
        return snapshot;
    }

    /**
     * The whole organization for a write that began with {@code begun} (the structural lease, or a registered
     * write): the cached snapshot when it is exactly the organization the write began on (cached at the revision
     * just before the write's own, so no other write began in between and none was in flight), else one strongly
     * consistent read.
     */
    public OrganizationSnapshot snapshotFor(OrganizationState begun) {
        Optional<OrganizationSnapshot> cached = begun.indexed()
                ? cache.snapshot(begun.versionAt(begun.revision() - 1)) : Optional.empty();
        return cached.orElseGet(() -> new OrganizationSnapshot(repository.findAll()));
    }

    /**
     * The cached snapshot if where its categories sit (parent, active) is still exact for a write that began with
     * {@code begun}: the organization is indexed (nobody else writes it) and no structural write happened since the
     * snapshot was taken.
     */
    public Optional<OrganizationSnapshot> placesFor(OrganizationState begun) {
        return begun.indexed() ? cache.snapshotAtStructure(begun.structure()) : Optional.empty();
    }

    /** A read this request made that no snapshot answered: its result cannot be kept with a snapshot. */
    synchronized void readOutsideSnapshot() {
        readOutsideSnapshot = true;
    }

    /**
     * A result the process kept under {@code key} with the snapshot at the version this request may use, if any.
     * Finding the version reads the state item (once per request), but only while the process holds a snapshot of
     * the organization that is likely current; then, whether a result was kept or not, every read of the request is
     * answered from that snapshot if it is current ({@link #snapshotKnownCached}).
     */
    public synchronized Optional<String> keptResult(String key) {
        if (state == null && !cache.likelyCurrent()) {
            return Optional.empty();
        }
        return cacheableVersion().flatMap(version -> cache.keptResult(version, key));
    }

    /**
     * Keeps {@code result} under {@code key} with the snapshot it was computed from, if everything this request read
     * came from one snapshot of a known version (so the result is exactly what any request at that version would
     * get); returns whether it was kept.
     */
    public synchronized boolean keep(String key, String result) {
        if (snapshotVersion == null || readOutsideSnapshot || writing) {
            return false;
        }
        cache.keep(snapshotVersion, key, result);
        return true;
    }

    /** What the cache did for this request's whole-organization read (see {@code RequestLog.cache}), or null. */
    public synchronized String cacheUse() {
        return cacheUse;
    }
}
