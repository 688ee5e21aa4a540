package com.awsinsight.categories.tracing;

import com.awsinsight.categories.Settings;
import com.awsinsight.categories.domain.model.Category;
import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.store.dynamodb.DynamoClients;
import com.awsinsight.categories.store.dynamodb.DynamoStore;
import com.awsinsight.categories.store.dynamodb.XRayDaemon;
import com.awsinsight.categories.store.dynamodb.XRayInterceptor;
import com.awsinsight.categories.testing.Dynalite;
import com.awsinsight.categories.testing.FaultInjector;
import com.awsinsight.categories.testing.GraphQLHarness;
import com.awsinsight.categories.testing.GraphQLHarness.Response;
import com.awsinsight.categories.testing.TreeFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.awsinsight.categories.testing.GraphQLHarness.editor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * X-Ray subsegments of DynamoDB calls ({@link XRayInterceptor}) on dynalite, received by a stand-in daemon (a UDP
 * socket on loopback) as Lambda's daemon receives them: one datagram per call, under the trace header the Java
 * runtime sets for the invocation ({@code com.amazonaws.xray.traceHeader}). Throttling and failures are injected at
 * the HTTP level ({@link FaultInjector}), so the SDK's own retries run. That it works inside the Lambda artifact,
 * through the runtime interface client, is {@code LambdaArtifactIT}'s.
 */
class DynamoSubsegmentsTest {
    private static final String ROOT = "1-67890abc-0123456789abcdef01234567";
    private static final String PARENT = "53995c3f42cd8ad8";
    private static final String SAMPLED = "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1";

    private DatagramSocket daemon;
    private XRayDaemon sender;
    private final FaultInjector faults = new FaultInjector();
    /** The X-Amzn-Trace-Id header of every HTTP attempt, as sent. */
    private final List<String> traceHeadersSent = new CopyOnWriteArrayList<>();
    private final ExecutionInterceptor headers = new ExecutionInterceptor() {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            context.httpRequest().firstMatchingHeader("X-Amzn-Trace-Id").ifPresent(traceHeadersSent::add);
        }
    };

    @BeforeEach
    void startDaemon() throws IOException {
        daemon = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        daemon.setSoTimeout(30_000);
        sender = XRayDaemon.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), daemon.getLocalPort()));
    }

    @AfterEach
    void stopDaemon() {
        System.clearProperty(XRayInterceptor.TRACE_HEADER_PROPERTY);
        sender.close();
        daemon.close();
    }

    @Test
    @Tag("dynalite")
    void everyCallOfASampledRequestIsASubsegmentOfTheFunctionSegment() throws IOException {
        DynamoStore store = store(4);
        String org = seeded(store);
        System.setProperty(XRayInterceptor.TRACE_HEADER_PROPERTY, SAMPLED);

        Response response = new GraphQLHarness(store).run(editor(org), "{ categories(first: 5, orderBy: NAME_ASC) { edges { node { name } } } }");

        assertTrue(response.json().path("errors").isMissingNode(), response.at("/errors").toString());
        int calls = response.metrics().calls();
        assertTrue(calls >= 2, "the state item and an index page: " + response.metrics().operations());
        Map<String, Integer> operations = new TreeMap<>();
        List<String> ids = new ArrayList<>();
        boolean indexQuery = false;
        for (int i = 0; i < calls; i++) {
            JsonNode document = receive();
            assertEquals("DynamoDB", document.path("name").asText());
            assertEquals("aws", document.path("namespace").asText());
            assertEquals("subsegment", document.path("type").asText());
            assertEquals(ROOT, document.path("trace_id").asText(), "the invocation's trace");
            assertEquals(PARENT, document.path("parent_id").asText(), "under the function's segment");
            assertTrue(document.path("id").asText().matches("[0-9a-f]{16}"), document.toString());
            double start = document.path("start_time").asDouble();
            assertTrue(start <= document.path("end_time").asDouble(), document.toString());
            assertTrue(Math.abs(start - System.currentTimeMillis() / 1000.0) < 600, "seconds since the epoch: " + document);
            JsonNode aws = document.path("aws");
            assertEquals(store.categoriesTable(), aws.path("table_name").asText(), document.toString());
            assertEquals("us-east-1", aws.path("region").asText());
            assertEquals(0, aws.path("retries").asInt());
            assertFalse(aws.path("request_id").asText().isEmpty(), "DynamoDB's request id: " + document);
            assertEquals(store.categoriesTable(), aws.at("/consumed_capacity/table_name").asText(), document.toString());
            assertTrue(aws.at("/consumed_capacity/capacity_units").asDouble() > 0, document.toString());
            assertEquals(200, document.at("/http/response/status").asInt());
            for (String flag : List.of("error", "throttle", "fault", "cause")) {
                assertTrue(document.path(flag).isMissingNode(), flag + " on a successful call: " + document);
            }
            operations.merge(aws.path("operation").asText(), 1, Integer::sum);
            ids.add(document.path("id").asText());
            indexQuery |= aws.path("operation").asText().equals("Query") && aws.path("index_name").asText().equals("NameKeyIndex");
        }
        assertEquals(response.metrics().operations(), operations, "one subsegment per call, named by its operation");
        assertEquals(calls, ids.stream().distinct().count(), "every subsegment has its own id");
        List<String> sent = new ArrayList<>();
        ids.forEach(id -> sent.add("Root=" + ROOT + ";Parent=" + id + ";Sampled=1"));
        assertEquals(sent.stream().sorted().toList(), traceHeadersSent.stream().sorted().toList(),
                "each call tells DynamoDB its own subsegment as parent");
        assertTrue(indexQuery, "the name-order page names its index: " + operations);
    }

    @Test
    @Tag("dynalite")
    void retriesAreCountedAndAThrottledCallIsMarkedThrottled() throws IOException {
        DynamoStore store = store(2);
        System.setProperty(XRayInterceptor.TRACE_HEADER_PROPERTY, SAMPLED);

        faults.throttleNext(1);
        getItem(store.client(), store.categoriesTable());
        JsonNode retried = receive();
        faults.throttleNext(2);
        assertThrows(ProvisionedThroughputExceededException.class, () -> getItem(store.client(), store.categoriesTable()));
        JsonNode throttled = receive();

        assertEquals(1, retried.at("/aws/retries").asInt(), retried.toString());
        assertTrue(retried.path("throttle").isMissingNode() && retried.path("error").isMissingNode(),
                "a call that succeeded on its retry is not an error: " + retried);
        assertEquals("GetItem", throttled.at("/aws/operation").asText());
        assertEquals(1, throttled.at("/aws/retries").asInt(), "both attempts of the budget: " + throttled);
        assertTrue(throttled.path("throttle").asBoolean() && throttled.path("error").asBoolean(), throttled.toString());
        assertTrue(throttled.path("fault").isMissingNode(), "throttling is the client's error, not a fault: " + throttled);
        assertEquals(400, throttled.at("/http/response/status").asInt());
        JsonNode cause = throttled.at("/cause/exceptions/0");
        assertEquals("ProvisionedThroughputExceededException", cause.path("type").asText());
        assertTrue(cause.path("remote").asBoolean(), "DynamoDB's answer: " + cause);
        assertTrue(cause.path("message").asText().startsWith("The level of configured provisioned throughput"), cause.toString());
    }

    @Test
    @Tag("dynalite")
    void aRefusedConditionIsAnErrorAndAnUnreachableStoreIsAFault() throws IOException {
        DynamoStore store = store(1);
        DynamoDbClient client = store.client();
        Map<String, AttributeValue> item = Map.of("organizationId", AttributeValue.fromS("org-" + UUID.randomUUID()),
                "categoryId", AttributeValue.fromS("c1"));
        client.putItem(r -> r.tableName(store.categoriesTable()).item(item));
        System.setProperty(XRayInterceptor.TRACE_HEADER_PROPERTY, SAMPLED);

        assertThrows(ConditionalCheckFailedException.class, () -> client.putItem(r -> r.tableName(store.categoriesTable())
                .item(item).conditionExpression("attribute_not_exists(categoryId)")));
        JsonNode refused = receive();
        DynamoDbClient unreachable = DynamoClients.create("us-east-1", URI.create("http://127.0.0.1:" + closedPort()), 1,
                List.of(new XRayInterceptor(sender)));
        assertThrows(SdkClientException.class, () -> getItem(unreachable, store.categoriesTable()));
        JsonNode unanswered = receive();

        assertEquals("PutItem", refused.at("/aws/operation").asText());
        assertTrue(refused.path("error").asBoolean() && refused.path("fault").isMissingNode() && refused.path("throttle").isMissingNode(),
                refused.toString());
        assertEquals("ConditionalCheckFailedException", refused.at("/cause/exceptions/0/type").asText());
        assertTrue(unanswered.path("fault").asBoolean() && unanswered.path("error").isMissingNode(), unanswered.toString());
        assertEquals("SdkClientException", unanswered.at("/cause/exceptions/0/type").asText());
        assertFalse(unanswered.at("/cause/exceptions/0/remote").asBoolean(), "DynamoDB never answered: " + unanswered);
        assertTrue(unanswered.path("http").isMissingNode(), "no HTTP response: " + unanswered);
    }

    @Test
    @Tag("dynalite")
    void aBatchNamesEveryTableAndReportsItsCapacityPerTable() throws IOException {
        DynamoStore store = store(1);
        System.setProperty(XRayInterceptor.TRACE_HEADER_PROPERTY, SAMPLED);
        Map<String, AttributeValue> key = Map.of("organizationId", AttributeValue.fromS("none"), "categoryId", AttributeValue.fromS("none"));
        Map<String, AttributeValue> templateKey = Map.of("templateId", AttributeValue.fromS("none"), "version", AttributeValue.fromN("1"));

        store.client().batchGetItem(r -> r.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).requestItems(Map.of(
                store.categoriesTable(), KeysAndAttributes.builder().keys(List.of(key)).build(),
                store.templatesTable(), KeysAndAttributes.builder().keys(List.of(templateKey)).build())));
        JsonNode batch = receive();

        assertEquals("BatchGetItem", batch.at("/aws/operation").asText());
        List<String> tables = new ArrayList<>();
        batch.at("/aws/table_names").forEach(table -> tables.add(table.asText()));
        assertEquals(List.of(store.categoriesTable(), store.templatesTable()), tables.stream().sorted().toList());
        assertTrue(batch.at("/aws/table_name").isMissingNode(), batch.toString());
        assertEquals(2, batch.at("/aws/consumed_capacity").size(), "capacity per table: " + batch);
    }

    @Test
    @Tag("dynalite")
    void unsampledOrUntracedCallsSendNothing() throws IOException {
        DynamoStore store = store(1);
        String other = "1-67890abc-fedcba9876543210fedcba98";

        System.setProperty(XRayInterceptor.TRACE_HEADER_PROPERTY, "Root=" + other + ";Parent=" + PARENT + ";Sampled=0");
        getItem(store.client(), store.categoriesTable());
        System.setProperty(XRayInterceptor.TRACE_HEADER_PROPERTY, "Root=" + other + ";Sampled=1");
        getItem(store.client(), store.categoriesTable());
        System.clearProperty(XRayInterceptor.TRACE_HEADER_PROPERTY);
        getItem(store.client(), store.categoriesTable());
        System.setProperty(XRayInterceptor.TRACE_HEADER_PROPERTY, SAMPLED + ";Lineage=a87bd80c:1");
        getItem(store.client(), store.categoriesTable());

        // Datagrams from one socket arrive in order on loopback: had any earlier call sent one, it would come first.
        JsonNode first = receive();
        assertEquals(ROOT, first.path("trace_id").asText(), "only the sampled call with a parent is traced: " + first);
    }

    @Test
    void theDaemonAddressIsLambdasAndEnableXrayTurnsTracingOff() {
        InetSocketAddress plain = Settings.fromEnvironment(Map.of("AWS_XRAY_DAEMON_ADDRESS", "169.254.79.129:2000")).xrayDaemon();
        InetSocketAddress both = Settings.fromEnvironment(Map.of("AWS_XRAY_DAEMON_ADDRESS", "tcp:127.0.0.1:2000 udp:127.0.0.2:2001")).xrayDaemon();

        assertEquals("169.254.79.129:2000", plain.getHostString() + ":" + plain.getPort());
        assertEquals("127.0.0.2:2001", both.getHostString() + ":" + both.getPort(), "the UDP address of the two");
        assertNull(Settings.fromEnvironment(Map.of()).xrayDaemon(), "no daemon, no tracing (local runs)");
        assertNull(Settings.fromEnvironment(Map.of("AWS_XRAY_DAEMON_ADDRESS", "169.254.79.129:2000", "ENABLE_XRAY", "false")).xrayDaemon());
        assertEquals(plain, Settings.fromEnvironment(Map.of("AWS_XRAY_DAEMON_ADDRESS", "169.254.79.129:2000", "ENABLE_XRAY", "TRUE")).xrayDaemon());
        assertEquals("AWS_XRAY_DAEMON_ADDRESS: cannot resolve daemon.invalid", assertThrows(IllegalArgumentException.class,
                () -> XRayDaemon.open(Settings.fromEnvironment(Map.of("AWS_XRAY_DAEMON_ADDRESS", "daemon.invalid:2000")).xrayDaemon()))
                .getMessage());
        assertEquals("ENABLE_XRAY must be true or false, not \"yes\"", assertThrows(IllegalArgumentException.class,
                () -> Settings.fromEnvironment(Map.of("ENABLE_XRAY", "yes"))).getMessage());
        assertEquals("AWS_XRAY_DAEMON_ADDRESS must be host:port or \"tcp:host:port udp:host:port\", not \"tcp:127.0.0.1:2000\"",
                assertThrows(IllegalArgumentException.class,
                        () -> Settings.fromEnvironment(Map.of("AWS_XRAY_DAEMON_ADDRESS", "tcp:127.0.0.1:2000"))).getMessage());
        assertEquals("AWS_XRAY_DAEMON_ADDRESS must be host:port or \"tcp:host:port udp:host:port\", not \"127.0.0.1\"",
                assertThrows(IllegalArgumentException.class,
                        () -> Settings.fromEnvironment(Map.of("AWS_XRAY_DAEMON_ADDRESS", "127.0.0.1"))).getMessage());
    }

    /** A store whose client traces to the stand-in daemon, then lets {@link #faults} misbehave. */
    private DynamoStore store(int maxAttempts) {
        DynamoStore tables = Dynalite.get().newStore();
        DynamoDbClient client = DynamoClients.create("us-east-1", Dynalite.get().endpoint(), maxAttempts,
                List.of(new XRayInterceptor(sender), faults, headers));
        return new DynamoStore(client, tables.categoriesTable(), tables.templatesTable());
    }

    /** A loopback port nothing listens on: connections are refused. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String seeded(DynamoStore store) {
        String org = "org-" + UUID.randomUUID();
        List<Category> categories = TreeFixtures.tree(org, 12, 2);
        TreeFixtures.insert(store, categories);
        return org;
    }

    private static void getItem(DynamoDbClient client, String table) {
        client.getItem(r -> r.tableName(table).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .key(Map.of("organizationId", AttributeValue.fromS("none"), "categoryId", AttributeValue.fromS("none"))));
    }

    /** The next document the daemon received, after checking the header line every datagram starts with. */
    private JsonNode receive() throws IOException {
        byte[] buffer = new byte[65536];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        daemon.receive(packet);
        String datagram = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
        int newline = datagram.indexOf('\n');
        assertEquals("{\"format\":\"json\",\"version\":1}", datagram.substring(0, Math.max(newline, 0)), datagram);
        return Json.MAPPER.readTree(datagram.substring(newline + 1));
    }
}
