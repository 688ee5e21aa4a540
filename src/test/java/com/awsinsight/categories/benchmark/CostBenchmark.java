package com.awsinsight.categories.benchmark;

import com.awsinsight.categories.domain.model.Caller;
import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.domain.model.Role;
import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.domain.model.Template;
import com.awsinsight.categories.domain.model.TemplateNode;
import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.graphql.GraphQLEngine;
import com.awsinsight.categories.graphql.GraphQLRequest;
import com.awsinsight.categories.graphql.QueryLimits;
import com.awsinsight.categories.graphql.SchemaFactory;
import com.awsinsight.categories.services.CategoryApplication;
import com.awsinsight.categories.services.read.OrganizationCache;
import com.awsinsight.categories.store.dynamodb.DynamoClients;
import com.awsinsight.categories.store.dynamodb.DynamoStore;
import com.awsinsight.categories.testing.Dynalite;
import com.awsinsight.categories.testing.FaultInjector;
import com.awsinsight.categories.testing.TreeFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import graphql.schema.GraphQLSchema;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The benchmark's section on what requests cost DynamoDB with the organization cache and the write holds
 * (issue 16): a cost table (calls, round trips, read and write units, items read, server time) for reads cold
 * and cached and for every kind of write; the targets, measured; creates from 10 concurrent clients at the root
 * and under parents; a 1,000-node template through slowed calls; the cache's memory with 100 organizations of
 * 1,000 categories. Everything on dynalite except the memory part. "Server time" is the engine's
 * {@code respond} with the JSON body written, timed in the process: what a request costs the Lambda beyond
 * its HTTP framing.
 *
 * <p>Long on purpose: one section of the benchmark, each part a method, so a run is one report.
 */
final class CostBenchmark {
    private static final GraphQLSchema SCHEMA = SchemaFactory.build();
    private static final int REPS = 5;
    private static final int ROUNDS = 9;
    private static final String TREE_100 = "tpl-cost-100";
    private static final String TREE_1000 = "tpl-cost-1000";

    private final List<String> failures;
    private final StringBuilder out = new StringBuilder();
    private final Random random = new Random(16);

    CostBenchmark(List<String> failures) {
        this.failures = failures;
    }

    /** One gateway process: its application (and so its cache) and engine. */
    private record Process(CategoryApplication application, GraphQLEngine engine) {
        static Process start(Store store) {
            return start(store, OrganizationCache.DEFAULT_MAX_BYTES);
        }

        static Process start(Store store, long cacheBytes) {
            CategoryApplication application = new CategoryApplication(store, Clock.systemUTC(), new OrganizationCache(cacheBytes));
            return new Process(application, new GraphQLEngine(SCHEMA, application, QueryLimits.DEFAULT, (id, what, e) -> { }));
        }

        Measured request(Caller caller, String query, Map<String, Object> variables) {
            long start = System.nanoTime();
            GraphQLEngine.Response response = engine.respond(new GraphQLRequest(query, null, variables), caller, "bench",
                    result -> Json.write(result.toSpecification()));
            long nanos = System.nanoTime() - start;
            return new Measured(response.session().metrics(), nanos, response.body(), response.cached());
        }
    }

    /** One request's cost and answer. */
    private record Measured(StoreMetrics metrics, long nanos, String body, boolean cached) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    String run() throws Exception {
        DynamoStore store = Dynalite.get().newStore();
        seed(store, "cost-1000", 1000);
        seed(store, "cost-10000", 10_000);
        store.templates(new StoreMetrics()).put(template(TREE_100, 9, 10));
        store.templates(new StoreMetrics()).put(template(TREE_1000, 9, 10, 10));
        line("## 5. Organization cache and write cost (dynalite)");
        line("");
        List<String[]> costs = costTable(store);
        Creates creates = creates(store);
        String readYourWrites = readYourWrites(store);
        String slowTemplate = slowTemplate();
        Memory memory = memory();
        targets(costs, creates, readYourWrites, slowTemplate, memory);
        return out.toString();
    }

    // ---------------------------------------------------------------- cost per request

    private List<String[]> costTable(DynamoStore store) {
        List<String[]> rows = new ArrayList<>();
        for (int size : List.of(1000, 10_000)) {
            String org = "cost-" + size;
            rows.add(row("whole tree, " + fmt(size) + ", cold (process never read it)",
                    () -> Process.start(store).request(viewer(org), PerformanceBenchmark.WHOLE_TREE, Map.of())));
            Process warm = Process.start(store);
            warm.request(viewer(org), PerformanceBenchmark.WHOLE_TREE, Map.of());
            rows.add(row("whole tree, " + fmt(size) + ", cached (unchanged since)",
                    () -> expectCached(warm.request(viewer(org), PerformanceBenchmark.WHOLE_TREE, Map.of()))));
        }
        String big = "cost-10000";
        rows.add(row("subtree, depth 2, cold", () -> Process.start(store).request(viewer(big), PerformanceBenchmark.SUBTREE, Map.of())));
        Process reader = Process.start(store);
        reader.request(viewer(big), PerformanceBenchmark.WHOLE_TREE, Map.of());
        rows.add(row("subtree, depth 2, tree cached", () -> reader.request(viewer(big), PerformanceBenchmark.SUBTREE, Map.of())));
        rows.add(row("breadcrumbs of 50, tree cached", () -> reader.request(viewer(big), PerformanceBenchmark.BREADCRUMBS, Map.of())));
        rows.add(row("page of 100 + parents, tree cached", () -> reader.request(viewer(big), PerformanceBenchmark.PAGE_WITH_PARENTS, Map.of())));
        String byId = "{ category(id: \"cat-00042\") { id name description parentId isActive } }";
        rows.add(row("listing of 20 by name, tree cached", () -> reader.request(viewer(big), PerformanceBenchmark.LIST_20, Map.of())));
        rows.add(row("listing of 20 by name, nothing cached", () -> Process.start(store).request(viewer(big), PerformanceBenchmark.LIST_20, Map.of())));
        Process lister = Process.start(store);
        rows.add(row("listing of 20 by name, repeated, no tree read", () -> lister.request(viewer(big), PerformanceBenchmark.LIST_20, Map.of())));
        rows.add(row("category by id, tree cached", () -> reader.request(viewer(big), byId, Map.of())));
        rows.add(row("category by id, repeated, no tree read", () -> lister.request(viewer(big), byId, Map.of())));
        Process outdated = Process.start(store);
        outdated.request(viewer(big), PerformanceBenchmark.WHOLE_TREE, Map.of());
        mutate(Process.start(store), big, "mutation($id: ID!, $n: String) { updateCategory(id: $id, input: { name: $n }) "
                + "{ category { id } userErrors { message } } }", Map.of("id", "cat-00007", "n", "Renamed " + UUID.randomUUID()));
        rows.add(row("category by id, held tree outdated by another process", () -> outdated.request(viewer(big), byId, Map.of())));
        Process writer = Process.start(store);
        writer.request(editor(big), PerformanceBenchmark.WHOLE_TREE, Map.of());
        List<Category> parents = TreeFixtures.tree(big, 10_000, 5).stream().filter(c -> !c.name().startsWith("Node 4-")).toList();
        rows.add(row("create at the root", () -> create(writer, big, "Root " + UUID.randomUUID(), null)));
        rows.add(row("create under a parent, tree known to the process",
                () -> create(writer, big, "Child " + UUID.randomUUID(), parents.get(random.nextInt(parents.size())).id())));
        rows.add(row("create under a parent, first in a fresh process",
                () -> create(Process.start(store), big, "Child " + UUID.randomUUID(), parents.get(random.nextInt(parents.size())).id())));
        Process creator = Process.start(store);
        String deepParent = parents.stream().filter(c -> c.name().startsWith("Node 3-")).findFirst().orElseThrow().id();
        create(creator, big, "Child " + UUID.randomUUID(), deepParent);
        rows.add(row("create under a parent, again in a process that never read the tree",
                () -> create(creator, big, "Child " + UUID.randomUUID(), deepParent)));
        Process renamer = Process.start(store);
        rows.add(row("change of description, process never read the tree", () -> mutate(renamer, big,
                "mutation($id: ID!, $n: String) { updateCategory(id: $id, input: { description: $n }) "
                        + "{ category { id } userErrors { message } } }", Map.of("id", "cat-00001", "n", "D " + UUID.randomUUID()))));
        rows.add(row("rename", () -> mutate(writer, big, "mutation($id: ID!, $n: String) { updateCategory(id: $id, input: { name: $n }) "
                + "{ category { id } userErrors { message } } }", Map.of("id", "cat-00001", "n", "Renamed " + UUID.randomUUID()))));
        String[] places = {"cat-00002", "cat-00003"};
        int[] turn = {0};
        Supplier<Map<String, Object>> nextMove = () -> Map.of("id", "cat-00013", "p", places[turn[0]++ % 2]);
        String move = "mutation($id: ID!, $p: ID) { moveCategory(id: $id, newParentId: $p) { category { id } userErrors { message } } }";
        rows.add(row("move, tree cached", () -> {
            writer.request(editor(big), PerformanceBenchmark.WHOLE_TREE, Map.of());
            return mutate(writer, big, move, nextMove.get());
        }));
        rows.add(row("move, nothing cached", () -> mutate(Process.start(store), big, move, nextMove.get())));
        rows.add(row("cascade delete of 100, tree cached", () -> {
            String root = hundredNodes(writer, big);
            writer.request(editor(big), PerformanceBenchmark.WHOLE_TREE, Map.of());
            return delete(writer, big, root);
        }));
        rows.add(row("cascade delete of 100, nothing cached", () -> delete(Process.start(store), big, hundredNodes(writer, big))));
        line("### 5a. DynamoDB cost per request");
        line("");
        line("Median of %d requests each. An organization of 1,000 or 10,000 categories over 5 levels (writes on the 10,000 one).", REPS);
        line("\"Cached\": the same process read the tree before and nothing changed since (one read of the organization's");
        line("state item, then the kept result). \"Tree cached\": the process holds the organization's snapshot. Units are");
        line("what DynamoDB (dynalite) reports as consumed; server time is the engine's work with the body written.");
        line("");
        table(new String[]{"request", "calls", "round trips", "items read", "read units", "write units", "server p50 ms"}, rows);
        return rows;
    }

    private Measured create(Process process, String org, String name, String parentId) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("n", name);
        variables.put("p", parentId);
        return mutate(process, org, "mutation($n: String!, $p: ID) { createCategory(input: { name: $n, parentId: $p }) "
                + "{ category { id } userErrors { message } } }", variables);
    }

    private Measured delete(Process process, String org, String id) {
        return mutate(process, org, "mutation($id: ID!) { deleteCategory(id: $id, cascade: true) { category { id } userErrors { message } } }",
                Map.of("id", id));
    }

    /** A fresh subtree of exactly 100 categories (untimed set-up): its root's id. */
    private String hundredNodes(Process process, String org) {
        Measured made = mutate(process, org, "mutation($t: ID!) { instantiateTemplate(templateId: $t) { categories { id } userErrors { message } } }",
                Map.of("t", TREE_100));
        return made.json().at("/data/instantiateTemplate/categories/0/id").asText();
    }

    private Measured mutate(Process process, String org, String mutation, Map<String, Object> variables) {
        Measured measured = process.request(editor(org), mutation, variables);
        if (!measured.json().findValues("userErrors").stream().allMatch(JsonNode::isEmpty) || measured.json().has("errors")) {
            failures.add("cost: " + mutation + " " + variables + ": " + measured.body());
        }
        return measured;
    }

    private Measured expectCached(Measured measured) {
        if (!measured.cached()) {
            failures.add("cost: a repeated whole tree was not answered from the cache");
        }
        return measured;
    }

    private String[] row(String label, Supplier<Measured> request) {
        List<Long> calls = new ArrayList<>();
        List<Long> trips = new ArrayList<>();
        List<Long> items = new ArrayList<>();
        List<Double> reads = new ArrayList<>();
        List<Double> writes = new ArrayList<>();
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < REPS; i++) {
            Measured measured = request.get();
            if (measured.body().contains("\"errors\"")) {
                failures.add("cost " + label + ": " + measured.body().substring(0, Math.min(300, measured.body().length())));
            }
            calls.add((long) measured.metrics().calls());
            trips.add((long) measured.metrics().roundTrips());
            items.add(measured.metrics().itemsRead());
            reads.add(measured.metrics().readUnits());
            writes.add(measured.metrics().writeUnits());
            nanos.add(measured.nanos());
        }
        return new String[]{label, fmt(PerformanceBenchmark.median(calls)), fmt(PerformanceBenchmark.median(trips)),
                fmt(PerformanceBenchmark.median(items)), units(PerformanceBenchmark.median(reads)),
                units(PerformanceBenchmark.median(writes)), ms(PerformanceBenchmark.median(nanos) / 1e6)};
    }

    // ---------------------------------------------------------------- creates from 10 clients

    private record Creates(List<String[]> rounds, double ratio, long medianCalls, long maxCalls) {
    }

    /**
     * 10 concurrent clients × 5 creates each on one process, at the root and under existing parents (picked at
     * random among the 1,000 categories' upper four levels), one after the other, {@value #ROUNDS} rounds; the
     * process read the tree once first, as an editor's page does.
     */
    private Creates creates(DynamoStore store) throws Exception {
        String org = "cost-creates";
        seed(store, org, 1000);
        List<Category> parents = TreeFixtures.tree(org, 1000, 5).stream().filter(c -> !c.name().startsWith("Node 4-")).toList();
        Process process = Process.start(store);
        process.request(editor(org), PerformanceBenchmark.WHOLE_TREE, Map.of());
        List<String[]> rounds = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Long> parentCalls = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            Supplier<String> anyParent = () -> parents.get(random.nextInt(parents.size())).id();
            boolean rootsFirst = round % 2 == 1;
            double roots = rootsFirst ? burst(process, org, () -> null, new ArrayList<>()) : 0;
            double underParents = burst(process, org, anyParent, parentCalls);
            if (!rootsFirst) {
                roots = burst(process, org, () -> null, new ArrayList<>());
            }
            ratios.add(underParents / roots);
            rounds.add(new String[]{Integer.toString(round), rootsFirst ? "at the root" : "under parents", rate(roots),
                    rate(underParents), ratio(underParents / roots)});
        }
        double ratio = PerformanceBenchmark.median(ratios);
        long maxCalls = parentCalls.stream().mapToLong(Long::longValue).max().orElse(0);
        line("### 5b. Creates from 10 concurrent clients on one process");
        line("");
        line("Each round: 10 clients × 5 creates at the root and 10 × 5 under existing parents, one after the other");
        line("(which first alternates); creates per second. The machine is shared: compare the median of the ratios.");
        line("");
        table(new String[]{"round", "first", "at the root /s", "under parents /s", "under parents / at the root"}, rounds);
        line("Median ratio %s; DynamoDB calls per create under a parent: median %d, max %d.", ratio(ratio),
                PerformanceBenchmark.median(parentCalls), maxCalls);
        line("");
        return new Creates(rounds, ratio, PerformanceBenchmark.median(parentCalls), maxCalls);
    }

    /** 10 clients × 5 creates at once; returns creates per second and adds each create's call count. */
    private double burst(Process process, String org, Supplier<String> parent, List<Long> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<Long>>> clients = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            List<String> parentIds = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                parentIds.add(parent.get());
            }
            clients.add(pool.submit(() -> {
                go.await();
                List<Long> made = new ArrayList<>();
                for (String parentId : parentIds) {
                    made.add((long) create(process, org, "Burst " + UUID.randomUUID(), parentId).metrics().calls());
                }
                return made;
            }));
        }
        long start = System.nanoTime();
        go.countDown();
        for (Future<List<Long>> client : clients) {
            calls.addAll(client.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return 50 / seconds;
    }

    // ---------------------------------------------------------------- read your writes, slow template, memory

    /** Two processes on one table: after each kind of write on one, the other's next read equals a fresh read. */
    private String readYourWrites(DynamoStore store) {
        String org = "cost-ryw-" + UUID.randomUUID();
        Process a = Process.start(store);
        Process b = Process.start(store);
        String tree = "{ categoryTree { id name isActive children { id name children { id name } } } }";
        String root = create(b, org, "Root", null).json().at("/data/createCategory/category/id").asText();
        String child = create(b, org, "Child", root).json().at("/data/createCategory/category/id").asText();
        List<Runnable> writes = List.of(
                () -> create(b, org, "Another root", null),
                () -> create(b, org, "Grandchild", child),
                () -> mutate(b, org, "mutation($id: ID!) { updateCategory(id: $id, input: { name: \"Renamed\" }) { category { id } userErrors { message } } }",
                        Map.of("id", child)),
                () -> mutate(b, org, "mutation($id: ID!) { moveCategory(id: $id, newParentId: null) { category { id } userErrors { message } } }",
                        Map.of("id", child)),
                () -> delete(b, org, root));
        int checked = 0;
        for (Runnable write : writes) {
            a.request(viewer(org), tree, Map.of());
            if (!a.request(viewer(org), tree, Map.of()).cached()) {
                failures.add("read your writes: the reader did not cache before the write");
            }
            write.run();
            JsonNode seen = a.request(viewer(org), tree, Map.of()).json();
            JsonNode fresh = Process.start(store, 0).request(viewer(org), tree, Map.of()).json();
            if (!seen.equals(fresh)) {
                failures.add("read your writes: " + seen + " vs " + fresh);
            } else {
                checked++;
            }
        }
        return checked + " of " + writes.size() + " kinds of write seen by the first read on the other process";
    }

    /** A 1,000-node template instantiated while every DynamoDB call waits 30 ms first. */
    private String slowTemplate() {
        FaultInjector slow = new FaultInjector();
        DynamoStore base = Dynalite.get().newStore();
        DynamoStore store = new DynamoStore(DynamoClients.create("us-east-1", Dynalite.get().endpoint(), List.of(slow)),
                base.categoriesTable(), base.templatesTable());
        store.templates(new StoreMetrics()).put(template(TREE_1000, 9, 10, 10));
        Process process = Process.start(store);
        String org = "cost-slow";
        String parent = create(process, org, "Company", null).json().at("/data/createCategory/category/id").asText();
        slow.delayEveryCall(Duration.ofMillis(30));
        Measured made;
        try {
            made = mutate(process, org, "mutation($t: ID!, $p: ID) { instantiateTemplate(templateId: $t, parentId: $p) "
                    + "{ categories { id } userErrors { message } } }", Map.of("t", TREE_1000, "p", parent));
        } finally {
            slow.delayEveryCall(Duration.ZERO);
        }
        int created = made.json().at("/data/instantiateTemplate/categories").size();
        if (created != 1000) {
            failures.add("slow template: " + made.body().substring(0, Math.min(300, made.body().length())));
        }
        return String.format(Locale.ROOT, "%d categories in %.1f s, %d calls of 30 ms added latency each", created,
                made.nanos() / 1e9, made.metrics().calls());
    }

    private record Memory(long cap, long estimated, int organizations, long retained) {
    }

    /**
     * 100 organizations of 1,000 categories read in turn by one process with the default cap; the heap the cache
     * retains is the heap in use with the process alive minus after it is dropped (full GCs before each reading).
     * The embedded store behind it hands out fresh copies, as DynamoDB's responses are.
     */
    private Memory memory() {
        Store store = new CopyingStore();
        for (int i = 0; i < 100; i++) {
            TreeFixtures.insert(store, TreeFixtures.tree("mem-" + i, 1000, 5));
        }
        Process process = Process.start(store);
        for (int i = 0; i < 100; i++) {
            process.request(viewer("mem-" + i), PerformanceBenchmark.WHOLE_TREE, Map.of());
        }
        OrganizationCache cache = process.application().cache();
        long withCache = usedHeapAfterGc();
        long estimated = cache.estimatedBytes();
        int held = cache.organizations();
        process = null;
        cache = null;
        long without = usedHeapAfterGc();
        Memory memory = new Memory(OrganizationCache.DEFAULT_MAX_BYTES, estimated, held, withCache - without);
        line("### 5c. Cache memory: 100 organizations of 1,000 categories, read in turn by one process");
        line("");
        table(new String[]{"cap", "estimate held", "organizations held", "heap retained (measured)", "measured / estimate"},
                List.<String[]>of(new String[]{mib(memory.cap()), mib(memory.estimated()), Integer.toString(memory.organizations()),
                        mib(memory.retained()), ratio((double) memory.retained() / memory.estimated())}));
        return memory;
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    // ---------------------------------------------------------------- targets

    private void targets(List<String[]> costs, Creates creates, String readYourWrites, String slowTemplate, Memory memory) {
        String[] cached = costs.stream().filter(r -> r[0].startsWith("whole tree, 10,000, cached")).findFirst().orElseThrow();
        double readUnits = Double.parseDouble(cached[4]);
        double serverMs = Double.parseDouble(cached[6].replace(",", ""));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"repeated whole tree of an unchanged 10,000-category organization", "≤ 2 read units, ≤ 20 ms server",
                cached[4] + " read units, " + cached[6] + " ms", verdict(readUnits <= 2 && serverMs <= 20)});
        rows.add(new String[]{"first read after a write, on another process", "reflects it", readYourWrites,
                verdict(readYourWrites.startsWith("5 of 5"))});
        rows.add(new String[]{"creates under parents vs at the root, 10 clients, one organization", "≥ 0.8×, ≤ 5 calls each",
                ratio(creates.ratio()) + ", median " + creates.medianCalls() + " calls (max " + creates.maxCalls() + ")",
                verdict(creates.ratio() >= 0.8 && creates.medianCalls() <= 5)});
        rows.add(new String[]{"1,000-node template, every call slowed", "instantiates", slowTemplate, verdict(slowTemplate.startsWith("1000 "))});
        rows.add(new String[]{"cache memory, 100 × 1,000 categories", "within the cap",
                mib(memory.retained()) + " retained, cap " + mib(memory.cap()), verdict(memory.retained() <= memory.cap())});
        line("### 5d. Targets");
        line("");
        table(new String[]{"target", "asked", "measured", "met"}, rows);
    }

    // ---------------------------------------------------------------- helpers

    private static void seed(Store store, String org, int size) throws Exception {
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(24);
        try {
            pool.submit(() -> TreeFixtures.insert(store, TreeFixtures.tree(org, size, 5))).get();
        } finally {
            pool.shutdown();
        }
    }

    /** A template of one root and, per level, that many children under each node. */
    private static Template template(String id, int... fanOut) {
        return new Template(id, 1, id, null, "BENCH", null, List.of(node(id + " 0", fanOut, 0)),
                Instant.parse("2024-01-01T00:00:00Z"), null);
    }

    private static TemplateNode node(String name, int[] fanOut, int level) {
        List<TemplateNode> children = new ArrayList<>();
        if (level < fanOut.length) {
            for (int i = 0; i < fanOut[level]; i++) {
                children.add(node(name + "." + i, fanOut, level + 1));
            }
        }
        return new TemplateNode(name, null, null, children);
    }

    private static Caller viewer(String org) {
        return new Caller(org, "bench-viewer", Role.VIEWER);
    }

    private static Caller editor(String org) {
        return new Caller(org, "bench-editor", Role.EDITOR);
    }

    private String verdict(boolean met) {
        return met ? "yes" : "**no**";
    }

    private void line(String format, Object... args) {
        out.append(args.length == 0 ? format : String.format(Locale.ROOT, format, args)).append('\n');
    }

    private void table(String[] header, List<String[]> rows) {
        line("| " + String.join(" | ", header) + " |");
        line("|" + "---|".repeat(header.length));
        rows.forEach(row -> line("| " + String.join(" | ", row) + " |"));
        line("");
    }

    private static String fmt(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String units(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.1f" : "%.0f", value);
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.2f" : "%.0f", value);
    }

    private static String rate(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f×", value);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
