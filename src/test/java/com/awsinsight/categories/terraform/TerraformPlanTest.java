package com.awsinsight.categories.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Offline checks of the Terraform stack (no AWS account): {@code terraform fmt -check}, {@code init -backend=false}
 * + {@code validate} of the root module (terraform/) and of the bootstrap module (terraform/bootstrap/), then offline
 * plans (fake credentials, {@code -var offline_plan=true}, local backend override, each in its own copy of terraform/
 * under target/) whose {@code terraform show -json} output is checked:
 * <ul>
 *   <li>one plan per environment ({@code -var-file=environments/<env>/terraform.tfvars}) with the test's own inputs:
 *       a small stand-in deployment artifact written to a temporary directory, and clearly fake but valid values for
 *       the inputs that are deliberately not committed (alarm e-mail, staging/prod CORS origins);</li>
 *   <li>a variant of dev with the managed Java runtime and SnapStart, another region, the custom domain and tracing
 *       off;</li>
 *   <li>an adoption of prod: the plan starts from a state holding the Node service's tables, user pool and app client
 *       as {@code terraform import} would record them;</li>
 *   <li>plans that must fail: without the artifact, with broken runtime rules or placeholder inputs, and a destroy.</li>
 * </ul>
 *
 * <p>Needs the terraform binary (PATH, /usr/local/bin or TERRAFORM_BINARY) and a local provider mirror
 * (TF_PLUGIN_MIRROR, default /opt/tf-plugins). A missing binary or mirror is a failure, not a skip.
 *
 * <p>Long on purpose: every plan runs once per class (an offline plan takes seconds) and each check is a small
 * test of its own on those shared plans, so one class holds them all.
 */
@Tag("terraform")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TerraformPlanTest {

    private static final List<String> ENVIRONMENTS = List.of("dev", "staging", "prod");
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "123456789012";

    /** All an environment directory holds: its values and its state location (the root module is terraform/). */
    private static final Set<String> ENV_FILES = Set.of("terraform.tfvars", "backend.hcl");

    private static final String HANDLER = "com.awsinsight.categories.LambdaHandler::handleRequest";

    /** Non-OPTIONS routes that are deliberately public (documented in terraform/README.md). */
    private static final Set<String> PUBLIC_PATHS = Set.of("/health", "/playground", "/playground/{proxy+}");

    /**
     * The only actions that may target Resource "*" outside a KMS key policy: they support no resource-level
     * permissions (X-Ray; EC2's Describe* calls Lambda makes for the function's network interfaces).
     */
    private static final Predicate<String> WILDCARD_RESOURCE_ACTION = action -> action.startsWith("xray:")
            || action.equals("ec2:DescribeNetworkInterfaces") || action.equals("ec2:DescribeSubnets");

    private static final Set<String> REQUIRED_LAMBDA_ENV = Set.of(
            "TABLE_NAME", "TEMPLATES_TABLE_NAME", "LOG_LEVEL", "ENVIRONMENT", "USER_POOL_ID",
            "APP_CLIENT_IDS", "CORS_ALLOWED_ORIGINS", "PLAYGROUND_ENABLED", "INTROSPECTION_ENABLED", "TRUSTED_DOCUMENTS_ONLY",
            "ENABLE_XRAY");

    private static final Set<String> FORBIDDEN_LAMBDA_ENV = Set.of(
            "AWS_REGION", "DYNAMODB_ENDPOINT", "JAVA_TOOL_OPTIONS", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");

    /** Per-environment values of the committed tfvars. */
    private record Expected(int memory, int provisionedConcurrency, boolean pitr, int throttleRate,
                            int throttleBurst, String logLevel, boolean playground) {
    }

    private static final Map<String, Expected> EXPECTED = Map.of(
            "dev", new Expected(1024, 0, false, 10, 20, "DEBUG", true),
            "staging", new Expected(1769, 2, true, 50, 100, "INFO", true),
            "prod", new Expected(1769, 5, true, 100, 200, "INFO", false));

    /** The Node service's tables as its Terraform defines them: what an imported table looks like. */
    private record NodeTable(String suffix, String hashKey, String rangeKey, Map<String, String> attributeTypes,
                             Map<String, String> indexes) {
    }

    private static final NodeTable NODE_CATEGORIES = new NodeTable("insight-categories", "organizationId", "categoryId",
            Map.of("organizationId", "S", "categoryId", "S", "categoryName", "S", "createdAt", "S"),
            Map.of("CategoryNameIndex", "organizationId/categoryName/ALL", "CreatedAtIndex", "organizationId/createdAt/KEYS_ONLY"));

    private static final NodeTable NODE_TEMPLATES = new NodeTable("insight-category-templates", "templateId", "version",
            Map.of("templateId", "S", "version", "N", "templateType", "S"),
            Map.of("TemplateTypeIndex", "templateType/version/ALL"));

    private static final String NODE_POOL_ID = "us-east-1_NodePool1";
    private static final String NODE_CLIENT_ID = "nodedashboardclient0000001";
    private static final String NODE_TABLE_KEY = "arn:aws:kms:us-east-1:" + ACCOUNT + ":key/11111111-2222-4333-8444-555555555555";

    private static final String TEST_CERTIFICATE = "arn:aws:acm:eu-west-1:" + ACCOUNT + ":certificate/00000000-0000-4000-8000-000000000000";

    /** prod's custom domain and certificate: required inputs (custom_domain_required), given here as a deployment would. */
    private static final String PROD_DOMAIN = "api.insight.invalid";
    private static final String PROD_CERTIFICATE = "arn:aws:acm:us-east-1:" + ACCOUNT + ":certificate/00000000-0000-4000-8000-00000000c0de";

    /** A key the live categories table could be on that is not the one the adoption inputs name. */
    private static final String OTHER_TABLE_KEY = "arn:aws:kms:us-east-1:" + ACCOUNT + ":key/99999999-8888-4777-8666-555555555555";

    private Path repoRoot;
    private Path terraformDir;
    private Path workDir;
    private Path artifactDir;
    private Path standInZip;
    private Path standInJar;
    private String terraform;
    private Path cliConfig;
    private ExecutorService executor;
    private final Map<String, CompletableFuture<JsonNode>> plans = new LinkedHashMap<>();
    private final Map<String, String> planLogs = new ConcurrentHashMap<>();
    private CompletableFuture<String> validation;
    private CompletableFuture<JsonNode> bootstrapPlan;
    private CompletableFuture<Map<String, String>> failingPlans;
    private CompletableFuture<String> destroyOfAdoptedEnvironment;

    @BeforeAll
    void startTerraform() throws IOException {
        repoRoot = Paths.get("").toAbsolutePath();
        terraformDir = repoRoot.resolve("terraform");
        assertTrue(Files.isDirectory(terraformDir.resolve("environments")) && Files.isRegularFile(terraformDir.resolve("main.tf")),
                "terraform/main.tf and terraform/environments not found under " + repoRoot + " (run from the repository root)");
        terraform = findTerraform();
        Path mirror = Paths.get(envOr("TF_PLUGIN_MIRROR", "/opt/tf-plugins"));
        assertTrue(Files.isDirectory(mirror), "Terraform provider mirror not found at " + mirror
                + ": install hashicorp/aws into a filesystem mirror or set TF_PLUGIN_MIRROR");

        workDir = repoRoot.resolve("target/terraform-test");
        deleteRecursively(workDir);
        Files.createDirectories(workDir);
        cliConfig = workDir.resolve("terraform.rc");
        Files.writeString(cliConfig, "provider_installation {\n  filesystem_mirror {\n    path    = \""
                + mirror.toAbsolutePath().toString().replace("\\", "/") + "\"\n    include = [\"hashicorp/*\"]\n  }\n}\n");

        // Small stand-ins for what `mvn package` builds: the plans need a file to hash and upload, not a runtime.
        artifactDir = Files.createTempDirectory(workDir, "artifacts-");
        standInZip = writeZip(artifactDir.resolve("category-gateway-lambda.zip"), "bootstrap", "#!/bin/sh\nexit 0\n");
        standInJar = writeZip(artifactDir.resolve("category-gateway.jar"), "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n");

        executor = Executors.newFixedThreadPool(3);
        validation = CompletableFuture.supplyAsync(this::validate, executor);
        bootstrapPlan = CompletableFuture.supplyAsync(this::planBootstrap, executor);
        for (String env : ENVIRONMENTS) {
            plans.put(env, validation.thenApplyAsync(valid -> plan(env, env, planVars(env), null), executor));
        }
        plans.put("variant", validation.thenApplyAsync(valid -> plan("variant", "dev", variantVars(), null), executor));
        plans.put("adoption", validation.thenApplyAsync(valid -> plan("adoption", "prod", adoptionVars(), nodeServiceState("prod")), executor));
        plans.put("adoption-drift", validation.thenApplyAsync(valid -> plan("adoption-drift", "prod", adoptionVars(),
                driftedIndexAndStreamState()), executor));
        plans.put("dev-drift", validation.thenApplyAsync(valid -> plan("dev-drift", "dev", devAdoptionVars(), driftedDevState()), executor));
        failingPlans = plans.get("dev").thenApplyAsync(plan -> runFailingPlans(), executor);
        destroyOfAdoptedEnvironment = plans.get("adoption").thenApplyAsync(plan -> planDestroy("adoption", "prod", adoptionVars()), executor);
    }

    @AfterAll
    void stopExecutor() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- inputs of the plans

    /** The test's own values for inputs that are required and deliberately not committed: clearly fake but valid. */
    private List<String> planVars(String env) {
        List<String> vars = new ArrayList<>(List.of(
                "lambda_artifact_path=" + standInZip,
                "alarm_email=" + testAlarmEmail(env)));
        if (!env.equals("dev")) {
            vars.add("cors_allowed_origins=[\"https://" + (env.equals("prod") ? "" : env + ".") + "insight.invalid\"]");
        }
        if (env.equals("prod")) {
            vars.add("api_domain_name=" + PROD_DOMAIN);
            vars.add("api_certificate_arn=" + PROD_CERTIFICATE);
        }
        return vars;
    }

    private static String testAlarmEmail(String env) {
        return "alarms-" + env + "@insight-ops.invalid";
    }

    private List<String> variantVars() {
        List<String> vars = new ArrayList<>(planVars("dev"));
        vars.removeIf(v -> v.startsWith("lambda_artifact_path="));
        vars.addAll(List.of(
                "lambda_artifact_path=" + standInJar,
                "lambda_runtime=java21",
                "lambda_snap_start=true",
                "lambda_architecture=arm64",
                "aws_region=eu-west-1",
                "api_domain_name=api.dev.insight.invalid",
                "api_certificate_arn=" + TEST_CERTIFICATE,
                "api_base_path=v1",
                "enable_cloudfront=true",
                "enable_xray_tracing=false"));
        return vars;
    }

    /** dev adopting its Node-service resources, without table_kms_key_arn (the tables would move to the stack's key). */
    private List<String> devAdoptionVars() {
        List<String> vars = new ArrayList<>(planVars("dev"));
        vars.add("existing_resource_ids={categories_table=\"dev-insight-categories\",templates_table=\"dev-insight-category-templates\""
                + ",user_pool=\"" + NODE_POOL_ID + "\",user_pool_client=\"" + NODE_CLIENT_ID + "\"}");
        return vars;
    }

    private List<String> adoptionVars() {
        List<String> vars = new ArrayList<>(planVars("prod"));
        vars.add("existing_resource_ids={categories_table=\"prod-insight-categories\",templates_table=\"prod-insight-category-templates\""
                + ",user_pool=\"" + NODE_POOL_ID + "\",user_pool_client=\"" + NODE_CLIENT_ID + "\"}");
        vars.add("table_kms_key_arn=" + NODE_TABLE_KEY);
        return vars;
    }

    // ---------------------------------------------------------------- fmt, validate, layout

    @Test
    void terraformFilesAreCanonicallyFormatted() {
        Result fmt = run(terraformDir, Map.of(), "fmt", "-check", "-recursive", "-diff", "-no-color");
        assertEquals(0, fmt.exitCode, "terraform fmt -check -recursive failed; run `terraform fmt -recursive terraform`\n"
                + fmt.output);
    }

    @Test
    void rootModuleInitialisesAndValidates() {
        String output = await(validation, "init/validate of the root module");
        assertTrue(output.contains("The configuration is valid"), output);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod", "variant", "adoption"})
    void validateAndPlanPrintNoWarnings(String name) {
        String validate = await(validation, "init/validate of the root module");
        plan(name, true);
        for (String output : List.of(validate, planLogs.get(name))) {
            assertFalse(output.contains("Warning:"), "terraform warns about " + name + " (deprecated or ignored settings):\n" + output);
        }
    }

    @Test
    void environmentsAreOnlyValuesAndStateLocationsWithS3NativeLocking() throws IOException {
        assertTrue(Pattern.compile("(?m)^  backend \"s3\" \\{\\}").matcher(Files.readString(terraformDir.resolve("versions.tf"))).find(),
                "terraform/versions.tf must declare the partial backend \"s3\" {} that backend.hcl completes");
        Path environments = terraformDir.resolve("environments");
        Pattern key = Pattern.compile("(?m)^key\\s*=\\s*\"([^\"]+)\"");
        Map<String, String> stateKeys = new TreeMap<>();
        for (String env : ENVIRONMENTS) {
            Set<String> files;
            try (Stream<Path> entries = Files.list(environments.resolve(env))) {
                files = entries.map(path -> path.getFileName().toString()).filter(name -> !name.startsWith("."))
                        .collect(Collectors.toCollection(TreeSet::new));
            }
            assertEquals(new TreeSet<>(ENV_FILES), files, "environments/" + env
                    + " may hold only terraform.tfvars and backend.hcl: the root module is terraform/ itself");
            String backend = Files.readString(environments.resolve(env).resolve("backend.hcl"));
            assertTrue(Pattern.compile("(?m)^use_lockfile\\s*=\\s*true\\s*$").matcher(backend).find(),
                    env + "/backend.hcl must lock the state with S3 itself (use_lockfile = true):\n" + backend);
            assertFalse(backend.contains("dynamodb_table"),
                    env + "/backend.hcl must not name a DynamoDB lock table (deprecated; nothing creates it):\n" + backend);
            assertTrue(Pattern.compile("(?m)^encrypt\\s*=\\s*true\\s*$").matcher(backend).find() && backend.contains("bucket"),
                    env + "/backend.hcl must configure an encrypted S3 state:\n" + backend);
            Matcher stateKey = key.matcher(backend);
            assertTrue(stateKey.find() && stateKey.group(1).contains("/" + env + "/"),
                    env + "/backend.hcl must give the environment its own state key (containing /" + env + "/):\n" + backend);
            String other = stateKeys.put(stateKey.group(1), env);
            assertTrue(other == null, env + " and " + other + " share the state key " + stateKey.group(1));
            Matcher bucket = Pattern.compile("(?m)^bucket\\s*=\\s*\"([^\"]+)\"").matcher(backend);
            assertTrue(bucket.find(), env + "/backend.hcl names no bucket");
            JsonNode stateBucket = byAddress(await(bootstrapPlan, "plan of terraform/bootstrap"), "aws_s3_bucket.state");
            assertEquals(after(stateBucket).path("bucket").asText(), bucket.group(1),
                    env + "/backend.hcl must name the state bucket terraform/bootstrap creates");
        }
    }

    @Test
    void everyModuleFollowsTheFileLayoutAndTypesAndDescribesItsVariables() throws IOException {
        List<Path> variableFiles = new ArrayList<>();
        variableFiles.add(terraformDir.resolve("variables.tf"));
        List<Path> modules = new ArrayList<>();
        modules.add(terraformDir.resolve("bootstrap"));
        try (Stream<Path> children = Files.list(terraformDir.resolve("modules"))) {
            children.filter(Files::isDirectory).sorted().forEach(modules::add);
        }
        for (Path module : modules) {
            for (String file : List.of("main.tf", "variables.tf", "outputs.tf", "versions.tf")) {
                assertTrue(Files.isRegularFile(module.resolve(file)), module.getFileName() + " lacks " + file);
            }
            variableFiles.add(module.resolve("variables.tf"));
        }
        Pattern description = Pattern.compile("(?m)^  description\\s*=");
        Pattern type = Pattern.compile("(?m)^  type\\s*=");
        List<String> problems = new ArrayList<>();
        for (Path file : variableFiles) {
            String[] blocks = Files.readString(file).split("(?m)^variable \"");
            for (int i = 1; i < blocks.length; i++) {
                String name = blocks[i].substring(0, blocks[i].indexOf('"'));
                if (!description.matcher(blocks[i]).find()) {
                    problems.add(terraformDir.relativize(file) + ": variable " + name + " has no description");
                }
                if (!type.matcher(blocks[i]).find()) {
                    problems.add(terraformDir.relativize(file) + ": variable " + name + " has no type");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    // ---------------------------------------------------------------- placeholders and required inputs

    @Test
    void committedValuesHoldNoPlaceholdersAndAlarmsAndOriginsAreRequiredInputs() throws IOException {
        for (String env : ENVIRONMENTS) {
            String tfvars = Files.readString(terraformDir.resolve("environments").resolve(env).resolve("terraform.tfvars"));
            assertFalse(Pattern.compile("example\\.(com|org|net)").matcher(tfvars).find(),
                    env + "/terraform.tfvars holds a documentation placeholder (example.com/org/net):\n" + tfvars);
            assertFalse(Pattern.compile("(?m)^alarm_email\\s*=").matcher(tfvars).find(),
                    env + "/terraform.tfvars must not commit alarm_email: it is a required input given per deployment");
            if (!env.equals("dev")) {
                assertFalse(Pattern.compile("(?m)^cors_allowed_origins\\s*=").matcher(tfvars).find(),
                        env + "/terraform.tfvars must not commit cors_allowed_origins: a required input given per deployment");
            }
        }
        JsonNode variables = plan("dev", true).path("configuration").path("root_module").path("variables");
        for (String required : List.of("alarm_email", "cors_allowed_origins")) {
            assertTrue(variables.has(required), required + " is a variable");
            assertFalse(variables.path(required).has("default"), required + " must have no default (nothing deploys silently)");
        }
        for (String env : ENVIRONMENTS) {
            assertEquals(testAlarmEmail(env), after(single(plan(env, true), "aws_sns_topic_subscription")).path("endpoint").asText(),
                    "the alarm topic subscribes the address given as input in " + env);
        }
    }

    @Test
    void placeholderInputsAreRejected() {
        String output = failingPlan("invalid inputs");
        assertContains(output, "alarm_email is a documentation placeholder (example.com/org/net)");
        assertContains(output, "cors_allowed_origins holds a documentation placeholder (example.com/org/net)");
    }

    // ---------------------------------------------------------------- DynamoDB

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void tablesAreEncryptedWithTheCustomerKeyAndHavePitrPerEnvironment(String env) {
        JsonNode plan = plan(env, true);
        List<JsonNode> tables = changes(plan, "aws_dynamodb_table");
        assertEquals(2, tables.size(), "two DynamoDB tables expected");
        for (JsonNode table : tables) {
            JsonNode after = after(table);
            String name = after.path("name").asText();
            JsonNode sse = after.path("server_side_encryption").path(0);
            assertTrue(sse.path("enabled").asBoolean(false), name + ": SSE must be enabled");
            boolean keyUnknown = afterUnknown(table).path("server_side_encryption").path(0).path("kms_key_arn").asBoolean(false);
            assertTrue(keyUnknown || sse.hasNonNull("kms_key_arn"), name + ": SSE must use the customer-managed key (kms_key_arn)");
            assertEquals(EXPECTED.get(env).pitr, after.path("point_in_time_recovery").path(0).path("enabled").asBoolean(),
                    name + ": point-in-time recovery in " + env);
            assertEquals("PAY_PER_REQUEST", after.path("billing_mode").asText(), name);
            assertEquals("expiresAt", after.path("ttl").path(0).path("attribute_name").asText(), name + ": TTL attribute");
            assertTrue(after.path("ttl").path(0).path("enabled").asBoolean(), name + ": TTL enabled");
        }
        JsonNode kmsKey = single(plan, "aws_kms_key");
        assertTrue(after(kmsKey).path("enable_key_rotation").asBoolean(), "the customer-managed key must rotate");
    }

    /**
     * What forces a new table (name, hash and range key) and the attribute types of the Node service's keys and
     * indexes are exactly the Node service's, and its indexes are kept as they are: an imported live table is
     * only ever updated in place. The gateway adds ParentIndex, NameKeyIndex and UpdatedAtIndex to the categories
     * table and OrganizationTemplateIndex to the templates table.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void tablesKeepTheNodeServiceIdentityAndAddTheGatewayIndexes(String env) {
        JsonNode plan = plan(env, true);
        Map<String, Map<String, String>> gatewayIndexes = Map.of(
                NODE_CATEGORIES.suffix, Map.of(
                        "ParentIndex", "organizationId/parentKey/ALL",
                        "NameKeyIndex", "organizationId/nameOrder/ALL",
                        "UpdatedAtIndex", "organizationId/updatedAt/KEYS_ONLY"),
                NODE_TEMPLATES.suffix, Map.of("OrganizationTemplateIndex", "organizationId/typeVersion/ALL"));
        Map<String, Map<String, String>> gatewayAttributes = Map.of(
                NODE_CATEGORIES.suffix, Map.of("parentKey", "S", "nameOrder", "S", "updatedAt", "S"),
                NODE_TEMPLATES.suffix, Map.of("organizationId", "S", "typeVersion", "S"));
        for (NodeTable node : List.of(NODE_CATEGORIES, NODE_TEMPLATES)) {
            JsonNode table = after(byName(plan, "aws_dynamodb_table", env + "-" + node.suffix));
            String name = env + "-" + node.suffix;
            assertEquals(node.hashKey, table.path("hash_key").asText(), name + " hash key (forces a new table)");
            assertEquals(node.rangeKey, table.path("range_key").asText(), name + " range key (forces a new table)");
            assertEquals(0, table.path("local_secondary_index").size(), name + ": local secondary indexes force a new table");

            Map<String, String> attributes = new TreeMap<>(node.attributeTypes);
            attributes.putAll(gatewayAttributes.get(node.suffix));
            assertEquals(attributes, attributeTypes(table), name + " attributes and types");

            Map<String, String> indexes = new TreeMap<>(node.indexes);
            indexes.putAll(gatewayIndexes.get(node.suffix));
            assertEquals(indexes, indexes(table), name + " indexes (the Node service's unchanged, plus the gateway's)");
        }
    }

    // ---------------------------------------------------------------- Lambda: one function, runtime, artifact

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void oneGatewayFunctionOnTheCustomRuntimeServesEveryRoute(String env) {
        JsonNode plan = plan(env, true);
        Expected expected = EXPECTED.get(env);
        JsonNode fn = after(single(plan, "aws_lambda_function"));
        String name = env + "-insight-category-gateway";
        assertEquals(name, fn.path("function_name").asText());
        assertEquals("provided.al2023", fn.path("runtime").asText(), name + ": custom runtime (bundled JVM + AOT cache)");
        assertEquals(List.of("x86_64"), texts(fn.path("architectures")), name + ": the bundled JVM is x86_64");
        assertEquals(HANDLER, fn.path("handler").asText(), name);
        assertEquals(30, fn.path("timeout").asInt(), name + " timeout");
        assertEquals(expected.memory, fn.path("memory_size").asInt(), name + " memory in " + env);
        if (!env.equals("dev")) {
            assertTrue(fn.path("memory_size").asInt() >= 1024, name + ": at least 1024 MB in " + env);
        }
        assertEquals(150, fn.path("reserved_concurrent_executions").asInt(), name + " reserved concurrency");
        assertTrue(fn.path("publish").asBoolean(), name + " must publish versions (alias, provisioned concurrency)");
        assertEquals("Active", fn.path("tracing_config").path(0).path("mode").asText(), name + ": X-Ray tracing");
        assertFalse(fn.path("vpc_config").path(0).isMissingNode(), name + " must run in the VPC");
        assertEquals(0, fn.path("snap_start").size(), name + ": no SnapStart on a custom runtime");

        // The code comes from the artifacts bucket (the zip is above the 50 MB direct-upload limit), and the hash is
        // the stand-in's: a plan ships the artifact it was given.
        String bucket = after(single(plan, "aws_s3_bucket")).path("bucket").asText();
        assertEquals(env + "-insight-category-artifacts-" + ACCOUNT + "-us-east-1", bucket);
        assertEquals(bucket, fn.path("s3_bucket").asText(), name + " code bucket");
        assertEquals(name + "/category-gateway-lambda.zip", fn.path("s3_key").asText(), name + " code key");
        assertTrue(afterUnknown(single(plan, "aws_lambda_function")).path("s3_object_version").asBoolean(false),
                name + ": s3_object_version comes from the uploaded object (a new version deploys new code)");
        assertTrue(fn.path("filename").isMissingNode() || fn.path("filename").isNull(), name + ": no direct upload");
        assertEquals(sha256Base64(standInZip), fn.path("source_code_hash").asText(), name + " source_code_hash");
        JsonNode object = after(single(plan, "aws_s3_object"));
        assertEquals(standInZip.toString(), object.path("source").asText(), "the artifact object uploads the given file");
        assertEquals(bucket, object.path("bucket").asText());
        assertEquals(fn.path("s3_key").asText(), object.path("key").asText());

        JsonNode alias = after(single(plan, "aws_lambda_alias"));
        assertEquals("live", alias.path("name").asText(), "one live alias");
        List<JsonNode> provisioned = changes(plan, "aws_lambda_provisioned_concurrency_config");
        if (expected.provisionedConcurrency == 0) {
            assertTrue(provisioned.isEmpty(), "no provisioned concurrency in " + env);
        } else {
            assertEquals(1, provisioned.size(), "provisioned concurrency on the one alias in " + env);
            assertEquals(expected.provisionedConcurrency, after(provisioned.get(0)).path("provisioned_concurrent_executions").asInt());
            assertEquals("live", after(provisioned.get(0)).path("qualifier").asText(), "provisioned concurrency goes on the live alias");
        }

        // The variables map is unknown in the resource at plan time (it holds the pool and client ids), so the
        // contract is read from the lambda_environment output, which is exactly what the function receives.
        JsonNode functionConfig = moduleResource(plan.path("configuration").path("root_module"), "lambda", "aws_lambda_function");
        assertTrue(functionConfig.path("expressions").path("environment").path(0).path("variables").path("references").toString()
                .contains("var.environment_variables"), "the function gets the module's environment_variables");
        JsonNode output = plan.path("output_changes").path("lambda_environment");
        JsonNode variables = output.path("after");
        Set<String> names = new TreeSet<>();
        variables.fieldNames().forEachRemaining(names::add);
        output.path("after_unknown").fieldNames().forEachRemaining(names::add);
        assertTrue(names.containsAll(REQUIRED_LAMBDA_ENV), "function environment lacks " + missing(REQUIRED_LAMBDA_ENV, names));
        for (String forbidden : FORBIDDEN_LAMBDA_ENV) {
            assertFalse(names.contains(forbidden), "the function must not set " + forbidden);
        }
        assertEquals("true", variables.path("ENABLE_XRAY").asText(),
                "the gateway sends its DynamoDB calls as X-Ray subsegments where the function traces (Active)");
        assertEquals(env, variables.path("ENVIRONMENT").asText());
        assertEquals(env + "-insight-categories", variables.path("TABLE_NAME").asText());
        assertEquals(env + "-insight-category-templates", variables.path("TEMPLATES_TABLE_NAME").asText());
        assertEquals(expected.logLevel, variables.path("LOG_LEVEL").asText());
        assertEquals(String.valueOf(expected.playground), variables.path("PLAYGROUND_ENABLED").asText());
        if (env.equals("prod")) {
            assertEquals("false", variables.path("INTROSPECTION_ENABLED").asText(), "no introspection in prod");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void artifactsBucketIsPrivateVersionedEncryptedAndTlsOnly(String env) {
        assertPrivateVersionedEncryptedTlsOnlyBucket(plan(env, true), "module.artifacts", "this");
    }

    @Test
    void managedJavaRuntimeVariantRunsTheJarWithSnapStart() {
        JsonNode plan = plan("variant", true);
        JsonNode fn = after(single(plan, "aws_lambda_function"));
        assertEquals("java21", fn.path("runtime").asText());
        assertEquals(HANDLER, fn.path("handler").asText());
        assertEquals(List.of("arm64"), texts(fn.path("architectures")), "managed runtimes may run on arm64");
        assertEquals("PublishedVersions", fn.path("snap_start").path(0).path("apply_on").asText(), "SnapStart on published versions");
        assertEquals("dev-insight-category-gateway/category-gateway.jar", fn.path("s3_key").asText(), "the shaded jar");
        assertEquals(sha256Base64(standInJar), fn.path("source_code_hash").asText());
        assertTrue(changes(plan, "aws_lambda_provisioned_concurrency_config").isEmpty(), "SnapStart without provisioned concurrency");
    }

    /** enable_xray_tracing is one switch: the function's tracing mode, the gateway's ENABLE_XRAY and the role's X-Ray grant. */
    @Test
    void tracingOffIsPassThroughWithoutSubsegmentsOrXRayGrant() {
        JsonNode plan = plan("variant", true);
        assertEquals("PassThrough", after(single(plan, "aws_lambda_function")).path("tracing_config").path(0).path("mode").asText());
        assertEquals("false", plan.path("output_changes").path("lambda_environment").path("after").path("ENABLE_XRAY").asText());
        Set<String> sids = new TreeSet<>();
        functionRole(plan).path("values").path("statement").forEach(statement -> sids.add(statement.path("sid").asText()));
        assertFalse(sids.contains("XRayTracing"), "no X-Ray grant without tracing: " + sids);
        assertTrue(sids.contains("DynamoDBTables"), sids.toString());
    }

    @Test
    void runtimeRulesAreEnforcedBeforeAnythingIsPlanned() {
        String invalid = failingPlan("invalid inputs");
        assertContains(invalid, "SnapStart does not exist for custom runtimes (provided.al2023)");
        assertContains(invalid, "lambda_runtime = \"custom\" ships an x86_64 Linux JVM: lambda_architecture must be x86_64");
        assertContains(invalid, "lambda_memory_size must be a whole number of MB between 1024 and 10240");
        assertContains(invalid, "api_domain_name and api_certificate_arn go together");
        String snapStartWithProvisioned = failingPlan("snap start with provisioned concurrency");
        assertContains(snapStartWithProvisioned,
                "SnapStart cannot be combined with provisioned concurrency on the same function version");
    }

    @Test
    void planFailsWithAClearMessageWhenTheArtifactIsMissing() {
        String output = failingPlan("no artifact");
        assertContains(output, "Deployment artifact not found: ../target/category-gateway-lambda.zip (needed by lambda_runtime = \"custom\")");
        assertContains(output, "Build it first with `mvn -B package -DskipTests`");
    }

    // ---------------------------------------------------------------- logs

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void tracingIsOnTheAccessLogSaysWhoHowLongWhichTraceAndEveryLogGroupIsEncryptedAndKeptThirtyDays(String env) {
        JsonNode plan = plan(env, true);
        JsonNode stage = single(plan, "aws_api_gateway_stage");
        assertTrue(after(stage).path("xray_tracing_enabled").asBoolean(), "X-Ray on the API stage");
        assertEquals(env, after(stage).path("stage_name").asText(), "stage named by environment");
        JsonNode format = readJson(after(stage).path("access_log_settings").path(0).path("format").asText());
        Map<String, String> fields = new TreeMap<>();
        format.fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue().asText()));
        assertEquals(new TreeMap<>(Map.ofEntries(
                Map.entry("requestId", "$context.requestId"),
                Map.entry("xrayTraceId", "$context.xrayTraceId"),
                Map.entry("ip", "$context.identity.sourceIp"),
                Map.entry("organizationId", "$context.authorizer.claims['custom:organizationId']"),
                Map.entry("requestTime", "$context.requestTime"),
                Map.entry("httpMethod", "$context.httpMethod"),
                Map.entry("resourcePath", "$context.resourcePath"),
                Map.entry("status", "$context.status"),
                Map.entry("protocol", "$context.protocol"),
                Map.entry("responseLength", "$context.responseLength"),
                Map.entry("responseLatency", "$context.responseLatency"),
                Map.entry("integrationLatency", "$context.integrationLatency"),
                Map.entry("authorizerError", "$context.authorizer.error"),
                Map.entry("errorType", "$context.error.responseType"),
                Map.entry("integrationError", "$context.integrationErrorMessage"))), fields,
                "who (organization from the Cognito claims), how long (response and integration latency), which trace, why "
                        + "refused; no $context.identity.caller/user, which are IAM identities and always empty behind Cognito");

        Map<String, JsonNode> groups = new TreeMap<>();
        changes(plan, "aws_cloudwatch_log_group").forEach(group -> groups.put(group.path("address").asText(), group));
        assertEquals(Set.of("module.lambda.aws_cloudwatch_log_group.this", "module.api_gateway.aws_cloudwatch_log_group.access",
                "module.api_gateway.aws_cloudwatch_log_group.execution"), groups.keySet(),
                "the function's log group and the API's access and execution log groups");
        for (JsonNode group : groups.values()) {
            String address = group.path("address").asText();
            assertEquals(30, after(group).path("retention_in_days").asInt(), address + " retention");
            assertTrue(afterUnknown(group).path("kms_key_id").asBoolean(false) || after(group).hasNonNull("kms_key_id"),
                    address + " must be encrypted with the customer-managed key");
        }
        assertEquals("/aws/lambda/" + env + "-insight-category-gateway",
                after(groups.get("module.lambda.aws_cloudwatch_log_group.this")).path("name").asText());

        // The execution log group's name is API Gateway's fixed one, API-Gateway-Execution-Logs_<rest api id>/<stage>:
        // the id is only known after apply, so the configuration is checked, and the stage waits for the group.
        JsonNode api = plan.path("configuration").path("root_module").path("module_calls").path("api_gateway").path("module");
        JsonNode execution = configResource(api, "aws_cloudwatch_log_group.execution");
        assertTrue(execution.path("expressions").path("name").path("references").toString().contains("aws_api_gateway_rest_api.this.id"),
                "execution log group named after the REST API id: " + execution);
        assertTrue(readUnchecked(terraformDir.resolve("modules/api-gateway/main.tf"))
                        .contains("\"API-Gateway-Execution-Logs_${aws_api_gateway_rest_api.this.id}/${local.stage_name}\""),
                "the execution log group must have API Gateway's name API-Gateway-Execution-Logs_<id>/<stage>");
        for (String dependent : List.of("aws_api_gateway_stage.this", "aws_api_gateway_method_settings.all")) {
            assertTrue(texts(configResource(api, dependent).path("depends_on")).contains("aws_cloudwatch_log_group.execution"),
                    dependent + " must depend on the execution log group (else API Gateway creates it: no retention, no key)");
        }
    }

    // ---------------------------------------------------------------- IAM

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod", "variant", "adoption", "bootstrap"})
    void iamHasNoWildcardGrantsAndNoManagedPoliciesInTheEnvironments(String name) {
        JsonNode plan = name.equals("bootstrap") ? await(bootstrapPlan, "plan of terraform/bootstrap") : plan(name, true);
        List<String> problems = new ArrayList<>();
        int documents = 0;

        for (JsonNode document : policyDocuments(plan)) {
            documents++;
            String address = document.path("address").asText();
            boolean keyPolicy = address.endsWith("aws_iam_policy_document.key_policy");
            for (JsonNode statement : document.path("values").path("statement")) {
                checkStatement(address, keyPolicy, statement.path("effect").asText("Allow"), statement.path("actions"),
                        statement.path("resources"), statement.path("not_actions"), statement.path("not_resources"), problems);
            }
        }
        // Any policy JSON already known at plan time (inline policies, assume-role policies, ...).
        for (JsonNode change : plan.path("resource_changes")) {
            JsonNode after = change.path("change").path("after");
            for (String attribute : List.of("policy", "assume_role_policy")) {
                JsonNode policy = after.path(attribute);
                if (policy.isTextual() && policy.asText().trim().startsWith("{")) {
                    boolean keyPolicy = change.path("type").asText().equals("aws_kms_key");
                    for (JsonNode statement : asArray(readJson(policy.asText()).path("Statement"))) {
                        checkStatement(change.path("address").asText() + "." + attribute, keyPolicy,
                                statement.path("Effect").asText("Allow"), asArray(statement.path("Action")),
                                asArray(statement.path("Resource")), statement.path("NotAction"), statement.path("NotResource"), problems);
                    }
                }
            }
        }
        assertTrue(documents >= (name.equals("bootstrap") ? 2 : 4), "expected the policy documents of the stack, found " + documents);

        Set<String> managed = new TreeSet<>();
        for (JsonNode attachment : changes(plan, "aws_iam_role_policy_attachment")) {
            String arn = after(attachment).path("policy_arn").asText();
            managed.add(arn.substring(arn.indexOf(":policy/") + ":policy/".length()));
        }
        // Environments attach no managed policy (AWSLambdaVPCAccessExecutionRole grants logs and ENI actions on "*");
        // the account-level API Gateway logging role of the bootstrap module uses AWS's documented one.
        assertEquals(name.equals("bootstrap") ? Set.of("service-role/AmazonAPIGatewayPushToCloudWatchLogs") : Set.of(), managed,
                "managed policies attached in " + name);
        assertTrue(problems.isEmpty(), "IAM policy problems in " + name + ":\n  " + String.join("\n  ", problems));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void functionRoleGrantsExactlyWhatTheCodeNeeds(String env) {
        JsonNode plan = plan(env, true);
        Map<String, JsonNode> documents = new TreeMap<>();
        policyDocuments(plan).forEach(document -> documents.put(document.path("address").asText(), document));

        Map<String, JsonNode> statements = new TreeMap<>();
        JsonNode role = functionRole(plan);
        role.path("values").path("statement").forEach(statement -> statements.put(statement.path("sid").asText(), statement));
        assertEquals(Set.of("DynamoDBTables", "DynamoDBIndexes", "DynamoDBSharedTemplates", "FunctionLogs", "XRayTracing", "KmsTableKey",
                "VpcNetworkInterfacesDescribe", "VpcNetworkInterfacesInFunctionSubnets", "VpcNetworkInterfacesManage"),
                statements.keySet());
        statements.forEach((sid, statement) -> assertEquals("Allow", statement.path("effect").asText("Allow"), sid));

        String tables = "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/" + env;
        assertEquals(List.of("dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:DeleteItem", "dynamodb:GetItem",
                        "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"),
                texts(statements.get("DynamoDBTables").path("actions")),
                "DynamoDB item actions of the function: no Scan of a table (only the operator's migrate scans one)");
        assertEquals(List.of(tables + "-insight-categories", tables + "-insight-category-templates"),
                texts(statements.get("DynamoDBTables").path("resources")), "the two tables");
        assertEquals(List.of("dynamodb:Query"), texts(statements.get("DynamoDBIndexes").path("actions")), "indexes are only queried");
        assertEquals(List.of(tables + "-insight-categories/index/*", tables + "-insight-category-templates/index/*"),
                texts(statements.get("DynamoDBIndexes").path("resources")), "the indexes of both tables");
        assertEquals(List.of("dynamodb:Scan"), texts(statements.get("DynamoDBSharedTemplates").path("actions")));
        assertEquals(List.of(tables + "-insight-category-templates/index/TemplateTypeIndex"),
                texts(statements.get("DynamoDBSharedTemplates").path("resources")),
                "the one Scan a request makes: listing every template type scans the shared templates' index");
        statements.forEach((sid, statement) -> {
            if (texts(statement.path("actions")).contains("dynamodb:Scan")) {
                texts(statement.path("resources")).forEach(resource -> assertTrue(resource.contains("/index/"),
                        sid + " lets the function Scan a table: " + resource));
            }
        });

        assertEquals(List.of("logs:CreateLogStream", "logs:PutLogEvents"), texts(statements.get("FunctionLogs").path("actions")));
        assertEquals(2, statements.get("FunctionLogs").path("resources").size(), "the function's log group and its streams");
        assertEquals(List.of("xray:PutTelemetryRecords", "xray:PutTraceSegments"), texts(statements.get("XRayTracing").path("actions")));
        assertEquals(List.of("*"), texts(statements.get("XRayTracing").path("resources")));

        JsonNode kms = statements.get("KmsTableKey");
        assertEquals(List.of("kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"), texts(kms.path("actions")));
        assertEquals(1, kms.path("resources").size(), "the one key");
        assertEquals("kms:ViaService", kms.path("condition").path(0).path("variable").asText());
        assertEquals(List.of("dynamodb.us-east-1.amazonaws.com"), texts(kms.path("condition").path(0).path("values")),
                "the key only through DynamoDB");

        assertEquals(List.of("ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"),
                texts(statements.get("VpcNetworkInterfacesDescribe").path("actions")));
        assertEquals(List.of("ec2:CreateNetworkInterface"), texts(statements.get("VpcNetworkInterfacesInFunctionSubnets").path("actions")));
        assertEquals(3, statements.get("VpcNetworkInterfacesInFunctionSubnets").path("resources").size(),
                "the two private subnets and the function's security group");
        JsonNode manage = statements.get("VpcNetworkInterfacesManage");
        assertEquals(List.of("ec2:AssignPrivateIpAddresses", "ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface",
                "ec2:UnassignPrivateIpAddresses"), texts(manage.path("actions")));
        assertEquals(List.of("arn:aws:ec2:us-east-1:" + ACCOUNT + ":network-interface/*"), texts(manage.path("resources")));
        assertEquals("ArnEquals", manage.path("condition").path(0).path("test").asText());
        assertEquals("ec2:Subnet", manage.path("condition").path(0).path("variable").asText(), "interfaces of the function's subnets only");
        assertEquals(2, manage.path("condition").path(0).path("values").size(), "the two private subnets");

        JsonNode keyPolicy = documents.get("module.kms.data.aws_iam_policy_document.key_policy");
        assertNotNull(keyPolicy, "the key policy document");
        Set<String> sids = new TreeSet<>();
        keyPolicy.path("values").path("statement").forEach(statement -> sids.add(statement.path("sid").asText()));
        assertTrue(sids.containsAll(Set.of("KeyAdministration", "DynamoDBTableEncryption", "KeyUsers")),
                "the key policy lets the account administer the key, DynamoDB encrypt the tables and the function role use it: " + sids);
    }

    /**
     * migrate and repair run under the operator role: the function's table grant plus Scan of the tables and
     * DescribeTable (their table check), the indexes queried, the tables' key through DynamoDB, and nothing else; principals of the account assume it, its ARN and
     * policy are outputs.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void operatorCommandsRunUnderARoleThatMayScanTheTables(String env) {
        JsonNode plan = plan(env, true);
        JsonNode role = after(byAddress(plan, "module.lambda.aws_iam_role.operator"));
        assertEquals(env + "-insight-category-operator", role.path("name").asText());
        assertEquals(43200, role.path("max_session_duration").asInt(), "a migrate of a large table runs for hours");
        JsonNode trust = readJson(role.path("assume_role_policy").asText()).path("Statement").path(0);
        assertEquals("sts:AssumeRole", trust.path("Action").asText());
        assertEquals("arn:aws:iam::" + ACCOUNT + ":root", trust.at("/Principal/AWS").asText(),
                "principals of the account the administrators allow to assume it; no other account, no service");

        Map<String, JsonNode> statements = new TreeMap<>();
        policyDocuments(plan).stream()
                .filter(document -> document.path("address").asText().equals("module.lambda.data.aws_iam_policy_document.operator"))
                .findFirst().orElseThrow(() -> new AssertionError("no operator policy document"))
                .path("values").path("statement").forEach(statement -> statements.put(statement.path("sid").asText(), statement));
        assertEquals(Set.of("DynamoDBTables", "DynamoDBIndexes", "KmsTableKey"), statements.keySet());
        String tables = "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/" + env;
        assertEquals(List.of("dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:DeleteItem", "dynamodb:DescribeTable",
                        "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:UpdateItem"),
                texts(statements.get("DynamoDBTables").path("actions")),
                "what migrate and repair do: the function's grant plus Scan, and DescribeTable for their table check");
        assertEquals(List.of(tables + "-insight-categories", tables + "-insight-category-templates"),
                texts(statements.get("DynamoDBTables").path("resources")));
        assertEquals(List.of("dynamodb:Query"), texts(statements.get("DynamoDBIndexes").path("actions")));
        assertEquals(List.of("kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"),
                texts(statements.get("KmsTableKey").path("actions")));
        assertEquals(List.of("dynamodb.us-east-1.amazonaws.com"), texts(statements.get("KmsTableKey").path("condition").path(0).path("values")),
                "the tables' key only through DynamoDB");
        for (String output : List.of("operator_role_arn", "operator_policy_json")) {
            assertTrue(plan.path("output_changes").has(output), "output " + output);
        }
    }

    private static JsonNode functionRole(JsonNode plan) {
        return policyDocuments(plan).stream()
                .filter(document -> document.path("address").asText().equals("module.lambda.data.aws_iam_policy_document.this"))
                .findFirst().orElseThrow(() -> new AssertionError("no policy document of the function role"));
    }

    private static void checkStatement(String where, boolean keyPolicy, String effect, JsonNode actions, JsonNode resources,
                                       JsonNode notActions, JsonNode notResources, List<String> problems) {
        if (notActions.size() > 0 || notResources.size() > 0) {
            problems.add(where + ": NotAction/NotResource is not allowed");
        }
        boolean deny = effect.equals("Deny");
        List<String> actionList = new ArrayList<>();
        for (JsonNode action : actions) {
            String value = action.asText();
            actionList.add(value);
            // A Deny with a wildcard only takes away (the buckets' TLS-only policies): only grants must be exact.
            if (value.contains("*") && !deny) {
                problems.add(where + ": wildcard action " + value);
            }
        }
        for (JsonNode resource : resources) {
            if (resource.isTextual() && resource.asText().equals("*") && !deny) {
                boolean noResourceLevel = !actionList.isEmpty() && actionList.stream().allMatch(WILDCARD_RESOURCE_ACTION);
                // In a KMS key policy, Resource "*" means "this key": the only resource a key policy can govern.
                if (!noResourceLevel && !keyPolicy) {
                    problems.add(where + ": Resource \"*\" for " + actionList);
                }
            }
        }
    }

    // ---------------------------------------------------------------- API Gateway

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void everyRouteGoesToTheOneFunctionAndEveryMethodButPreflightAndPublicPagesIsAuthorized(String env) {
        JsonNode plan = plan(env, true);
        Expected expected = EXPECTED.get(env);
        Set<String> routes = new TreeSet<>();
        Set<String> preflightPaths = new TreeSet<>();
        List<String> problems = new ArrayList<>();

        for (JsonNode method : changes(plan, "aws_api_gateway_method")) {
            JsonNode after = after(method);
            String httpMethod = after.path("http_method").asText();
            String key = method.path("index").asText();
            String authorization = after.path("authorization").asText();
            if (after.path("api_key_required").asBoolean(false)) {
                problems.add(key + " requires an API key: no client has one (see docs/operations.md, \"Rate limiting\")");
            }
            if (httpMethod.equals("OPTIONS")) {
                preflightPaths.add(key);
                if (!authorization.equals("NONE")) {
                    problems.add("OPTIONS " + key + " must be unauthenticated (CORS preflight)");
                }
                continue;
            }
            routes.add(key);
            String path = key.substring(key.indexOf(' ') + 1);
            if (PUBLIC_PATHS.contains(path)) {
                if (!authorization.equals("NONE")) {
                    problems.add(key + " is documented as public but has authorization " + authorization);
                }
            } else {
                if (!authorization.equals("COGNITO_USER_POOLS")) {
                    problems.add(key + " has authorization " + authorization + " instead of COGNITO_USER_POOLS");
                }
                if (!afterUnknown(method).path("authorizer_id").asBoolean(false) && !after.hasNonNull("authorizer_id")) {
                    problems.add(key + " has no authorizer_id");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));

        Set<String> expectedRoutes = new TreeSet<>(List.of("GET /categories", "POST /categories", "GET /categories/{id}",
                "PUT /categories/{id}", "DELETE /categories/{id}", "GET /templates", "GET /health", "POST /graphql",
                "GET /graphql"));
        if (expected.playground) {
            expectedRoutes.addAll(List.of("GET /playground", "GET /playground/{proxy+}"));
        }
        assertEquals(expectedRoutes, routes, "routes of " + env);

        Set<String> paths = routes.stream().map(r -> r.substring(r.indexOf(' ') + 1)).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(paths, preflightPaths, "an OPTIONS preflight on every resource");

        Map<String, String> integrationTypes = new TreeMap<>();
        for (JsonNode integration : changes(plan, "aws_api_gateway_integration")) {
            integrationTypes.put(integration.path("address").asText(), after(integration).path("type").asText());
        }
        integrationTypes.forEach((address, type) -> assertTrue(
                address.contains("integration.options[") ? type.equals("MOCK") : type.equals("AWS_PROXY"),
                address + " has integration type " + type));
        assertEquals(routes.size() + paths.size(), integrationTypes.size(), "one integration per method");

        String function = env + "-insight-category-gateway";
        List<JsonNode> permissions = changes(plan, "aws_lambda_permission");
        assertEquals(routes.size(), permissions.size(), "one invoke permission per route");
        for (JsonNode permission : permissions) {
            assertEquals(function, after(permission).path("function_name").asText(), "every route invokes the one gateway function");
            assertEquals("live", after(permission).path("qualifier").asText(), "API Gateway may invoke the live alias only");
            assertEquals("apigateway.amazonaws.com", after(permission).path("principal").asText());
        }
        // Integrations call the live alias (provisioned concurrency and SnapStart only exist on published versions).
        JsonNode functionInput = plan.path("configuration").path("root_module").path("module_calls").path("api_gateway")
                .path("expressions").path("function");
        assertTrue(functionInput.toString().contains("module.lambda.alias_invoke_arn"),
                "API Gateway integrations must target the alias' invoke ARN: " + functionInput);

        JsonNode authorizer = after(single(plan, "aws_api_gateway_authorizer"));
        assertEquals("COGNITO_USER_POOLS", authorizer.path("type").asText());
        assertEquals(300, authorizer.path("authorizer_result_ttl_in_seconds").asInt(), "authorizer cache TTL");

        JsonNode api = after(single(plan, "aws_api_gateway_rest_api"));
        assertEquals(env + "-insight-category-gateway", api.path("name").asText(),
                "not the Node service's API name: API Gateway metrics (and alarms) are keyed by ApiName and stage");
        assertEquals("1024", api.path("minimum_compression_size").asText(),
                "API Gateway compresses responses of 1 KB and more (the function does not; serve does the same locally)");
        assertEquals("REGIONAL", api.path("endpoint_configuration").path(0).path("types").path(0).asText());

        Map<String, JsonNode> gatewayResponses = new java.util.TreeMap<>();
        changes(plan, "aws_api_gateway_gateway_response").forEach(r -> gatewayResponses.put(after(r).path("response_type").asText(),
                after(r).path("response_parameters")));
        assertEquals(Set.of("DEFAULT_4XX", "DEFAULT_5XX", "UNAUTHORIZED", "THROTTLED"), gatewayResponses.keySet());
        gatewayResponses.forEach((type, parameters) -> assertEquals("'ETag,Location,X-Request-Id,WWW-Authenticate,Retry-After'",
                parameters.path("gatewayresponse.header.Access-Control-Expose-Headers").asText(), type + " exposes what the function exposes"));
        assertEquals("'Bearer'", gatewayResponses.get("UNAUTHORIZED").path("gatewayresponse.header.WWW-Authenticate").asText());
        assertEquals("'1'", gatewayResponses.get("THROTTLED").path("gatewayresponse.header.Retry-After").asText());
    }

    /** No usage plan pretends to meter anything: request rates are the stage's throttling, per environment. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void requestRatesAreEnforcedByStageThrottlingNotByUsagePlans(String env) {
        JsonNode plan = plan(env, true);
        for (String type : List.of("aws_api_gateway_usage_plan", "aws_api_gateway_api_key", "aws_api_gateway_usage_plan_key")) {
            assertTrue(changes(plan, type).isEmpty(), type + " in " + env + ": no client sends API keys, so plans would meter nothing");
        }
        JsonNode settings = after(single(plan, "aws_api_gateway_method_settings"));
        assertEquals("*/*", settings.path("method_path").asText(), "throttling applies to every method");
        JsonNode throttling = settings.path("settings").path(0);
        assertEquals(EXPECTED.get(env).throttleRate, throttling.path("throttling_rate_limit").asDouble(), 0.0, "stage rate limit");
        assertEquals(EXPECTED.get(env).throttleBurst, throttling.path("throttling_burst_limit").asInt(), "stage burst limit");
        assertTrue(throttling.path("metrics_enabled").asBoolean(), "method metrics");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void noEnvironmentTouchesTheAccountWideApiGatewaySetting(String env) {
        JsonNode plan = plan(env, true);
        assertTrue(changes(plan, "aws_api_gateway_account").isEmpty(),
                "aws_api_gateway_account is one per account and region: bootstrap/ sets it, environments would overwrite each other");
        if (env.equals("prod")) {
            return; // prod is served on its custom domain only: prodIsServedOnItsCustomDomainOnly
        }
        assertTrue(changes(plan, "aws_api_gateway_domain_name").isEmpty(), "no custom domain unless api_domain_name is given");
        assertFalse(after(single(plan, "aws_api_gateway_rest_api")).path("disable_execute_api_endpoint").asBoolean(),
                "without a custom domain the execute-api endpoint is the API's address");
    }

    /**
     * TLS on every endpoint: prod's committed values require the custom domain (TLS 1.2 minimum), so its plan has the
     * domain and disables the execute-api endpoint, and a prod plan without the domain or its certificate fails.
     */
    @Test
    void prodIsServedOnItsCustomDomainOnly() throws IOException {
        String tfvars = Files.readString(terraformDir.resolve("environments/prod/terraform.tfvars"));
        assertTrue(Pattern.compile("(?m)^custom_domain_required\\s*=\\s*true$").matcher(tfvars).find(),
                "prod's committed values turn the custom domain on:\n" + tfvars);
        JsonNode plan = plan("prod", true);
        JsonNode domain = after(single(plan, "aws_api_gateway_domain_name"));
        assertEquals(PROD_DOMAIN, domain.path("domain_name").asText());
        assertEquals("TLS_1_2", domain.path("security_policy").asText());
        assertEquals(PROD_CERTIFICATE, domain.path("regional_certificate_arn").asText());
        assertTrue(after(single(plan, "aws_api_gateway_rest_api")).path("disable_execute_api_endpoint").asBoolean(),
                "prod's execute-api endpoint is disabled");
        assertEquals("https://" + PROD_DOMAIN, plan.path("output_changes").path("api_url").path("after").asText());

        String output = failingPlan("prod without custom domain");
        assertContains(output, "custom_domain_required is true (prod serves TLS 1.2 on its custom domain only): api_domain_name and"
                + " api_certificate_arn are required inputs, the domain and its ACM certificate in aws_region");
    }

    /**
     * API Gateway applies disable_execute_api_endpoint only with the next deployment: the deployment's triggers include
     * it, so switching the custom domain on later (null to a domain) also redeploys the stage and the default endpoint
     * really closes. (A create plan knows neither trigger hash, the integration URIs being unknown, so the configuration
     * is what is checked.)
     */
    @Test
    void switchingTheCustomDomainOnRedeploysTheStage() {
        for (String name : List.of("dev", "prod")) {
            JsonNode api = plan(name, true).path("configuration").path("root_module").path("module_calls").path("api_gateway").path("module");
            JsonNode triggers = configResource(api, "aws_api_gateway_deployment.this").path("expressions").path("triggers");
            assertTrue(texts(triggers.path("references")).contains("aws_api_gateway_rest_api.this.disable_execute_api_endpoint"),
                    "the deployment's triggers must include disable_execute_api_endpoint: " + triggers);
            JsonNode restApi = configResource(api, "aws_api_gateway_rest_api.this").path("expressions").path("disable_execute_api_endpoint");
            assertTrue(texts(restApi.path("references")).contains("local.custom_domain"), restApi.toString());
        }
        assertFalse(after(single(plan("dev", true), "aws_api_gateway_rest_api")).path("disable_execute_api_endpoint").asBoolean());
        assertTrue(after(single(plan("variant", true), "aws_api_gateway_rest_api")).path("disable_execute_api_endpoint").asBoolean());
    }

    @Test
    void customDomainEnforcesTls12AndDisablesTheDefaultEndpoint() {
        JsonNode plan = plan("variant", true);
        JsonNode domain = after(single(plan, "aws_api_gateway_domain_name"));
        assertEquals("api.dev.insight.invalid", domain.path("domain_name").asText());
        assertEquals("TLS_1_2", domain.path("security_policy").asText(), "TLS 1.2 minimum");
        assertEquals(List.of("REGIONAL"), texts(domain.path("endpoint_configuration").path(0).path("types")));
        assertEquals(TEST_CERTIFICATE, domain.path("regional_certificate_arn").asText());
        JsonNode mapping = after(single(plan, "aws_api_gateway_base_path_mapping"));
        assertEquals("dev", mapping.path("stage_name").asText(), "the stage is mapped");
        assertEquals("v1", mapping.path("base_path").asText());
        assertEquals("api.dev.insight.invalid", mapping.path("domain_name").asText());
        assertTrue(after(single(plan, "aws_api_gateway_rest_api")).path("disable_execute_api_endpoint").asBoolean(),
                "with the custom domain, the execute-api endpoint (no TLS policy of ours) is disabled");
        assertEquals("https://api.dev.insight.invalid/v1", plan.path("output_changes").path("api_url").path("after").asText());
        JsonNode origin = after(single(plan, "aws_cloudfront_distribution")).path("origin").path(0);
        assertEquals("api.dev.insight.invalid", origin.path("domain_name").asText(), "CloudFront must use the domain, not execute-api");
        assertEquals("/v1", origin.path("origin_path").asText());
    }

    // ---------------------------------------------------------------- adoption of the Node service's resources

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod", "variant", "adoption", "bootstrap"})
    void noPlanDeletesOrReplacesAnything(String name) {
        JsonNode plan = name.equals("bootstrap") ? await(bootstrapPlan, "plan of terraform/bootstrap") : plan(name, true);
        List<String> deleting = new ArrayList<>();
        for (JsonNode change : plan.path("resource_changes")) {
            if (texts(change.path("change").path("actions")).contains("delete")) {
                deleting.add(change.path("address").asText() + " " + change.path("change").path("actions"));
            }
        }
        assertTrue(deleting.isEmpty(), "the plan of " + name + " deletes or replaces:\n  " + String.join("\n  ", deleting));
    }

    /**
     * The prod plan starting from a state that holds the Node service's tables, user pool and app client as
     * {@code terraform import} records them (existing_resource_ids set: the import blocks see them in the state and
     * do nothing): every one of them is updated in place, the Node service's indexes stay, the gateway's are added.
     */
    @Test
    void adoptedNodeServiceResourcesAreOnlyUpdatedInPlace() {
        JsonNode plan = plan("adoption", true);
        Map<String, List<String>> actions = new TreeMap<>();
        for (JsonNode change : plan.path("resource_changes")) {
            String address = change.path("address").asText();
            if (address.startsWith("module.dynamodb.") || address.startsWith("module.cognito.")) {
                actions.put(address, texts(change.path("change").path("actions")));
            }
        }
        assertEquals(Map.of(
                        "module.dynamodb.aws_dynamodb_table.categories", List.of("update"),
                        "module.dynamodb.aws_dynamodb_table.templates", List.of("update"),
                        "module.cognito.aws_cognito_user_pool.this", List.of("update"),
                        "module.cognito.aws_cognito_user_pool_client.this", List.of("update")),
                actions, "the adopted resources are updated in place, never replaced");

        JsonNode categories = byAddress(plan, "module.dynamodb.aws_dynamodb_table.categories");
        Map<String, String> before = indexes(categories.path("change").path("before"));
        Map<String, String> after = indexes(after(categories));
        assertEquals(NODE_CATEGORIES.indexes, before, "the state holds the Node service's indexes");
        NODE_CATEGORIES.indexes.forEach((index, definition) -> assertEquals(definition, after.get(index),
                index + " must stay as it is (changing it would drop and rebuild the live index)"));
        assertEquals("organizationId/nameOrder/ALL", after.get("NameKeyIndex"), "NameKeyIndex is added (backfilled in place)");
        assertEquals("organizationId/updatedAt/KEYS_ONLY", after.get("UpdatedAtIndex"), "UpdatedAtIndex is added (backfilled in place)");
        assertEquals("organizationId/parentKey/ALL", after.get("ParentIndex"), "ParentIndex is added (backfilled in place)");
        JsonNode templates = byAddress(plan, "module.dynamodb.aws_dynamodb_table.templates");
        assertEquals(NODE_TEMPLATES.indexes, indexes(templates.path("change").path("before")), "the state holds the Node service's index");
        Map<String, String> templateIndexes = new TreeMap<>(NODE_TEMPLATES.indexes);
        templateIndexes.put("OrganizationTemplateIndex", "organizationId/typeVersion/ALL");
        assertEquals(templateIndexes, indexes(after(templates)),
                "TemplateTypeIndex stays as it is; OrganizationTemplateIndex is added (backfilled in place)");

        // The tables keep the key they are encrypted with (table_kms_key_arn), which the function uses through DynamoDB.
        assertEquals(NODE_TABLE_KEY, after(categories).path("server_side_encryption").path(0).path("kms_key_arn").asText(),
                "the adopted table keeps its key: the Node functions keep reading it until traffic moves");
        assertEquals(NODE_TABLE_KEY, after(byAddress(plan, "module.dynamodb.aws_dynamodb_table.templates"))
                .path("server_side_encryption").path(0).path("kms_key_arn").asText());
        JsonNode role = policyDocuments(plan).stream()
                .filter(document -> document.path("address").asText().equals("module.lambda.data.aws_iam_policy_document.this"))
                .findFirst().orElseThrow();
        for (JsonNode statement : role.path("values").path("statement")) {
            if (statement.path("sid").asText().equals("KmsTableKey")) {
                assertEquals(List.of(NODE_TABLE_KEY), texts(statement.path("resources")), "the function may use the tables' key");
            }
        }

        JsonNode pool = byAddress(plan, "module.cognito.aws_cognito_user_pool.this");
        assertEquals(NODE_POOL_ID, pool.path("change").path("before").path("id").asText(), "the Node service's pool, with its users");
        assertEquals("prod-insight-user-pool", after(pool).path("name").asText());
    }

    @Test
    void tablesAndUserPoolCannotBeDestroyedByTerraform() {
        String output = await(destroyOfAdoptedEnvironment, "destroy plan of the adopted environment");
        for (String address : List.of("module.dynamodb.aws_dynamodb_table.categories", "module.dynamodb.aws_dynamodb_table.templates",
                "module.cognito.aws_cognito_user_pool.this")) {
            assertContains(output, "Resource " + address + " has lifecycle.prevent_destroy set");
        }
    }

    // ---------------------------------------------------------------- terraform/scripts/check-plan

    /** The adoption plan (indexes, attributes, TTL, protection and tags added) passes; so does a plan that adopts nothing. */
    @Test
    void checkPlanPassesWhatOnlyAdds() {
        plan("adoption", true);
        Result adoption = checkPlan(planJson("adoption"));
        assertEquals(0, adoption.exitCode, adoption.output);
        assertEquals("note: module.dynamodb.aws_dynamodb_table.templates: encryption moves from an AWS owned key to " + NODE_TABLE_KEY
                + " (not destructive; whoever reads the table must be allowed the key)\n"
                + "check-plan: no destructive change to the adopted resources (module.cognito.aws_cognito_user_pool.this,"
                + " module.cognito.aws_cognito_user_pool_client.this, module.dynamodb.aws_dynamodb_table.categories,"
                + " module.dynamodb.aws_dynamodb_table.templates)\n", adoption.output);

        plan("dev", true);
        Result fresh = checkPlan(planJson("dev"));
        assertEquals(0, fresh.exitCode, fresh.output);
        assertEquals("check-plan: no destructive change to the adopted resources (none in this plan)\n", fresh.output);
    }

    /**
     * The live table has an index added outside Terraform and its stream on: the plan drops both, says "0 to destroy",
     * and the old check of operations.md (jq, resources whose actions include "delete") printed nothing. check-plan names
     * both and exits 1.
     */
    @Test
    void checkPlanNamesAnIndexDroppedAndAStreamSwitchedOffThatTheJqCheckMissed() {
        JsonNode plan = plan("adoption-drift", true);
        List<String> jqWouldPrint = new ArrayList<>();
        plan.path("resource_changes").forEach(change -> {
            if (texts(change.path("change").path("actions")).contains("delete")) {
                jqWouldPrint.add(change.path("address").asText());
            }
        });
        assertEquals(List.of(), jqWouldPrint, "the jq check sees no delete in this plan");
        assertContains(planLogs.get("adoption-drift"), "0 to destroy");

        Result result = checkPlan(planJson("adoption-drift"));

        assertEquals(1, result.exitCode, result.output);
        assertEquals(List.of(
                "module.dynamodb.aws_dynamodb_table.categories: global secondary index LegacyReportIndex is removed",
                "module.dynamodb.aws_dynamodb_table.categories: stream is switched off (was NEW_AND_OLD_IMAGES)"), problems(result));
    }

    /** dev adopting live resources that are better protected than dev's values: every loss is named. */
    @Test
    void checkPlanNamesEveryProtectionLostAndAClientReplaced() {
        plan("dev-drift", true);
        Result result = checkPlan(planJson("dev-drift"));

        assertEquals(1, result.exitCode, result.output);
        String categories = "module.dynamodb.aws_dynamodb_table.categories: ";
        String templates = "module.dynamodb.aws_dynamodb_table.templates: ";
        assertEquals(new TreeSet<>(List.of(
                "module.cognito.aws_cognito_user_pool.this: deletion protection is switched off",
                "module.cognito.aws_cognito_user_pool_client.this: is replaced (destroyed and created again: forced by generate_secret)",
                categories + "point-in-time recovery is switched off",
                categories + "deletion protection is switched off",
                categories + "TTL moves from purgeAt to expiresAt",
                categories + "KMS key changes from " + OTHER_TABLE_KEY + " to a key known only after apply",
                templates + "point-in-time recovery is switched off",
                templates + "deletion protection is switched off")), new TreeSet<>(problems(result)));
        assertContains(result.output, "Reconcile the configuration with the live resources instead (docs/operations.md, \"3. Plan, and"
                + " read it before applying\").");
    }

    /**
     * What Terraform refuses to plan for these resources (prevent_destroy) or what the offline states cannot produce,
     * made from the real adoption plan: a replaced table, a destroyed table, a changed index, a stream's new view type,
     * TTL switched off, a table moved to an AWS owned key or to another key.
     */
    @Test
    void checkPlanNamesReplacementsChangedIndexesAndStreamViews() throws IOException {
        JsonNode original = plan("adoption", true);
        String address = "module.dynamodb.aws_dynamodb_table.categories";

        JsonNode replaced = original.deepCopy();
        ObjectNode change = (ObjectNode) byAddress(replaced, address).path("change");
        change.set("actions", JSON.createArrayNode().add("create").add("delete"));
        change.set("replace_paths", JSON.createArrayNode().add(JSON.createArrayNode().add("hash_key")));
        assertEquals(List.of(address + ": is replaced (destroyed and created again: forced by hash_key)"), problems(checkPlan(replaced)));

        JsonNode destroyed = original.deepCopy();
        ((ObjectNode) byAddress(destroyed, address).path("change")).set("actions", JSON.createArrayNode().add("delete"));
        assertEquals(List.of(address + ": is destroyed"), problems(checkPlan(destroyed)));

        JsonNode drifted = original.deepCopy();
        ObjectNode before = (ObjectNode) byAddress(drifted, address).path("change").path("before");
        ObjectNode after = (ObjectNode) byAddress(drifted, address).path("change").path("after");
        before.put("stream_enabled", true).put("stream_view_type", "NEW_IMAGE");
        after.put("stream_enabled", true).put("stream_view_type", "NEW_AND_OLD_IMAGES");
        for (JsonNode index : after.path("global_secondary_index")) {
            if (index.path("name").asText().equals("CreatedAtIndex")) {
                ((ObjectNode) index).put("projection_type", "ALL");
            }
        }
        ((ObjectNode) before.path("ttl").path(0)).put("attribute_name", "expiresAt").put("enabled", true);
        ((ObjectNode) after.path("ttl").path(0)).put("enabled", false);
        ((ObjectNode) after.path("server_side_encryption").path(0)).put("kms_key_arn", OTHER_TABLE_KEY);
        assertEquals(List.of(
                address + ": global secondary index CreatedAtIndex changes (organizationId/createdAt/KEYS_ONLY ->"
                        + " organizationId/createdAt/ALL): DynamoDB drops and rebuilds it",
                address + ": stream view type changes from NEW_IMAGE to NEW_AND_OLD_IMAGES",
                address + ": TTL is switched off (was on expiresAt)",
                address + ": KMS key changes from " + NODE_TABLE_KEY + " to " + OTHER_TABLE_KEY), problems(checkPlan(drifted)));

        JsonNode awsOwned = original.deepCopy();
        ((ObjectNode) byAddress(awsOwned, address).path("change").path("after")).set("server_side_encryption", JSON.createArrayNode());
        assertEquals(List.of(address + ": KMS key changes from " + NODE_TABLE_KEY + " to an AWS owned key"), problems(checkPlan(awsOwned)));
    }

    @Test
    void checkPlanRefusesWhatIsNotAPlan() throws IOException {
        Path notAPlan = Files.writeString(workDir.resolve("not-a-plan.json"), "{\"resources\": []}");
        Path broken = Files.writeString(workDir.resolve("broken.json"), "{");

        Result none = runCheckPlan();
        Result help = runCheckPlan("--help");
        Result wrong = runCheckPlan(notAPlan.toString());
        Result unreadable = runCheckPlan(broken.toString());

        assertEquals(2, none.exitCode, none.output);
        assertContains(none.output, "usage: terraform/scripts/check-plan PLAN.json");
        assertEquals(0, help.exitCode, help.output);
        assertContains(help.output, "check-plan: refuse a Terraform plan that would damage an adopted resource.");
        assertEquals(2, wrong.exitCode);
        assertContains(wrong.output, "is not the JSON of a plan (terraform show -json tfplan)");
        assertEquals(2, unreadable.exitCode);
        assertContains(unreadable.output, "cannot read " + broken + " as JSON");
    }

    private Path planJson(String name) {
        return workDir.resolve(name).resolve(name + ".plan.json");
    }

    private Result checkPlan(JsonNode plan) throws IOException {
        Path file = Files.createTempFile(workDir, "modified-", ".plan.json");
        JSON.writeValue(file.toFile(), plan);
        return checkPlan(file);
    }

    private Result checkPlan(Path planFile) {
        return runCheckPlan(planFile.toString());
    }

    /** terraform/scripts/check-plan run as an operator runs it (its own shebang, python3), stdout and stderr together. */
    private Result runCheckPlan(String... args) {
        List<String> command = new ArrayList<>(List.of(terraformDir.resolve("scripts/check-plan").toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "check-plan did not end");
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run terraform/scripts/check-plan (python3 on the PATH?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The destructive changes check-plan listed (its indented lines), in its order. */
    private static List<String> problems(Result result) {
        return result.output.lines().filter(line -> line.startsWith("  ")).map(String::trim).toList();
    }

    // ---------------------------------------------------------------- bootstrap

    @Test
    void bootstrapCreatesTheStateBucketAndTheAccountWideApiGatewayRole() {
        JsonNode plan = await(bootstrapPlan, "plan of terraform/bootstrap");
        assertPrivateVersionedEncryptedTlsOnlyBucket(plan, "", "state");
        assertEquals("insight-terraform-state", after(single(plan, "aws_s3_bucket")).path("bucket").asText());
        assertEquals(1, changes(plan, "aws_api_gateway_account").size(), "the account-level API Gateway CloudWatch role, set once");
        assertTrue(changes(plan, "aws_dynamodb_table").isEmpty(), "no lock table: the backend locks with S3 (use_lockfile)");
    }

    // ---------------------------------------------------------------- Cognito, network, monitoring, outputs

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void cognitoPoolAndClientFollowTheNodeService(String env) {
        JsonNode plan = plan(env, true);
        JsonNode pool = after(single(plan, "aws_cognito_user_pool"));
        assertEquals(env + "-insight-user-pool", pool.path("name").asText(), "the Node service's pool name (forces a new pool)");
        for (String forcesNewPool : List.of("username_attributes", "alias_attributes")) {
            assertTrue(pool.path(forcesNewPool).isNull() || pool.path(forcesNewPool).isMissingNode() || pool.path(forcesNewPool).size() == 0,
                    forcesNewPool + " forces a new pool and the Node service's pool has none: " + pool.path(forcesNewPool));
        }
        JsonNode password = pool.path("password_policy").path(0);
        assertEquals(12, password.path("minimum_length").asInt());
        for (String rule : List.of("require_lowercase", "require_numbers", "require_symbols", "require_uppercase")) {
            assertTrue(password.path(rule).asBoolean(), rule);
        }
        assertEquals("OPTIONAL", pool.path("mfa_configuration").asText());
        assertTrue(pool.path("software_token_mfa_configuration").path(0).path("enabled").asBoolean());
        assertEquals("verified_email", pool.path("account_recovery_setting").path(0).path("recovery_mechanism").path(0).path("name").asText());
        Map<String, String> custom = new TreeMap<>();
        pool.path("schema").forEach(attribute -> custom.put(attribute.path("name").asText(),
                attribute.path("attribute_data_type").asText() + " mutable=" + attribute.path("mutable").asBoolean()
                        + " " + attribute.path("string_attribute_constraints").path(0).path("min_length").asText()
                        + ".." + attribute.path("string_attribute_constraints").path(0).path("max_length").asText()));
        assertEquals(Map.of("organizationId", "String mutable=true 1..256", "role", "String mutable=true 1..64"), custom,
                "the Node service's custom attributes, exactly");

        JsonNode client = after(single(plan, "aws_cognito_user_pool_client"));
        assertFalse(client.path("generate_secret").asBoolean(), "browser client without secret");
        // Browsers sign in with SRP; the operators' smoke test (docs/operations.md) gets an ID token with
        // admin-initiate-auth, which needs AWS credentials: no password flow a browser could use.
        assertEquals(List.of("ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"),
                texts(client.path("explicit_auth_flows")).stream().sorted().collect(Collectors.toList()), "app client auth flows");
        client.path("write_attributes").forEach(attribute -> assertFalse(attribute.asText().startsWith("custom:"),
                "users must not write " + attribute.asText()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod", "variant"})
    void networkHasTheSeedCidrsZonesOfItsRegionAGatewayEndpointAndHttpsOnlyEgress(String name) {
        JsonNode plan = plan(name, true);
        String region = name.equals("variant") ? "eu-west-1" : "us-east-1";
        assertEquals("10.0.0.0/16", after(single(plan, "aws_vpc")).path("cidr_block").asText());
        Map<String, String> subnets = new TreeMap<>();
        changes(plan, "aws_subnet").forEach(s -> subnets.put(after(s).path("cidr_block").asText(), after(s).path("availability_zone").asText()));
        assertEquals(Map.of("10.0.1.0/24", region + "a", "10.0.2.0/24", region + "b", "10.0.101.0/24", region + "a",
                "10.0.102.0/24", region + "b"), subnets, "subnets and their zones, derived from the region");
        JsonNode endpoint = after(single(plan, "aws_vpc_endpoint"));
        assertEquals("Gateway", endpoint.path("vpc_endpoint_type").asText());
        assertEquals("com.amazonaws." + region + ".dynamodb", endpoint.path("service_name").asText());
        assertFalse(changes(plan, "aws_nat_gateway").isEmpty(), "NAT egress for Cognito JWKS and X-Ray");

        List<JsonNode> egress = changes(plan, "aws_vpc_security_group_egress_rule");
        assertEquals(1, egress.size(), "the function security group has exactly one egress rule");
        assertEquals(443, after(egress.get(0)).path("from_port").asInt());
        assertEquals(443, after(egress.get(0)).path("to_port").asInt());
        assertTrue(changes(plan, "aws_vpc_security_group_ingress_rule").isEmpty(), "no ingress to the function");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void oneAlarmSetDashboardAndOutputsExist(String env) {
        JsonNode plan = plan(env, true);
        Map<String, JsonNode> alarms = alarms(plan);
        String prefix = env + "-category-gateway-";
        JsonNode errors = alarms.get(prefix + "lambda-errors");
        assertEquals(10, errors.path("threshold").asInt());
        assertEquals(2, errors.path("evaluation_periods").asInt());
        assertEquals(300, errors.path("period").asInt());
        assertEquals(env + "-insight-category-gateway", errors.path("dimensions").path("FunctionName").asText());
        assertEquals("p99", alarms.get(prefix + "lambda-duration-p99").path("extended_statistic").asText());
        JsonNode api5xx = alarms.get(prefix + "api-5xx-errors");
        assertEquals(20, api5xx.path("threshold").asInt());
        assertEquals(env + "-insight-category-gateway", api5xx.path("dimensions").path("ApiName").asText());
        assertEquals(1, changes(plan, "aws_cloudwatch_dashboard").size(), "one dashboard");
        assertTrue(changes(plan, "aws_cloudfront_distribution").isEmpty(), "CloudFront is off by default");

        Set<String> outputs = new TreeSet<>();
        plan.path("output_changes").fieldNames().forEachRemaining(outputs::add);
        assertTrue(outputs.containsAll(Set.of("api_url", "graphql_url", "user_pool_id", "user_pool_client_id",
                "categories_table_name", "templates_table_name", "function_name", "artifact_bucket")), "outputs: " + outputs);
        assertEquals(env + "-insight-categories", plan.path("output_changes").path("categories_table_name").path("after").asText());
        assertEquals(env + "-insight-category-gateway", plan.path("output_changes").path("function_name").path("after").asText());
    }

    /**
     * The alarms on what users feel, per environment, all to the one topic: DynamoDB throttling and system errors of
     * both tables and their indexes, the API's 4XX rate, spillover past provisioned concurrency where there is any,
     * concurrency near the reserved limit; with their documented default thresholds.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void alarmsCoverWhatUsersFeel(String env) {
        JsonNode plan = plan(env, true);
        Map<String, JsonNode> alarms = alarms(plan);
        String prefix = env + "-category-gateway-";
        Set<String> expected = new TreeSet<>(Set.of(prefix + "lambda-errors", prefix + "lambda-throttles", prefix + "lambda-duration-p99",
                prefix + "lambda-concurrency-near-limit", prefix + "api-5xx-errors", prefix + "api-latency-p99", prefix + "api-4xx-rate"));
        for (String table : List.of("categories", "templates")) {
            for (String kind : List.of("throttled-requests", "system-errors", "table-read-throttles", "table-write-throttles",
                    "index-read-throttles", "index-write-throttles")) {
                expected.add(prefix + "dynamodb-" + table + "-" + kind);
            }
        }
        if (EXPECTED.get(env).provisionedConcurrency > 0) {
            expected.add(prefix + "lambda-provisioned-spillover");
        }
        assertEquals(expected, alarms.keySet(), "one alarm set (not the Node service's alarm names, which its own stack keeps)");

        // Every alarm tells the topic, on ALARM and on OK, and treats missing data (no traffic) as OK.
        JsonNode monitoring = plan.path("configuration").path("root_module").path("module_calls").path("monitoring").path("module");
        for (String address : List.of("aws_cloudwatch_metric_alarm.this", "aws_cloudwatch_metric_alarm.query")) {
            JsonNode expressions = configResource(monitoring, address).path("expressions");
            for (String actions : List.of("alarm_actions", "ok_actions")) {
                assertTrue(expressions.path(actions).path("references").toString().contains("aws_sns_topic.this.arn"),
                        address + " " + actions + " must notify the alarm topic: " + expressions.path(actions));
            }
        }
        alarms.forEach((name, alarm) -> {
            assertEquals("GreaterThanThreshold", alarm.path("comparison_operator").asText(), name);
            assertEquals("notBreaching", alarm.path("treat_missing_data").asText(), name);
        });

        String function = env + "-insight-category-gateway";
        JsonNode concurrency = alarms.get(prefix + "lambda-concurrency-near-limit");
        assertEquals("ConcurrentExecutions", concurrency.path("metric_name").asText());
        assertEquals("Maximum", concurrency.path("statistic").asText());
        assertEquals(120, concurrency.path("threshold").asInt(), "80 % of the reserved 150");
        assertEquals(function, concurrency.path("dimensions").path("FunctionName").asText());
        JsonNode spillover = alarms.get(prefix + "lambda-provisioned-spillover");
        if (spillover != null) {
            assertEquals("ProvisionedConcurrencySpilloverInvocations", spillover.path("metric_name").asText());
            assertEquals(Map.of("FunctionName", function, "Resource", function + ":live"), textMap(spillover.path("dimensions")),
                    "the live alias, where provisioned concurrency is configured");
            assertEquals(0, spillover.path("threshold").asInt());
            assertEquals(2, spillover.path("evaluation_periods").asInt());
        }

        JsonNode rate = alarms.get(prefix + "api-4xx-rate");
        assertEquals(10, rate.path("threshold").asInt(), "4XX above 10 % of requests");
        assertEquals(3, rate.path("evaluation_periods").asInt());
        Map<String, JsonNode> queries = new TreeMap<>();
        rate.path("metric_query").forEach(query -> queries.put(query.path("id").asText(), query));
        assertEquals(Set.of("rate", "requests", "errors"), queries.keySet());
        assertEquals("IF(requests >= 100, 100 * errors / requests, 0)", queries.get("rate").path("expression").asText());
        assertTrue(queries.get("rate").path("return_data").asBoolean(), "the alarm evaluates the rate");
        for (Map.Entry<String, String> metric : Map.of("requests", "Count", "errors", "4XXError").entrySet()) {
            JsonNode read = queries.get(metric.getKey()).path("metric").path(0);
            assertEquals(metric.getValue(), read.path("metric_name").asText());
            assertEquals("Sum", read.path("stat").asText());
            assertEquals(Map.of("ApiName", function, "Stage", env), textMap(read.path("dimensions")));
        }

        Map<String, String> dynamodb = Map.of(
                "throttled-requests", "SELECT SUM(ThrottledRequests) FROM SCHEMA(\"AWS/DynamoDB\", Operation, TableName) WHERE TableName = '%s'",
                "system-errors", "SELECT SUM(SystemErrors) FROM SCHEMA(\"AWS/DynamoDB\", Operation, TableName) WHERE TableName = '%s'",
                "table-read-throttles", "SELECT SUM(ReadThrottleEvents) FROM SCHEMA(\"AWS/DynamoDB\", TableName) WHERE TableName = '%s'",
                "table-write-throttles", "SELECT SUM(WriteThrottleEvents) FROM SCHEMA(\"AWS/DynamoDB\", TableName) WHERE TableName = '%s'",
                "index-read-throttles", "SELECT SUM(ReadThrottleEvents) FROM SCHEMA(\"AWS/DynamoDB\", GlobalSecondaryIndexName, TableName) WHERE TableName = '%s'",
                "index-write-throttles", "SELECT SUM(WriteThrottleEvents) FROM SCHEMA(\"AWS/DynamoDB\", GlobalSecondaryIndexName, TableName) WHERE TableName = '%s'");
        for (Map.Entry<String, String> table : Map.of("categories", env + "-insight-categories",
                "templates", env + "-insight-category-templates").entrySet()) {
            dynamodb.forEach((kind, query) -> {
                JsonNode alarm = alarms.get(prefix + "dynamodb-" + table.getKey() + "-" + kind);
                JsonNode only = alarm.path("metric_query").path(0);
                assertEquals(1, alarm.path("metric_query").size(), "one Metrics Insights query: " + alarm);
                assertEquals(String.format(query, table.getValue()), only.path("expression").asText(),
                        "summed over every operation (or index) of the table, so one added later is watched too");
                assertEquals(300, only.path("period").asInt());
                assertTrue(only.path("return_data").asBoolean());
                assertEquals(0, alarm.path("threshold").asInt(), "any throttling or system error");
            });
        }
    }

    /** The dashboard charts what the alarms watch, with their thresholds drawn in. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void dashboardShowsTheAlarmedMetrics(String env) {
        JsonNode plan = plan(env, true);
        JsonNode body = readJson(after(single(plan, "aws_cloudwatch_dashboard")).path("dashboard_body").asText());
        Map<String, JsonNode> widgets = new TreeMap<>();
        body.path("widgets").forEach(widget -> widgets.put(widget.at("/properties/title").asText(), widget.path("properties")));
        String function = env + "-insight-category-gateway";

        JsonNode rate = widget(widgets, "API 4XX rate");
        assertEquals("IF(requests >= 100, 100 * errors / requests, 0)", rate.at("/metrics/0/0/expression").asText());
        assertEquals("[\"AWS/ApiGateway\",\"4XXError\",\"ApiName\",\"" + function + "\",\"Stage\",\"" + env
                + "\",{\"id\":\"errors\",\"visible\":false}]", rate.at("/metrics/2").toString());
        assertEquals(10, rate.at("/annotations/horizontal/0/value").asInt(), "the alarm's threshold");

        JsonNode concurrency = widget(widgets, "Lambda concurrency");
        assertEquals("[\"AWS/Lambda\",\"ConcurrentExecutions\",\"FunctionName\",\"" + function + "\"]",
                concurrency.at("/metrics/0").toString());
        assertEquals(120, concurrency.at("/annotations/horizontal/0/value").asInt(), "the near-limit alarm's threshold");
        assertEquals(150, concurrency.at("/annotations/horizontal/1/value").asInt(), "the reserved concurrency");

        String invocations = widget(widgets, "Lambda invocations").path("metrics").toString();
        assertEquals(EXPECTED.get(env).provisionedConcurrency > 0,
                invocations.contains("[\"AWS/Lambda\",\"ProvisionedConcurrencySpilloverInvocations\",\"FunctionName\",\"" + function
                        + "\",\"Resource\",\"" + function + ":live\"]"), "spillover charted where provisioned concurrency is set: " + invocations);

        String errors = widget(widgets, "DynamoDB throttling and system errors").path("metrics").toString();
        for (String table : List.of(env + "-insight-categories", env + "-insight-category-templates")) {
            for (String metric : List.of("{AWS/DynamoDB,Operation,TableName} MetricName=\\\"ThrottledRequests\\\"",
                    "{AWS/DynamoDB,Operation,TableName} MetricName=\\\"SystemErrors\\\"",
                    "{AWS/DynamoDB,TableName} MetricName=\\\"ReadThrottleEvents\\\"",
                    "{AWS/DynamoDB,TableName} MetricName=\\\"WriteThrottleEvents\\\"",
                    "{AWS/DynamoDB,GlobalSecondaryIndexName,TableName} MetricName=\\\"ReadThrottleEvents\\\"",
                    "{AWS/DynamoDB,GlobalSecondaryIndexName,TableName} MetricName=\\\"WriteThrottleEvents\\\"")) {
                assertTrue(errors.contains(metric + " TableName=\\\"" + table + "\\\""), metric + " of " + table + " charted: " + errors);
            }
        }
        String capacity = widget(widgets, "DynamoDB consumed capacity").path("metrics").toString();
        assertTrue(capacity.contains("[\"AWS/DynamoDB\",\"ConsumedReadCapacityUnits\",\"TableName\",\"" + env + "-insight-categories\"]"),
                "each metric its own list: " + capacity);
    }

    private static JsonNode widget(Map<String, JsonNode> widgets, String titleStart) {
        return widgets.entrySet().stream().filter(entry -> entry.getKey().startsWith(titleStart)).map(Map.Entry::getValue)
                .findFirst().orElseThrow(() -> new AssertionError("no widget \"" + titleStart + "…\" among " + widgets.keySet()));
    }

    private static Map<String, JsonNode> alarms(JsonNode plan) {
        Map<String, JsonNode> alarms = new TreeMap<>();
        changes(plan, "aws_cloudwatch_metric_alarm").forEach(alarm -> alarms.put(after(alarm).path("alarm_name").asText(), after(alarm)));
        return alarms;
    }

    private static Map<String, String> textMap(JsonNode object) {
        Map<String, String> map = new TreeMap<>();
        object.fields().forEachRemaining(field -> map.put(field.getKey(), field.getValue().asText()));
        return map;
    }

    // ---------------------------------------------------------------- shared assertions

    private static void assertPrivateVersionedEncryptedTlsOnlyBucket(JsonNode plan, String module, String name) {
        String prefix = module.isEmpty() ? "" : module + ".";
        JsonNode versioning = after(byAddress(plan, prefix + "aws_s3_bucket_versioning." + name));
        assertEquals("Enabled", versioning.path("versioning_configuration").path(0).path("status").asText(), name + ": versioning");
        JsonNode sse = after(byAddress(plan, prefix + "aws_s3_bucket_server_side_encryption_configuration." + name));
        assertEquals("AES256", sse.path("rule").path(0).path("apply_server_side_encryption_by_default").path(0)
                .path("sse_algorithm").asText(), name + ": default encryption");
        JsonNode block = after(byAddress(plan, prefix + "aws_s3_bucket_public_access_block." + name));
        for (String setting : List.of("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets")) {
            assertTrue(block.path(setting).asBoolean(), name + ": " + setting);
        }
        assertEquals("BucketOwnerEnforced", after(byAddress(plan, prefix + "aws_s3_bucket_ownership_controls." + name))
                .path("rule").path(0).path("object_ownership").asText(), name + ": no ACLs");
        assertNotNull(byAddress(plan, prefix + "aws_s3_bucket_policy." + name), name + ": bucket policy");
        JsonNode statement = null;
        for (JsonNode document : policyDocuments(plan)) {
            if (document.path("address").asText().startsWith(prefix + "data.aws_iam_policy_document.")) {
                for (JsonNode candidate : document.path("values").path("statement")) {
                    if (candidate.path("sid").asText().equals("DenyInsecureTransport")) {
                        statement = candidate;
                    }
                }
            }
        }
        assertNotNull(statement, name + ": a TLS-only statement");
        assertEquals("Deny", statement.path("effect").asText());
        assertEquals(List.of("s3:*"), texts(statement.path("actions")));
        assertEquals(2, statement.path("resources").size(), "the bucket and its objects");
        assertEquals("*", statement.path("principals").path(0).path("identifiers").path(0).asText(), "whoever makes the request");
        JsonNode condition = statement.path("condition").path(0);
        assertEquals("Bool/aws:SecureTransport/[\"false\"]", condition.path("test").asText() + "/" + condition.path("variable").asText()
                + "/" + condition.path("values"));
    }

    private static void assertContains(String output, String expected) {
        String flat = output.replaceAll("\\s+", " ");
        assertTrue(flat.contains(expected), "expected \"" + expected + "\" in:\n" + output);
    }

    // ---------------------------------------------------------------- terraform runs

    private String validate() {
        Map<String, String> extra = Map.of("TF_DATA_DIR", workDir.resolve("validate-data").toString());
        Result init = run(terraformDir, extra, "init", "-backend=false", "-input=false", "-no-color");
        require(init, "terraform init -backend=false (root module)");
        Result validate = run(terraformDir, extra, "validate", "-no-color");
        require(validate, "terraform validate (root module)");
        return validate.output;
    }

    /** init, validate and plan of terraform/bootstrap in a copy (its state is local: nothing lands in the sources). */
    private JsonNode planBootstrap() {
        try {
            Path base = workDir.resolve("bootstrap");
            Path tree = base.resolve("tree");
            copyTree(terraformDir.resolve("bootstrap"), tree);
            Map<String, String> extra = Map.of("TF_DATA_DIR", base.resolve("data").toString());
            require(run(tree, extra, "init", "-input=false", "-no-color"), "terraform init (bootstrap)");
            Result validate = run(tree, extra, "validate", "-no-color");
            require(validate, "terraform validate (bootstrap)");
            assertTrue(validate.output.contains("The configuration is valid"), validate.output);
            Path planFile = base.resolve("bootstrap.tfplan");
            Result plan = run(tree, extra, "plan", "-refresh=false", "-input=false", "-lock=false", "-no-color",
                    "-var", "offline_plan=true", "-out=" + planFile);
            require(plan, "terraform plan (bootstrap)");
            assertFalse(plan.output.contains("Warning:"), "terraform warns about bootstrap:\n" + plan.output);
            Path json = base.resolve("bootstrap.plan.json");
            require(run(tree, extra, json, "show", "-json", "-no-color", planFile.toString()), "terraform show -json (bootstrap)");
            return JSON.readTree(json.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Plans an environment as a deployment would (the root module with -var-file=environments/&lt;env&gt;/terraform.tfvars),
     * in a copy of terraform/ (without .terraform dirs or state) with a local backend override, so the real S3 backend is
     * never contacted, nothing is written in the source tree, and each plan has its own copy, TF_DATA_DIR and state file
     * (optionally seeded with a state, as after terraform import).
     */
    private JsonNode plan(String name, String env, List<String> vars, JsonNode state) {
        try {
            Path base = workDir.resolve(name);
            Path tree = base.resolve("tree");
            copyTree(terraformDir, tree);
            Path stateFile = base.resolve("terraform.tfstate");
            Files.writeString(tree.resolve("backend_override.tf"), "terraform {\n  backend \"local\" {\n    path = \""
                    + stateFile.toString().replace("\\", "/") + "\"\n  }\n}\n");
            if (state != null) {
                JSON.writeValue(stateFile.toFile(), state);
            }
            Map<String, String> extra = Map.of("TF_DATA_DIR", base.resolve("plan-data").toString());
            require(run(tree, extra, "init", "-input=false", "-no-color"), "terraform init (" + name + ", local backend)");
            Path planFile = base.resolve(name + ".tfplan");
            Result plan = run(tree, extra, planArgs(env, vars, "-out=" + planFile));
            require(plan, "terraform plan " + name + " (-var-file=environments/" + env + "/terraform.tfvars)");
            planLogs.put(name, plan.output);
            Path json = base.resolve(name + ".plan.json");
            require(run(tree, extra, json, "show", "-json", "-no-color", planFile.toString()), "terraform show -json (" + name + ")");
            return JSON.readTree(json.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] planArgs(String env, List<String> vars, String... more) {
        List<String> args = new ArrayList<>(List.of("plan", "-refresh=false", "-input=false", "-lock=false", "-no-color",
                "-var-file=environments/" + env + "/terraform.tfvars", "-var", "offline_plan=true"));
        for (String var : vars) {
            args.add("-var");
            args.add(var);
        }
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** Plans that must fail, in dev's initialised copy: their output (exit code checked) by case. */
    private Map<String, String> runFailingPlans() {
        Path tree = workDir.resolve("dev").resolve("tree");
        Map<String, String> extra = Map.of("TF_DATA_DIR", workDir.resolve("dev").resolve("plan-data").toString());
        Map<String, List<String>> cases = new LinkedHashMap<>();

        // A runner without the build: the default artifact path (../target/… seen from the copy) does not exist.
        List<String> noArtifact = new ArrayList<>(planVars("dev"));
        noArtifact.removeIf(v -> v.startsWith("lambda_artifact_path="));
        cases.put("no artifact", noArtifact);

        List<String> invalid = new ArrayList<>(planVars("dev"));
        invalid.removeIf(v -> v.startsWith("alarm_email="));
        invalid.addAll(List.of("alarm_email=ops@example.com", "cors_allowed_origins=[\"https://insight.example.com\"]",
                "lambda_snap_start=true", "lambda_architecture=arm64", "lambda_memory_size=256",
                "api_domain_name=api.dev.insight.invalid"));
        cases.put("invalid inputs", invalid);

        List<String> snapStartWithProvisioned = new ArrayList<>(planVars("dev"));
        snapStartWithProvisioned.removeIf(v -> v.startsWith("lambda_artifact_path="));
        snapStartWithProvisioned.addAll(List.of("lambda_artifact_path=" + standInJar, "lambda_runtime=java21",
                "lambda_snap_start=true", "provisioned_concurrency=2"));
        cases.put("snap start with provisioned concurrency", snapStartWithProvisioned);

        // prod without its custom domain: both inputs are required there (custom_domain_required = true in its tfvars).
        List<String> prodWithoutDomain = new ArrayList<>(planVars("prod"));
        prodWithoutDomain.removeIf(v -> v.startsWith("api_domain_name=") || v.startsWith("api_certificate_arn="));
        cases.put("prod without custom domain", prodWithoutDomain);

        Map<String, String> outputs = new LinkedHashMap<>();
        cases.forEach((name, vars) -> {
            Result result = run(tree, extra, planArgs(name.startsWith("prod ") ? "prod" : "dev", vars));
            outputs.put(name, result.exitCode == 0 ? "UNEXPECTED SUCCESS (exit 0):\n" + result.output : result.output);
        });
        return outputs;
    }

    private String failingPlan(String name) {
        String output = await(failingPlans, "plans that must fail").get(name);
        assertNotNull(output, name);
        assertFalse(output.startsWith("UNEXPECTED SUCCESS"), "the plan \"" + name + "\" must fail:\n" + output);
        return output;
    }

    private String planDestroy(String name, String env, List<String> vars) {
        Path base = workDir.resolve(name);
        Map<String, String> extra = Map.of("TF_DATA_DIR", base.resolve("plan-data").toString());
        Result result = run(base.resolve("tree"), extra, planArgs(env, vars, "-destroy"));
        assertTrue(result.exitCode != 0, "a destroy plan of the adopted environment must fail:\n" + result.output);
        return result.output;
    }

    private JsonNode plan(String name, boolean await) {
        return await(plans.get(name), "offline plan " + name);
    }

    private static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(10, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return fail(what + " failed: " + cause.getMessage(), cause);
        } catch (Exception e) {
            return fail(what + " did not finish: " + e, e);
        }
    }

    private record Result(int exitCode, String output) {
    }

    private Result run(Path dir, Map<String, String> extraEnv, String... args) {
        return run(dir, extraEnv, null, args);
    }

    private Result run(Path dir, Map<String, String> extraEnv, Path stdoutFile, String... args) {
        List<String> command = new ArrayList<>();
        command.add(terraform);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("TF_VAR_") || name.startsWith("AWS_") || name.equals("TF_WORKSPACE"));
        environment.remove("TF_PLUGIN_CACHE_DIR");
        environment.put("TF_CLI_CONFIG_FILE", cliConfig.toString());
        environment.put("TF_IN_AUTOMATION", "1");
        environment.put("TF_INPUT", "0");
        environment.put("CHECKPOINT_DISABLE", "1");
        environment.put("AWS_ACCESS_KEY_ID", "test");
        environment.put("AWS_SECRET_ACCESS_KEY", "test");
        environment.put("AWS_REGION", "us-east-1");
        environment.put("AWS_EC2_METADATA_DISABLED", "true");
        environment.putAll(extraEnv);
        try {
            Path log = Files.createTempFile(workDir, "terraform-", ".log");
            if (stdoutFile != null) {
                builder.redirectOutput(stdoutFile.toFile()).redirectError(log.toFile());
            } else {
                builder.redirectErrorStream(true).redirectOutput(log.toFile());
            }
            Process process = builder.start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return new Result(-1, "timed out after " + COMMAND_TIMEOUT + ": " + String.join(" ", command)
                        + "\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    private static void require(Result result, String what) {
        if (result.exitCode != 0) {
            throw new AssertionError(what + " exited with " + result.exitCode + ":\n" + result.output);
        }
    }

    private static String findTerraform() {
        List<Path> candidates = new ArrayList<>();
        String explicit = System.getenv("TERRAFORM_BINARY");
        if (explicit != null && !explicit.isBlank()) {
            Path binary = Paths.get(explicit);
            if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
                return fail("TERRAFORM_BINARY=" + explicit + " is not an executable terraform binary");
            }
            return binary.toString();
        }
        for (String entry : envOr("PATH", "").split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                candidates.add(Paths.get(entry, "terraform"));
            }
        }
        candidates.add(Paths.get("/usr/local/bin/terraform"));
        candidates.add(Paths.get("/usr/bin/terraform"));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return fail("terraform binary not found (looked at TERRAFORM_BINARY, PATH, /usr/local/bin, /usr/bin): "
                + "install Terraform >= 1.10 to run the @Tag(\"terraform\") checks");
    }

    // ---------------------------------------------------------------- the Node service's resources, as imported

    /**
     * A state holding the Node service's live resources of an environment as {@code terraform import} records them
     * (the tables and pool as service-architecture.md defines them; its app client without secret), at the addresses
     * imports.tf gives them.
     */
    private static JsonNode nodeServiceState(String env) {
        ArrayNode resources = JSON.createArrayNode();
        ObjectNode categories = nodeTable(env, NODE_CATEGORIES);
        categories.set("server_side_encryption", JSON.createArrayNode().add(JSON.createObjectNode()
                .put("enabled", true).put("kms_key_arn", NODE_TABLE_KEY)));
        categories.set("ttl", JSON.createArrayNode().add(JSON.createObjectNode().put("attribute_name", "").put("enabled", false)));
        resources.add(stateResource("module.dynamodb", "aws_dynamodb_table", "categories", 1, categories));
        ObjectNode templates = nodeTable(env, NODE_TEMPLATES);
        templates.set("server_side_encryption", JSON.createArrayNode());
        templates.set("ttl", JSON.createArrayNode().add(JSON.createObjectNode().put("attribute_name", "expiresAt").put("enabled", true)));
        resources.add(stateResource("module.dynamodb", "aws_dynamodb_table", "templates", 1, templates));

        ObjectNode pool = JSON.createObjectNode()
                .put("id", NODE_POOL_ID)
                .put("name", env + "-insight-user-pool")
                .put("arn", "arn:aws:cognito-idp:us-east-1:" + ACCOUNT + ":userpool/" + NODE_POOL_ID)
                .put("mfa_configuration", "OPTIONAL")
                .put("deletion_protection", "INACTIVE");
        pool.set("software_token_mfa_configuration", JSON.createArrayNode().add(JSON.createObjectNode().put("enabled", true)));
        pool.set("password_policy", JSON.createArrayNode().add(JSON.createObjectNode()
                .put("minimum_length", 12).put("require_lowercase", true).put("require_numbers", true)
                .put("require_symbols", true).put("require_uppercase", true)
                .put("temporary_password_validity_days", 7).put("password_history_size", 0)));
        ObjectNode recovery = JSON.createObjectNode();
        recovery.set("recovery_mechanism", JSON.createArrayNode().add(JSON.createObjectNode().put("name", "verified_email").put("priority", 1)));
        pool.set("account_recovery_setting", JSON.createArrayNode().add(recovery));
        ArrayNode schema = JSON.createArrayNode();
        for (Map.Entry<String, String> attribute : new TreeMap<>(Map.of("organizationId", "256", "role", "64")).entrySet()) {
            ObjectNode definition = JSON.createObjectNode()
                    .put("attribute_data_type", "String").put("developer_only_attribute", false).put("mutable", true)
                    .put("name", attribute.getKey()).put("required", false);
            definition.set("number_attribute_constraints", JSON.createArrayNode());
            definition.set("string_attribute_constraints", JSON.createArrayNode().add(JSON.createObjectNode()
                    .put("min_length", "1").put("max_length", attribute.getValue())));
            schema.add(definition);
        }
        pool.set("schema", schema);
        pool.set("username_attributes", JSON.createArrayNode());
        pool.set("alias_attributes", JSON.createArrayNode());
        pool.set("auto_verified_attributes", JSON.createArrayNode());
        resources.add(stateResource("module.cognito", "aws_cognito_user_pool", "this", 0, pool));

        ObjectNode client = JSON.createObjectNode()
                .put("id", NODE_CLIENT_ID)
                .put("name", env + "-insight-dashboard")
                .put("user_pool_id", NODE_POOL_ID)
                .put("generate_secret", false);
        client.set("explicit_auth_flows", JSON.createArrayNode().add("ALLOW_REFRESH_TOKEN_AUTH").add("ALLOW_USER_SRP_AUTH"));
        resources.add(stateResource("module.cognito", "aws_cognito_user_pool_client", "this", 0, client));

        ObjectNode state = JSON.createObjectNode()
                .put("version", 4).put("terraform_version", "1.11.4").put("serial", 1)
                .put("lineage", "00000000-0000-4000-8000-00000000ad0b");
        state.set("outputs", JSON.createObjectNode());
        state.set("resources", resources);
        return state;
    }

    /**
     * prod's Node-service state, with two things done to the live categories table outside Terraform: an index added
     * (LegacyReportIndex) and its stream switched on. The stack declares neither, so its plan drops both.
     */
    private static JsonNode driftedIndexAndStreamState() {
        JsonNode state = nodeServiceState("prod");
        ObjectNode categories = stateAttributes(state, "aws_dynamodb_table", "categories");
        ((ArrayNode) categories.path("attribute")).add(JSON.createObjectNode().put("name", "reportMonth").put("type", "S"));
        ObjectNode legacy = JSON.createObjectNode().put("name", "LegacyReportIndex").put("hash_key", "organizationId")
                .put("range_key", "reportMonth").put("projection_type", "KEYS_ONLY").put("read_capacity", 0).put("write_capacity", 0);
        legacy.set("non_key_attributes", JSON.createArrayNode());
        ((ArrayNode) categories.path("global_secondary_index")).add(legacy);
        categories.put("stream_enabled", true).put("stream_view_type", "NEW_AND_OLD_IMAGES")
                .put("stream_arn", categories.path("arn").asText() + "/stream/2023-01-01T00:00:00.000")
                .put("stream_label", "2023-01-01T00:00:00.000");
        return state;
    }

    /**
     * dev's Node-service state with live resources better protected than dev's values (point-in-time recovery and
     * deletion protection on both tables, deletion protection on the pool), TTL on another attribute, the categories
     * table on a key of its own, and an app client with a secret (which forces a new client).
     */
    private static JsonNode driftedDevState() {
        JsonNode state = nodeServiceState("dev");
        for (String table : List.of("categories", "templates")) {
            stateAttributes(state, "aws_dynamodb_table", table).put("deletion_protection_enabled", true);
        }
        ObjectNode categories = stateAttributes(state, "aws_dynamodb_table", "categories");
        categories.set("ttl", JSON.createArrayNode().add(JSON.createObjectNode().put("attribute_name", "purgeAt").put("enabled", true)));
        categories.set("server_side_encryption", JSON.createArrayNode().add(JSON.createObjectNode()
                .put("enabled", true).put("kms_key_arn", OTHER_TABLE_KEY)));
        stateAttributes(state, "aws_cognito_user_pool", "this").put("deletion_protection", "ACTIVE");
        stateAttributes(state, "aws_cognito_user_pool_client", "this").put("generate_secret", true).put("client_secret", "secret");
        return state;
    }

    private static ObjectNode stateAttributes(JsonNode state, String type, String name) {
        for (JsonNode resource : state.path("resources")) {
            if (resource.path("type").asText().equals(type) && resource.path("name").asText().equals(name)) {
                return (ObjectNode) resource.path("instances").path(0).path("attributes");
            }
        }
        throw new AssertionError(type + "." + name + " not in the state");
    }

    private static ObjectNode nodeTable(String env, NodeTable node) {
        String name = env + "-" + node.suffix;
        ObjectNode table = JSON.createObjectNode()
                .put("id", name).put("name", name)
                .put("arn", "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/" + name)
                .put("billing_mode", "PAY_PER_REQUEST")
                .put("hash_key", node.hashKey).put("range_key", node.rangeKey)
                .put("stream_enabled", false).put("deletion_protection_enabled", false).put("table_class", "STANDARD");
        ArrayNode attributes = JSON.createArrayNode();
        new TreeMap<>(node.attributeTypes).forEach((attribute, type) ->
                attributes.add(JSON.createObjectNode().put("name", attribute).put("type", type)));
        table.set("attribute", attributes);
        ArrayNode indexes = JSON.createArrayNode();
        new TreeMap<>(node.indexes).forEach((index, definition) -> {
            String[] parts = definition.split("/");
            ObjectNode gsi = JSON.createObjectNode().put("name", index).put("hash_key", parts[0]).put("range_key", parts[1])
                    .put("projection_type", parts[2]).put("read_capacity", 0).put("write_capacity", 0);
            gsi.set("non_key_attributes", JSON.createArrayNode());
            indexes.add(gsi);
        });
        table.set("global_secondary_index", indexes);
        table.set("local_secondary_index", JSON.createArrayNode());
        table.set("point_in_time_recovery", JSON.createArrayNode().add(JSON.createObjectNode().put("enabled", true)));
        table.set("tags", JSON.createObjectNode());
        table.set("tags_all", JSON.createObjectNode());
        return table;
    }

    private static ObjectNode stateResource(String module, String type, String name, int schemaVersion, ObjectNode attributes) {
        ObjectNode resource = JSON.createObjectNode()
                .put("module", module).put("mode", "managed").put("type", type).put("name", name)
                .put("provider", "provider[\"registry.terraform.io/hashicorp/aws\"]");
        ObjectNode instance = JSON.createObjectNode().put("schema_version", schemaVersion);
        instance.set("attributes", attributes);
        resource.set("instances", JSON.createArrayNode().add(instance));
        return resource;
    }

    // ---------------------------------------------------------------- plan JSON helpers

    private static List<JsonNode> changes(JsonNode plan, String type) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode change : plan.path("resource_changes")) {
            if (change.path("mode").asText().equals("managed") && change.path("type").asText().equals(type)
                    && !change.path("change").path("actions").toString().contains("delete")) {
                found.add(change);
            }
        }
        return found;
    }

    private static JsonNode single(JsonNode plan, String type) {
        List<JsonNode> found = changes(plan, type);
        assertEquals(1, found.size(), "exactly one " + type + " expected");
        return found.get(0);
    }

    private static JsonNode byName(JsonNode plan, String type, String name) {
        return changes(plan, type).stream().filter(change -> after(change).path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(type + " named " + name + " not planned"));
    }

    private static JsonNode byAddress(JsonNode plan, String address) {
        for (JsonNode change : plan.path("resource_changes")) {
            if (change.path("address").asText().equals(address)) {
                return change;
            }
        }
        throw new AssertionError(address + " not planned");
    }

    private static JsonNode after(JsonNode change) {
        return change.path("change").path("after");
    }

    private static JsonNode afterUnknown(JsonNode change) {
        return change.path("change").path("after_unknown");
    }

    private static JsonNode configResource(JsonNode module, String address) {
        for (JsonNode resource : module.path("resources")) {
            if (resource.path("address").asText().equals(address)) {
                return resource;
            }
        }
        throw new AssertionError(address + " not in the configuration");
    }

    /**
     * Every aws_iam_policy_document: those read during plan (prior_state, with known JSON) and those deferred
     * to apply because they reference resources not created yet (resource_changes, statements with the known
     * parts; unknown ARNs are null and cannot be wildcards since they come from resources).
     */
    private static List<JsonNode> policyDocuments(JsonNode plan) {
        Map<String, JsonNode> documents = new TreeMap<>();
        collectPriorDocuments(plan.path("prior_state").path("values").path("root_module"), documents);
        for (JsonNode change : plan.path("resource_changes")) {
            if (change.path("mode").asText().equals("data") && change.path("type").asText().equals("aws_iam_policy_document")) {
                documents.put(change.path("address").asText(),
                        JSON.createObjectNode().put("address", change.path("address").asText()).set("values", after(change)));
            }
        }
        return new ArrayList<>(documents.values());
    }

    private static void collectPriorDocuments(JsonNode module, Map<String, JsonNode> documents) {
        for (JsonNode resource : module.path("resources")) {
            if (resource.path("mode").asText().equals("data") && resource.path("type").asText().equals("aws_iam_policy_document")) {
                documents.put(resource.path("address").asText(), resource);
            }
        }
        for (JsonNode child : module.path("child_modules")) {
            collectPriorDocuments(child, documents);
        }
    }

    private static JsonNode moduleResource(JsonNode module, String moduleName, String type) {
        JsonNode child = module.path("module_calls").path(moduleName).path("module");
        for (JsonNode resource : child.path("resources")) {
            if (resource.path("type").asText().equals(type)) {
                return resource;
            }
        }
        throw new AssertionError(type + " not found in module " + moduleName);
    }

    private static Map<String, String> indexes(JsonNode table) {
        Map<String, String> indexes = new TreeMap<>();
        for (JsonNode index : table.path("global_secondary_index")) {
            indexes.put(index.path("name").asText(), index.path("hash_key").asText() + "/" + index.path("range_key").asText()
                    + "/" + index.path("projection_type").asText());
        }
        return indexes;
    }

    private static Map<String, String> attributeTypes(JsonNode table) {
        Map<String, String> types = new TreeMap<>();
        table.path("attribute").forEach(attribute -> types.put(attribute.path("name").asText(), attribute.path("type").asText()));
        return types;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static JsonNode asArray(JsonNode node) {
        if (node.isArray()) {
            return node;
        }
        return node.isMissingNode() || node.isNull() ? JSON.createArrayNode() : JSON.createArrayNode().add(node);
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readUnchecked(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> missing(Set<String> required, Set<String> present) {
        Set<String> missing = new TreeSet<>(required);
        missing.removeAll(present);
        return missing;
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static Path writeZip(Path file, String entry, String content) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry zipEntry = new ZipEntry(entry);
            zipEntry.setTime(0);
            zip.putNextEntry(zipEntry);
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return file;
    }

    private static String sha256Base64(Path file) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.collect(Collectors.toList())) {
                Path relative = source.relativize(path);
                String name = path.getFileName().toString();
                boolean inDataDir = false;
                for (Path element : relative) {
                    inDataDir |= element.toString().equals(".terraform");
                }
                if (inDataDir || name.endsWith(".tfstate") || name.endsWith(".tfstate.backup") || name.equals(".terraform.lock.hcl")) {
                    continue;
                }
                Path destination = target.resolve(relative.toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(path, destination);
                }
            }
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(path);
            }
        }
    }
}
