package com.awsinsight.categories;

import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.edge.http.ProxyRequest;
import com.awsinsight.categories.edge.http.ProxyResponse;
import com.awsinsight.categories.testing.ProxyEvents;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A DynamoDB that accepts connections and never answers (a network black hole, an overloaded endpoint):
 * start-up and every request must still finish within their budgets, and requests answer with the designed
 * 503 and {@code Retry-After} instead of running past API Gateway's 29 s (a client would see a 504). The
 * timeouts here are shortened; the JUnit timeouts fail the test if any call waits without bound, as it did
 * before (4 attempts of 10 s each).
 */
class SilentStoreTest {
    private static ServerSocket silent;
    private static final List<Socket> held = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void openABlackHole() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!silent.isClosed()) {
                try {
                    held.add(silent.accept());
                } catch (IOException e) {
                    return;
                }
            }
        }, "silent-dynamodb");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterAll
    static void close() throws IOException {
        silent.close();
        for (Socket socket : held) {
            socket.close();
        }
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void startUpAndRequestsFinishWithinTheirBudgetAndAnswer503() throws Exception {
        Settings settings = Settings.fromEnvironment(Map.of(
                "AWS_LAMBDA_FUNCTION_NAME", "gateway",
                "TABLE_NAME", "prod-insight-categories",
                "DYNAMODB_ENDPOINT", "http://127.0.0.1:" + silent.getLocalPort(),
                "DYNAMODB_ATTEMPT_TIMEOUT_MS", "300",
                "DYNAMODB_CALL_TIMEOUT_MS", "900",
                "STORE_BUDGET_MS", "2000"));

        Application application = Application.create(settings, null);
        ProxyResponse graphQL = application.router().handle(ProxyRequest.fromEvent(
                ProxyEvents.post("/graphql", "application/json", "{\"query\":\"{ categoryTree { name } }\"}", "org-1")));

        assertEquals(503, graphQL.statusCode(), new String(graphQL.body()));
        assertEquals("1", graphQL.headers().get("Retry-After"));
        JsonNode body = Json.MAPPER.readTree(graphQL.body());
        assertEquals("UNAVAILABLE", body.at("/errors/0/extensions/code").asText(), body.toString());
    }
}
