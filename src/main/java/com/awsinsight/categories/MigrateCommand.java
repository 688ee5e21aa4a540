package com.awsinsight.categories;

import com.awsinsight.categories.cli.Arguments;
import com.awsinsight.categories.cli.CommandLine;
import com.awsinsight.categories.cli.Option;
import com.awsinsight.categories.cli.UsageException;
import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.services.migration.OrganizationIndexer;
import com.awsinsight.categories.services.migration.RateLimiter;
import com.awsinsight.categories.services.migration.TableMigration;
import com.awsinsight.categories.store.dynamodb.DynamoStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code migrate}: makes the organizations the Node service wrote indexed (see {@link TableMigration}).
 * <pre>
 *   migrate [--dry-run] [--segments N] [--rate CALLS_PER_SECOND] [--state FILE]
 *   migrate --org ORGANIZATION_ID [--dry-run] [--rate CALLS_PER_SECOND]
 *   migrate --reset-markers [--org ORGANIZATION_ID] [--segments N] [--rate CALLS_PER_SECOND]
 * </pre>
 * The whole-table run saves its progress to {@code --state} (default {@value #DEFAULT_STATE}) after every
 * page, so Ctrl-C (which stops it cleanly) or a crash is resumed by running the same command again; a
 * finished run starts afresh. Progress goes to standard error every few seconds, the JSON summary to
 * standard output. Exit status: 0 finished, 3 stopped before the end, 2 usage ({@link Main} checks the tables
 * first and refuses with 1).
 * {@code --reset-markers} forgets that organizations are indexed: run it when the Node service takes writes
 * again (a rollback), so the gateway does not trust indexes that service no longer keeps.
 */
final class MigrateCommand {
    static final String DEFAULT_STATE = "migrate-state.json";
    static final int DEFAULT_SEGMENTS = 4;
    static final int DEFAULT_RATE = 200;
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(2);

    static final Option<Boolean> DRY_RUN = Option.flag("--dry-run",
            "read everything and report what would be written; write nothing (no state file either)");
    static final Option<Integer> SEGMENTS = Option.number("--segments", "N", 1, 1_000,
            "parallel scan segments of a whole-table run (default " + DEFAULT_SEGMENTS + "; at most 32 scanned at once)");
    static final Option<Integer> RATE = Option.number("--rate", "CALLS_PER_SECOND", 1, Integer.MAX_VALUE,
            "DynamoDB calls per second at most (default " + DEFAULT_RATE + ")");
    static final Option<Path> STATE = Option.path("--state", "FILE",
            "where the whole-table run keeps its progress (default " + DEFAULT_STATE + ")");
    static final Option<String> ORG = Main.organizationOption("work on this one organization only");
    static final Option<Boolean> RESET_MARKERS = Option.flag("--reset-markers",
            "forget that organizations are indexed (all, or --org's), before a rollback to the Node service");

    static final CommandLine COMMAND_LINE = CommandLine.command(Main.PROGRAM, "migrate")
            .synopsis("[--dry-run] [--segments N] [--rate CALLS_PER_SECOND] [--state FILE]")
            .synopsis("--org ORGANIZATION_ID [--dry-run] [--rate CALLS_PER_SECOND]")
            .synopsis("--reset-markers [--org ORGANIZATION_ID] [--segments N] [--rate CALLS_PER_SECOND]")
            .description("""
                    Makes the organizations the Node service wrote indexed, on the DynamoDB tables of TABLE_NAME /
                    TEMPLATES_TABLE_NAME: backfills the index attributes, claims every active name, marks each organization
                    indexed. Resumable (Ctrl-C, then the same command again), never switches anything off. Checks both
                    tables first and refuses when an index the gateway reads is missing (docs/cutover.md).""")
            .option(DRY_RUN).option(SEGMENTS).option(RATE).option(STATE).option(ORG).option(RESET_MARKERS)
            .build();

    /** The commands' JSON output: indented, instants as ISO-8601 text. */
    static final ObjectWriter JSON = Json.MAPPER.writerWithDefaultPrettyPrinter();

    private final Store store;
    private final Clock clock;
    private final PrintStream out;
    private final PrintStream err;
    private final java.util.function.Consumer<TableMigration.Checkpoint> observer;
    private volatile TableMigration running;

    MigrateCommand(Store store, Clock clock, PrintStream out, PrintStream err) {
        this(store, clock, out, err, checkpoint -> { });
    }

    /** @param observer also told every saved checkpoint (tests stop a run with it, as Ctrl-C would) */
    MigrateCommand(Store store, Clock clock, PrintStream out, PrintStream err,
                   java.util.function.Consumer<TableMigration.Checkpoint> observer) {
        this.store = store;
        this.clock = clock;
        this.out = out;
        this.err = err;
        this.observer = observer;
    }

    /**
     * Parses the arguments after {@code migrate}: {@link #COMMAND_LINE}'s, and the combinations it refuses (an
     * option that the chosen form would ignore is an error, not silently dropped).
     */
    static Arguments parse(List<String> arguments) throws UsageException {
        Arguments parsed = COMMAND_LINE.parse(arguments);
        if (parsed.help()) {
            return parsed;
        }
        if (parsed.has(RESET_MARKERS) && parsed.has(DRY_RUN)) {
            throw new UsageException("--reset-markers cannot be combined with --dry-run");
        }
        if (parsed.has(STATE) && (parsed.has(ORG) || parsed.has(RESET_MARKERS))) {
            throw new UsageException("--state belongs to the whole-table run, not to --org or --reset-markers");
        }
        if (parsed.has(SEGMENTS) && parsed.has(ORG)) {
            throw new UsageException("--segments belongs to whole-table runs, not to --org");
        }
        return parsed;
    }

    /** Parses the arguments after {@code migrate} and runs; returns the exit status (2 for arguments it refuses). */
    int run(List<String> arguments) {
        try {
            Arguments parsed = parse(arguments);
            if (parsed.help()) {
                out.print(COMMAND_LINE.usage());
                return 0;
            }
            return run(parsed);
        } catch (UsageException e) {
            err.println("category-gateway migrate: " + e.getMessage());
            err.print(COMMAND_LINE.usage());
            return Main.USAGE;
        }
    }

    /** Runs with parsed arguments; returns the exit status. */
    int run(Arguments arguments) {
        String org = arguments.get(ORG).orElse(null);
        boolean dryRun = arguments.has(DRY_RUN);
        int segments = arguments.get(SEGMENTS, DEFAULT_SEGMENTS);
        Path state = arguments.get(STATE, Path.of(DEFAULT_STATE));
        RateLimiter limiter = new RateLimiter(arguments.get(RATE, DEFAULT_RATE));
        if (arguments.has(RESET_MARKERS)) {
            return resetMarkers(org, segments, limiter);
        }
        if (org != null && !Main.hasCategories(store, org)) {
            err.println("migrate: refused, " + Main.noCategories(org, target(store)));
            return Main.REFUSED;
        }
        if (org != null) {
            OrganizationIndexer.Result result = indexer(limiter).index(org, dryRun);
            print(Map.of("dryRun", dryRun, "organization", result));
            return 0;
        }
        Path folder = state.toAbsolutePath().getParent();
        if (!dryRun && (folder == null || !Files.isDirectory(folder) || !Files.isWritable(folder))) {
            err.println("migrate: cannot keep its state in " + state + ": the folder " + folder + " is missing or not writable"
                    + " (give --state FILE in a writable folder)");
            return Main.USAGE;
        }
        FileCheckpoints checkpoints = new FileCheckpoints(state, target(store));
        Optional<String> foreign = dryRun ? Optional.empty() : checkpoints.foreignTarget();
        if (foreign.isPresent()) {
            err.println("migrate: refused, the state file " + state + " belongs to a run on " + foreign.get() + ", not on "
                    + target(store) + ": give this run its own --state FILE (or delete that file to start over: a run"
                    + " changes nothing an earlier one did)");
            return Main.REFUSED;
        }
        TableMigration migration = new TableMigration(store.backfill(new StoreMetrics()), indexer(limiter), limiter,
                checkpoints, clock);
        running = migration;
        TableMigration.Summary summary = migration.run(segments, dryRun, progressPrinter(dryRun).andThen(observer));
        print(summary);
        return summary.finished() ? 0 : 3;
    }

    /** Stops a running whole-table migration after its current pages (Ctrl-C); it saves its state and returns. */
    void stop() {
        TableMigration migration = running;
        if (migration != null) {
            migration.requestStop();
        }
    }

    /** Runs the command with Ctrl-C wired to a clean stop: the shutdown hook waits until the state is saved. */
    static int runWithInterrupts(MigrateCommand command, Arguments arguments) {
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            command.stop();
            try {
                done.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return command.run(arguments);
        } finally {
            done.countDown();
        }
    }

    private OrganizationIndexer indexer(RateLimiter limiter) {
        return new OrganizationIndexer(store, new StoreMetrics(), clock, limiter::acquire);
    }

    private int resetMarkers(String org, int segments, RateLimiter limiter) {
        List<String> organizations = org != null ? List.of(org)
                : new TableMigration(store.backfill(new StoreMetrics()), indexer(limiter), limiter, new FileCheckpoints(null, target(store)), clock)
                        .organizations(segments);
        organizations.forEach(o -> {
            limiter.acquire();
            store.coordination(o, new StoreMetrics()).clearIndexed();
        });
        print(Map.of("markersCleared", organizations.size(), "organizations", organizations));
        return 0;
    }

    private java.util.function.Consumer<TableMigration.Checkpoint> progressPrinter(boolean dryRun) {
        long[] last = {System.nanoTime()};
        return checkpoint -> {
            long now = System.nanoTime();
            if (now - last[0] < PROGRESS_EVERY_NANOS && !checkpoint.finished()) {
                return;
            }
            last[0] = now;
            long segmentsDone = checkpoint.segments().stream().filter(TableMigration.SegmentProgress::done).count();
            long indexed = checkpoint.organizations().values().stream().filter(d -> d).count();
            err.printf("migrate%s: segments %d/%d, scanned %d, backfilled %d, organizations %d/%d, claims %d, duplicates %d%n",
                    dryRun ? " (dry run)" : "", segmentsDone, checkpoint.segments().size(), checkpoint.counts().scanned(),
                    checkpoint.counts().backfilled(), indexed, checkpoint.organizations().size(),
                    checkpoint.counts().claimsWritten(), checkpoint.duplicates().size());
        };
    }

    private void print(Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What a run works on, as its state file records it: the tables, the region and the endpoint (a state file
     * resumes only a run on the same ones).
     */
    static String target(Store store) {
        if (!(store instanceof DynamoStore dynamo)) {
            return "the embedded store";
        }
        DynamoDbServiceClientConfiguration client = dynamo.client().serviceClientConfiguration();
        return "tables " + dynamo.categoriesTable() + " and " + dynamo.templatesTable() + ", region " + client.region()
                + ", endpoint " + client.endpointOverride().map(URI::toString).orElse("AWS's");
    }

    /**
     * The checkpoint as a JSON file, {@code {"target": …, "checkpoint": …}}, replaced atomically (write a temporary
     * file, then rename). It resumes only a run on the target it was written for.
     */
    static final class FileCheckpoints implements TableMigration.Checkpoints {
        private final Path file;
        private final String target;

        FileCheckpoints(Path file, String target) {
            this.file = file;
            this.target = target;
        }

        /** The target the existing state file was written for, when it is another one (or unrecorded). */
        Optional<String> foreignTarget() {
            Optional<JsonNode> saved = read();
            if (saved.isEmpty()) {
                return Optional.empty();
            }
            JsonNode recorded = saved.get().path("target");
            if (!recorded.isTextual()) {
                return Optional.of("tables it does not name (a state file of an earlier build)");
            }
            return recorded.asText().equals(target) ? Optional.empty() : Optional.of(recorded.asText());
        }

        @Override
        public Optional<TableMigration.Checkpoint> load() {
            if (foreignTarget().isPresent()) {
                throw new IllegalStateException("the migration state " + file + " belongs to a run on " + foreignTarget().get());
            }
            return read().map(saved -> {
                try {
                    return Json.MAPPER.treeToValue(saved.get("checkpoint"), TableMigration.Checkpoint.class);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read the migration state " + file, e);
                }
            });
        }

        private Optional<JsonNode> read() {
            if (file == null || !Files.exists(file)) {
                return Optional.empty();
            }
            try {
                return Optional.of(Json.MAPPER.readTree(file.toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the migration state " + file, e);
            }
        }

        @Override
        public void save(TableMigration.Checkpoint checkpoint) {
            if (file == null) {
                return;
            }
            try {
                Path absolute = file.toAbsolutePath();
                Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
                Map<String, Object> saved = new LinkedHashMap<>();
                saved.put("target", target);
                saved.put("checkpoint", checkpoint);
                Files.write(temporary, JSON.writeValueAsBytes(saved));
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot save the migration state " + file, e);
            }
        }
    }
}
