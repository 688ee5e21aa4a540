package com.awsinsight.categories.benchmark;

import com.awsinsight.categories.testing.StandInRuntimeApi.Result;
import com.awsinsight.categories.testing.StandInRuntimeApi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The measuring side of the cold-start benchmark: starts one program in a fresh process and times its
 * first response after process start and its second response, in wall time and in CPU time of the
 * whole process (all threads, {@code utime + stime} from {@code /proc/<pid>/stat}, read when the
 * response arrives; 10 ms ticks).
 *
 * <p>Two kinds of program: those that print each proxy response as a line on standard output and
 * wait for a line on standard input before the next one (the SDK-only floor), and Lambda runtimes (the
 * runtime interface client, the artifact's {@code bootstrap}, the Node handler's {@code runtime.cjs}) that
 * poll a {@link StandInRuntimeApi}: there the first event is queued before the process starts, as on
 * a Lambda cold start, and the second after the first response. Either way the second response is
 * timed from the moment it was asked for.
 *
 * <p>A {@link Limit} runs the process on one core ({@code taskset -c 0}) or under a CPU quota (a
 * cgroup made by {@link CpuQuota}); both keep the measured process's pid.
 *
 * <p>Long on purpose: the two kinds of program share the process start, the CPU reading and the timing, which
 * must be the same code for the ratios between them to mean anything.
 */
final class ColdStarts {
    private static final long TICK_MILLIS = 10; // USER_HZ is 100 on Linux

    /** One run: first response after start, second after it was asked for; milliseconds. */
    record Sample(long firstWall, long firstCpu, long secondWall, long secondCpu) {
    }

    /** Where the process may run. */
    record Limit(String name, List<String> prefix) {
        static final Limit NONE = new Limit("", List.of());
        static final Limit ONE_CORE = new Limit("taskset -c 0", List.of("taskset", "-c", "0"));
    }

    /** A program as started by the benchmark, with its environment. */
    record Program(String name, Limit limit, Measurement measurement) {
        Sample run() throws Exception {
            return measurement.take();
        }
    }

    /** One fresh process of a program, timed. */
    interface Measurement {
        Sample take() throws Exception;
    }

    private ColdStarts() {
    }

    /** A program that prints one line per proxy response and waits for a line on stdin before the next. */
    static Program lines(String name, List<String> command, Map<String, String> env, Limit limit) {
        return new Program(name, limit, () -> {
            long start = System.nanoTime();
            Process process = start(command, env, limit, null, null);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 OutputStream in = process.getOutputStream()) {
                response(out, name);
                long first = System.nanoTime();
                long firstCpu = cpuMillis(process.pid());
                in.write('\n');
                in.flush();
                long asked = System.nanoTime();
                response(out, name);
                long second = System.nanoTime();
                long secondCpu = cpuMillis(process.pid());
                return new Sample(millis(first - start), firstCpu, millis(second - asked), secondCpu - firstCpu);
            } finally {
                stop(process);
            }
        });
    }

    /** A Lambda runtime polling a fresh {@link StandInRuntimeApi} for {@code event}, twice. */
    static Program runtime(String name, List<String> command, Path directory, Map<String, String> env, Limit limit,
                           String event) {
        return new Program(name, limit, () -> {
            try (StandInRuntimeApi api = StandInRuntimeApi.start()) {
                api.invoke(event);
                long start = System.nanoTime();
                Process process = start(command, env, limit, api, directory);
                try {
                    Result first = answer(api, name);
                    long firstCpu = cpuMillis(process.pid());
                    long asked = System.nanoTime();
                    api.invoke(event);
                    Result second = answer(api, name);
                    long secondCpu = cpuMillis(process.pid());
                    return new Sample(millis(first.receivedNanos() - start), firstCpu,
                            millis(second.receivedNanos() - asked), secondCpu - firstCpu);
                } finally {
                    stop(process);
                }
            }
        });
    }

    /** A trace header of an invocation X-Ray did not sample (Lambda hands one to every invocation). */
    static String unsampledTraceHeader() {
        return StandInRuntimeApi.sampledTraceHeader().replace("Sampled=1", "Sampled=0");
    }

    /**
     * One life of a Lambda runtime: its cold start and then {@code requests - 1} more events, each queued after the
     * previous response arrived (as a steady stream of requests to one execution environment). Wall and CPU of the
     * first response as in {@link #runtime}; the latency of every later request from queueing to its response; and
     * the process's CPU after request {@code cpuFrom} and after the last one. Trace headers are sampled as Lambda's
     * default rule samples (the first request of every second, 5 % of the others; the cold start is a first):
     * warm rows pay for tracing what they pay on Lambda.
     */
    static Life life(List<String> command, Path directory, Map<String, String> env, Limit limit, String event,
                     int requests, int cpuFrom) throws Exception {
        try (StandInRuntimeApi api = StandInRuntimeApi.start()) {
            api.invoke(event);
            long start = System.nanoTime();
            Process process = start(command, env, limit, api, directory);
            try {
                Result first = answer(api, command.get(0));
                long firstCpu = cpuMillis(process.pid());
                List<Double> later = new ArrayList<>();
                long cpuAtFrom = firstCpu;
                long sampledSecond = System.currentTimeMillis() / 1000;
                for (int n = 2; n <= requests; n++) {
                    long asked = System.nanoTime();
                    long second = System.currentTimeMillis() / 1000;
                    boolean sampled = second != sampledSecond || ThreadLocalRandom.current().nextInt(100) < 5;
                    sampledSecond = second;
                    api.invoke(event, sampled ? StandInRuntimeApi.sampledTraceHeader() : unsampledTraceHeader());
                    Result result = answer(api, command.get(0));
                    later.add((result.receivedNanos() - asked) / 1e6);
                    if (n == cpuFrom) {
                        cpuAtFrom = cpuMillis(process.pid());
                    }
                }
                long cpuAtEnd = cpuMillis(process.pid());
                return new Life(millis(first.receivedNanos() - start), firstCpu, later, cpuAtFrom, cpuAtEnd);
            } finally {
                stop(process);
            }
        }
    }

    /**
     * A runtime's life ({@link #life}): first response (ms after process start, CPU ms), the latencies of requests
     * 2, 3, … (ms), and the process's CPU (ms) after request {@code cpuFrom} and after the last request.
     */
    record Life(long firstWall, long firstCpu, List<Double> later, long cpuAtFrom, long cpuAtEnd) {
        /** The median latency of requests {@code from}..{@code to} (1-based, as counted from the cold start). */
        double median(int from, int to) {
            return PerformanceBenchmark.median(later.subList(from - 2, Math.min(to - 1, later.size())));
        }

        /** Process CPU per request after request {@code cpuFrom}, ms. */
        double cpuPerRequest(int cpuFrom) {
            return (double) (cpuAtEnd - cpuAtFrom) / (later.size() + 1 - cpuFrom);
        }
    }

    /**
     * Warm latency of two long-lived runtimes, side by side: {@code warmup} events each, then
     * {@code count} events each, alternating between them; milliseconds from queueing to response.
     * With {@code standInDynamo} each runtime's DynamoDB is its stand-in's (answers at once, two
     * made-up items), so the latency is the runtime's own work rather than dynalite's.
     */
    static List<List<Double>> warm(List<List<String>> commands, List<Path> directories, Map<String, String> env,
                                   String event, int warmup, int count, boolean standInDynamo) throws Exception {
        List<StandInRuntimeApi> apis = new ArrayList<>();
        List<Process> processes = new ArrayList<>();
        List<List<Double>> latencies = new ArrayList<>();
        try {
            for (int i = 0; i < commands.size(); i++) {
                StandInRuntimeApi api = StandInRuntimeApi.start();
                apis.add(api);
                Map<String, String> own = new java.util.HashMap<>(env);
                if (standInDynamo) {
                    own.put("DYNAMODB_ENDPOINT", api.dynamoEndpoint());
                }
                processes.add(start(commands.get(i), own, Limit.NONE, api, directories.get(i)));
                latencies.add(new ArrayList<>());
            }
            for (int n = 0; n < warmup + count; n++) {
                for (int i = 0; i < commands.size(); i++) {
                    long asked = System.nanoTime();
                    apis.get(i).invoke(event);
                    Result result = answer(apis.get(i), "warm " + i);
                    if (n >= warmup) {
                        latencies.get(i).add((result.receivedNanos() - asked) / 1e6);
                    }
                }
            }
            return latencies;
        } finally {
            for (Process process : processes) {
                stop(process);
            }
            apis.forEach(StandInRuntimeApi::close);
        }
    }

    /**
     * Classes loaded before the first response ({@code -Xlog:class+load} through
     * {@code JAVA_TOOL_OPTIONS}), and how many of them came from an AOT/CDS archive.
     */
    static long[] classesBeforeFirstResponse(List<String> command, Path directory, Map<String, String> env, String event,
                                             Path log) throws Exception {
        Map<String, String> logged = new java.util.HashMap<>(env);
        logged.put("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + log.toAbsolutePath());
        Files.deleteIfExists(log);
        try (StandInRuntimeApi api = StandInRuntimeApi.start()) {
            api.invoke(event);
            Process process = start(command, logged, Limit.NONE, api, directory);
            try {
                answer(api, "class count");
                // the log is written as classes load; the runtime now waits in /next
                List<String> lines = Files.readAllLines(log);
                long shared = lines.stream().filter(l -> l.contains("source: shared objects file")).count();
                return new long[]{lines.size(), shared};
            } finally {
                stop(process);
            }
        }
    }

    /** The same count for a program that prints its response on standard output. */
    static long[] classesBeforeFirstLine(List<String> command, Map<String, String> env, Path log) throws Exception {
        List<String> logged = new ArrayList<>(command);
        logged.add(1, "-Xlog:class+load=info:file=" + log.toAbsolutePath());
        Files.deleteIfExists(log);
        Process process = start(logged, env, Limit.NONE, null, null);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            response(out, "class count");
            List<String> lines = Files.readAllLines(log);
            long shared = lines.stream().filter(l -> l.contains("source: shared objects file")).count();
            return new long[]{lines.size(), shared};
        } finally {
            stop(process);
        }
    }

    private static Process start(List<String> command, Map<String, String> env, Limit limit, StandInRuntimeApi api,
                                 Path directory) throws IOException {
        List<String> full = new ArrayList<>(limit.prefix());
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectError(ProcessBuilder.Redirect.DISCARD);
        if (api != null) {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("JAVA_") || k.startsWith("JDK_")
                || k.equals("TABLE_NAME") || k.equals("DYNAMODB_ENDPOINT") || k.equals("USER_POOL_ID") || k.startsWith("_HANDLER"));
        if (api != null) {
            builder.environment().putAll(api.lambdaEnvironment(directory == null ? Path.of(".") : directory));
        }
        builder.environment().putAll(env);
        return builder.start();
    }

    private static void response(BufferedReader out, String name) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.contains("\"statusCode\"")) {
                if (!line.contains("\"statusCode\":200")) {
                    throw new IllegalStateException(name + ": " + line);
                }
                return;
            }
        }
        throw new IllegalStateException(name + ": ended without a response");
    }

    private static Result answer(StandInRuntimeApi api, String name) throws InterruptedException {
        Result result = api.await(Duration.ofSeconds(120));
        if (result == null || result.kind() != Result.Kind.RESPONSE || !result.body().contains("\"statusCode\":200")) {
            throw new IllegalStateException(name + ": " + (result == null ? "no answer" : result.kind() + " " + result.body()));
        }
        return result;
    }

    /** utime + stime of the whole process (all its threads), in milliseconds. */
    static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TICK_MILLIS;
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * A CPU quota for benchmark processes: a cgroup ({@code cpu.cfs_quota_us} in cgroup v1,
     * {@code cpu.max} in v2) that a shell joins before it execs the program, so the pid stays the
     * measured process. {@link #limit()} is null, with {@link #unavailable()} saying why, where the
     * machine does not allow it (no root, no cpu controller).
     */
    static final class CpuQuota implements AutoCloseable {
        private final Path group;
        private final Limit limit;
        private final String unavailable;

        private CpuQuota(Path group, Limit limit, String unavailable) {
            this.group = group;
            this.limit = limit;
            this.unavailable = unavailable;
        }

        static CpuQuota create(int percentOfOneCore) {
            long period = 100_000;
            long quota = period * percentOfOneCore / 100;
            Path v1 = Path.of("/sys/fs/cgroup/cpu");
            Path v2 = Path.of("/sys/fs/cgroup");
            String name = "category-gateway-benchmark-" + percentOfOneCore;
            try {
                Path group;
                if (Files.isRegularFile(v1.resolve("cpu.cfs_quota_us"))) {
                    group = Files.createDirectories(v1.resolve(name));
                    Files.writeString(group.resolve("cpu.cfs_period_us"), Long.toString(period));
                    Files.writeString(group.resolve("cpu.cfs_quota_us"), Long.toString(quota));
                } else if (Files.readString(v2.resolve("cgroup.controllers")).contains("cpu")) {
                    group = Files.createDirectories(v2.resolve(name));
                    Files.writeString(group.resolve("cpu.max"), quota + " " + period);
                } else {
                    return new CpuQuota(null, null, "no cgroup cpu controller");
                }
                String join = "echo $$ > " + group.resolve("cgroup.procs") + " && exec \"$@\"";
                return new CpuQuota(group, new Limit("CPU quota " + percentOfOneCore + " % of one core (cgroup)",
                        List.of("sh", "-c", join, "sh")), null);
            } catch (IOException | RuntimeException e) {
                return new CpuQuota(null, null, e.toString());
            }
        }

        Limit limit() {
            return limit;
        }

        String unavailable() {
            return unavailable;
        }

        @Override
        public void close() {
            if (group != null) {
                try {
                    Files.deleteIfExists(group);
                } catch (IOException e) {
                    // a process may still be leaving the group; the directory is harmless
                }
            }
        }
    }
}
