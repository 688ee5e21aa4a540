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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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
 */
public final class LocalServer implements AutoCloseable {
    private static final int WORKER_THREADS = 64;
    private static final int MAX_READ_BYTES = 10 * 1024 * 1024;

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
    private final ExecutorService workers;

    /** Binds the port at once, so that {@link #port()} is known before the router is built. */
    public LocalServer(String host, int port) throws IOException {
        this.server = HttpServer.create(new InetSocketAddress(host, port), 512);
        this.workers = Executors.newFixedThreadPool(WORKER_THREADS);
        server.setExecutor(workers);
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
    }

    private static void serve(HttpRouter router, HttpExchange exchange) throws IOException {
        try (exchange) {
            ProxyRequest request = ProxyRequest.fromEvent(toEvent(exchange));
            ProxyResponse response = router.handle(request);
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
