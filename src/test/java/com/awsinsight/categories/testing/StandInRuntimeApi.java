package com.awsinsight.categories.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the AWS Lambda Runtime API (version 2018-06-01) on a loopback port, so that the
 * deployment artifact's own {@code bootstrap} (the runtime interface client inside it) can be run
 * outside Lambda: {@code GET /2018-06-01/runtime/invocation/next} long-polls until an event is
 * {@link #invoke queued} and answers it with the {@code Lambda-Runtime-Aws-Request-Id},
 * {@code Lambda-Runtime-Deadline-Ms}, {@code Lambda-Runtime-Invoked-Function-Arn} and
 * {@code Lambda-Runtime-Trace-Id} headers; {@code POST …/invocation/{id}/response},
 * {@code …/invocation/{id}/error} and {@code …/init/error} are recorded as {@link Result}s with the
 * time they arrived.
 *
 * <p>It also stands in for the X-Ray daemon Lambda runs with active tracing: a UDP socket on loopback, named in
 * {@code AWS_XRAY_DAEMON_ADDRESS} by {@link #lambdaEnvironment}, keeps every datagram it receives
 * ({@link #awaitSegment}). Every invocation carries a trace header; unless one is given, a new sampled one
 * ({@code Root=…;Parent=…;Sampled=1}), as Lambda samples the first request of every second, cold starts
 * included.
 *
 * <p>For the build's training run it also answers the DynamoDB JSON protocol on the same port
 * ({@code POST /} with {@code X-Amz-Target}) as DynamoDB answers a gateway with a page of results:
 * Query and Scan return {@link #TRAINING_ITEMS} (two made-up categories) and the consumed capacity,
 * with a {@code LastEvaluatedKey} on a first page (none on the page after it); BatchGetItem an empty result with its
 * consumed capacity; GetItem of an organization's state item {@link #TRAINING_STATE} (indexed); anything else an
 * empty object. That lets the training exercise the real DynamoDB client (marshalling, signing, HTTP,
 * unmarshalling of items, keys and numbers) with no network and no tenant's data.
 *
 * <p>JDK classes only, so that the build can run this file as a source-file program (see
 * {@link #main}) before any test is compiled.
 *
 * <p>Long on purpose: a source-file program must be one file, so the Runtime API, the training DynamoDB
 * answers and the HTTP plumbing they share cannot be split into classes of their own.
 */
public final class StandInRuntimeApi implements AutoCloseable {
    public static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:category-gateway";
    private static final String PREFIX = "/2018-06-01/runtime/";

    /**
     * Two categories of a made-up organization, in the item shape of the gateway's DynamoDB store (index format 2:
     * {@code parentKey} and {@code nameOrder} by name key, then id), one with a name beyond ASCII.
     */
    static final String TRAINING_ITEMS = """
            [{"organizationId":{"S":"#training"},"categoryId":{"S":"training-root"},"categoryName":{"S":"Training"},\
            "nameKey":{"S":"training"},"nameOrder":{"S":"training\\u0001training-root"},"description":{"S":"AOT training"},\
            "parentCategoryId":{"NULL":true},"parentKey":{"S":"#ROOT#training\\u0001training-root"},\
            "metadata":{"M":{"icon":{"S":"folder"},"sortOrder":{"N":"1"}}},\
            "createdAt":{"S":"2024-01-01T00:00:00.000Z"},"updatedAt":{"S":"2024-01-01T00:00:00.000Z"},\
            "createdBy":{"S":"training"},"updatedBy":{"S":"training"},"isActive":{"BOOL":true},"version":{"N":"1"}},\
            {"organizationId":{"S":"#training"},"categoryId":{"S":"training-child"},"categoryName":{"S":"Training · Café"},\
            "nameKey":{"S":"training · café"},"nameOrder":{"S":"training · café\\u0001training-child"},\
            "description":{"NULL":true},"parentCategoryId":{"S":"training-root"},\
            "parentKey":{"S":"training-root#training · café\\u0001training-child"},"createdAt":{"S":"2024-01-01T00:00:00.000Z"},\
            "updatedAt":{"S":"2024-01-01T00:00:00.000Z"},"isActive":{"BOOL":true},"version":{"N":"2"}}]""";

    /**
     * The organization's state item as an indexed organization has it (index format 2, no write in flight), so the
     * training takes the production path: index reads, and the process's organization cache.
     */
    static final String TRAINING_STATE = """
            {"Item":{"organizationId":{"S":"#training#META"},"categoryId":{"S":"index"},\
            "indexedSince":{"N":"1704067200000"},"indexFormat":{"N":"2"},"epoch":{"S":"training"},\
            "revision":{"N":"1"},"structure":{"N":"1"}},"ConsumedCapacity":{"TableName":"training-categories","CapacityUnits":1.0}}""";

    static {
        // Nagle off, as in LocalServer: otherwise every answer on a kept-alive connection (the runtime's
        // next event, a DynamoDB page) waits ~40 ms for the client's delayed ACK. The JDK server reads this
        // once per JVM, when its first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** What the runtime posted back for one invocation (or for init). */
    public record Result(String requestId, Kind kind, String body, long receivedNanos) {
        public enum Kind { RESPONSE, ERROR, INIT_ERROR }
    }

    private record Invocation(String id, String event, String traceHeader) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "stand-in-runtime-api");
        thread.setDaemon(true);
        return thread;
    });
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final BlockingQueue<Result> results = new LinkedBlockingQueue<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger dynamoCalls = new AtomicInteger();
    private final DatagramSocket daemon;
    private final BlockingQueue<String> segments = new LinkedBlockingQueue<>();
    private volatile long lastPollNanos;

    private StandInRuntimeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
        daemon = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        threads.execute(this::receiveSegments);
    }

    /** Starts the stand-in on a free loopback port. */
    public static StandInRuntimeApi start() throws IOException {
        return new StandInRuntimeApi();
    }

    /** The value for {@code AWS_LAMBDA_RUNTIME_API}: {@code 127.0.0.1:port}. */
    public String address() {
        return server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    /** The value for {@code DYNAMODB_ENDPOINT} when the DynamoDB stand-in is wanted. */
    public String dynamoEndpoint() {
        return "http://" + address();
    }

    /** The value for {@code AWS_XRAY_DAEMON_ADDRESS}: the stand-in daemon's {@code 127.0.0.1:port}. */
    public String daemonAddress() {
        return daemon.getLocalAddress().getHostAddress() + ":" + daemon.getLocalPort();
    }

    /** Queues one event, under a new sampled trace header, for the next {@code /invocation/next}; returns its request id. */
    public String invoke(String event) {
        return invoke(event, sampledTraceHeader());
    }

    /** Queues one event with this {@code Lambda-Runtime-Trace-Id} header; returns its request id. */
    public String invoke(String event, String traceHeader) {
        String id = "stand-in-" + ids.incrementAndGet();
        pending.add(new Invocation(id, event, traceHeader));
        return id;
    }

    /** A trace header as Lambda hands a sampled invocation: a new trace id, and the function segment as parent. */
    public static String sampledTraceHeader() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        return String.format("Root=1-%08x-%012x%012x;Parent=%016x;Sampled=1", System.currentTimeMillis() / 1000,
                random.nextLong(1L << 48), random.nextLong(1L << 48), random.nextLong());
    }

    /** The next datagram the stand-in daemon received (header line and segment document), or null after {@code timeout}. */
    public String awaitSegment(Duration timeout) throws InterruptedException {
        return segments.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Every datagram the stand-in daemon received up to now, and no later one: sends a marker datagram to it and takes
     * what arrived before the marker (on loopback, datagrams reach the socket in the order they were sent). Whatever
     * a runtime sent before posting a response is therefore included once the response has arrived.
     */
    public List<String> segmentsUntilNow() throws IOException, InterruptedException {
        String marker = "marker-" + ids.incrementAndGet();
        byte[] bytes = marker.getBytes(StandardCharsets.UTF_8);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(bytes, bytes.length, daemon.getLocalSocketAddress()));
        }
        List<String> received = new ArrayList<>();
        for (String segment = awaitSegment(Duration.ofSeconds(60)); !marker.equals(segment); segment = awaitSegment(Duration.ofSeconds(60))) {
            if (segment == null) {
                throw new IllegalStateException("the stand-in daemon never received its marker");
            }
            received.add(segment);
        }
        return received;
    }

    /** The next response, error or init error the runtime posted, or null after {@code timeout}. */
    public Result await(Duration timeout) throws InterruptedException {
        return results.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** DynamoDB calls answered so far. */
    public int dynamoCalls() {
        return dynamoCalls.get();
    }

    /** {@link System#nanoTime()} of the last {@code /invocation/next} (0 before the first). */
    public long lastPollNanos() {
        return lastPollNanos;
    }

    @Override
    public void close() {
        server.stop(0);
        daemon.close();
        threads.shutdownNow();
    }

    private void receiveSegments() {
        byte[] buffer = new byte[65536];
        while (!daemon.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                daemon.receive(packet);
            } catch (IOException e) {
                return; // closed
            }
            segments.add(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readAllBytes();
            long now = System.nanoTime();
            if ("GET".equals(method) && path.equals(PREFIX + "invocation/next")) {
                next(exchange);
            } else if ("POST".equals(method) && path.equals(PREFIX + "init/error")) {
                record(exchange, new Result(null, Result.Kind.INIT_ERROR, text(body), now));
            } else if ("POST".equals(method) && path.startsWith(PREFIX + "invocation/") && path.endsWith("/response")) {
                record(exchange, new Result(idOf(path, "/response"), Result.Kind.RESPONSE, text(body), now));
            } else if ("POST".equals(method) && path.startsWith(PREFIX + "invocation/") && path.endsWith("/error")) {
                record(exchange, new Result(idOf(path, "/error"), Result.Kind.ERROR, text(body), now));
            } else if ("POST".equals(method) && path.equals("/") && exchange.getRequestHeaders().containsKey("X-Amz-Target")) {
                dynamo(exchange, exchange.getRequestHeaders().getFirst("X-Amz-Target"), text(body));
            } else {
                send(exchange, 404, "{\"errorMessage\":\"unknown path\"}", Map.of());
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        lastPollNanos = System.nanoTime();
        Invocation invocation;
        try {
            invocation = pending.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long deadline = System.currentTimeMillis() + 30_000;
        send(exchange, 200, invocation.event(), Map.of(
                "Lambda-Runtime-Aws-Request-Id", invocation.id(),
                "Lambda-Runtime-Deadline-Ms", Long.toString(deadline),
                "Lambda-Runtime-Invoked-Function-Arn", FUNCTION_ARN,
                "Lambda-Runtime-Trace-Id", invocation.traceHeader()));
    }

    private void record(HttpExchange exchange, Result result) throws IOException {
        results.add(result);
        send(exchange, 202, "{\"status\":\"OK\"}", Map.of());
    }

    /** A first page with a {@code LastEvaluatedKey}, the page after it without (two pages in all). */
    private void dynamo(HttpExchange exchange, String target, String request) throws IOException {
        dynamoCalls.incrementAndGet();
        String operation = target.substring(target.indexOf('.') + 1);
        String capacity = "{\"TableName\":\"training-categories\",\"CapacityUnits\":0.5}";
        String body = switch (operation) {
            case "Query", "Scan" -> "{\"Count\":2,\"ScannedCount\":2,\"Items\":" + TRAINING_ITEMS
                    + (request.contains("ExclusiveStartKey") ? "" : ",\"LastEvaluatedKey\":{\"organizationId\":{\"S\":\"#training\"},"
                    + "\"categoryId\":{\"S\":\"training-child\"}}")
                    + ",\"ConsumedCapacity\":" + capacity + "}";
            case "BatchGetItem" -> "{\"Responses\":{},\"UnprocessedKeys\":{},\"ConsumedCapacity\":[" + capacity + "]}";
            case "GetItem" -> request.contains("#META") ? TRAINING_STATE : "{}";
            default -> "{}";
        };
        send(exchange, 200, body, Map.of("Content-Type", "application/x-amz-json-1.0",
                "x-amzn-RequestId", "stand-in-" + dynamoCalls.get()));
    }

    private static void send(HttpExchange exchange, int status, String body, Map<String, String> headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String idOf(String path, String suffix) {
        return path.substring((PREFIX + "invocation/").length(), path.length() - suffix.length());
    }

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- the build's training run

    /**
     * The build's AOT training run: {@code java StandInRuntimeApi.java train <lambda dir> <cache> <event.json>…}.
     * Starts the stand-in, runs {@code <lambda dir>/bootstrap} exactly as Lambda would (its flags, its
     * class path, the runtime interface client) with {@code AOT_CACHE_OUTPUT=<cache>}, which makes the
     * bootstrap record instead of use the cache; delivers each event and requires a proxy response with
     * status 200; then stops the JVM (SIGTERM, as Lambda does), which writes the cache on exit. The
     * gateway's store is the DynamoDB client against this stand-in; nothing leaves the machine.
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 4 || !"train".equals(args[0])) {
            System.err.println("usage: java StandInRuntimeApi.java train <lambda dir> <cache file> <event.json>...");
            System.exit(2);
        }
        Path dir = Path.of(args[1]).toAbsolutePath();
        Path cache = Path.of(args[2]).toAbsolutePath();
        Path log = dir.resolveSibling(dir.getFileName() + "-training.log");
        Files.deleteIfExists(cache);
        try (StandInRuntimeApi api = start()) {
            ProcessBuilder builder = new ProcessBuilder(dir.resolve("bootstrap").toString())
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("JAVA_") || k.startsWith("JDK_")
                    || k.equals("TABLE_NAME") || k.equals("DYNAMODB_ENDPOINT") || k.equals("USER_POOL_ID"));
            env.putAll(api.lambdaEnvironment(dir));
            env.putAll(gatewayEnvironment());
            env.put("TABLE_NAME", "training-categories");
            env.put("TEMPLATES_TABLE_NAME", "training-templates");
            env.put("DYNAMODB_ENDPOINT", api.dynamoEndpoint());
            env.put("AOT_CACHE_OUTPUT", cache.toString());
            Process process = builder.start();
            List<String> failures = new ArrayList<>();
            for (String file : List.of(args).subList(3, args.length)) {
                String id = api.invoke(Files.readString(Path.of(file)));
                Result result = api.await(Duration.ofSeconds(120));
                if (result == null || result.kind() != Result.Kind.RESPONSE || !id.equals(result.requestId())
                        || !result.body().contains("\"statusCode\":200")) {
                    failures.add(file + ": " + (result == null ? "no answer" : result.kind() + " " + result.body()));
                    break;
                }
            }
            process.destroy();
            boolean exited = process.waitFor(180, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly();
                failures.add("the training JVM did not exit");
            }
            if (!Files.isRegularFile(cache) || Files.size(cache) == 0) {
                failures.add("no AOT cache written to " + cache);
            }
            if (!failures.isEmpty()) {
                System.err.println("AOT training failed (log: " + log + "):\n  " + String.join("\n  ", failures));
                System.exit(1);
            }
            System.out.printf("AOT training: %d events, %d DynamoDB calls answered by the stand-in, %d trace documents"
                            + " received, cache %,d bytes (log: %s)%n",
                    args.length - 3, api.dynamoCalls(), api.segments.size(), Files.size(cache), log);
        }
    }

    /**
     * The gateway's own variables as the Terraform configuration sets them for a deployed function
     * (made-up user pool and client), without the table names.
     */
    public static Map<String, String> gatewayEnvironment() {
        return Map.of("ENVIRONMENT", "dev", "LOG_LEVEL", "INFO", "ENABLE_XRAY", "true",
                "USER_POOL_ID", "us-east-1_Example", "APP_CLIENT_IDS", "dashboard-client",
                "CORS_ALLOWED_ORIGINS", "https://dashboard.example.com",
                "PLAYGROUND_ENABLED", "false", "INTROSPECTION_ENABLED", "false");
    }

    /**
     * The environment Lambda gives a {@code provided.al2023} function with active tracing (names as documented),
     * with fake credentials, this Runtime API and this daemon: the bootstrap, the runtime interface client and the
     * gateway read these.
     */
    public Map<String, String> lambdaEnvironment(Path taskRoot) {
        return Map.ofEntries(
                Map.entry("AWS_LAMBDA_RUNTIME_API", address()),
                Map.entry("AWS_XRAY_DAEMON_ADDRESS", daemonAddress()),
                Map.entry("AWS_XRAY_CONTEXT_MISSING", "LOG_ERROR"),
                Map.entry("AWS_LAMBDA_FUNCTION_NAME", "category-gateway"),
                Map.entry("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"),
                Map.entry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512"),
                Map.entry("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/category-gateway"),
                Map.entry("AWS_LAMBDA_LOG_STREAM_NAME", "stand-in"),
                Map.entry("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"),
                Map.entry("AWS_REGION", "us-east-1"),
                Map.entry("AWS_DEFAULT_REGION", "us-east-1"),
                Map.entry("AWS_ACCESS_KEY_ID", "stand-in"),
                Map.entry("AWS_SECRET_ACCESS_KEY", "stand-in"),
                Map.entry("AWS_SESSION_TOKEN", "stand-in"),
                Map.entry("_HANDLER", "com.awsinsight.categories.LambdaHandler::handleRequest"),
                Map.entry("LAMBDA_TASK_ROOT", taskRoot.toString()),
                Map.entry("LAMBDA_RUNTIME_DIR", taskRoot.toString()),
                Map.entry("TZ", ":UTC"),
                Map.entry("LANG", "en_US.UTF-8"));
    }
}
