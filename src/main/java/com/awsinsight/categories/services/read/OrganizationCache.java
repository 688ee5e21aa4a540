package com.awsinsight.categories.services.read;

import com.awsinsight.categories.domain.model.Category;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one gateway process remembers of organizations between requests (a Lambda instance lives for minutes
 * to hours), least recently used organization first out, within a cap on its estimated heap size. Per
 * organization it keeps:
 * <ul>
 *   <li>one {@link OrganizationSnapshot}: every category at one version ({@code epoch/revision} of the
 *       organization's state item), stored only when that version was read with no write in flight, so it is
 *       exactly the organization at that version;</li>
 *   <li>views of that snapshot (a serialized query result, say), valid as long as it is;</li>
 *   <li>links: each category's parent and active flag at one structure count, learned from snapshots and from
 *       reads made while holding an adding write; exact as long as the structure count has not moved, because
 *       only holders of the structural lease move, deactivate or reactivate categories.</li>
 * </ul>
 * Nothing here is trusted without the state item: a request reads that item (one strongly consistent read)
 * and uses only what is stored under the version or structure count it read.
 *
 * <p>Tenancy holds by construction: the only way in is {@link #slot}, which binds a handle to one organization
 * id, and every entry is keyed by that id alone; the request's session makes its slot from its caller's
 * verified organization.
 */
public final class OrganizationCache {
    /** Default cap on the estimated heap held (env {@code ORGANIZATION_CACHE_MB}). */
    public static final long DEFAULT_MAX_BYTES = 64L << 20;
    /** Kept results per organization, least recently used out first (pages and lookups are kept, not only trees). */
    private static final int MAX_VIEWS = 32;
    private static final long LINK_BYTES = 120;

    private final long maxBytes;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    /** A category's place in the tree: its parent (null for a root) and whether it is active. */
    public record Link(String parentId, boolean active) {
        public static Link of(Category category) {
            return new Link(category.parentId(), category.active());
        }
    }

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
        String version;
        OrganizationSnapshot snapshot;
        long snapshotStructure;
        /** Whether the last state item read in this process showed {@link #version} (or the snapshot was just stored). */
        boolean confirmed;
        final LinkedHashMap<String, String> views = new LinkedHashMap<>(16, 0.75f, true);
        long linksStructure = -1;
        Map<String, Link> links = new HashMap<>();

        long bytes() {
            long total = snapshot == null ? 0 : snapshot.estimatedBytes();
            for (Map.Entry<String, String> view : views.entrySet()) {
                total += viewBytes(view.getKey(), view.getValue());
            }
            return total + links.size() * LINK_BYTES;
        }
    }

    static long viewBytes(String key, String value) {
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
         * organization showed its version (or it was just stored). Only then is reading the state item to look
         * for a kept result worth a call; once a read has shown a newer version, requests stop paying for it
         * until a newer snapshot is stored.
         */
        boolean likelyCurrent() {
            synchronized (OrganizationCache.this) {
                Entry entry = entries.get(organizationId);
                return entry != null && entry.snapshot != null && entry.confirmed;
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

        /** Keeps {@code snapshot} as the organization at {@code version} (replacing an older one and its views). */
        void putSnapshot(String version, long structure, OrganizationSnapshot snapshot) {
            synchronized (OrganizationCache.this) {
                if (maxBytes == 0 || snapshot.estimatedBytes() > maxBytes) {
                    return;
                }
                Entry entry = entry();
                bytes -= entry.bytes();
                if (!version.equals(entry.version)) {
                    entry.views.clear();
                }
                entry.version = version;
                entry.snapshot = snapshot;
                entry.confirmed = true;
                entry.snapshotStructure = structure;
                if (entry.linksStructure != structure) {
                    entry.links = new HashMap<>();
                    entry.linksStructure = structure;
                }
                bytes += entry.bytes();
                trim();
            }
        }

        /** A value derived from the snapshot at {@code version}, if held. */
        Optional<String> view(String version, String key) {
            synchronized (OrganizationCache.this) {
                Entry entry = entries.get(organizationId);
                return entry != null && version.equals(entry.version) ? Optional.ofNullable(entry.views.get(key)) : Optional.empty();
            }
        }

        /** Keeps a value derived from the snapshot at {@code version}; ignored when that snapshot is not the one held. */
        void putView(String version, String key, String value) {
            synchronized (OrganizationCache.this) {
                Entry entry = entries.get(organizationId);
                if (entry == null || !version.equals(entry.version) || viewBytes(key, value) > maxBytes) {
                    return;
                }
                bytes -= entry.bytes();
                entry.views.put(key, value);
                Iterator<String> eldest = entry.views.keySet().iterator();
                while (entry.views.size() > MAX_VIEWS) {
                    eldest.next();
                    eldest.remove();
                }
                bytes += entry.bytes();
                trim();
            }
        }

        /** Where category {@code id} sits at structure count {@code structure}, if known. */
        public Optional<Link> link(long structure, String id) {
            synchronized (OrganizationCache.this) {
                Entry entry = entries.get(organizationId);
                if (entry == null) {
                    return Optional.empty();
                }
                if (entry.snapshot != null && entry.snapshotStructure == structure) {
                    Category known = entry.snapshot.get(id);
                    if (known != null) {
                        return Optional.of(Link.of(known));
                    }
                }
                return entry.linksStructure == structure ? Optional.ofNullable(entry.links.get(id)) : Optional.empty();
            }
        }

        /** Where category {@code id} was last seen, at whatever structure count: a guess to verify, never a fact. */
        public Optional<Link> hint(String id) {
            synchronized (OrganizationCache.this) {
                Entry entry = entries.get(organizationId);
                if (entry == null) {
                    return Optional.empty();
                }
                Link learned = entry.links.get(id);
                if (learned != null) {
                    return Optional.of(learned);
                }
                Category known = entry.snapshot == null ? null : entry.snapshot.get(id);
                return known == null ? Optional.empty() : Optional.of(Link.of(known));
            }
        }

        /** Remembers where these categories sit at structure count {@code structure}. */
        public void learn(long structure, Map<String, Link> learned) {
            synchronized (OrganizationCache.this) {
                if (maxBytes == 0 || learned.isEmpty()) {
                    return;
                }
                Entry entry = entry();
                bytes -= entry.bytes();
                if (entry.linksStructure != structure) {
                    entry.links = new HashMap<>();
                    entry.linksStructure = structure;
                }
                entry.links.putAll(learned);
                bytes += entry.bytes();
                trim();
            }
        }

        private Entry entry() {
            return entries.computeIfAbsent(organizationId, k -> new Entry());
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
