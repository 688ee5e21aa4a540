package com.awsinsight.categories.faults;

import com.awsinsight.categories.domain.ports.CategoryRepository;
import com.awsinsight.categories.domain.ports.IndexBackfill;
import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.domain.ports.TemplateRepository;
import com.awsinsight.categories.domain.ports.WriteCoordination;
import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.edge.http.ProxyResponse;
import com.awsinsight.categories.observability.JsonLog;
import com.awsinsight.categories.store.memory.InMemoryStore;
import com.awsinsight.categories.testing.ProxyEvents;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Failures nobody planned for reach the client as INTERNAL with a request id, and nothing else:
 * no exception class, no table name, no AWS message, no stack trace. The request id is in the log.
 */
class ErrorMaskingTest {
    private static final String TABLE = "prod-insight-categories";
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    @AfterEach
    void restore() {
        JsonLog.redirect(System.out, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"runtime", "aws", "error", "out of memory"})
    void unexpectedFailuresAreMasked(String kind) throws Exception {
        Supplier<Throwable> failure = switch (kind) {
            case "runtime" -> () -> new IllegalStateException("Table " + TABLE + " exploded at com.awsinsight.Secret");
            case "aws" -> () -> (RuntimeException) DynamoDbException.builder()
                    .message("Requested resource not found: Table: " + TABLE + " not found (Service: DynamoDb, Status Code: 400)")
                    .statusCode(400).build();
            case "error" -> () -> new NullPointerException("Cannot invoke \"" + TABLE + "\" because x is null");
            default -> () -> new OutOfMemoryError("Java heap space in " + TABLE);
        };
        JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8), false);

        ProxyResponse response = post(failingStore(failure), "{\"query\":\"{ categoryTree { name } categories { edges { cursor } } }\"}");

        String body = response.bodyText();
        JsonNode json = Json.MAPPER.readTree(body);
        assertEquals("INTERNAL", json.at("/errors/0/extensions/code").asText());
        String requestId = response.headers().get("X-Request-Id");
        assertEquals("Internal error (request id " + requestId + ")", json.at("/errors/0/message").asText());
        if (!kind.equals("out of memory")) {
            assertEquals(requestId, json.at("/errors/0/extensions/requestId").asText());
        }
        for (String secret : List.of(TABLE, "Exception", "com.awsinsight", "at ", "DynamoDb", "Status Code", "null")) {
            assertFalse(body.replace(":null", "").contains(secret), "leaked \"" + secret + "\": " + body);
        }
        String log = logs.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("\"requestId\":\"" + requestId + "\""), log);
        assertTrue(log.contains("\"level\":\"ERROR\""), log);
    }

    /** A store whose every repository call fails with {@code failure}. */
    private static Store failingStore(Supplier<Throwable> failure) {
        InMemoryStore delegate = new InMemoryStore();
        return new Store() {
            @Override
            public CategoryRepository categories(String organizationId, StoreMetrics metrics) {
                return failing(CategoryRepository.class, failure);
            }

            @Override
            public TemplateRepository templates(StoreMetrics metrics) {
                return failing(TemplateRepository.class, failure);
            }

            @Override
            public WriteCoordination coordination(String organizationId, StoreMetrics metrics) {
                return failing(WriteCoordination.class, failure);
            }

            @Override
            public IndexBackfill backfill(StoreMetrics metrics) {
                return failing(IndexBackfill.class, failure);
            }

            @Override
            public void ping() {
                delegate.ping();
            }

            @Override
            public String kind() {
                return "failing";
            }
        };
    }

    private static <T> T failing(Class<T> type, Supplier<Throwable> failure) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) -> {
            throw failure.get();
        }));
    }

    private static ProxyResponse post(Store store, String body) {
        return ProxyEvents.send(ProxyEvents.router(store), ProxyEvents.post("/graphql", "application/json", body, "org-1"));
    }
}
