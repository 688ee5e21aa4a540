package com.awsinsight.categories.services.read;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * What one gateway process remembers of organizations between requests (a Lambda instance lives for minutes
 * to hours), least recently used organization first out, within a cap on its estimated heap size. Per
 * organization it keeps:
 * <ul>
 *   <li>one {@link OrganizationSnapshot}: every category at one version ({@code epoch/revision} of the
 *       organization's state item), stored only when that version was read with no write in flight, so it is
 *       exactly the organization at that version; with the structure count of that version, so a create can
 *       check its parent's chain in it while no structural write has happened since;</li>
 *   <li>kept results: the serialized answers of category queries (trees, listings, lookups) computed from that
 *       snapshot, valid as long as it is;</li>
 *   <li>whether the last state item read in this process showed the snapshot's version: only then do requests read
 *       the state item to answer from the snapshot.</li>
 * </ul>
 * Nothing here is trusted without the state item: a request reads that item (one strongly consistent read)
 * and uses only what is stored under the version or structure count it read ({@link OrganizationVersion}).
 *
 * <p>Tenancy holds by construction: the only way in is {@link #slot}, which binds a handle to one organization
 * id, and every entry is keyed by that id alone; the request's session makes its slot from its caller's
 * verified organization.
 */
public final class OrganizationCache {
    /** Default cap on the estimated heap held (env {@code ORGANIZATION_CACHE_MB}). */
    public static final long DEFAULT_MAX_BYTES = 64L << 20;
    /** Kept results per organization, least recently used out first. */
    private static final int MAX_KEPT_RESULTS = 32;

    private final long maxBytes;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    /** @param maxBytes cap on the estimated heap of everything held; 0 turns the cache off */
    public OrganizationCache(long maxBytes) {
        this.maxBytes = Math.max(0, maxBytes);
    }

    /** The handle on one organization's entry; every read and write through it concerns that organization only. */
    public Slot slot(String organizationId) {
        return new Slot(organizationId);
    }

    public synchronized long estimatedBytes() {
        return bytes;
    }

    public synchronized int organizations() {
        return entries.size();
    }

    public long maxBytes() {
        return maxBytes;
    }

    private static final class Entry {
        final String version;
        final long structure;
        final OrganizationSnapshot snapshot;
        final LinkedHashMap<String, String> keptResults = new LinkedHashMap<>(16, 0.75f, true);
        /** Whether the last state item a request of this process read showed {@link #version} (or it was just stored). */
        boolean confirmed = true;

        Entry(String version, long structure, OrganizationSnapshot snapshot) {
            this.version = version;
            this.structure = structure;
            this.snapshot = snapshot;
        }

        long bytes() {
            long total = snapshot.estimatedBytes();
            for (var kept : keptResults.entrySet()) {
                total += resultBytes(kept.getKey(), kept.getValue());
            }
            return total;
        }
    }

    static long resultBytes(String key, String value) {
        return 96 + 2L * (key.length() + value.length());
    }

    /** One organization's entry, as a request of that organization sees it. */
    public final class Slot {
        private final String organizationId;

        private Slot(String organizationId) {
            this.organizationId = organizationId;
        }

        /**
         * Whether the held snapshot is likely current: the last state item a request of this process read for the
         * organization showed its version (or it was just stored). Only then is reading the state item to answer from
         * the snapshot worth a call; once a read has shown a newer version, requests stop paying for it until a newer
         * snapshot is stored.
         */
        boolean likelyCurrent() {
            synchronized (OrganizationCache.this) {
                Entry entry = entries.get(organizationId);
                return entry != null && entry.confirmed;
            }
        }

        /** Notes what a read of the state item showed: the version a request may use, or empty (none may be used). */
        void observed(Optional<String> version) {
            synchronized (OrganizationCache.this) {
                Entry entry = entries.get(organizationId);
                if (entry != null) {
                    entry.confirmed = version.isPresent() && version.get().equals(entry.version);
                }
            }
        }

        /** The organization's categories at {@code version}, if held. */
        Optional<OrganizationSnapshot> snapshot(String version) {
            synchronized (OrganizationCache.this) {
                Entry entry = entries.get(organizationId);
                return entry != null && version.equals(entry.version) ? Optional.of(entry.snapshot) : Optional.empty();
            }
        }

        /**
         * The held snapshot if it was taken at structure count {@code structure}: where every category in it sits
         * (parent, active) is still exact, whatever was written since, because only structural writes change that.
         */
        Optional<OrganizationSnapshot> snapshotAtStructure(long structure) {
            synchronized (OrganizationCache.this) {
                Entry entry = entries.get(organizationId);
                return entry != null && entry.structure == structure ? Optional.of(entry.snapshot) : Optional.empty();
            }
        }

        /** Keeps {@code snapshot} as the organization at {@code version} (replacing an older one and its kept results). */
        void putSnapshot(String version, long structure, OrganizationSnapshot snapshot) {
            synchronized (OrganizationCache.this) {
                if (maxBytes == 0 || snapshot.estimatedBytes() > maxBytes) {
                    return;
                }
                Entry previous = entries.remove(organizationId);
                if (previous != null) {
                    bytes -= previous.bytes();
                }
                Entry entry = new Entry(version, structure, snapshot);
                entries.put(organizationId, entry);
                bytes += entry.bytes();
                trim();
            }
        }

        /** A result kept with the snapshot at {@code version}, if held. */
        Optional<String> keptResult(String version, String key) {
            synchronized (OrganizationCache.this) {
                Entry entry = entries.get(organizationId);
                return entry != null && version.equals(entry.version) ? Optional.ofNullable(entry.keptResults.get(key)) : Optional.empty();
            }
        }

        /** Keeps a result computed from the snapshot at {@code version}; ignored when that snapshot is not the one held. */
        void keep(String version, String key, String value) {
            synchronized (OrganizationCache.this) {
                Entry entry = entries.get(organizationId);
                if (entry == null || !version.equals(entry.version) || resultBytes(key, value) > maxBytes) {
                    return;
                }
                bytes -= entry.bytes();
                entry.keptResults.put(key, value);
                Iterator<String> eldest = entry.keptResults.keySet().iterator();
                while (entry.keptResults.size() > MAX_KEPT_RESULTS) {
                    eldest.next();
                    eldest.remove();
                }
                bytes += entry.bytes();
                trim();
            }
        }
    }

    /** Drops least recently used organizations until the estimate is within the cap. */
    private void trim() {
        Iterator<Entry> eldest = entries.values().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            bytes -= eldest.next().bytes();
            eldest.remove();
        }
    }
}
