package com.awsinsight.categories.services.migration;

import com.awsinsight.categories.domain.ports.IndexBackfill;
import com.awsinsight.categories.domain.ports.StoredCategory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The {@code migrate} command's work on a whole table: makes every organization that the Node service
 * wrote indexed, without changing what any category says.
 *
 * <ol>
 *   <li><b>Scan</b>: the table is read in {@code segments} parallel Scan segments; each category that lacks
 *       the index attributes gets them (a conditional update of two attributes); every organization seen is
 *       remembered.</li>
 *   <li><b>Organizations</b>: each one is then indexed by {@link OrganizationIndexer} (leftovers backfilled,
 *       claims, duplicates reported, index mark), in parallel.</li>
 * </ol>
 * Every store call waits for the {@link RateLimiter}. Progress is saved through a {@link Checkpoints} after
 * every scanned page and every organization, so a run stopped by {@link #requestStop()} (Ctrl-C) or killed
 * resumes where the checkpoint says; redoing a page or an organization changes nothing, because every write
 * is conditional on the state it fixes. A run over a table that needs nothing writes nothing.
 */
public final class TableMigration {
    private static final int PAGE_SIZE = 500;

    private final IndexBackfill backfill;
    private final OrganizationIndexer indexer;
    private final RateLimiter limiter;
    private final Checkpoints checkpoints;
    private final Clock clock;
    private final AtomicBoolean stopRequested = new AtomicBoolean();

    /** Where a run keeps its progress between starts. */
    public interface Checkpoints {
        Optional<Checkpoint> load();

        void save(Checkpoint checkpoint);
    }

    /** How far one scan segment got: null token = from the start. */
    public record SegmentProgress(int segment, String resumeToken, boolean done) {
    }

    /** Totals of a run so far. */
    public record Counts(long scanned, long backfilled, long changedMeanwhile, long claimsWritten) {
        static final Counts ZERO = new Counts(0, 0, 0, 0);

        Counts plus(Counts other) {
            return new Counts(scanned + other.scanned, backfilled + other.backfilled,
                    changedMeanwhile + other.changedMeanwhile, claimsWritten + other.claimsWritten);
        }
    }

    /**
     * The saved state of a run: each segment's progress, every organization seen (true once indexed or found
     * unsettled), the counts, the duplicates and unsettled organizations found, and whether it finished.
     */
    public record Checkpoint(Instant startedAt, List<SegmentProgress> segments, Map<String, Boolean> organizations,
                             Map<String, Long> categoriesByOrganization, Counts counts,
                             List<OrganizationIndexer.DuplicateName> duplicates, List<String> unsettled, boolean finished) {
        public Checkpoint {
            segments = List.copyOf(segments);
            organizations = new TreeMap<>(organizations);
            categoriesByOrganization = new TreeMap<>(categoriesByOrganization);
            duplicates = List.copyOf(duplicates);
            unsettled = List.copyOf(unsettled);
        }
    }

    /**
     * What a run did; {@code finished} false when it was stopped (resume it by running again).
     * {@code categoriesByOrganization} counts every category scanned, per organization: compare it with the
     * Node service's own counts before the cutover.
     */
    public record Summary(boolean dryRun, boolean resumed, boolean finished, int segments, long scanned,
                          long backfilled, long changedMeanwhile, int organizations, int organizationsIndexed,
                          long claimsWritten, List<OrganizationIndexer.DuplicateName> duplicates,
                          List<String> unsettled, Map<String, Long> categoriesByOrganization, double seconds) {
    }

    public TableMigration(IndexBackfill backfill, OrganizationIndexer indexer, RateLimiter limiter, Checkpoints checkpoints,
                          Clock clock) {
        this.backfill = backfill;
        this.indexer = indexer;
        this.limiter = limiter;
        this.checkpoints = checkpoints;
        this.clock = clock;
    }

    /** Asks a running {@link #run} to stop after the pages and organizations in progress; it saves and returns. */
    public void requestStop() {
        stopRequested.set(true);
    }

    /**
     * Runs (or resumes) the migration. A dry run reads everything, writes nothing and saves no checkpoint.
     *
     * @param progress told the state after every page and organization (for progress output)
     */
    public Summary run(int segments, boolean dryRun, Consumer<Checkpoint> progress) {
        long started = System.nanoTime();
        Optional<Checkpoint> saved = dryRun ? Optional.empty() : checkpoints.load().filter(c -> !c.finished());
        Run run = new Run(saved.orElseGet(() -> fresh(segments)), dryRun, progress);
        boolean finished = run.scan() && run.indexOrganizations();
        Checkpoint last = run.finish(finished);
        long indexed = last.organizations().values().stream().filter(done -> done).count() - last.unsettled().size();
        return new Summary(dryRun, saved.isPresent(), finished, last.segments().size(), last.counts().scanned(),
                last.counts().backfilled(), last.counts().changedMeanwhile(), last.organizations().size(), (int) indexed,
                last.counts().claimsWritten(), last.duplicates(), last.unsettled(), last.categoriesByOrganization(),
                Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0);
    }

    private Checkpoint fresh(int segments) {
        List<SegmentProgress> progress = new ArrayList<>();
        for (int i = 0; i < segments; i++) {
            progress.add(new SegmentProgress(i, null, false));
        }
        return new Checkpoint(clock.instant(), progress, Map.of(), Map.of(), Counts.ZERO, List.of(), List.of(), false);
    }

    /** The mutable state of one run; every change goes through a synchronized method and is saved. */
    private final class Run {
        private final boolean dryRun;
        private final Consumer<Checkpoint> progress;
        private Checkpoint state;

        Run(Checkpoint state, boolean dryRun, Consumer<Checkpoint> progress) {
            this.state = state;
            this.dryRun = dryRun;
            this.progress = progress;
        }

        boolean scan() {
            List<SegmentProgress> pending = state.segments().stream().filter(s -> !s.done()).toList();
            return Parallel.run(pending.size(), stopRequested, pending.stream().<Runnable>map(s -> () -> scanSegment(s)).toList())
                    && state.segments().stream().allMatch(SegmentProgress::done);
        }

        boolean indexOrganizations() {
            List<String> pending = state.organizations().entrySet().stream()
                    .filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
            int threads = Math.max(1, state.segments().size());
            return Parallel.run(threads, stopRequested, pending.stream().<Runnable>map(org -> () -> {
                if (!stopRequested.get()) {
                    organizationDone(indexer.index(org, dryRun));
                }
            }).toList()) && state.organizations().values().stream().allMatch(done -> done);
        }

        private void scanSegment(SegmentProgress segment) {
            String token = segment.resumeToken();
            boolean done = false;
            while (!done && !stopRequested.get()) {
                limiter.acquire();
                IndexBackfill.ScanPage page = backfill.scan(segment.segment(), state.segments().size(), token, PAGE_SIZE);
                long backfilled = 0;
                long changed = 0;
                for (StoredCategory stored : page.categories()) {
                    if (stored.indexed() || dryRun) {
                        backfilled += stored.indexed() ? 0 : 1;
                        continue;
                    }
                    limiter.acquire();
                    if (backfill.backfill(stored.category())) {
                        backfilled++;
                    } else {
                        changed++;
                    }
                }
                token = page.resumeToken();
                done = page.last();
                pageDone(new SegmentProgress(segment.segment(), token, done),
                        page.categories().stream().map(s -> s.category().organizationId()).toList(),
                        new Counts(page.categories().size(), backfilled, changed, 0));
            }
        }

        /** @param organizations the organization of every category of the page */
        private synchronized void pageDone(SegmentProgress segment, List<String> organizations, Counts counts) {
            List<SegmentProgress> segments = new ArrayList<>(state.segments());
            segments.set(segment.segment(), segment);
            Map<String, Boolean> seen = new TreeMap<>(state.organizations());
            Map<String, Long> sizes = new TreeMap<>(state.categoriesByOrganization());
            organizations.forEach(org -> {
                seen.putIfAbsent(org, false);
                sizes.merge(org, 1L, Long::sum);
            });
            update(new Checkpoint(state.startedAt(), segments, seen, sizes, state.counts().plus(counts), state.duplicates(),
                    state.unsettled(), false));
        }

        private synchronized void organizationDone(OrganizationIndexer.Result result) {
            Map<String, Boolean> seen = new TreeMap<>(state.organizations());
            seen.put(result.organizationId(), true);
            List<OrganizationIndexer.DuplicateName> duplicates = new ArrayList<>(state.duplicates());
            duplicates.addAll(result.duplicates());
            List<String> unsettled = new ArrayList<>(state.unsettled());
            if (!result.settled()) {
                unsettled.add(result.organizationId());
            }
            long backfilled = dryRun ? 0 : result.backfilled(); // a dry run's scan already counted what would be backfilled
            Counts counts = new Counts(0, backfilled, result.changedMeanwhile(), result.claimsWritten());
            update(new Checkpoint(state.startedAt(), state.segments(), seen, state.categoriesByOrganization(),
                    state.counts().plus(counts), duplicates, unsettled, false));
        }

        synchronized Checkpoint finish(boolean finished) {
            Checkpoint last = new Checkpoint(state.startedAt(), state.segments(), state.organizations(),
                    state.categoriesByOrganization(), state.counts(), state.duplicates(), state.unsettled(), finished);
            update(last);
            return last;
        }

        private void update(Checkpoint next) {
            state = next;
            if (!dryRun) {
                checkpoints.save(next);
            }
            progress.accept(next);
        }
    }

    /** Organizations of the table, found by a full scan (no writes): for {@code migrate --reset-markers}. */
    public List<String> organizations(int segments) {
        java.util.Set<String> found = new java.util.TreeSet<>();
        for (int segment = 0; segment < segments; segment++) {
            String token = null;
            do {
                limiter.acquire();
                IndexBackfill.ScanPage page = backfill.scan(segment, segments, token, PAGE_SIZE);
                page.categories().forEach(s -> found.add(s.category().organizationId()));
                token = page.resumeToken();
            } while (token != null);
        }
        return List.copyOf(found);
    }
}
