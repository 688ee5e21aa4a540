package com.awsinsight.categories.benchmark;

import com.awsinsight.categories.demo.DemoData;
import com.awsinsight.categories.domain.Category;
import com.awsinsight.categories.domain.Store;
import com.awsinsight.categories.observability.JsonLog;
import com.awsinsight.categories.store.dynamodb.DynamoStore;
import com.awsinsight.categories.store.dynamodb.DynamoTables;
import com.awsinsight.categories.store.memory.InMemoryStore;
import com.awsinsight.categories.testing.Dynalite;
import com.awsinsight.categories.testing.GraphQLHarness.Response;
import com.awsinsight.categories.testing.GraphQLHarness;
import com.awsinsight.categories.testing.TreeFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.awsinsight.categories.testing.GraphQLHarness.viewer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The performance benchmark of issue 8 (not part of the suite's pass/fail: tagged {@code benchmark},
 * which surefire excludes by default). Run it with {@code bash src/test/scripts/benchmark.sh}; it
 * writes the table to {@code target/benchmark/results.md} and the script prints it.
 *
 * <p>Every timing is a median over repeated runs, and every comparison is measured side by side in
 * the same run (interleaved), because the machines are shared and noisy. Call counts are exact.
 *
 * <p>System properties: {@code benchmark.sizes} (default {@code 100,1000,10000}),
 * {@code benchmark.coldRuns} (default 7), {@code benchmark.sections} (default {@code stores,server,cold}),
 * {@code benchmark.baselineJar} (an older build of the jar to
 * time next to the current one in the cold-start section).
 *
 * <p>Long on purpose: one class runs the whole benchmark (seeding, interleaved timing, the results table),
 * so a run is one command and one report.
 */
@Tag("benchmark")
class PerformanceBenchmark {
    private static final Path OUT = Path.of("target/benchmark");
    private static final Path JAR = Path.of("target/category-gateway.jar");
    private static final int DEPTH = 5;

    static final String WHOLE_TREE = """
            { categoryTree { id name childCount depth path
                children { id name childCount depth path parent { name }
                  children { id name childCount depth
                    children { id name childCount ancestors { name }
                      children { id name childCount depth path } } } } } }""";
    static final String SUBTREE = """
            { categoryTree(rootId: "cat-00000", maxDepth: 2) { id name childCount
                children { id name childCount children { id name childCount } } } }""";
    static final String BREADCRUMBS = """
            { categories(first: 50, orderBy: CREATED_AT_DESC) { edges { node { id name ancestors { id name } } } } }""";
    static final String PAGE_WITH_PARENTS = """
            { categories(first: 100, orderBy: CREATED_AT_DESC) { edges { node { id name parent { id name } } } } }""";
    /** A page in name order (NameKeyIndex, after the index mark). */
    static final String NAME_PAGE = "{ categories(first: 100) { edges { node { id name } } } }";
    /** Delta sync: the first page of a full sync, and a poll with a token. */
    static final String SYNC = "query($since: String) { categoryChanges(since: $since, first: 100) "
            + "{ categories { id name parentId isActive version } syncToken hasMore } }";
    /** The GraphQL twin of {@code GET /categories?limit=100}: the seed's list fields and the next-page cursor. */
    static final String LIST_100 = "{ categories(first: 100) { edges { node { id name description parentId isActive "
            + "metadata createdAt updatedAt createdBy updatedBy version } } pageInfo { hasNextPage endCursor } } }";

    private final StringBuilder report = new StringBuilder();
    private final List<String> failures = new ArrayList<>();

    @Test
    void run() throws Exception {
        Files.createDirectories(OUT);
        JsonLog.redirect(System.err, true);
        machine();
        String sections = System.getProperty("benchmark.sections", "stores,server,cold");
        if (sections.contains("stores")) {
            storeSection(sizes());
        }
        if (sections.contains("server")) {
            serverSection();
        }
        if (sections.contains("cold")) {
            coldStartSection();
        }
        String text = report.toString();
        Files.writeString(OUT.resolve("results.md"), text);
        System.out.println(text);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    // ---------------------------------------------------------------- machine

    private void machine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
        String mem = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .findFirst().map(l -> l.replaceAll("\\D+", "")).map(k -> String.format("%.1f GiB", Long.parseLong(k) / 1048576.0))
                .orElse("?");
        line("# Benchmark results");
        line("");
        line("Machine: %d CPUs (%s), %s RAM, Java %s (%s). Shared machine: medians of interleaved runs; ratios are side by side.",
                Runtime.getRuntime().availableProcessors(), cpu, mem, System.getProperty("java.version"),
                System.getProperty("java.vm.name"));
        line("");
    }

    // ---------------------------------------------------------------- 1 + 2: per store and size

    private void storeSection(List<Integer> sizes) throws Exception {
        List<String[]> counts = new ArrayList<>();
        List<String[]> latency = new ArrayList<>();
        for (int size : sizes) {
            String org = "bench-" + size;
            List<Category> tree = TreeFixtures.tree(org, size, DEPTH);
            Map<String, Store> stores = new java.util.LinkedHashMap<>();
            stores.put("dynalite", Dynalite.get().newStore());
            stores.put("in-memory", new InMemoryStore());
            for (Map.Entry<String, Store> entry : stores.entrySet()) {
                seed(entry.getValue(), tree);
                GraphQLHarness batched = new GraphQLHarness(entry.getValue(), true);
                GraphQLHarness unbatched = new GraphQLHarness(entry.getValue(), false);
                for (String[] query : List.of(new String[]{"whole tree", WHOLE_TREE}, new String[]{"subtree, depth 2", SUBTREE},
                        new String[]{"breadcrumbs of 50", BREADCRUMBS}, new String[]{"page of 100 + parents", PAGE_WITH_PARENTS})) {
                    counts.add(costs(entry.getKey(), size, query[0], () -> batched.run(viewer(org), query[1])));
                }
                counts.add(costs(entry.getKey(), size, "name page of 100", () -> batched.run(viewer(org), NAME_PAGE)));
                counts.add(costs(entry.getKey(), size, "sync: first 100 of a full sync", () -> batched.run(viewer(org), SYNC)));
                String token = syncedToken(batched, org);
                counts.add(costs(entry.getKey(), size, "sync: poll with nothing new", () -> batched.run(viewer(org), SYNC,
                        Map.of("since", token))));
                latency.add(latency(entry.getKey(), size, org, batched, unbatched));
            }
        }
        line("## 1. DynamoDB cost per request (batching on)");
        line("");
        line("Calls and sequential round trips as counted by the store (the SDK interceptor on dynalite; the same");
        line("counter in the in-memory store); items read from the store vs categories in the response. Median of 3.");
        line("");
        table(new String[]{"store", "categories", "request", "calls", "round trips", "items read", "items returned"}, counts);
        line("## 2. Whole-tree latency: DataLoader batching vs the same resolvers key by key");
        line("");
        line("Interleaved runs of the whole-tree query (%d levels). p99 is nearest-rank: with n < 100 it is the slowest run.", DEPTH);
        line("");
        table(new String[]{"store", "categories", "batched p50 ms", "batched p99 ms", "unbatched p50 ms", "unbatched p99 ms",
                "n (each)", "unbatched/batched p50", "calls batched / unbatched"}, latency);
    }

    /** The token a client holds once it has synced the whole organization (not timed). */
    private static String syncedToken(GraphQLHarness graphQL, String org) {
        String token = null;
        boolean more = true;
        while (more) {
            Map<String, Object> variables = new java.util.HashMap<>();
            variables.put("since", token);
            JsonNode batch = graphQL.run(viewer(org), SYNC, variables).at("/data/categoryChanges");
            token = batch.get("syncToken").asText();
            more = batch.get("hasMore").asBoolean();
        }
        return token;
    }

    private static void seed(Store store, List<Category> tree) throws Exception {
        ForkJoinPool pool = new ForkJoinPool(24);
        try {
            pool.submit(() -> TreeFixtures.insert(store, tree)).get();
        } finally {
            pool.shutdown();
        }
    }

    private String[] costs(String store, int size, String name, Supplier<Response> request) {
        List<Long> calls = new ArrayList<>();
        List<Long> trips = new ArrayList<>();
        List<Long> items = new ArrayList<>();
        long returned = 0;
        for (int i = 0; i < 3; i++) {
            Response response = request.get();
            if (!response.json().path("errors").isMissingNode()) {
                failures.add(store + " " + size + " " + name + ": " + response.json().path("errors"));
            }
            calls.add((long) response.metrics().calls());
            trips.add((long) response.metrics().roundTrips());
            items.add(response.metrics().itemsRead());
            returned = countCategories(response.json().path("data"));
        }
        return new String[]{store, fmt(size), name, fmt(median(calls)), fmt(median(trips)), fmt(median(items)), fmt(returned)};
    }

    /** Objects with an "id" and a "name" are categories (ancestors and parents included). */
    private static long countCategories(JsonNode node) {
        long count = node.isObject() && node.has("id") && node.has("name") ? 1 : 0;
        for (JsonNode child : node) {
            count += countCategories(child);
        }
        return count;
    }

    private String[] latency(String store, int size, String org, GraphQLHarness batched, GraphQLHarness unbatched) {
        boolean dynamo = store.equals("dynalite");
        long budgetNanos = TimeUnit.SECONDS.toNanos(dynamo ? 25 : 8);
        int max = dynamo ? 40 : 200;
        int warmup = dynamo && size >= 10000 ? 0 : 3;
        for (int i = 0; i < warmup; i++) {
            batched.run(viewer(org), WHOLE_TREE);
            unbatched.run(viewer(org), WHOLE_TREE);
        }
        List<Long> on = new ArrayList<>();
        List<Long> off = new ArrayList<>();
        int callsOn = 0;
        int callsOff = 0;
        long start = System.nanoTime();
        while (on.size() < max && (on.size() < 3 || System.nanoTime() - start < budgetNanos)) {
            long t0 = System.nanoTime();
            Response a = batched.run(viewer(org), WHOLE_TREE);
            long t1 = System.nanoTime();
            Response b = unbatched.run(viewer(org), WHOLE_TREE);
            long t2 = System.nanoTime();
            on.add(t1 - t0);
            off.add(t2 - t1);
            callsOn = a.metrics().calls();
            callsOff = b.metrics().calls();
            if (on.size() == 1 && !a.json().equals(b.json())) {
                failures.add(store + " " + size + ": batched and unbatched answers differ");
            }
        }
        double p50On = median(on) / 1e6;
        double p50Off = median(off) / 1e6;
        return new String[]{store, fmt(size), ms(p50On), ms(percentile(on, 99) / 1e6), ms(p50Off), ms(percentile(off, 99) / 1e6),
                Integer.toString(on.size()), String.format(Locale.ROOT, "%.1f×", p50Off / p50On), callsOn + " / " + callsOff};
    }

    // ---------------------------------------------------------------- 3: local server

    private void serverSection() throws Exception {
        List<Long> heaps = new ArrayList<>();
        List<Long> rss = new ArrayList<>();
        String restStatus = "n/a";
        List<Double> restRps = new ArrayList<>();
        List<Double> graphQLRps = new ArrayList<>();
        String connections = "";
        for (int round = 0; round < 3; round++) {
            try (ServerProcess server = ServerProcess.start(JAR)) {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                load(server, http, 1000, 8);
                long[] heap = server.heapAfterGc();
                heaps.add(heap[0]);
                rss.add(heap[1]);
                if (round > 0) {
                    continue;
                }
                int rest = status(http, server.get("/categories?limit=100"));
                restStatus = Integer.toString(rest);
                for (int i = 0; i < 3; i++) {
                    if (rest == 200) {
                        restRps.add(throughput(http, () -> server.get("/categories?limit=100"), 16, Duration.ofSeconds(4)));
                    }
                    graphQLRps.add(throughput(http, () -> server.graphQL(LIST_100), 16, Duration.ofSeconds(4)));
                }
                List<String> rounds = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    rounds.add(concurrentConnections(server, 200, 5));
                }
                connections = String.join("; ", rounds);
            }
        }
        line("## 3. Local server (`serve`, embedded store, demo data)");
        line("");
        line("Requests per second with 16 concurrent clients, 4 s per round, 3 interleaved rounds, median:");
        line("");
        List<String[]> rows = new ArrayList<>();
        String restCell = restRps.isEmpty() ? "n/a (route missing: GET /categories answered " + restStatus + ")" : String.format(Locale.ROOT, "%.0f", median(restRps));
        rows.add(new String[]{"REST `GET /categories?limit=100`", restCell});
        rows.add(new String[]{"GraphQL `categories(first: 100)` (same fields)", String.format(Locale.ROOT, "%.0f", median(graphQLRps))});
        rows.add(new String[]{"GraphQL / REST", restRps.isEmpty() ? "n/a (route missing)"
                : String.format(Locale.ROOT, "%.2f", median(graphQLRps) / median(restRps))});
        table(new String[]{"request", "requests/s"}, rows);
        line("200 concurrent connections (3 rounds; each connection sends 5 keep-alive GraphQL requests, all 200 open at once,");
        line("next to the 16 idle keep-alive connections of the throughput client): %s", connections);
        line("");
        line("Heap in use after 1,000 requests and a full GC (3 fresh server processes, median): %d KiB; resident set %d MiB.",
                median(heaps), median(rss) / 1024);
        line("");
    }

    private static void load(ServerProcess server, HttpClient http, int requests, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String query = i % 2 == 0 ? LIST_100 : WHOLE_TREE;
                results.add(pool.submit(() -> status(http, server.graphQL(query))));
            }
            for (Future<Integer> result : results) {
                assertEquals(200, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static int status(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private double throughput(HttpClient http, Supplier<HttpRequest> request, int threads, Duration duration) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong ok = new AtomicLong();
        AtomicInteger errors = new AtomicInteger();
        long end = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                while (System.nanoTime() < end) {
                    try {
                        if (status(http, request.get()) == 200) {
                            ok.incrementAndGet();
                        } else {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(duration.toSeconds() + 30, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (errors.get() > 0) {
            failures.add("throughput: " + errors.get() + " failed requests");
        }
        return ok.get() / seconds;
    }

    /** Opens all connections first, then every connection sends its requests at the same moment. */
    private String concurrentConnections(ServerProcess server, int connections, int requestsEach) throws Exception {
        List<Socket> sockets = new ArrayList<>();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            for (int i = 0; i < connections; i++) {
                Socket socket = new Socket("127.0.0.1", server.port);
                socket.setSoTimeout(60_000);
                sockets.add(socket);
            }
            CountDownLatch go = new CountDownLatch(1);
            byte[] body = ("{\"query\":" + jsonString(LIST_100) + "}").getBytes(StandardCharsets.UTF_8);
            byte[] head = ("POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAuthorization: Bearer "
                    + server.token + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            List<Future<?>> done = new ArrayList<>();
            for (Socket socket : sockets) {
                done.add(pool.submit(() -> {
                    try {
                        go.await();
                        OutputStream out = socket.getOutputStream();
                        InputStream in = socket.getInputStream();
                        for (int r = 0; r < requestsEach; r++) {
                            out.write(head);
                            out.write(body);
                            out.flush();
                            int status = readResponse(in);
                            if (status == 200) {
                                ok.incrementAndGet();
                            } else {
                                failed.incrementAndGet();
                                problems.add("status " + status);
                            }
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        problems.add(e.toString());
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> future : done) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
            pool.shutdownNow();
        }
        if (failed.get() > 0) {
            failures.add("200 connections: " + failed.get() + " failures, e.g. " + problems.subList(0, Math.min(3, problems.size())));
        }
        return String.format("%d requests OK, %d errors", ok.get(), failed.get());
    }

    /** Reads one HTTP/1.1 response with a Content-Length body; returns its status. */
    private static int readResponse(InputStream in) throws IOException {
        StringBuilder headers = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            headers.append((char) b);
            if (headers.length() >= 4 && headers.substring(headers.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        if (b == -1) {
            throw new IOException("connection closed");
        }
        String text = headers.toString();
        int status = Integer.parseInt(text.substring(9, 12));
        Matcher length = Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(text);
        if (length.find()) {
            in.readNBytes(Integer.parseInt(length.group(1)));
        }
        return status;
    }

    // ---------------------------------------------------------------- 4: cold start

    private void coldStartSection() throws Exception {
        String categories = "bench-cold-categories";
        String templates = "bench-cold-templates";
        DynamoTables.createIfMissing(Dynalite.get().client(), categories, templates);
        DemoData.loadIfMissing(new DynamoStore(Dynalite.get().client(), categories, templates));
        Path event = OUT.resolve("list-event.json");
        Files.writeString(event, listEvent());
        Map<String, String> env = Map.of("TABLE_NAME", categories, "TEMPLATES_TABLE_NAME", templates,
                "DYNAMODB_ENDPOINT", Dynalite.get().endpoint().toString(), "AWS_REGION", "us-east-1",
                "AWS_LAMBDA_FUNCTION_NAME", "category-gateway-benchmark", "ORGANIZATION_ID", DemoData.ORGANIZATION,
                "LOG_QUIET", "true");
        int runs = Integer.getInteger("benchmark.coldRuns", 7);
        String baseline = System.getProperty("benchmark.baselineJar", "");
        List<String[]> rows = new ArrayList<>();
        for (String flags : List.of("", "-XX:TieredStopAtLevel=1")) {
            List<List<String>> programs = new ArrayList<>();
            programs.add(command(flags, List.of("-cp", JAR + java.io.File.pathSeparator + "target/test-classes",
                    SdkOnlyColdStart.class.getName())));
            programs.add(command(flags, List.of("-jar", JAR.toString(), "invoke", event.toString())));
            if (!baseline.isEmpty()) {
                programs.add(command(flags, List.of("-jar", baseline, "invoke", event.toString())));
            }
            List<List<Long>> times = new ArrayList<>();
            programs.forEach(p -> times.add(new ArrayList<>()));
            for (int run = 0; run < runs; run++) {
                for (int p = 0; p < programs.size(); p++) {
                    times.get(p).add(firstResponse(programs.get(p), env));
                }
            }
            List<Double> pairRatios = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                pairRatios.add((double) times.get(1).get(run) / times.get(0).get(run));
            }
            String jvm = flags.isEmpty() ? "default JIT" : flags;
            long floor = median(times.get(0));
            long gateway = median(times.get(1));
            rows.add(new String[]{jvm, "SDK-only floor", fmt(floor), range(times.get(0)), "1.00"});
            rows.add(new String[]{jvm, "gateway (this build)", fmt(gateway), range(times.get(1)),
                    String.format(Locale.ROOT, "%.2f (pairwise median %.2f)", (double) gateway / floor, median(pairRatios))});
            if (!baseline.isEmpty()) {
                long before = median(times.get(2));
                rows.add(new String[]{jvm, "gateway (baseline jar)", fmt(before), range(times.get(2)),
                        String.format(Locale.ROOT, "%.2f", (double) before / floor)});
            }
        }
        line("## 4. Cold start: fresh JVM, process start → first response of a list request (dynalite)");
        line("");
        line("`java -jar target/category-gateway.jar invoke list-event.json` (Lambda handler, real SDK client, `categories(first: 100)`)");
        line("next to `SdkOnlyColdStart` (the same Query with only the SDK, from the same jar). %d interleaved runs each; target ≤ 1.5×.", runs);
        line("");
        table(new String[]{"JVM flags", "program", "median ms", "min–max ms", "÷ floor"}, rows);
        line("Shaded jar: %.1f MiB (%,d bytes).", Files.size(JAR) / 1048576.0, Files.size(JAR));
        line("");
    }

    private static List<String> command(String flags, List<String> rest) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (!flags.isEmpty()) {
            command.add(flags);
        }
        command.addAll(rest);
        return command;
    }

    /** Milliseconds from starting the process to the first line on its standard output (the response). */
    private long firstResponse(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.equals("TABLE_NAME") || k.equals("DYNAMODB_ENDPOINT")
                || k.equals("JAVA_TOOL_OPTIONS"));
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String first = out.readLine();
            long elapsed = System.nanoTime() - start;
            if (first == null || !first.contains("\"statusCode\":200")) {
                failures.add("cold start " + command + ": " + first);
            }
            process.waitFor(30, TimeUnit.SECONDS);
            return TimeUnit.NANOSECONDS.toMillis(elapsed);
        } finally {
            process.destroyForcibly();
        }
    }

    private static String listEvent() {
        String body = jsonString("{\"query\":" + jsonString(LIST_100) + "}");
        return """
                {"resource":"/graphql","path":"/graphql","httpMethod":"POST",
                 "headers":{"accept":"application/json","content-type":"application/json"},
                 "multiValueHeaders":null,"queryStringParameters":null,"pathParameters":null,
                 "requestContext":{"requestId":"cold-start","stage":"bench","identity":{"sourceIp":"127.0.0.1"},
                   "authorizer":{"claims":{"sub":"bench-user","custom:organizationId":"demo-org","custom:role":"viewer","token_use":"id"}}},
                 "body":%s,"isBase64Encoded":false}""".formatted(body).replace("\n", "");
    }

    // ---------------------------------------------------------------- the local server process

    private static final class ServerProcess implements AutoCloseable {
        final Process process;
        final int port;
        final String token;

        private ServerProcess(Process process, int port, String token) {
            this.process = process;
            this.port = port;
            this.token = token;
        }

        static ServerProcess start(Path jar) throws IOException {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", jar.toString(), "serve", "--port", Integer.toString(port))
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.equals("TABLE_NAME")
                    || k.equals("DYNAMODB_ENDPOINT") || k.equals("USER_POOL_ID") || k.equals("JAVA_TOOL_OPTIONS"));
            builder.environment().put("LOG_QUIET", "true");
            Process process = builder.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            String token = null;
            boolean next = false;
            while ((line = out.readLine()) != null) {
                if (next) {
                    token = line.trim();
                    break;
                }
                next = line.contains("Token for");
            }
            if (token == null) {
                process.destroyForcibly();
                throw new IllegalStateException("serve did not print a token");
            }
            Thread drain = new Thread(() -> {
                try {
                    out.transferTo(java.io.Writer.nullWriter());
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            drain.setDaemon(true);
            drain.start();
            return new ServerProcess(process, port, token);
        }

        HttpRequest get(String path) {
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + token).GET().build();
        }

        HttpRequest graphQL(String query) {
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":" + jsonString(query) + "}")).build();
        }

        /** Heap in use (KiB) after a full GC, and the resident set (KiB), via jcmd and /proc. */
        long[] heapAfterGc() throws Exception {
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            String pid = Long.toString(process.pid());
            new ProcessBuilder(jcmd, pid, "GC.run").redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
            Process info = new ProcessBuilder(jcmd, pid, "GC.heap_info").redirectErrorStream(true).start();
            String text = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Matcher used = Pattern.compile("used (\\d+)K").matcher(text);
            long heap = used.find() ? Long.parseLong(used.group(1)) : -1;
            long rss = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D+", ""))).orElse(-1L);
            return new long[]{heap, rss};
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private static List<Integer> sizes() {
        List<Integer> sizes = new ArrayList<>();
        for (String size : System.getProperty("benchmark.sizes", "100,1000,10000").split(",")) {
            sizes.add(Integer.parseInt(size.trim()));
        }
        return sizes;
    }

    private void line(String format, Object... args) {
        report.append(args.length == 0 ? format : String.format(Locale.ROOT, format, args)).append('\n');
    }

    private void table(String[] header, List<String[]> rows) {
        line("| " + String.join(" | ", header) + " |");
        line("|" + "---|".repeat(header.length));
        for (String[] row : rows) {
            line("| " + String.join(" | ", row) + " |");
        }
        line("");
    }

    static <T extends Comparable<T>> T median(List<T> values) {
        List<T> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((sorted.size() - 1) / 2);
    }

    static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static String range(List<Long> values) {
        return Collections.min(values) + "–" + Collections.max(values);
    }

    private static String fmt(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.2f" : "%.0f", value);
    }

    static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
