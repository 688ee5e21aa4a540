package com.awsinsight.categories.edge;

import com.awsinsight.categories.Application;
import com.awsinsight.categories.Settings;
import com.awsinsight.categories.auth.DevIdentityProvider;
import com.awsinsight.categories.demo.DemoData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The local server against clients that send their requests slowly (slowloris): they neither stop it from
 * answering others nor hold a connection longer than the request timeout, however many there are; and against
 * bodies it would have to wait for: declared larger than the limit (413) or chunked (411), both answered while the
 * body is still unsent. The waits below are liveness bounds (how long the test gives up after), never measurements.
 */
class LocalServerLimitsTest {
    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(60);
    private static LocalServer server;
    private static String base;
    private static DevIdentityProvider dev;

    @BeforeAll
    static void start() throws IOException {
        server = new LocalServer("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
        dev = new DevIdentityProvider(base + "/dev");
        server.start(Application.create(Settings.fromEnvironment(Map.of()), dev).router());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void clientsSendingHeadersSlowlyDoNotStopTheServerAnsweringOthers() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 70; i++) {
                slow.add(startRequestWithoutEndingIt());
            }
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/health"))
                    .timeout(GIVE_UP_AFTER).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(200, health.statusCode());
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void aClientThatNeverFinishesItsHeadersIsDisconnected() throws Exception {
        try (Socket socket = startRequestWithoutEndingIt()) {
            socket.setSoTimeout((int) GIVE_UP_AFTER.toMillis());
            InputStream in = socket.getInputStream();
            try {
                in.readAllBytes();
            } catch (SocketTimeoutException e) {
                fail("the server kept a half-sent request open for " + GIVE_UP_AFTER);
            } catch (SocketException e) {
                // reset by the server: disconnected as well
            }
        }
    }

    @Test
    void moreHalfSentRequestsThanWorkersDoNotStopNewConnectionsBeingServed() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < LocalServer.MAX_WORKERS + 44; i++) {
                slow.add(startRequestWithoutEndingIt());
            }
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/health"))
                        .timeout(GIVE_UP_AFTER).build(), HttpResponse.BodyHandlers.ofString());

                assertEquals(200, health.statusCode());
            }
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    /**
     * 200 clients sending whole requests at the same moment, five each on their connection (the benchmark's burst):
     * every request is answered, though far more than {@value LocalServer#MAX_READING} are waiting for the server at
     * once; a request whose bytes have all arrived is never dropped as slow, however long it waits for a worker.
     */
    @Test
    void aBurstOfWholeRequestsIsServedEntirely() throws Exception {
        String token = dev.issueToken(DemoData.ORGANIZATION, "admin", "burst", Duration.ofMinutes(10));
        String body = "{\"query\":\"{ categories(first: 100) { edges { node { id name parentId childCount } } } }\"}";
        byte[] request = ("POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAuthorization: Bearer "
                + token + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
        List<Socket> sockets = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(200);
        try {
            for (int i = 0; i < 200; i++) {
                Socket socket = new Socket("127.0.0.1", server.port());
                socket.setSoTimeout((int) GIVE_UP_AFTER.toMillis());
                sockets.add(socket);
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<String>>> answers = new ArrayList<>();
            for (Socket socket : sockets) {
                answers.add(clients.submit(() -> {
                    go.await();
                    List<String> statusLines = new ArrayList<>();
                    for (int r = 0; r < 5; r++) {
                        socket.getOutputStream().write(request);
                        socket.getOutputStream().flush();
                        statusLines.add(readResponse(socket.getInputStream()).lines().findFirst().orElse(""));
                    }
                    return statusLines;
                }));
            }
            go.countDown();
            for (Future<List<String>> answer : answers) {
                assertEquals(List.of("HTTP/1.1 200 OK", "HTTP/1.1 200 OK", "HTTP/1.1 200 OK", "HTTP/1.1 200 OK", "HTTP/1.1 200 OK"),
                        answer.get(GIVE_UP_AFTER.toSeconds(), TimeUnit.SECONDS));
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
            clients.shutdownNow();
        }
    }

    @Test
    void aBodyDeclaredLargerThanTheLimitIsRefusedBeforeItArrives() throws Exception {
        String head = "POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 99999999999\r\n\r\n{\"query\":";

        String response = answerWhileTheBodyIsUnsent(head);

        assertTrue(response.startsWith("HTTP/1.1 413 "), response);
        assertTrue(response.contains("Request body is larger than 102400 bytes"), response);
        assertTrue(response.contains("\"code\":\"BAD_USER_INPUT\""), response);
    }

    @Test
    void aChunkedBodyIsRefusedBeforeItArrivesHoweverLargeItsChunks() throws Exception {
        String head = "POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n7FFFFFFF\r\n{\"query\":";

        String response = answerWhileTheBodyIsUnsent(head);

        assertTrue(response.startsWith("HTTP/1.1 411 "), response);
        assertTrue(response.contains("Request body must be sent with a Content-Length"), response);
    }

    @Test
    void requestsWithinTheLimitAreReadWholeAndTheirConnectionKeptAlive() throws Exception {
        String body = "{\"query\":\"{ categoryTree { name } }\"}";
        String post = "POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\n\r\n" + body;
        String get = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) GIVE_UP_AFTER.toMillis());
            for (String request : List.of(post, get, post)) {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                String response = readResponse(socket.getInputStream());

                assertTrue(response.startsWith(request.startsWith("GET") ? "HTTP/1.1 200 " : "HTTP/1.1 401 "), response);
            }
        }
    }

    /** Sends a request's head and the start of its body, never the rest, and reads what the server answers. */
    private static String answerWhileTheBodyIsUnsent(String head) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) GIVE_UP_AFTER.toMillis());
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            try {
                return readResponse(socket.getInputStream());
            } catch (SocketTimeoutException e) {
                return fail("no answer while the body was unsent, for " + GIVE_UP_AFTER);
            }
        }
    }

    /** One HTTP/1.1 response with a Content-Length body: its head and body as text. */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return fail("the connection closed before a response: " + head);
            }
            head.append((char) b);
        }
        int length = head.toString().lines()
                .filter(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:"))
                .mapToInt(line -> Integer.parseInt(line.substring("content-length:".length()).trim()))
                .findFirst().orElse(0);
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static Socket startRequestWithoutEndingIt() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        OutputStream out = socket.getOutputStream();
        out.write("POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: applic".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }
}
