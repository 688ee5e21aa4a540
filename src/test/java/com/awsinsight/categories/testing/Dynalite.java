package com.awsinsight.categories.testing;

import com.awsinsight.categories.store.dynamodb.DynamoClients;
import com.awsinsight.categories.store.dynamodb.DynamoStore;
import com.awsinsight.categories.store.dynamodb.DynamoTables;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real DynamoDB wire-protocol server for tests: the npm package dynalite (pinned in
 * src/test/dynalite; the build installs it with {@code npm ci}, and this class does so on first use
 * when a test runs outside the build), started on a free loopback port
 * once per test JVM and stopped when it exits. Each caller gets its own uniquely named tables.
 */
public final class Dynalite {
    private static final Path PACKAGE_DIR = Path.of("src/test/dynalite").toAbsolutePath();
    private static Dynalite instance;

    private final int port;
    private Process process;
    private final DynamoDbClient client;

    private Dynalite(int port) {
        this.port = port;
        start();
        this.client = DynamoClients.create("us-east-1", endpoint());
    }

    public static synchronized Dynalite get() {
        if (!StoresUnderTest.kinds().toList().contains(StoresUnderTest.Kind.DYNAMODB)) {
            throw new IllegalStateException("this run leaves DynamoDB out (" + StoresUnderTest.PROPERTY + "="
                    + System.getProperty(StoresUnderTest.PROPERTY) + ", the fast lane): tag the test @Tag(\"dynalite\")"
                    + " or take its stores from StoresUnderTest");
        }
        if (instance == null) {
            installIfMissing();
            instance = new Dynalite(freePort());
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop));
        }
        return instance;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public DynamoDbClient client() {
        return client;
    }

    /** A store on a fresh pair of tables, created with the production key and index layout. */
    /** How many 1 MB Query pages the organization's partition of {@code store}'s categories table takes. */
    public int organizationPages(DynamoStore store, String organizationId) {
        int pages = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryResponse response = client().query(r -> r.tableName(store.categoriesTable())
                    .keyConditionExpression("organizationId = :o")
                    .expressionAttributeValues(Map.of(":o", AttributeValue.fromS(organizationId)))
                    .exclusiveStartKey(exclusiveStart));
            pages++;
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return pages;
    }

    /**
     * Every item of {@code table} exactly as stored (attribute values as DynamoDB returns them), keyed by the item's
     * primary key, through this process's raw client: what tests compare before and after a command to prove it
     * changed nothing.
     */
    public Map<String, Map<String, AttributeValue>> items(String table) {
        Map<String, Map<String, AttributeValue>> items = new java.util.TreeMap<>();
        List<software.amazon.awssdk.services.dynamodb.model.KeySchemaElement> keys =
                client.describeTable(r -> r.tableName(table)).table().keySchema();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            var page = client.scan(r -> r.tableName(table).consistentRead(true).exclusiveStartKey(exclusiveStart));
            for (Map<String, AttributeValue> item : page.items()) {
                StringBuilder key = new StringBuilder();
                keys.forEach(k -> key.append(item.get(k.attributeName())).append('|'));
                items.put(key.toString(), item);
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    public DynamoStore newStore() {
        return newStore(client);
    }

    /** As {@link #newStore()}, through a client of its own with a retry budget and extra interceptors. */
    public DynamoStore newStore(int maxAttempts, ExecutionInterceptor... interceptors) {
        return newStore(DynamoClients.create("us-east-1", endpoint(), maxAttempts, List.of(interceptors)));
    }

    private DynamoStore newStore(DynamoDbClient storeClient) {
        String prefix = "t" + UUID.randomUUID().toString().substring(0, 8);
        String categories = prefix + "-categories";
        String templates = prefix + "-templates";
        DynamoTables.createIfMissing(client, categories, templates);
        return new DynamoStore(storeClient, categories, templates);
    }

    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
            process = null;
        }
    }

    /** Starts the server again on the same port (its in-memory data is gone). */
    public synchronized void start() {
        try {
            process = new ProcessBuilder(List.of("node", PACKAGE_DIR.resolve("node_modules/dynalite/cli.js").toString(),
                    "--host", "127.0.0.1", "--port", Integer.toString(port),
                    "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(new File("target/dynalite.log")))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start dynalite (is node installed?)", e);
        }
        awaitPort();
    }

    private void awaitPort() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                sleep(50);
            }
        }
        throw new IllegalStateException("dynalite did not start on port " + port + "; see target/dynalite.log");
    }

    private static void installIfMissing() {
        if (Files.isDirectory(PACKAGE_DIR.resolve("node_modules/dynalite"))) {
            return;
        }
        try {
            // Never inheritIO: npm (node) would share the test JVM's stdin, which is the test runner's
            // command channel, and switch it to non-blocking mode under the runner's feet.
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                    .directory(PACKAGE_DIR.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(new File("target/dynalite-npm.log")))
                    .start();
            npm.getOutputStream().close();
            if (npm.waitFor() != 0) {
                throw new IllegalStateException("npm ci failed in " + PACKAGE_DIR);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run npm to install dynalite", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
