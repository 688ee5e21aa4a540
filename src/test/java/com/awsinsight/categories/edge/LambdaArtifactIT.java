package com.awsinsight.categories.edge;

import com.awsinsight.categories.demo.DemoData;
import com.awsinsight.categories.edge.http.Json;
import com.awsinsight.categories.store.dynamodb.DynamoStore;
import com.awsinsight.categories.store.dynamodb.DynamoTables;
import com.awsinsight.categories.testing.Dynalite;
import com.awsinsight.categories.testing.StandInRuntimeApi.Result;
import com.awsinsight.categories.testing.StandInRuntimeApi;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The deployment artifact as Lambda runs it: {@code target/category-gateway-lambda.zip} is unzipped to a
 * temporary directory (the function's {@code LAMBDA_TASK_ROOT}), and its own {@code bootstrap} is started
 * with the environment Lambda sets, talking to a {@link StandInRuntimeApi} and to dynalite holding the
 * demo data. Real API Gateway events go in, proxy responses come out; the stand-in's X-Ray daemon receives what the
 * function traces.
 *
 * <p>Nothing may be written under the task root (read-only on Lambda). Whether the AOT cache is used is read
 * from the JVM's own class-loading log
 * ({@code -Xlog:class+load} through {@code JAVA_TOOL_OPTIONS}, which does not change the class path):
 * a class loaded from the cache says {@code source: shared objects file}. Timing is the benchmark's job.
 */
class LambdaArtifactIT {
    private static final Path ZIP = Path.of("target/category-gateway-lambda.zip");
    private static final String SHARED = "source: shared objects file";

    @TempDir
    static Path work;
    private static Path taskRoot;
    private static Map<String, String> gatewayEnvironment;
    /** One per test: a long poll left open by a stopped runtime would take the next test's event. */
    private StandInRuntimeApi api;

    @BeforeAll
    static void unzip() throws Exception {
        assumeFalse(Boolean.getBoolean("lambda.skip"), "built with -Dlambda.skip=true: no Lambda artifact");
        assertTrue(Files.isRegularFile(ZIP), ZIP + " is missing: run mvn package without -Dlambda.skip=true");
        taskRoot = Files.createDirectory(work.resolve("task"));
        // unzip restores file modes and modification times, as Lambda's extraction does
        run(List.of("unzip", "-q", ZIP.toAbsolutePath().toString(), "-d", taskRoot.toString()));
        String categories = "artifact-categories";
        String templates = "artifact-templates";
        DynamoTables.Created created = DynamoTables.createIfMissing(Dynalite.get().client(), categories, templates);
        DemoData.loadIntoNewTables(new DynamoStore(Dynalite.get().client(), categories, templates),
                created.categories(), created.templates());
        Map<String, String> gateway = new java.util.HashMap<>(StandInRuntimeApi.gatewayEnvironment());
        gateway.putAll(Map.of("TABLE_NAME", categories, "TEMPLATES_TABLE_NAME", templates,
                "DYNAMODB_ENDPOINT", Dynalite.get().endpoint().toString()));
        gatewayEnvironment = Map.copyOf(gateway);
    }

    @BeforeEach
    void startRuntimeApi() throws IOException {
        api = StandInRuntimeApi.start();
    }

    @AfterEach
    void stopRuntimeApi() {
        api.close();
    }

    @Test
    void bootstrapAnswersApiGatewayEventsFromTheAotCache() throws Exception {
        Path classLog = work.resolve("class-load.log");
        Map<String, String> before = files(taskRoot);
        Process runtime = bootstrap(gatewayEnvironment, "-Xlog:class+load=info:file=" + classLog);
        try {
            JsonNode health = invoke("health.json");
            JsonNode list = invoke("graphql-list-claims.json");

            assertEquals(200, health.get("statusCode").asInt(), health.toString());
            assertEquals("ok", body(health).path("status").asText());
            assertEquals(200, list.get("statusCode").asInt(), list.toString());
            JsonNode categories = body(list).path("data").path("categories");
            assertEquals(20, categories.path("edges").size(), list.toString());
            assertEquals("Artifact Registry", categories.at("/edges/0/node/name").asText(), "names in reading order, ignoring case");
            assertTrue(categories.at("/pageInfo/hasNextPage").asBoolean());
            assertTrue(runtime.isAlive(), "the runtime keeps polling for the next event");
        } finally {
            stop(runtime);
        }
        // Lambda's /var/task is read-only: nothing may be created or changed there
        assertEquals(before, files(taskRoot), "files written under LAMBDA_TASK_ROOT");

        List<String> loads = Files.readAllLines(classLog);
        long shared = loads.stream().filter(l -> l.contains(SHARED)).count();
        assertTrue(line(loads, "com.awsinsight.categories.LambdaHandler ").contains(SHARED), "handler from the cache");
        assertTrue(line(loads, "software.amazon.awssdk.services.dynamodb.DefaultDynamoDbClient ").contains(SHARED),
                "DynamoDB client from the cache");
        assertTrue(line(loads, "graphql.GraphQL ").contains(SHARED), "graphql-java from the cache");
        assertTrue(shared > 0.9 * loads.size(), shared + " of " + loads.size() + " classes from the cache");
    }

    /**
     * The trace header the runtime interface client receives ({@code Lambda-Runtime-Trace-Id}) decides: a sampled
     * invocation sends each of its DynamoDB calls to the daemon as a subsegment of the function's segment (the
     * header's {@code Parent}) in the header's trace; an unsampled one sends nothing.
     */
    @Test
    void sampledInvocationsSendTheirDynamoDbCallsToTheXRayDaemon() throws Exception {
        String root = "1-67890abc-0123456789abcdef01234567";
        String parent = "53995c3f42cd8ad8";
        Process runtime = bootstrap(gatewayEnvironment, null);
        List<JsonNode> sampled = new ArrayList<>();
        List<String> unsampled;
        try {
            JsonNode first = invoke("graphql-list-claims.json", "Root=" + root + ";Parent=" + parent + ";Sampled=1");
            for (String datagram : api.segmentsUntilNow()) {
                assertTrue(datagram.startsWith("{\"format\":\"json\",\"version\":1}\n"), datagram);
                sampled.add(Json.MAPPER.readTree(datagram.substring(datagram.indexOf('\n') + 1)));
            }
            JsonNode second = invoke("graphql-list-claims.json", "Root=1-67890abc-fedcba9876543210fedcba98;Parent=" + parent + ";Sampled=0");
            unsampled = api.segmentsUntilNow();

            assertEquals(200, first.get("statusCode").asInt(), first.toString());
            assertEquals(200, second.get("statusCode").asInt(), second.toString());
        } finally {
            stop(runtime);
        }
        assertEquals(List.of(), unsampled, "an unsampled invocation sends nothing");
        Set<String> calls = new TreeSet<>();
        for (JsonNode document : sampled) {
            assertEquals("subsegment", document.path("type").asText(), document.toString());
            assertEquals("DynamoDB", document.path("name").asText());
            assertEquals(root, document.path("trace_id").asText(), "the trace of the runtime's header: " + document);
            assertEquals(parent, document.path("parent_id").asText(), "nested under the function's segment: " + document);
            assertEquals("artifact-categories", document.at("/aws/table_name").asText(), document.toString());
            calls.add(document.at("/aws/operation").asText() + " " + document.at("/aws/index_name").asText());
        }
        // The listing in name order: the organization's state item, then a page of NameKeyIndex.
        assertEquals(Set.of("GetItem ", "Query NameKeyIndex"), calls, sampled.toString());
    }

    @Test
    void aCacheTheJvmRejectsMeansANormalStart() throws Exception {
        Path cache = taskRoot.resolve("app.aot");
        Path kept = work.resolve("app.aot.kept");
        Path classLog = work.resolve("class-load-broken.log");
        Path output = work.resolve("output-broken.log");
        Files.move(cache, kept);
        try {
            Files.write(cache, "not an AOT cache".getBytes(StandardCharsets.UTF_8));
            Process runtime = bootstrap(gatewayEnvironment, "-Xlog:class+load=info:file=" + classLog, output);
            try {
                JsonNode list = invoke("graphql-list-claims.json");

                assertEquals(200, list.get("statusCode").asInt(), list.toString());
                assertEquals(20, body(list).at("/data/categories/edges").size());
            } finally {
                stop(runtime);
            }
        } finally {
            Files.move(kept, cache, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> loads = Files.readAllLines(classLog);
        assertEquals(0, loads.stream().filter(l -> l.contains(SHARED)).count(), "nothing from a rejected cache");
        assertTrue(Files.readString(output).contains("AOT cache"), "the JVM says why: " + Files.readString(output));
    }

    @Test
    void anInitFailureIsReportedToTheRuntimeApi() throws Exception {
        Path output = work.resolve("output-init-error.log");
        Process runtime = bootstrap(Map.of(), null, output);
        try {
            Result result = api.await(Duration.ofSeconds(60));

            assertNotNull(result, "no init error posted");
            assertEquals(Result.Kind.INIT_ERROR, result.kind(), result.body());
            JsonNode error = Json.MAPPER.readTree(result.body());
            assertEquals("java.lang.IllegalStateException", error.path("errorType").asText(), result.body());
            assertEquals("TABLE_NAME must be set in Lambda", error.path("errorMessage").asText(), result.body());
        } finally {
            stop(runtime);
        }
        assertTrue(Files.readString(output).contains("TABLE_NAME must be set in Lambda"), Files.readString(output));
    }

    private JsonNode invoke(String fixture) throws Exception {
        return invoke(fixture, StandInRuntimeApi.sampledTraceHeader());
    }

    private JsonNode invoke(String fixture, String traceHeader) throws Exception {
        String id = api.invoke(Files.readString(Path.of("src/test/resources/events", fixture)), traceHeader);
        Result result = api.await(Duration.ofSeconds(60));
        assertNotNull(result, fixture + ": no answer from the runtime");
        assertEquals(Result.Kind.RESPONSE, result.kind(), result.body());
        assertEquals(id, result.requestId());
        return Json.MAPPER.readTree(result.body());
    }

    private static JsonNode body(JsonNode proxyResponse) throws IOException {
        return Json.MAPPER.readTree(proxyResponse.get("body").asText());
    }

    /** Every file under {@code root} with its size and modification time. */
    private static Map<String, String> files(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            Map<String, String> files = new java.util.TreeMap<>();
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (Files.isRegularFile(path)) {
                    files.put(root.relativize(path).toString(), Files.size(path) + " " + Files.getLastModifiedTime(path));
                }
            }
            return files;
        }
    }

    private static String line(List<String> loads, String className) {
        return loads.stream().filter(l -> l.contains("] " + className)).findFirst().orElse("(not loaded: " + className + ")");
    }

    private Process bootstrap(Map<String, String> gateway, String javaToolOptions) throws IOException {
        return bootstrap(gateway, javaToolOptions, work.resolve("output.log"));
    }

    /**
     * Starts the artifact's bootstrap as Lambda does: its own directory, Lambda's variables, nothing
     * inherited; {@code javaToolOptions} (or null) as {@code JAVA_TOOL_OPTIONS}, which users may set on Lambda too.
     */
    private Process bootstrap(Map<String, String> gateway, String javaToolOptions, Path output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(taskRoot.resolve("bootstrap").toString())
                .directory(taskRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
        builder.environment().putAll(api.lambdaEnvironment(taskRoot));
        builder.environment().putAll(gateway);
        if (javaToolOptions != null) {
            builder.environment().put("JAVA_TOOL_OPTIONS", javaToolOptions);
        }
        return builder.start();
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File("target/lambda-artifact-it.log"))).start();
        assertEquals(0, process.waitFor(), String.join(" ", command));
    }
}
