package com.awsinsight.categories.benchmark;

import com.awsinsight.categories.demo.DemoData;
import com.awsinsight.categories.store.dynamodb.DynamoStore;
import com.awsinsight.categories.store.dynamodb.DynamoTables;
import com.awsinsight.categories.testing.Dynalite;
import com.awsinsight.categories.testing.StandInRuntimeApi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The benchmark's section of issue 24: the Lambda artifact against the Node service's list handler in the seed's
 * own shape, on equal terms, cold and warm, on two cores, one core and under the CPU quotas of 1,024, 512 and 256 MB
 * functions; then what a million warm requests and a cold start cost on Lambda at each environment's memory.
 *
 * <p>Both sides are Lambda runtimes polling a {@link StandInRuntimeApi} (Nagle off) for API Gateway events, against
 * the same dynalite and the same demo organization: the Node side is {@code src/test/node-service/category-list.cjs}
 * (CommonJS, {@code new DynamoDBClient({})} with region, credentials and {@code AWS_ENDPOINT_URL_DYNAMODB} from the
 * environment, one Query of 20 items) run by {@code runtime.cjs} (a minimal loop over the Runtime API, as Lambda's
 * Node runtime runs a handler); the Java side is the artifact's own {@code bootstrap}, answering the REST list route
 * ({@code GET /categories?limit=20}) and the GraphQL listing ({@code categories(first: 20)} with the seed's list
 * fields), with the deployed function's variables, its log lines on (standard output, as on Lambda) and the memory of
 * the function whose CPU share the limit stands for ({@code -XX:MaxRAM}, from which the JVM sizes its heap). The
 * earlier ES-module anchor ({@code category-list-esm.mjs}) has a labelled row on two cores.
 *
 * <p>A program's <em>life</em> ({@link ColdStarts#life}) is one fresh process: the first event is queued before it
 * starts (a cold start), then {@code requests - 1} more, each queued when the previous response arrived. Every
 * round runs every program under every limit once, the order rotated per round; the tables show medians over the
 * rounds of each life's figures: first response (wall after process start, process CPU), the median latency of
 * requests 2–11, the median latency of requests 101–200, and process CPU per request over requests 101–200.
 *
 * <p>System properties: {@code benchmark.lambdaRounds} (default 5), {@code benchmark.lambdaRequests} (default 200),
 * {@code benchmark.lambdaLimits} (default {@code 2cores,1core,58,29,14}: percentages are CPU quotas of one core).
 *
 * <p>Long on purpose: one section of the benchmark (programs, rounds, tables, targets, cost), so a run is one report.
 */
final class LambdaBenchmark {
    /** Lambda x86 price per GB-second and per request (us-east-1), for the cost table. */
    static final double PRICE_GB_SECOND = 0.0000166667;
    static final double PRICE_PER_MILLION_REQUESTS = 0.20;
    /** Memory at which a function gets one full vCPU. */
    static final int FULL_VCPU_MB = 1769;

    private static final String NODE = "Node list handler (seed's shape, CommonJS)";
    private static final String NODE_ESM = "Node list handler as an ES module (the earlier anchor)";
    private static final String REST = "artifact, REST `GET /categories?limit=20`";
    private static final String GRAPHQL = "artifact, GraphQL `categories(first: 20)`";

    private final List<String> failures;
    private final Path task;
    private final StringBuilder report = new StringBuilder();

    /** @param task the unzipped Lambda artifact */
    LambdaBenchmark(List<String> failures, Path task) {
        this.failures = failures;
        this.task = task;
    }

    /** One program under one limit: the runtime's command, its directory and environment, the event it answers. */
    private record Subject(String program, ColdStarts.Limit limit, String limitName, List<String> command, Path directory,
                           Map<String, String> env, String event) {
    }

    String run() throws Exception {
        int rounds = Integer.getInteger("benchmark.lambdaRounds", 5);
        int requests = Integer.getInteger("benchmark.lambdaRequests", 200);
        List<String> limits = List.of(System.getProperty("benchmark.lambdaLimits", "2cores,1core,58,29,14").split(","));
        String categories = "bench-lambda-categories";
        String templates = "bench-lambda-templates";
        DynamoTables.Created created = DynamoTables.createIfMissing(Dynalite.get().client(), categories, templates);
        DemoData.loadIntoNewTables(new DynamoStore(Dynalite.get().client(), categories, templates),
                created.categories(), created.templates());
        String restEvent = Files.readString(Path.of("src/test/resources/events/rest-list-claims.json"));
        String graphQLEvent = Files.readString(Path.of("src/test/resources/events/graphql-list-claims.json"));
        Path nodeRoot = Path.of("src/test/node-service").toAbsolutePath();

        Map<String, String> java = new HashMap<>(StandInRuntimeApi.gatewayEnvironment());
        java.putAll(Map.of("TABLE_NAME", categories, "TEMPLATES_TABLE_NAME", templates,
                "DYNAMODB_ENDPOINT", Dynalite.get().endpoint().toString()));
        Map<String, String> node = Map.of("TABLE_NAME", categories, "LOG_LEVEL", "INFO", "ENVIRONMENT", "dev",
                "AWS_ENDPOINT_URL_DYNAMODB", Dynalite.get().endpoint().toString(), "LAMBDA_TASK_ROOT", nodeRoot.toString(),
                "_HANDLER", "category-list.handler");
        Map<String, String> nodeEsm = new HashMap<>(node);
        nodeEsm.put("_HANDLER", "category-list-esm.handler");
        nodeEsm.put("DYNAMODB_ENDPOINT", Dynalite.get().endpoint().toString());
        List<String> nodeCommand = List.of("node", nodeRoot.resolve("runtime.cjs").toString());
        List<String> artifact = List.of(task.resolve("bootstrap").toString());

        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        List<ColdStarts.CpuQuota> quotas = new ArrayList<>();
        List<Subject> subjects = new ArrayList<>();
        try {
            for (String name : limits) {
                ColdStarts.Limit limit;
                String limitName;
                if (name.equals("2cores")) {
                    limit = ColdStarts.Limit.NONE;
                    limitName = "2 cores";
                } else if (name.equals("1core")) {
                    limit = ColdStarts.Limit.ONE_CORE;
                    limitName = "one core";
                } else {
                    int percent = Integer.parseInt(name.trim());
                    ColdStarts.CpuQuota quota = ColdStarts.CpuQuota.create(percent);
                    quotas.add(quota);
                    if (quota.limit() == null) {
                        failures.add("CPU quota " + percent + " %: " + quota.unavailable());
                        continue;
                    }
                    limit = quota.limit();
                    limitName = percent + " % of one core (" + memoryOf(percent) + " MB)";
                }
                // the JVM sizes its heap from the machine's memory: give it the function's, as Lambda does
                Map<String, String> javaHere = new HashMap<>(java);
                javaHere.put("JAVA_TOOL_OPTIONS", "-XX:MaxRAM=" + memoryOfLimit(name) + "m");
                subjects.add(new Subject(NODE, limit, limitName, nodeCommand, nodeRoot, node, restEvent));
                subjects.add(new Subject(REST, limit, limitName, artifact, task, javaHere, restEvent));
                subjects.add(new Subject(GRAPHQL, limit, limitName, artifact, task, javaHere, graphQLEvent));
                if (limit == ColdStarts.Limit.NONE) {
                    subjects.add(new Subject(NODE_ESM, limit, limitName, nodeCommand, nodeRoot, nodeEsm, restEvent));
                }
            }
            // dynalite's own first answers (its JIT, the table's first reads) are not any program's: one short,
            // untimed life of each side first
            ColdStarts.life(nodeCommand, nodeRoot, node, ColdStarts.Limit.NONE, restEvent, 20, 10);
            ColdStarts.life(artifact, task, java, ColdStarts.Limit.NONE, restEvent, 20, 10);
            Map<Subject, List<ColdStarts.Life>> lives = new LinkedHashMap<>();
            subjects.forEach(s -> lives.put(s, new ArrayList<>()));
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < subjects.size(); i++) {
                    Subject subject = subjects.get((i + round) % subjects.size());
                    try {
                        lives.get(subject).add(ColdStarts.life(subject.command(), subject.directory(), subject.env(),
                                subject.limit(), subject.event(), requests, 100));
                    } catch (Exception | Error e) {
                        failures.add("lambda section, " + subject.program() + " (" + subject.limitName() + "): " + e);
                    }
                }
            }
            report(lives, rounds, requests);
            line("Load average (1, 5, 15 min) when the section started: %s; when it ended: %s.", loadBefore,
                    Files.readString(Path.of("/proc/loadavg")).trim());
            line("");
        } finally {
            quotas.forEach(ColdStarts.CpuQuota::close);
        }
        return report.toString();
    }

    /** The memory of a function with this limit: its quota's, else one vCPU's (1,769 MB, staging and prod). */
    private static int memoryOfLimit(String limit) {
        return limit.endsWith("core") || limit.endsWith("cores") ? FULL_VCPU_MB : memoryOf(Integer.parseInt(limit.trim()));
    }

    /** The memory size whose CPU share is {@code percent} of one vCPU (1,769 MB = 100 %), rounded to a common size. */
    private static int memoryOf(int percent) {
        return switch (percent) {
            case 58 -> 1024;
            case 29 -> 512;
            case 14 -> 256;
            default -> Math.round(percent / 100f * FULL_VCPU_MB);
        };
    }

    /** Medians over the rounds of one subject's lives. */
    private record Figures(double firstWall, double firstCpu, double next10, double warm, double cpuPerWarm, int n) {
        static Figures of(List<ColdStarts.Life> lives) {
            return new Figures(med(lives, l -> l.firstWall()), med(lives, l -> l.firstCpu()), med(lives, l -> l.median(2, 11)),
                    med(lives, l -> l.median(101, 200)), med(lives, l -> l.cpuPerRequest(100)), lives.size());
        }

        private static double med(List<ColdStarts.Life> lives, ToDoubleFunction<ColdStarts.Life> f) {
            List<Double> values = new ArrayList<>();
            lives.forEach(l -> values.add(f.applyAsDouble(l)));
            return PerformanceBenchmark.median(values);
        }
    }

    private void report(Map<Subject, List<ColdStarts.Life>> lives, int rounds, int requests) {
        Map<String, Figures> nodeByLimit = new HashMap<>();
        Map<String, Figures> figures = new LinkedHashMap<>();
        lives.forEach((subject, list) -> {
            if (!list.isEmpty()) {
                Figures f = Figures.of(list);
                figures.put(subject.limitName() + "\u0000" + subject.program(), f);
                if (subject.program().equals(NODE)) {
                    nodeByLimit.put(subject.limitName(), f);
                }
            }
        });
        line("## 6. The artifact against the Node service's list handler (issue 24)");
        line("");
        line("Both sides are Lambda runtimes polling a stand-in Runtime API (TCP_NODELAY) with API Gateway events, against the");
        line("same dynalite and the demo organization. Node: `category-list.cjs` (the seed's shape) run by `runtime.cjs`. Java: the");
        line("artifact's `bootstrap`, log lines on, `-XX:MaxRAM` of the function's memory (1,769 MB on one or two cores). Each");
        line("life is one fresh process: a cold start, then %d requests one after the other. %d interleaved rounds (order", requests - 1,
                rounds);
        line("rotated per round); medians over the rounds. Ratios are to the Node");
        line("handler under the same CPU limit.");
        line("");
        List<String[]> cold = new ArrayList<>();
        List<String[]> warm = new ArrayList<>();
        figures.forEach((key, f) -> {
            String[] parts = key.split("\u0000");
            Figures base = nodeByLimit.get(parts[0]);
            cold.add(new String[]{parts[0], parts[1], fmt(f.firstWall()), fmt(f.firstCpu()), ratio(f.firstWall(), base, Figures::firstWall),
                    ratio(f.firstCpu(), base, Figures::firstCpu), Integer.toString(f.n())});
            warm.add(new String[]{parts[0], parts[1], ms(f.next10()), ratio(f.next10(), base, Figures::next10), ms(f.warm()),
                    ratio(f.warm(), base, Figures::warm), ms(f.cpuPerWarm()), ratio(f.cpuPerWarm(), base, Figures::cpuPerWarm)});
        });
        line("**Cold**: process start → first response.");
        line("");
        table(new String[]{"CPU", "program", "first response: wall ms", "CPU ms", "wall ÷ Node", "CPU ÷ Node", "n"}, cold);
        line("**Warm**: latency from queueing an event to its response (the Runtime API's hop included on both sides).");
        line("");
        table(new String[]{"CPU", "program", "requests 2–11: median ms", "÷ Node", "requests 101–200: median ms", "÷ Node",
                "process CPU per request (101–200) ms", "÷ Node"}, warm);
        targets(figures, nodeByLimit);
        cost(figures);
    }

    private void targets(Map<String, Figures> figures, Map<String, Figures> nodeByLimit) {
        Figures node = nodeByLimit.get("2 cores");
        Figures rest = figures.get("2 cores\u0000" + REST);
        Figures graphQL = figures.get("2 cores\u0000" + GRAPHQL);
        if (node == null || rest == null || graphQL == null) {
            return;
        }
        line("**Targets** (two cores, against the Node handler):");
        line("");
        List<String[]> rows = new ArrayList<>();
        rows.add(target("cold first response, wall", 1.5, node, rest, graphQL, Figures::firstWall));
        rows.add(target("cold first response, CPU", 2.5, node, rest, graphQL, Figures::firstCpu));
        rows.add(target("requests 2–11, median", 1.5, node, rest, graphQL, Figures::next10));
        rows.add(target("warm median (101–200)", 1.2, node, rest, graphQL, Figures::warm));
        rows.add(target("process CPU per warm request", 1.2, node, rest, graphQL, Figures::cpuPerWarm));
        table(new String[]{"target", "asked", "REST", "GraphQL", "met"}, rows);
    }

    private static String[] target(String name, double asked, Figures node, Figures rest, Figures graphQL,
                                   ToDoubleFunction<Figures> f) {
        double r = f.applyAsDouble(rest) / f.applyAsDouble(node);
        double g = f.applyAsDouble(graphQL) / f.applyAsDouble(node);
        String met = r <= asked && g <= asked ? "yes" : r <= asked ? "REST only" : g <= asked ? "GraphQL only" : "no";
        return new String[]{name, String.format(Locale.ROOT, "≤ %.1f×", asked), String.format(Locale.ROOT, "%.2f×", r),
                String.format(Locale.ROOT, "%.2f×", g), met};
    }

    /**
     * Lambda's price of a million warm requests (the warm median under the quota of that memory size, billed per
     * started millisecond, plus the request charge) and of one cold start (the first response's wall time: init and
     * the first invocation, both billed), for the environments' memory sizes and the Node service's.
     */
    private void cost(Map<String, Figures> figures) {
        record Row(String who, int memory, String limitName, String program) {
        }
        List<Row> rows = List.of(
                new Row("Node service `category-list` (seed)", 256, "14 % of one core (256 MB)", NODE),
                new Row("Node service `category-crud` (seed)", 512, "29 % of one core (512 MB)", NODE),
                new Row("gateway, REST list", 512, "29 % of one core (512 MB)", REST),
                new Row("gateway, GraphQL list", 512, "29 % of one core (512 MB)", GRAPHQL),
                new Row("gateway, REST list (dev)", 1024, "58 % of one core (1024 MB)", REST),
                new Row("gateway, GraphQL list (dev)", 1024, "58 % of one core (1024 MB)", GRAPHQL),
                new Row("gateway, REST list (staging, prod)", 1769, "one core", REST),
                new Row("gateway, GraphQL list (staging, prod)", 1769, "one core", GRAPHQL));
        List<String[]> out = new ArrayList<>();
        for (Row row : rows) {
            Figures f = figures.get(row.limitName() + "\u0000" + row.program());
            if (f == null) {
                continue;
            }
            double gb = row.memory() / 1024.0;
            double warmCost = 1_000_000 * Math.ceil(f.warm()) / 1000 * gb * PRICE_GB_SECOND + PRICE_PER_MILLION_REQUESTS;
            double coldCost = Math.ceil(f.firstWall()) / 1000 * gb * PRICE_GB_SECOND;
            out.add(new String[]{row.who(), fmt(row.memory()), row.limitName(), ms(f.warm()),
                    String.format(Locale.ROOT, "$%.2f", warmCost), fmt(f.firstWall()),
                    String.format(Locale.ROOT, "$%.7f", coldCost),
                    String.format(Locale.ROOT, "%.0f", coldCost / (warmCost / 1_000_000))});
        }
        line("**Cost on Lambda** (x86, $%.10f per GB-second, $%.2f per million requests; the warm median and the cold", PRICE_GB_SECOND,
                PRICE_PER_MILLION_REQUESTS);
        line("first response measured here under the CPU share of that memory size, dynalite as the database; a cold start's");
        line("init and first invocation are both billed):");
        line("");
        table(new String[]{"function", "memory MB", "measured under", "warm median ms", "1 M warm requests",
                "cold start ms", "one cold start", "cold start = warm requests"}, out);
    }

    private static String ratio(double value, Figures base, ToDoubleFunction<Figures> f) {
        return base == null ? "–" : String.format(Locale.ROOT, "%.2f×", value / Math.max(0.01, f.applyAsDouble(base)));
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.2f" : "%.1f", value);
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
}
