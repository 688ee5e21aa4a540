package com.awsinsight.categories.edge;

import com.awsinsight.categories.edge.http.HttpProblem;
import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.edge.http.ProxyRequest;
import com.awsinsight.categories.edge.http.ProxyResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
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
 * created; this class sets three of them in its static initialiser, unless the user already set them:
 * {@code sun.net.httpserver.nodelay=true} (without it the server writes the response headers and
 * the body as separate small segments with Nagle's algorithm on, so every response on a kept-alive
 * connection waits for the client's delayed ACK, about 40 ms on Linux),
 * {@code sun.net.httpserver.maxIdleConnections=1000}, and {@code sun.net.httpserver.drainAmount=0} (a request
 * body the server refused without reading is not drained after the response, which would wait for bytes a client
 * may never send: the connection is closed instead).
 *
 * <p>Bodies: a request whose declared {@code Content-Length} is over the router's body limit is answered 413 at
 * once, without reading the body; a request sent with {@code Transfer-Encoding} (chunked) is answered 411, since
 * the JDK server does not tell how large a chunk declares itself and a huge one would otherwise be waited for.
 *
 * <p>Clients that send slowly cannot take it over (slowloris): the JDK server hands a connection to a worker as
 * soon as its first bytes arrive, and the worker then blocks until the request is complete, so a request (line,
 * headers and body) must arrive within {@link #REQUEST_TIMEOUT} and its response must be taken within
 * {@link #RESPONSE_TIMEOUT}, or the connection is closed (the worker is interrupted, which closes the channel it is
 * blocked on). A budget of {@value #MAX_READING} requests being read at once: beyond it, the requests that have
 * been read longest are dropped (their connections closed), but only once a worker has been reading them for
 * {@link #READING_GRACE} (checked when a worker starts on a request and every quarter of a second; time spent
 * waiting for a worker is the server's, not the client's, and does not count), so a burst of clients whose
 * requests all arrive at once is served, while half-sent requests, however many, keep a new connection from being
 * served for at most about that second. Up to {@value #MAX_WORKERS} requests are read or answered at once and
 * {@value #MAX_QUEUED} more wait for a worker, beyond which new connections are closed. Idle keep-alive connections
 * hold no worker.
 *
 * <p>Responses of {@value ResponseCompression#THRESHOLD_BYTES} bytes or more are gzip-encoded when the client
 * accepts it ({@link ResponseCompression}), as API Gateway does in AWS.
 */
public final class LocalServer implements AutoCloseable {
    /** Requests read or answered at once. */
    static final int MAX_WORKERS = 256;
    /** Requests waiting for a worker, beyond those read or answered. */
    static final int MAX_QUEUED = 64;
    /** Requests whose line, headers or body workers are reading at once, before those read longest make room. */
    static final int MAX_READING = 64;
    /** How long a worker may have been reading a request before it can be dropped to make room. */
    static final Duration READING_GRACE = Duration.ofSeconds(1);
    /** How long a client has to send a whole request. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** How long a client has to take a whole response. */
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);
    /** The deadline of the exchange the current worker serves. */
    private static final ThreadLocal<Deadline> DEADLINE = new ThreadLocal<>();
    /** The current worker's place among the requests being read, until its request is read. */
    private static final ThreadLocal<Reading> READING = new ThreadLocal<>();

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
        // A body refused unread (413, 411) is not drained, which would wait for bytes the client may never send.
        if (System.getProperty("sun.net.httpserver.drainAmount") == null) {
            System.setProperty("sun.net.httpserver.drainAmount", "0");
        }
    }

    private final HttpServer server;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService deadlines;
    /** Exchanges handed to the workers and not yet finished: being served or waiting for a worker. */
    private final AtomicInteger exchanges = new AtomicInteger();
    /** The requests being read, oldest first (guarded by itself). */
    private final LinkedHashSet<Reading> reading = new LinkedHashSet<>();

    /** A request a worker is reading, since the worker started on it. */
    private static final class Reading {
        private final long since = System.nanoTime();
        private final Thread worker;

        Reading(Thread worker) {
            this.worker = worker;
        }

        /** Closes the request's connection: its worker, blocked reading, is interrupted. */
        void drop() {
            worker.interrupt();
        }
    }

    /** Binds the port at once, so that {@link #port()} is known before the router is built. */
    public LocalServer(String host, int port) throws IOException {
        this.server = HttpServer.create(new InetSocketAddress(host, port), 512);
        this.workers = new ThreadPoolExecutor(MAX_WORKERS, MAX_WORKERS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemon("local-server-"));
        workers.allowCoreThreadTimeOut(true);
        ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1, daemon("local-server-deadlines-"));
        deadlines.setRemoveOnCancelPolicy(true); // two deadlines a request, nearly all cancelled: not kept queued
        this.deadlines = deadlines;
        deadlines.scheduleWithFixedDelay(() -> makeRoom(0), 250, 250, TimeUnit.MILLISECONDS);
        server.setExecutor(this::dispatch);
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

    /**
     * Hands a new exchange (its request not read yet) to a worker, or closes its connection when
     * {@value #MAX_WORKERS} exchanges are being served and {@value #MAX_QUEUED} more already wait. Counted here rather
     * than by the pool's queue: a burst of connections is handed over faster than idle workers wake to take them, and
     * a small queue then refused connections while most workers were idle. Called on the JDK server's dispatcher
     * thread: never blocks.
     */
    private void dispatch(Runnable exchange) {
        if (exchanges.incrementAndGet() > MAX_WORKERS + MAX_QUEUED) {
            exchanges.decrementAndGet();
            throw new RejectedExecutionException("every worker is busy and " + MAX_QUEUED + " exchanges wait");
        }
        try {
            workers.execute(() -> {
                try {
                    withDeadline(exchange);
                } finally {
                    exchanges.decrementAndGet();
                }
            });
        } catch (RuntimeException | Error notStarted) {
            exchanges.decrementAndGet();
            throw notStarted;
        }
    }

    /**
     * Drops the requests read longest while more than {@value #MAX_READING} minus {@code arriving} are being read,
     * as far as workers have been reading them for {@link #READING_GRACE}.
     */
    private void makeRoom(int arriving) {
        long overdue = System.nanoTime() - READING_GRACE.toNanos();
        synchronized (reading) {
            Iterator<Reading> oldestFirst = reading.iterator();
            while (reading.size() + arriving > MAX_READING && oldestFirst.hasNext()) {
                Reading oldest = oldestFirst.next();
                if (oldest.since - overdue > 0) {
                    return;
                }
                oldestFirst.remove();
                oldest.drop();
            }
        }
    }

    /** The request of {@code admitted} is read (or given up): it no longer counts among those being read. */
    private void read(Reading admitted) {
        synchronized (reading) {
            reading.remove(admitted);
        }
    }

    /**
     * Runs one exchange of the JDK server with the request deadline armed: reading it must end before. Its request
     * counts among those being read from the moment this worker starts on it (time spent waiting for a worker is
     * the server's, not the client's), first making room for it.
     */
    private void withDeadline(Runnable exchange) {
        Thread worker = Thread.currentThread();
        Reading admitted = new Reading(worker);
        makeRoom(1);
        synchronized (reading) {
            reading.add(admitted);
        }
        READING.set(admitted);
        try {
            arm(REQUEST_TIMEOUT);
            exchange.run();
        } finally {
            read(admitted);
            READING.remove();
            disarm();
        }
    }

    private void serve(HttpRouter router, HttpExchange exchange) throws IOException {
        try (exchange) {
            ProxyResponse response = respond(router, exchange);
            arm(RESPONSE_TIMEOUT);
            response = ResponseCompression.apply(exchange.getRequestHeaders().getFirst("Accept-Encoding"), response);
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

    /**
     * The router's response to the exchange's request: refused before its body is read when the body is sent
     * chunked (411) or declared larger than the router takes (413), otherwise for the request with its body.
     */
    private ProxyResponse respond(HttpRouter router, HttpExchange exchange) throws IOException {
        Headers headers = exchange.getRequestHeaders();
        long declared = declaredLength(headers.getFirst("Content-Length"));
        HttpProblem refused = null;
        if (headers.containsKey("Transfer-Encoding")) {
            refused = new HttpProblem(411, "BAD_USER_INPUT", "Request body must be sent with a Content-Length");
        } else if (declared > router.maxBodyBytes()) {
            refused = new HttpProblem(413, "BAD_USER_INPUT", "Request body is larger than " + router.maxBodyBytes() + " bytes");
        }
        ObjectNode event = toEvent(exchange, refused == null ? Math.max(declared, 0) : -1);
        finishReading();
        ProxyRequest request = ProxyRequest.fromEvent(event);
        return refused == null ? router.handle(request) : router.refuse(request, refused);
    }

    /** A Content-Length value as a number (-1 when absent; the JDK server has already refused malformed ones). */
    private static long declaredLength(String value) {
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The current request is read: it leaves the requests being read, and its deadline is cancelled. */
    private void finishReading() {
        Reading admitted = READING.get();
        if (admitted != null) {
            read(admitted);
        }
        disarm();
    }

    /** Arms the current worker's deadline: past {@code timeout}, the worker is interrupted (its channel closed). */
    private void arm(Duration timeout) {
        Deadline deadline = new Deadline(Thread.currentThread());
        DEADLINE.set(deadline);
        deadline.scheduled = deadlines.schedule(deadline, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Disarms the current worker's deadline, then forgets an interrupt it may have made: once disarmed it can no
     * longer interrupt, so no late interrupt reaches the next exchange this worker serves.
     */
    private static void disarm() {
        Deadline deadline = DEADLINE.get();
        if (deadline != null) {
            deadline.disarm();
            DEADLINE.remove();
        }
        Thread.interrupted();
    }

    /**
     * A worker's deadline. Firing and disarming exclude each other: a deadline whose task has already started when
     * it is cancelled must not interrupt the worker after it has moved on (cancelling the task alone does not stop
     * that).
     */
    private static final class Deadline implements Runnable {
        private final Thread worker;
        private boolean armed = true;
        private volatile ScheduledFuture<?> scheduled;

        Deadline(Thread worker) {
            this.worker = worker;
        }

        @Override
        public synchronized void run() {
            if (armed) {
                worker.interrupt();
            }
        }

        synchronized void disarm() {
            armed = false;
            ScheduledFuture<?> task = scheduled;
            if (task != null) {
                task.cancel(false);
            }
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * The REST API (payload 1.0) proxy event for this exchange, with its body of {@code bodyBytes} (the declared
     * length), or without reading any of it when {@code bodyBytes} is negative.
     */
    static ObjectNode toEvent(HttpExchange exchange, long bodyBytes) throws IOException {
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
        byte[] body = new byte[0];
        if (bodyBytes >= 0) {
            InputStream in = exchange.getRequestBody();
            body = in.readNBytes((int) Math.min(bodyBytes, Integer.MAX_VALUE));
            in.read(); // the end of the body: the JDK server keeps a connection alive only once it saw it
        }
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

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
