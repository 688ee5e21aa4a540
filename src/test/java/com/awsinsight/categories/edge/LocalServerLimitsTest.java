package com.awsinsight.categories.edge;

import com.awsinsight.categories.Application;
import com.awsinsight.categories.Settings;
import com.awsinsight.categories.auth.DevIdentityProvider;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The local server against clients that send their requests slowly (slowloris): they neither stop it from
 * answering others nor hold a connection longer than the request timeout. The waits below are liveness
 * bounds (how long the test gives up after), never measurements.
 */
class LocalServerLimitsTest {
    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(60);
    private static LocalServer server;
    private static String base;

    @BeforeAll
    static void start() throws IOException {
        server = new LocalServer("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
        server.start(Application.create(Settings.fromEnvironment(Map.of()), new DevIdentityProvider(base + "/dev")).router());
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

    private static Socket startRequestWithoutEndingIt() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        OutputStream out = socket.getOutputStream();
        out.write("POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: applic".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }
}
