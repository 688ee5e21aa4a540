package com.awsinsight.categories.edge;

import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.edge.http.ProxyRequest;
import com.awsinsight.categories.edge.http.ProxyResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local HTTP server of {@code serve}: turns each HTTP request into the API Gateway proxy event
 * Lambda would receive (never with authorizer claims) and runs it through the same router, so local
 * behaviour is Lambda behaviour.
 *
 * <p>The JDK server reads its tuning from system properties once, when its first instance is
 * created; this class sets two of them in its static initialiser, unless the user already set them:
 * {@code sun.net.httpserver.nodelay=true} (without it the server writes the response headers and
 * the body as separate small segments with Nagle's algorithm on, so every response on a kept-alive
 * connection waits for the client's delayed ACK, about 40 ms on Linux) and
 * {@code sun.net.httpserver.maxIdleConnections=1000}.
 *
 * <p>Clients that send slowly cannot take it over (slowloris): the JDK server hands a connection to a worker as
 * soon as its first bytes arrive, and the worker then blocks until the request is complete, so a request (line,
 * headers and body) must arrive within {@link #REQUEST_TIMEOUT} and its response must be taken within
 * {@link #RESPONSE_TIMEOUT}, or the connection is closed (the worker is interrupted, which closes the channel it is
 * blocked on); and up to {@value #MAX_WORKERS} requests are read at once, beyond which new connections are closed
 * rather than queued. Idle keep-alive connections hold no worker.
 */
public final class LocalServer implements AutoCloseable {
    /** Requests read or answered at once. */
    static final int MAX_WORKERS = 256;
    /** How long a client has to send a whole request. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** How long a client has to take a whole response. */
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_READ_BYTES = 10 * 1024 * 1024;
    /** The deadline of the exchange the current worker serves. */
    private static final ThreadLocal<ScheduledFuture<?>> DEADLINE = new ThreadLocal<>();

    static {
        // Nagle off: without this every keep-alive response stalls ~40 ms on the client's delayed ACK.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        // The JDK server closes a keep-alive connection when 200 are already idle; with 200 concurrent
        // clients that drops one (the benchmark saw a broken pipe). Read once, before the server loads.
        if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
            System.setProperty("sun.net.httpserver.maxIdleConnections", "1000");
        }
    }

    private final HttpServer server;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService deadlines;

    /** Binds the port at once, so that {@link #port()} is known before the router is built. */
    public LocalServer(String host, int port) throws IOException {
        this.server = HttpServer.create(new InetSocketAddress(host, port), 512);
        this.workers = new ThreadPoolExecutor(0, MAX_WORKERS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                daemon("local-server-"));
        this.deadlines = Executors.newSingleThreadScheduledExecutor(daemon("local-server-deadlines-"));
        server.setExecutor(exchange -> workers.execute(() -> withDeadline(exchange)));
    }

    public void start(HttpRouter router) {
        server.createContext("/", exchange -> serve(router, exchange));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        deadlines.shutdownNow();
    }

    /** Runs one exchange of the JDK server with the request deadline armed: reading it must end before. */
    private void withDeadline(Runnable exchange) {
        Thread worker = Thread.currentThread();
        DEADLINE.set(deadlines.schedule(worker::interrupt, REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        try {
            exchange.run();
        } finally {
            disarm();
        }
    }

    private void serve(HttpRouter router, HttpExchange exchange) throws IOException {
        try (exchange) {
            ObjectNode event = toEvent(exchange);
            disarm();
            ProxyResponse response = router.handle(ProxyRequest.fromEvent(event));
            DEADLINE.set(deadlines.schedule(Thread.currentThread()::interrupt, RESPONSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            boolean noBody = response.body().length == 0;
            exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : response.body().length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        }
    }

    /** Cancels the current worker's deadline, and forgets an interrupt it may have just made. */
    private static void disarm() {
        ScheduledFuture<?> deadline = DEADLINE.get();
        if (deadline != null) {
            deadline.cancel(false);
            DEADLINE.remove();
        }
        Thread.interrupted();
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The REST API (payload 1.0) proxy event for this exchange. */
    static ObjectNode toEvent(HttpExchange exchange) throws IOException {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("httpMethod", exchange.getRequestMethod());
        event.put("path", exchange.getRequestURI().getRawPath());
        event.put("resource", exchange.getRequestURI().getRawPath());
        ObjectNode headers = event.putObject("headers");
        ObjectNode multiHeaders = event.putObject("multiValueHeaders");
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            headers.put(header.getKey(), header.getValue().get(header.getValue().size() - 1));
            header.getValue().forEach(multiHeaders.putArray(header.getKey())::add);
        }
        String rawQuery = exchange.getRequestURI().getRawQuery();
        if (rawQuery == null || rawQuery.isEmpty()) {
            event.putNull("queryStringParameters");
        } else {
            ObjectNode query = event.putObject("queryStringParameters");
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                query.put(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        event.putNull("pathParameters");
        byte[] body = readBody(exchange.getRequestBody());
        if (body.length > 0) {
            event.put("body", Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", true);
        } else {
            event.putNull("body");
            event.put("isBase64Encoded", false);
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("requestId", UUID.randomUUID().toString());
        context.put("stage", "local");
        context.putObject("identity").put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        return event;
    }

    private static byte[] readBody(InputStream in) throws IOException {
        return in.readNBytes(MAX_READ_BYTES + 1);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
